/** Small builders for node descriptions, so each operation file states only its own fields. */
import {
	updateDisplayOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [operation] } },
		properties,
	);
}

function operationSelector(
	resource: string,
	options: INodePropertyOptions[],
	defaultOp: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOp,
	};
}

export function resourceSelector(
	options: INodePropertyOptions[],
	defaultResource: string,
): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: defaultResource,
	};
}

/** What a resource's module (actions/<resource>/index.ts) exports: its entry in the Resource menu, its fields. */
export interface ResourceModule {
	resource: INodePropertyOptions;
	description: INodeProperties[];
}

/**
 * A resource's fields: its Operation menu (`options`, in the order the menu shows them), then each
 * operation's own fields, in the order of `operations`.
 */
export function resourceFields(
	resource: string,
	defaultOp: string,
	operations: Array<{ description: INodeProperties[] }>,
	options: INodePropertyOptions[],
): INodeProperties[] {
	return [
		operationSelector(resource, options, defaultOp),
		...operations.flatMap((operation) => operation.description),
	];
}

/** A parameter that takes one of `options`. */
export function optionsField(
	displayName: string,
	name: string,
	defaultValue: string,
	options: INodePropertyOptions[],
	more: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'options', options, default: defaultValue, ...more };
}

/** A parameter that takes any of `options`, none by default. */
export function multiOptionsField(
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
	more: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'multiOptions', options, default: [], ...more };
}

/** The Options collection of a node or operation: the fields a user adds only when needed. */
export function optionsCollection(options: INodeProperties[], name = 'options'): INodeProperties {
	return {
		displayName: 'Options',
		name,
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/** The message text of a send operation, shown when `show` holds. */
export function messageTextField(
	show: NonNullable<INodeProperties['displayOptions']>['show'],
	description?: string,
): INodeProperties {
	return {
		displayName: 'Text',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		...(description ? { description } : {}),
		displayOptions: { show },
	};
}

export function binaryPropertyField(
	description: string,
	name = 'binaryPropertyName',
): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name,
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to be sent',
		description,
	};
}

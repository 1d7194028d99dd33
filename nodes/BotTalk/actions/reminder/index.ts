import { operationSelector } from '../../../shared/describe';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as list from './list.operation';

export { create, del, disable, enable, list };

export const description = [
	operationSelector(
		'reminder',
		[
			{ name: 'Create', value: 'create', action: 'Create a reminder', description: 'Schedule a reminder push' },
			{ name: 'Delete', value: 'delete', action: 'Delete a reminder' },
			{ name: 'Disable', value: 'disable', action: 'Disable a reminder', description: 'Pause a reminder without deleting it' },
			{ name: 'Enable', value: 'enable', action: 'Enable a reminder' },
			{ name: 'List', value: 'list', action: 'List reminders' },
		],
		'list',
	),
	...create.description,
	...del.description,
	...enable.description,
	...disable.description,
	...list.description,
];

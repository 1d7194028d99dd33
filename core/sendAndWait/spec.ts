/**
 * One reading of the node's send-and-wait parameters, used both when sending (execute) and when
 * answering (webhook), so the page a person sees always matches the message they were sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseFields, SpecError, type FormField } from './formFields';

export { SpecError };
export type { FormField };
export type ResponseType = 'approval' | 'freeText' | 'customForm';

export interface WaitSpec {
	/** What is sent: the question, and n8n's attribution when Append Attribution is on. */
	message: string;
	/** The question as written, shown on the answer page. */
	question: string;
	responseType: ResponseType;
	/** Approval only: the choices offered, approve first. */
	choices: Array<{ value: 'approve' | 'decline'; label: string }>;
	fields: FormField[];
	options: IDataObject;
}

/** Reads a parameter; the caller binds the context (execute with an item index, or webhook). */
export type ParamReader = (name: string, fallback: unknown) => unknown;

/** The part of n8n's execute and webhook contexts the parameter reader needs (an item index bound). */
interface ParamContext {
	getNodeParameter(name: string, fallback: unknown, options?: { rawExpressions: boolean }): unknown;
	evaluateExpression(expression: string): unknown;
}

const TOOL_PARAMETERS = /\{\{\s*\$tool\.parameters\s*\}\}/g;

/**
 * The context's parameters, with one change for 'message': n8n's Human-in-the-loop tool asks with
 * `{{ $tool.parameters }}` by default, an object that n8n writes into text as "[object Object]".
 * Read here, the tool's parameters show as JSON instead.
 */
export function withReadableToolParameters(ctx: ParamContext): ParamReader {
	const get: ParamReader = (name, fallback) => ctx.getNodeParameter(name, fallback);
	return (name, fallback) => {
		if (name !== 'message') return get(name, fallback);
		const raw = ctx.getNodeParameter('message', fallback, { rawExpressions: true });
		const readable =
			typeof raw === 'string' && raw.startsWith('=')
				? raw.replace(TOOL_PARAMETERS, '{{ JSON.stringify($tool.parameters, null, 2) }}')
				: raw;
		// evaluateExpression adds the expression's leading '=' itself.
		return readable === raw
			? get(name, fallback)
			: ctx.evaluateExpression((readable as string).slice(1));
	};
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The sentence n8n's own chat nodes end a message with (its Append n8n Attribution option; Append Attribution here). */
export const ATTRIBUTION = 'This message was sent automatically with n8n';

export function readSpec(get: ParamReader): WaitSpec {
	const message = text(get('message', '')).trim();
	if (!message) throw new SpecError('Message is empty: write what the person is asked');
	const responseType = text(get('responseType', 'approval')) as ResponseType;
	const options = (get('waitOptions', {}) ?? {}) as IDataObject;
	const sent = options.appendAttribution === true ? `${message}\n\n${ATTRIBUTION}` : message;
	const spec: WaitSpec = {
		message: sent,
		question: message,
		responseType,
		choices: [],
		fields: [],
		options,
	};
	if (responseType === 'approval') {
		spec.choices.push({
			value: 'approve',
			label: text(get('approveLabel', 'Approve')).trim() || 'Approve',
		});
		if (text(get('approvalType', 'double')) === 'double')
			spec.choices.push({
				value: 'decline',
				label: text(get('declineLabel', 'Decline')).trim() || 'Decline',
			});
	} else if (responseType === 'freeText') {
		spec.fields = [
			{
				label: 'text',
				key: 'text',
				type: 'textarea',
				required: true,
				options: [],
				multiple: false,
				placeholder: '',
				value: '',
			},
		];
	} else if (responseType === 'customForm') {
		if (text(get('defineForm', 'fields')) === 'json')
			spec.fields = parseFields(get('formJson', '[]'), 'Form Fields (JSON)');
		else {
			const values = ((get('formFields', {}) as IDataObject)?.values ?? []) as IDataObject[];
			spec.fields = parseFields(values, 'Form Fields');
		}
	} else {
		throw new SpecError(
			`Response Type "${responseType}" is not one of approval, freeText, customForm`,
		);
	}
	return spec;
}

/**
 * The IDs allowed to answer: undefined when the option is not set (anyone may), else the list, which
 * is empty when the option is set but names nobody (an expression that came out empty): then
 * nobody may, never anyone.
 */
export function allowedUsers(spec: WaitSpec): string[] | undefined {
	const raw = spec.options.allowedUserIds;
	if (raw === undefined) return undefined;
	return text(raw)
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Whether the message carries in-chat buttons (answered through the trigger). */
export function usesChatButtons(spec: WaitSpec, platformHasButtons: boolean): boolean {
	return (
		platformHasButtons && spec.responseType === 'approval' && spec.options.chatButtons !== false
	);
}

/** Whether the message carries the answer link (not when only listed users may answer). */
export function usesLink(spec: WaitSpec, platformHasButtons: boolean): boolean {
	return !(usesChatButtons(spec, platformHasButtons) && allowedUsers(spec) !== undefined);
}

export function pageTitle(spec: WaitSpec): string {
	return text(spec.options.pageTitle).trim() || spec.question.split('\n')[0].slice(0, 120);
}

/** What the page shows under its title: Page Description, else the question (n8n's "\\n" and <br> are line breaks). */
export function pageDescription(spec: WaitSpec): string {
	const own = text(spec.options.pageDescription).trim();
	return own ? own.replace(/\\n/g, '\n').replace(/<br\s*\/?>/gi, '\n') : spec.question;
}

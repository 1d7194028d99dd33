/**
 * One reading of the node's send-and-wait parameters, used both when sending (execute) and when
 * answering (webhook), so the page a person sees always matches the message they were sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseJson } from '../json';
import { FIELD_TYPES } from './properties';

export type FieldType = (typeof FIELD_TYPES)[number];
export type ResponseType = 'approval' | 'freeText' | 'customForm';

export interface FormField {
	label: string;
	type: FieldType;
	required: boolean;
	options: string[];
	placeholder: string;
}

export interface WaitSpec {
	message: string;
	responseType: ResponseType;
	/** Approval only: the choices offered, approve first. */
	choices: Array<{ value: 'approve' | 'decline'; label: string }>;
	fields: FormField[];
	options: IDataObject;
}

/** Reads a parameter; the caller binds the context (execute with an item index, or webhook). */
export type ParamReader = (name: string, fallback: unknown) => unknown;

/** A parameter mistake, named by the field a user sees. */
export class SpecError extends Error {}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function parseOrUndefined(s: string): unknown {
	try {
		return parseJson(s);
	} catch {
		return undefined;
	}
}

export function parseFields(raw: unknown, source: string): FormField[] {
	const list = typeof raw === 'string' ? parseOrUndefined(raw) : raw;
	if (list === undefined) throw new SpecError(`${source} is not valid JSON`);
	if (!Array.isArray(list) || list.length === 0) throw new SpecError(`${source} must be a non-empty array of fields`);
	const seen = new Set<string>();
	return list.map((f, i) => {
		if (!f || typeof f !== 'object') throw new SpecError(`${source}: field ${i + 1} is not an object`);
		const o = f as IDataObject;
		const label = text(o.fieldLabel).trim();
		if (!label) throw new SpecError(`${source}: field ${i + 1} has no fieldLabel`);
		if (seen.has(label)) throw new SpecError(`${source}: the label "${label}" is used twice (labels are the output keys)`);
		seen.add(label);
		const type = (text(o.fieldType) || 'text') as FieldType;
		if (!FIELD_TYPES.includes(type)) throw new SpecError(`${source}: field "${label}" has fieldType "${type}", not one of ${FIELD_TYPES.join(', ')}`);
		const rawOptions = o.fieldOptions;
		const options = (Array.isArray(rawOptions) ? rawOptions.map((x) => text(typeof x === 'object' && x ? (x as IDataObject).option : x)) : text(rawOptions).split(','))
			.map((s) => s.trim())
			.filter(Boolean);
		if (type === 'dropdown' && options.length === 0) throw new SpecError(`${source}: dropdown "${label}" needs fieldOptions`);
		return { label, type, required: o.requiredField === true, options, placeholder: text(o.placeholder) };
	});
}

export function readSpec(get: ParamReader): WaitSpec {
	const message = text(get('message', '')).trim();
	if (!message) throw new SpecError('Message is empty: write what the person is asked');
	const responseType = text(get('responseType', 'approval')) as ResponseType;
	const options = (get('waitOptions', {}) ?? {}) as IDataObject;
	const spec: WaitSpec = { message, responseType, choices: [], fields: [], options };
	if (responseType === 'approval') {
		spec.choices.push({ value: 'approve', label: text(get('approveLabel', 'Approve')).trim() || 'Approve' });
		if (text(get('approvalType', 'double')) === 'double') spec.choices.push({ value: 'decline', label: text(get('declineLabel', 'Decline')).trim() || 'Decline' });
	} else if (responseType === 'freeText') {
		spec.fields = [{ label: 'text', type: 'textarea', required: true, options: [], placeholder: '' }];
	} else if (responseType === 'customForm') {
		if (text(get('defineForm', 'fields')) === 'json') spec.fields = parseFields(get('formJson', '[]'), 'Form Fields (JSON)');
		else {
			const values = ((get('formFields', {}) as IDataObject)?.values ?? []) as IDataObject[];
			spec.fields = parseFields(values, 'Form Fields');
		}
	} else {
		throw new SpecError(`Response Type "${responseType}" is not one of approval, freeText, customForm`);
	}
	return spec;
}

/** The IDs allowed to answer, or undefined when anyone may. */
export function allowedUsers(spec: WaitSpec): string[] | undefined {
	const ids = text(spec.options.allowedUserIds).split(',').map((s) => s.trim()).filter(Boolean);
	return ids.length ? ids : undefined;
}

/** Whether the message carries in-chat buttons (answered through the trigger). */
export function usesChatButtons(spec: WaitSpec, platformHasButtons: boolean): boolean {
	return platformHasButtons && spec.responseType === 'approval' && spec.options.chatButtons !== false;
}

/** Whether the message carries the answer link (not when only listed users may answer). */
export function usesLink(spec: WaitSpec, platformHasButtons: boolean): boolean {
	return !(usesChatButtons(spec, platformHasButtons) && allowedUsers(spec));
}

export function pageTitle(spec: WaitSpec): string {
	return text(spec.options.pageTitle).trim() || spec.message.split('\n')[0].slice(0, 120);
}

export type Answer = { ok: true; data: IDataObject } | { ok: false; errors: Record<string, string> };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a submitted form (fields named by their index) and returns the output by label. */
export function readFormAnswer(fields: FormField[], body: IDataObject): Answer {
	const data: IDataObject = {};
	const errors: Record<string, string> = {};
	fields.forEach((f, i) => {
		const raw = body[`field-${i}`];
		const value = Array.isArray(raw) ? text(raw[raw.length - 1]) : text(raw);
		if (f.type === 'checkbox') {
			data[f.label] = value !== '';
			if (f.required && value === '') errors[f.label] = 'must be checked';
			return;
		}
		const v = value.trim();
		if (v === '') {
			if (f.required) errors[f.label] = 'is required';
			data[f.label] = f.type === 'number' ? null : '';
			return;
		}
		if (f.type === 'number') {
			const n = Number(v);
			if (!Number.isFinite(n)) errors[f.label] = 'must be a number';
			else data[f.label] = n;
		} else if (f.type === 'email' && !EMAIL.test(v)) errors[f.label] = 'must be an email address';
		else if (f.type === 'date' && !DATE.test(v)) errors[f.label] = 'must be a date (YYYY-MM-DD)';
		else if (f.type === 'dropdown' && !f.options.includes(v)) errors[f.label] = `must be one of ${f.options.join(', ')}`;
		else data[f.label] = f.type === 'textarea' ? value : v;
	});
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}

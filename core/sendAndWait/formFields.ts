/**
 * A custom form's fields, read from the node's UI (Form Fields) or JSON (Form Fields (JSON)) in
 * the shapes n8n's own Form and Send and Wait use, so fields copied from an n8n workflow work.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseJson } from '../json';
import { sanitizeHtml } from './sanitizeHtml';

export const FIELD_TYPES = [
	'text',
	'textarea',
	'number',
	'email',
	'password',
	'date',
	'dropdown',
	'checkbox',
	'radio',
	'hiddenField',
	'html',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormField {
	/** What the page shows above the field (hidden and HTML fields show none). */
	label: string;
	/** The key of the answer in the output; undefined for an HTML field without an element name. */
	key?: string;
	type: FieldType;
	required: boolean;
	/** Dropdown, radio and checkbox choices. */
	options: string[];
	/** Whether several choices may be picked (dropdown with multiselect, checkbox with choices): the answer is an array. */
	multiple: boolean;
	/** Checkbox choices: how many must be ticked. */
	selections?: { exact?: number; min?: number; max?: number };
	placeholder: string;
	/** Hidden field: its value. HTML field: the (sanitized) HTML. */
	value: string;
}

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

/** Choices as n8n writes them ({ values: [{ option }] }), as a list, or comma-separated. */
function readOptions(raw: unknown): string[] {
	const list =
		raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as IDataObject).values : raw;
	const items = Array.isArray(list)
		? list.map((x) => text(x && typeof x === 'object' ? (x as IDataObject).option : x))
		: text(list).split(',');
	return items.map((s) => s.trim()).filter(Boolean);
}

function count(o: IDataObject, name: string, where: string, min: number): number {
	const n = Number(o[name]);
	if (!Number.isInteger(n) || n < min)
		throw new SpecError(`${where}: ${name} must be a whole number of at least ${min}`);
	return n;
}

function selectionsOf(o: IDataObject, where: string, options: number): FormField['selections'] {
	const limit = text(o.limitSelection) || 'unlimited';
	if (limit === 'unlimited') return undefined;
	if (limit === 'exact') {
		const exact = count(o, 'numberOfSelections', where, 1);
		if (exact > options)
			throw new SpecError(
				`${where}: numberOfSelections is ${exact} but there are only ${options} choices`,
			);
		return { exact };
	}
	if (limit === 'range') {
		const min = count(o, 'minSelections', where, 0);
		const max = count(o, 'maxSelections', where, 1);
		if (min > max)
			throw new SpecError(`${where}: minSelections (${min}) is more than maxSelections (${max})`);
		return { min, max };
	}
	throw new SpecError(`${where}: limitSelection is "${limit}", not one of unlimited, exact, range`);
}

export function parseFields(raw: unknown, source: string): FormField[] {
	const list = typeof raw === 'string' ? parseOrUndefined(raw) : raw;
	if (list === undefined) throw new SpecError(`${source} is not valid JSON`);
	if (!Array.isArray(list) || list.length === 0)
		throw new SpecError(`${source} must be a non-empty array of fields`);
	const keys = new Set<string>();
	const claim = (key: string, what: string) => {
		if (keys.has(key))
			throw new SpecError(
				`${source}: the ${what} "${key}" is used twice (it is a key of the output)`,
			);
		keys.add(key);
	};
	return list.map((f, i) => {
		if (!f || typeof f !== 'object')
			throw new SpecError(`${source}: field ${i + 1} is not an object`);
		const o = f as IDataObject;
		const type = (text(o.fieldType) || 'text') as FieldType;
		const named = text(o.fieldLabel).trim() || text(o.fieldName).trim();
		if (!FIELD_TYPES.includes(type))
			throw new SpecError(
				`${source}: field ${named ? `"${named}"` : i + 1} has fieldType "${type}", not one of ${FIELD_TYPES.join(', ')}`,
			);
		const field: FormField = {
			label: '',
			type,
			required: false,
			options: [],
			multiple: false,
			placeholder: '',
			value: '',
		};
		if (type === 'hiddenField') {
			const name = text(o.fieldName).trim() || text(o.fieldLabel).trim();
			if (!name) throw new SpecError(`${source}: hidden field ${i + 1} has no fieldName`);
			claim(name, 'field name');
			return { ...field, label: name, key: name, value: text(o.fieldValue) };
		}
		if (type === 'html') {
			const key = text(o.elementName).trim() || undefined;
			if (key) claim(key, 'element name');
			return { ...field, key, value: sanitizeHtml(text(o.html)) };
		}
		const label = text(o.fieldLabel).trim();
		if (!label) throw new SpecError(`${source}: field ${i + 1} has no fieldLabel`);
		// The message of old versions, kept: the label is what users know.
		if (keys.has(label))
			throw new SpecError(
				`${source}: the label "${label}" is used twice (labels are the output keys)`,
			);
		keys.add(label);
		const where = `${source}: field "${label}"`;
		const options = readOptions(o.fieldOptions);
		if ((type === 'dropdown' || type === 'radio') && options.length === 0)
			throw new SpecError(`${source}: ${type} "${label}" needs fieldOptions`);
		const multiple =
			(type === 'dropdown' && o.multiselect === true) ||
			(type === 'checkbox' && options.length > 0);
		if (type === 'checkbox' && !multiple && (text(o.limitSelection) || 'unlimited') !== 'unlimited')
			throw new SpecError(
				`${where}: limitSelection needs fieldOptions (a checkbox without them is one yes/no box)`,
			);
		return {
			...field,
			label,
			key: label,
			required: o.requiredField === true,
			options: type === 'dropdown' || type === 'radio' || multiple ? options : [],
			multiple,
			selections:
				type === 'checkbox' && multiple ? selectionsOf(o, where, options.length) : undefined,
			placeholder: text(o.placeholder),
		};
	});
}

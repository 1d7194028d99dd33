/**
 * A submitted form, checked on the server (the page's own checks are only a convenience) and
 * turned into the output: values by field key, typed as n8n's forms type them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FormField } from './formFields';
import { isCalendarDate } from './wallTime';

export type Answer =
	| { ok: true; data: IDataObject }
	| { ok: false; errors: Record<string, string> };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Decimal notation only: Number() would also take 0x1F, 0b1, 0o7, Infinity and whitespace. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Sets an own key, also for keys such as "__proto__" that plain assignment would not create. */
export function putOwn(target: IDataObject, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function numberError(v: string): string | undefined {
	if (!DECIMAL.test(v)) return 'must be a number';
	const n = Number(v);
	if (!Number.isFinite(n)) return 'is too large';
	// A long integer would come out changed (IDs beyond 2^53): a text field keeps it exact.
	if (/^[+-]?\d+$/.test(v) && !Number.isSafeInteger(n))
		return 'has more digits than a number keeps exactly (use a text field)';
	return undefined;
}

function dateError(v: string): string | undefined {
	const m = DATE.exec(v);
	return m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))
		? undefined
		: 'must be a date (YYYY-MM-DD)';
}

function choicesError(f: FormField, picked: string[]): string | undefined {
	const unknown = picked.find((p) => !f.options.includes(p));
	if (unknown !== undefined) return `must be chosen from ${f.options.join(', ')}`;
	if (f.required && picked.length === 0) return 'is required';
	const s = f.selections;
	if (!s || (picked.length === 0 && !f.required)) return undefined;
	if (s.exact !== undefined && picked.length !== s.exact) return `needs exactly ${s.exact} ticked`;
	if (s.min !== undefined && picked.length < s.min) return `needs at least ${s.min} ticked`;
	if (s.max !== undefined && picked.length > s.max) return `allows at most ${s.max} ticked`;
	return undefined;
}

/** Checks a submitted form (fields named field-0, field-1, … by position) and returns the output. */
export function readFormAnswer(fields: FormField[], body: IDataObject): Answer {
	const data: IDataObject = {};
	const errors: Record<string, string> = {};
	fields.forEach((f, i) => {
		const name = `field-${i}`;
		const fail = (message: string) => {
			errors[name] = message;
		};
		const put = (value: unknown) => {
			if (f.key !== undefined) putOwn(data, f.key, value);
		};
		// Hidden and HTML fields answer with what the node holds, never with what was posted.
		if (f.type === 'hiddenField' || f.type === 'html') return put(f.value);
		const raw = body[name];
		const all = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(
			text,
		);
		if (f.multiple) {
			const picked = f.options.filter((o) => all.includes(o));
			const error = choicesError(
				f,
				all.filter((v) => v !== ''),
			);
			if (error) fail(error);
			return put(picked);
		}
		const value = all.length ? all[all.length - 1] : '';
		if (f.type === 'checkbox') {
			if (f.required && value === '') fail('must be checked');
			return put(value !== '');
		}
		// Spaces may be part of a password or a long answer; elsewhere they are typing noise.
		const v = f.type === 'password' || f.type === 'textarea' ? value : value.trim();
		if (v.trim() === '') {
			if (f.required) fail('is required');
			return put(f.type === 'number' ? null : '');
		}
		let error: string | undefined;
		if (f.type === 'number') error = numberError(v);
		else if (f.type === 'email' && !EMAIL.test(v)) error = 'must be an email address';
		else if (f.type === 'date') error = dateError(v);
		else if ((f.type === 'dropdown' || f.type === 'radio') && !f.options.includes(v))
			error = `must be one of ${f.options.join(', ')}`;
		if (error) return fail(error);
		put(f.type === 'number' ? Number(v) : v);
	});
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}

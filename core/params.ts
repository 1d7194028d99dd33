/** Reading node parameters with errors that name the field, raised before any request. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { parseJson, toIntegerIdString } from './json';

function fail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

export function stringParam(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback = '',
): string {
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : String(value);
}

export function requiredString(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = stringParam(ctx, name, itemIndex).trim();
	if (!value) fail(ctx, itemIndex, `${label} is required`);
	return value;
}

/** An integer ID given as a safe integer or a decimal string, returned as an exact decimal string. */
export function integerId(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	label: string,
): string {
	if (value === '' || value === undefined || value === null)
		fail(ctx, itemIndex, `${label} is required`);
	try {
		return toIntegerIdString(value, label);
	} catch (error) {
		return fail(ctx, itemIndex, (error as Error).message);
	}
}

export function integerIdParam(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	return integerId(ctx, ctx.getNodeParameter(name, itemIndex, '') as unknown, itemIndex, label);
}

/**
 * A JSON parameter (object or array) parsed without losing digits: integers beyond 2^53 become
 * decimal strings. Accepts an already-parsed object (expressions may yield one).
 */
export function jsonParam<T = IDataObject>(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	fallback?: T,
): T {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) {
		if (fallback !== undefined) return fallback;
		fail(ctx, itemIndex, `${label} is required`);
	}
	if (typeof raw !== 'string') return raw as T;
	if (raw.trim() === '') {
		if (fallback !== undefined) return fallback;
		fail(ctx, itemIndex, `${label} is required`);
	}
	try {
		return parseJson<T>(raw);
	} catch (error) {
		return fail(ctx, itemIndex, `${label} is not valid JSON: ${(error as Error).message}`);
	}
}

/** Exactly one of two alternatives (e.g. group or user) must be set. */
export function exactlyOne(
	ctx: IExecuteFunctions,
	itemIndex: number,
	a: { label: string; value: string },
	b: { label: string; value: string },
): 'a' | 'b' {
	if (a.value && b.value) fail(ctx, itemIndex, `Set either ${a.label} or ${b.label}, not both`);
	if (!a.value && !b.value) fail(ctx, itemIndex, `Set ${a.label} or ${b.label}`);
	return a.value ? 'a' : 'b';
}

export function failParam(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): never {
	return fail(ctx, itemIndex, message, description);
}

/** A JSON parameter that must be an object (not an array or a scalar). */
export function jsonObjectParam(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	fallback?: IDataObject,
): IDataObject {
	const value = jsonParam<unknown>(ctx, name, itemIndex, label, fallback);
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		fail(ctx, itemIndex, `${label} must be a JSON object`);
	return value as IDataObject;
}

/** An http(s) URL, or undefined when optional and empty. */
export function httpUrl(
	ctx: IExecuteFunctions,
	value: string,
	itemIndex: number,
	label: string,
): string {
	if (!/^https?:\/\//i.test(value))
		fail(ctx, itemIndex, `${label} must start with http:// or https://, got "${value}"`);
	return value;
}

/**
 * Update offsets (MPChat getUpdates, Fly updates): the position of the next fetch. An update_id
 * may lie beyond 2^53, so an offset is always an exact decimal string here, never a JS number.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failParam, integerId } from './params';

/** One past the highest update_id, exact beyond 2^53; undefined when no update has an ID. */
export function nextOffset(updates: IDataObject[]): string | undefined {
	let max: bigint | undefined;
	for (const u of updates) {
		const raw = u.update_id;
		if ((typeof raw !== 'number' && typeof raw !== 'string') || !/^\d+$/.test(String(raw)))
			continue;
		const id = BigInt(String(raw));
		if (max === undefined || id > max) max = id;
	}
	return max === undefined ? undefined : (max + BigInt(1)).toString();
}

/** The Offset field of a Get Many operation: a string, so an offset beyond 2^53 keeps every digit. */
export function offsetProperty(description: string): INodeProperties {
	return {
		displayName: 'Offset',
		name: 'offset',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.nextOffset }}',
		description,
	};
}

/** The Offset parameter as an exact decimal string; undefined when empty or 0 (the oldest pending). */
export function offsetParam(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const raw = ctx.getNodeParameter('offset', itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return undefined;
	const id = integerId(ctx, typeof raw === 'string' ? raw.trim() : raw, itemIndex, 'Offset');
	const offset = BigInt(id);
	if (offset < BigInt(0)) failParam(ctx, itemIndex, `Offset must be 0 or more, got ${id}`);
	return offset === BigInt(0) ? undefined : offset.toString();
}

/** Each update with the offset that fetches what comes after its batch. */
export function withNextOffset(updates: IDataObject[]): IDataObject[] {
	const next = nextOffset(updates);
	return next === undefined ? updates : updates.map((u) => ({ ...u, nextOffset: next }));
}

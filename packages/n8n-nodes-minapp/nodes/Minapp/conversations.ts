/**
 * minapp's users and groups: what the conversation picker and the List operations show. The
 * document says only "a list with names and conversation_id", so every plausible wrapping and
 * name field is accepted; an answer that holds no such list is an error, not an empty picker.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { apiRequest, type RequestContext } from '../shared/request';
import { minapp } from './platform';

export type ConversationKind = 'users' | 'groups';

const LIST_KEYS = [
	'data',
	'list',
	'items',
	'users',
	'groups',
	'conversations',
	'records',
	'rows',
	'result',
];
const NAME_KEYS = [
	'name',
	'nickname',
	'nick_name',
	'title',
	'group_name',
	'groupName',
	'user_name',
	'userName',
	'display_name',
	'displayName',
	'remark',
];
const ID_KEYS = ['conversation_id', 'conversationId'];

const isObject = (v: unknown): v is IDataObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function findList(value: unknown, depth = 0): unknown[] | undefined {
	if (Array.isArray(value)) return value;
	if (!isObject(value) || depth > 2) return undefined;
	for (const key of LIST_KEYS) {
		const list = findList(value[key], depth + 1);
		if (list) return list;
	}
	return undefined;
}

const firstText = (entry: IDataObject, keys: string[]) => {
	const key = keys.find((k) => typeof entry[k] === 'string' || typeof entry[k] === 'number');
	return key === undefined ? undefined : String(entry[key]);
};

/** Each entry with `name` and `conversation_id`, or undefined when the answer is not such a list. */
export function conversationEntries(data: unknown): IDataObject[] | undefined {
	const list = findList(data);
	if (!list) return undefined;
	const out: IDataObject[] = [];
	for (const entry of list) {
		if (!isObject(entry)) return undefined;
		const id = firstText(entry, ID_KEYS);
		if (id === undefined || id === '') return undefined;
		out.push({ ...entry, name: firstText(entry, NAME_KEYS) ?? id, conversation_id: id });
	}
	return out;
}

/** The answer's shape by its keys only: values might hold anything, keys name no secret. */
function shapeOf(data: unknown): string {
	const keys = (o: IDataObject) => Object.keys(o).slice(0, 10).join(', ') || 'none';
	if (Array.isArray(data))
		return `a list of ${data.length} whose first entry has ${isObject(data[0]) ? `the keys ${keys(data[0])}` : `the type ${typeof data[0]}`}`;
	if (isObject(data)) return `an object with the keys ${keys(data)}`;
	return `a ${typeof data}`;
}

export async function listConversations(
	ctx: RequestContext,
	kind: ConversationKind,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const data = await apiRequest.call(ctx, minapp, {
		method: 'GET',
		path: `/api/${kind}`,
		itemIndex,
	});
	const entries = conversationEntries(data);
	if (entries) return entries;
	throw new NodeOperationError(
		ctx.getNode(),
		`minapp GET /api/${kind}: the answer is not a list of names and conversation_id`,
		{
			itemIndex,
			description: `Expected a list of entries with a name and a conversation_id; got ${shapeOf(data)}.`,
		},
	);
}

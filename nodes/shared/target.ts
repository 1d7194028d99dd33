/** "Send to a group or a user": the either-or target bi.ink and Fly sends share. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { exactlyOne, stringParam } from './params';

export const targetProperties: INodeProperties[] = [
	{ displayName: 'Group ID', name: 'groupId', type: 'string', default: '', description: 'Send to this group. Set either Group ID or User ID.' },
	{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'Send privately to this user. Set either Group ID or User ID.' },
];

export interface Target {
	/** The request fields, e.g. {group_id} or {to_user_id}. */
	fields: IDataObject;
	/** The conversation, for the runner's per-chat ordering. */
	chatKey: string;
}

/** Exactly one of Group ID and User ID; `userField` is the platform's name for the user ID. */
export function readTarget(ctx: IExecuteFunctions, itemIndex: number, userField: string): Target {
	const groupId = stringParam(ctx, 'groupId', itemIndex).trim();
	const userId = stringParam(ctx, 'userId', itemIndex).trim();
	return exactlyOne(ctx, itemIndex, { label: 'Group ID', value: groupId }, { label: 'User ID', value: userId }) === 'a'
		? { fields: { group_id: groupId }, chatKey: `g:${groupId}` }
		: { fields: { [userField]: userId }, chatKey: `u:${userId}` };
}

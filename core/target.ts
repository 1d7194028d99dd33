/** "Send to a group or a user": the either-or target bi.ink and Fly sends share. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { exactlyOne, stringParam } from './params';
import {
	repliesInTriggeringChat,
	sendToProperty,
	triggeringChat,
	whenTriggering,
	whenTyped,
} from './replyChat';

const byIds = whenTyped('ids');

export const targetProperties: INodeProperties[] = [
	sendToProperty({
		name: 'Group ID or User ID',
		value: 'ids',
		description: 'Set either Group ID or User ID; leave both empty to reply in the triggering chat',
	}),
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		default: '',
		displayOptions: byIds,
		description:
			'Send to this group. Set either Group ID or User ID, or neither to reply in the triggering chat.',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		displayOptions: byIds,
		description:
			'Send privately to this user. Set either Group ID or User ID, or neither to reply in the triggering chat.',
	},
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		default: '',
		displayOptions: whenTriggering,
		description:
			"Empty: the triggering chat's ID and type, found by themselves. Set it (with Chat Type) to reply in another chat.",
	},
	{
		displayName: 'Chat Type',
		name: 'chatType',
		type: 'string',
		default: '={{ $json.event.chat.type }}',
		displayOptions: whenTriggering,
		description:
			'With a Chat ID set: "group" sends to the group; anything else ("private") sends to the user',
	},
];

export interface Target {
	/** The request fields, e.g. {group_id} or {to_user_id}. */
	fields: IDataObject;
	/** The conversation, for the runner's per-chat ordering. */
	chatKey: string;
}

const toGroup = (id: string): Target => ({ fields: { group_id: id }, chatKey: `g:${id}` });
const toUser = (field: string, id: string): Target => ({
	fields: { [field]: id },
	chatKey: `u:${id}`,
});

/** How a platform names things for its send target. */
export interface TargetRules {
	/** The platform's name for the user ID field, e.g. "to_user_id". */
	userField: string;
	/** Its events' `platform`, e.g. "fly". */
	eventPlatform: string;
	/** Its display name, for errors. */
	name: string;
}

const fromChat = (rules: TargetRules, id: string, type: string): Target =>
	type === 'group' ? toGroup(id) : toUser(rules.userField, id);

/**
 * The send target. With nothing typed (Group ID and User ID both empty, or "Reply in the
 * Triggering Chat" with Chat ID empty), the chat of the trigger event the item comes from.
 */
export function readTarget(ctx: IExecuteFunctions, itemIndex: number, rules: TargetRules): Target {
	const triggering = (otherwise: string) => {
		const chat = triggeringChat(ctx, itemIndex, rules.eventPlatform, rules.name, otherwise);
		return fromChat(rules, chat.id, chat.type);
	};
	if (repliesInTriggeringChat(ctx, itemIndex, 'ids')) {
		const chatId = stringParam(ctx, 'chatId', itemIndex).trim();
		if (!chatId) return triggering('set Chat ID and Chat Type');
		return fromChat(rules, chatId, stringParam(ctx, 'chatType', itemIndex).trim());
	}
	const groupId = stringParam(ctx, 'groupId', itemIndex).trim();
	const userId = stringParam(ctx, 'userId', itemIndex).trim();
	if (!groupId && !userId) return triggering('set Group ID or User ID');
	return exactlyOne(
		ctx,
		itemIndex,
		{ label: 'Group ID', value: groupId },
		{ label: 'User ID', value: userId },
	) === 'a'
		? toGroup(groupId)
		: toUser(rules.userField, userId);
}

/** "Send to a group or a user": the either-or target bi.ink and Fly sends share. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { exactlyOne, failParam, stringParam } from './params';

const byIds = { show: { sendTo: ['ids'] } };
const byEvent = { show: { sendTo: ['eventChat'] } };

export const targetProperties: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Chat of a Trigger Event',
				value: 'eventChat',
				description: "Reply where a trigger's event came from (group or private chat)",
			},
			{ name: 'Group ID or User ID', value: 'ids', description: 'Set either Group ID or User ID' },
		],
		default: 'ids',
	},
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		default: '',
		displayOptions: byIds,
		description: 'Send to this group. Set either Group ID or User ID.',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		displayOptions: byIds,
		description: 'Send privately to this user. Set either Group ID or User ID.',
	},
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		default: '={{ $json.event.chat.id }}',
		displayOptions: byEvent,
		description: "The event's chat ID, as every trigger of this package outputs it",
	},
	{
		displayName: 'Chat Type',
		name: 'chatType',
		type: 'string',
		default: '={{ $json.event.chat.type }}',
		displayOptions: byEvent,
		description: '"group" sends to the group; anything else ("private") sends to the user',
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

/** The send target; `userField` is the platform's name for the user ID. */
export function readTarget(ctx: IExecuteFunctions, itemIndex: number, userField: string): Target {
	if (ctx.getNodeParameter('sendTo', itemIndex, 'ids') === 'eventChat') {
		const chatId = stringParam(ctx, 'chatId', itemIndex).trim();
		if (!chatId)
			failParam(
				ctx,
				itemIndex,
				'Chat ID is empty',
				'The input item has no event.chat.id: connect a trigger of this package, or choose "Group ID or User ID".',
			);
		return stringParam(ctx, 'chatType', itemIndex).trim() === 'group'
			? toGroup(chatId)
			: toUser(userField, chatId);
	}
	const groupId = stringParam(ctx, 'groupId', itemIndex).trim();
	const userId = stringParam(ctx, 'userId', itemIndex).trim();
	return exactlyOne(
		ctx,
		itemIndex,
		{ label: 'Group ID', value: groupId },
		{ label: 'User ID', value: userId },
	) === 'a'
		? toGroup(groupId)
		: toUser(userField, userId);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, optionsField } from '../../../shared/describe';
import { keyboardProperties, readKeyboard } from '../../../shared/keyboard';
import { integerId } from '../../../shared/params';
import { sendToProperty, whenTyped } from '../../../shared/replyChat';
import { wireId } from '../../helpers';

/** Send To and Chat ID: a typed chat, or (chosen, or Chat ID left empty) the triggering chat. */
export const chatTarget: INodeProperties[] = [
	sendToProperty({
		name: 'Chat ID',
		value: 'chatId',
		description: 'Set Chat ID; leave it empty to reply in the triggering chat',
	}),
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		default: '',
		placeholder: '-1001234567890',
		displayOptions: whenTyped('chatId'),
		description:
			'The chat to write to: a whole number, or its decimal string for IDs longer than 15 digits. Leave empty to reply in the triggering chat.',
		hint: 'Empty: the chat of the MPChat trigger event this item comes from, even after an AI Agent',
	},
];

/** The keyboard and the Options every send shares, plus `extra` options of one operation. */
export const sendOptions = (extra: INodeProperties[] = []): INodeProperties[] => [
	...keyboardProperties(),
	optionsCollection([
		{
			displayName: 'Disable Notification',
			name: 'disableNotification',
			type: 'boolean',
			default: false,
			description: 'Whether to deliver the message silently',
		},
		optionsField(
			'Parse Mode',
			'parseMode',
			'HTML',
			['HTML', 'Markdown', 'MarkdownV2'].map((mode) => ({ name: mode, value: mode })),
			{
				description: 'How the text or caption is formatted',
			},
		),
		{
			displayName: 'Reply To Message ID',
			name: 'replyToMessageId',
			type: 'string',
			default: '',
			description: 'Send as a reply to this message',
		},
		...extra,
	]),
];

/** The optional fields every send shares, validated before the request. */
export function readSendOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	forMultipart = false,
): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const out: IDataObject = {};
	if (options.parseMode) out.parse_mode = options.parseMode;
	if (options.disableNotification) out.disable_notification = true;
	if (options.replyToMessageId !== undefined && options.replyToMessageId !== '') {
		const id = integerId(ctx, options.replyToMessageId, itemIndex, 'Reply To Message ID');
		out.reply_to_message_id = forMultipart ? id : wireId(id);
	}
	const keyboard = readKeyboard(ctx, itemIndex);
	if (keyboard) out.reply_markup = { inline_keyboard: keyboard };
	return out;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	forOperation,
	messageTextField,
	optionsCollection,
	optionsField,
} from '../../../shared/describe';
import { messageKindOptions } from '../../../shared/event';
import {
	failParam,
	httpUrl,
	jsonObjectParam,
	requiredString,
	stringParam,
} from '../../../shared/params';
import {
	repliesInTriggeringChat,
	sendToProperty,
	triggeringChat,
	whenTyped,
} from '../../../shared/replyChat';
import { apiRequest } from '../../../shared/request';
import { sendLongText, splitOptions } from '../../../shared/textParts';
import { minapp } from '../../platform';

/** Send To and Conversation: a chosen one, or (chosen, or Conversation left empty) the triggering one. */
export const conversationTarget: INodeProperties[] = [
	sendToProperty({
		name: 'Conversation',
		value: 'conversation',
		description: 'Pick a Conversation; leave it empty to reply in the triggering chat',
	}),
	{
		displayName: 'Conversation',
		name: 'conversation',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		displayOptions: whenTyped('conversation'),
		description:
			'The user or group to write to. Leave empty to reply in the triggering chat: the conversation of the minapp trigger event this item comes from, even after an AI Agent.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchConversations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'wr_group_ops',
				hint: 'A conversation_id, e.g. {{ $json.event.chat.id }}',
			},
		],
	},
];

const properties: INodeProperties[] = [
	...conversationTarget,
	optionsField('Message Type', 'msgtype', 'text', [
		...messageKindOptions(['image', 'link', 'miniprogram']),
		{ name: 'Raw JSON', value: 'raw', description: 'Any other WeCom-robot message type' },
		...messageKindOptions(['text']),
	]),
	messageTextField(
		{ msgtype: ['text'] },
		'The message. Long text can go out in parts: Options → Split Long Text at.',
	),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { msgtype: ['link', 'miniprogram'] } },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { msgtype: ['link', 'image'] } },
	},
	{
		displayName: 'Description',
		name: 'desc',
		type: 'string',
		default: '',
		displayOptions: { show: { msgtype: ['link'] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		displayOptions: { show: { msgtype: ['link'] } },
	},
	{
		displayName: 'App ID',
		name: 'appid',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { msgtype: ['miniprogram'] } },
	},
	{
		displayName: 'Page Path',
		name: 'pagePath',
		type: 'string',
		default: '',
		displayOptions: { show: { msgtype: ['miniprogram'] } },
	},
	{
		displayName: 'App Name',
		name: 'appname',
		type: 'string',
		default: '',
		displayOptions: { show: { msgtype: ['miniprogram'] } },
	},
	{
		displayName: 'App Icon URL',
		name: 'appicon',
		type: 'string',
		default: '',
		displayOptions: { show: { msgtype: ['miniprogram'] } },
	},
	{
		displayName: 'Message JSON',
		name: 'raw',
		type: 'json',
		default: '{\n  "msgtype": "markdown",\n  "markdown": { "content": "**hello**" }\n}',
		required: true,
		description: 'The whole message body, with its msgtype',
		displayOptions: { show: { msgtype: ['raw'] } },
	},
	{ ...optionsCollection(splitOptions()), displayOptions: { show: { msgtype: ['text'] } } },
];

export const description = forOperation('message', 'send', properties);

export function conversationId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = repliesInTriggeringChat(ctx, itemIndex, 'conversation')
		? ''
		: String(
				ctx.getNodeParameter('conversation', itemIndex, '', { extractValue: true }) ?? '',
			).trim();
	if (value) return value;
	return triggeringChat(
		ctx,
		itemIndex,
		'minapp',
		'minapp',
		'pick a Conversation from the list or give its conversation_id',
	).id;
}

export function orderKey(this: IExecuteFunctions, itemIndex: number) {
	return conversationId(this, itemIndex);
}

function url(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	required: boolean,
): string | undefined {
	const value = required
		? requiredString(ctx, name, itemIndex, label)
		: stringParam(ctx, name, itemIndex).trim();
	return value ? httpUrl(ctx, value, itemIndex, label) : undefined;
}

function body(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const type = ctx.getNodeParameter('msgtype', itemIndex) as string;
	switch (type) {
		case 'text':
			return {
				msgtype: 'text',
				text: { content: requiredString(ctx, 'content', itemIndex, 'Text') },
			};
		case 'image':
			return { msgtype: 'image', image: { url: url(ctx, itemIndex, 'url', 'URL', true) } };
		case 'link': {
			const link: IDataObject = {
				title: requiredString(ctx, 'title', itemIndex, 'Title'),
				url: url(ctx, itemIndex, 'url', 'URL', true),
			};
			const desc = stringParam(ctx, 'desc', itemIndex).trim();
			const image = url(ctx, itemIndex, 'imageUrl', 'Image URL', false);
			if (desc) link.desc = desc;
			if (image) link.image_url = image;
			return { msgtype: 'link', link };
		}
		case 'miniprogram': {
			const mp: IDataObject = {
				appid: requiredString(ctx, 'appid', itemIndex, 'App ID'),
				title: requiredString(ctx, 'title', itemIndex, 'Title'),
			};
			for (const [param, key] of [
				['pagePath', 'page_path'],
				['appname', 'appname'],
				['appicon', 'appicon'],
			]) {
				const v = stringParam(ctx, param, itemIndex).trim();
				if (v) mp[key] = v;
			}
			return { msgtype: 'miniprogram', miniprogram: mp };
		}
		case 'raw': {
			const raw = jsonObjectParam(ctx, 'raw', itemIndex, 'Message JSON');
			if (typeof raw.msgtype !== 'string' || !raw.msgtype)
				failParam(ctx, itemIndex, 'Message JSON needs a "msgtype", e.g. "markdown"');
			return raw;
		}
	}
	return failParam(ctx, itemIndex, `Message Type "${type}" is not supported`);
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const conversation = conversationId(this, itemIndex);
	const payload = body(this, itemIndex);
	const send = async (message: IDataObject) => {
		const data = await apiRequest.call(this, minapp, {
			path: '/api/send',
			qs: { conversation_id: conversation },
			body: message,
			itemIndex,
		});
		return {
			success: true,
			conversation_id: conversation,
			msgtype: message.msgtype as string,
			...((data as IDataObject) ?? {}),
		};
	};
	if (payload.msgtype !== 'text' || this.getNodeParameter('msgtype', itemIndex) !== 'text')
		return await send(payload);
	return await sendLongText(this, itemIndex, {
		text: (payload.text as IDataObject).content as string,
		platform: minapp.name,
		send: async (content) => await send({ msgtype: 'text', text: { content } }),
	});
}

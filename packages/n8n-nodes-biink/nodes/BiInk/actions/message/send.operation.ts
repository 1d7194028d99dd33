import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	binaryPropertyField,
	forOperation,
	messageTextField,
	optionsCollection,
	optionsField,
} from '../../../shared/describe';
import { messageKindOptions } from '../../../shared/event';
import { keyboardProperties, readKeyboard } from '../../../shared/keyboard';
import { failParam, requiredString, stringParam } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { sendLongText, splitOptions } from '../../../shared/textParts';
import { biInk } from '../../platform';
import { readTarget, targetProperties, type TargetRules } from '../../../shared/target';
import { uploadBinary } from '../../helpers';

const MEDIA = ['image', 'video', 'audio', 'file'];

const MEDIA_SOURCES = [
	{
		name: 'Binary Data (Upload First)',
		value: 'binary',
		description: 'The node uploads the input file, then sends it',
	},
	{ name: 'File ID', value: 'fileId', description: 'A file_id from an earlier upload' },
];

const properties: INodeProperties[] = [
	...targetProperties,
	optionsField(
		'Message Type',
		'messageType',
		'text',
		messageKindOptions(['audio', 'contact', 'file', 'image', 'sticker', 'text', 'video']),
	),
	messageTextField({ messageType: ['text'] }),
	optionsField('Media Source', 'mediaSource', 'binary', MEDIA_SOURCES, {
		displayOptions: { show: { messageType: MEDIA } },
	}),
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { messageType: MEDIA, mediaSource: ['fileId'] } },
	},
	{
		...binaryPropertyField('The binary field of the input item holding the file'),
		displayOptions: { show: { messageType: MEDIA, mediaSource: ['binary'] } },
	},
	{
		displayName: 'Sticker ID',
		name: 'stickerId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { messageType: ['sticker'] } },
	},
	{
		displayName: 'Contact User ID',
		name: 'contactId',
		type: 'string',
		default: '',
		required: true,
		description: 'The user whose card is shared',
		displayOptions: { show: { messageType: ['contact'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		displayOptions: { show: { messageType: MEDIA } },
	},
	...keyboardProperties(),
	optionsCollection([
		{
			displayName: 'Reply To Message ID',
			name: 'replyToId',
			type: 'string',
			default: '',
			description: 'Send as a reply to this message',
		},
		{
			displayName: 'Quote Message ID',
			name: 'quoteMessageId',
			type: 'string',
			default: '',
			description: 'Quote this message in the new one',
		},
		...splitOptions({ '/messageType': ['text'] }),
	]),
];

export const description = forOperation('message', 'send', properties);

export const TARGET: TargetRules = {
	userField: 'target_user_id',
	eventPlatform: 'biInk',
	name: 'bi.ink',
};

export function orderKey(this: IExecuteFunctions, itemIndex: number) {
	return readTarget(this, itemIndex, TARGET).chatKey;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body: IDataObject = { ...readTarget(this, itemIndex, TARGET).fields };
	const type = this.getNodeParameter('messageType', itemIndex) as string;
	body.message_type = type;
	const keyboard = readKeyboard(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let uploaded: IDataObject | undefined;
	if (type === 'text') {
		body.content = requiredString(this, 'content', itemIndex, 'Text');
	} else if (MEDIA.includes(type)) {
		const caption = stringParam(this, 'caption', itemIndex);
		if (caption) body.content = caption;
		if (this.getNodeParameter('mediaSource', itemIndex, 'binary') === 'fileId') {
			body.file_id = requiredString(this, 'fileId', itemIndex, 'File ID');
		} else {
			const property = requiredString(this, 'binaryPropertyName', itemIndex, 'Input Binary Field');
			uploaded = await uploadBinary(this, itemIndex, property, 'Input Binary Field');
			body.file_id = uploaded.file_id;
		}
	} else if (type === 'sticker') {
		body.file_id = requiredString(this, 'stickerId', itemIndex, 'Sticker ID');
	} else if (type === 'contact') {
		body.file_id = requiredString(this, 'contactId', itemIndex, 'Contact User ID');
	} else {
		failParam(this, itemIndex, `Message Type "${type}" is not supported`);
	}
	const first: IDataObject = {};
	if (options.replyToId) first.reply_to_id = String(options.replyToId);
	if (options.quoteMessageId) first.quote_message_id = String(options.quoteMessageId);
	const last: IDataObject = keyboard ? { extra: { inline_keyboard: keyboard } } : {};
	const send = async (fields: IDataObject) =>
		(await apiRequest.call(this, biInk, {
			path: '/bot/sendmessage',
			body: { ...body, ...fields },
			itemIndex,
		})) as IDataObject;
	if (type === 'text') {
		return await sendLongText(this, itemIndex, {
			text: body.content as string,
			platform: biInk.name,
			first,
			last,
			send: async (content, index, count, placed) => await send({ content, ...placed }),
		});
	}
	const data = await send({ ...last, ...first });
	return { ...data, ...(uploaded ? { file_id: uploaded.file_id } : {}) };
}

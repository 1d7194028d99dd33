import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { requiredString } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { sendLongText, splitOptions } from '../../../shared/textParts';
import { mpChat } from '../../platform';
import { chatIdParam, wireId } from '../../helpers';
import { chatTarget, readSendOptions, sendOptions } from './shared';

const properties: INodeProperties[] = [
	...chatTarget,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The message. Long text can go out in parts: Options → Split Long Text at.',
	},
	...sendOptions(splitOptions()),
];

export const description = forOperation('message', 'sendText', properties);

export function orderKey(this: IExecuteFunctions, itemIndex: number) {
	return chatIdParam(this, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const chatId = chatIdParam(this, itemIndex);
	const text = requiredString(this, 'text', itemIndex, 'Text');
	const {
		reply_to_message_id: replyTo,
		reply_markup: keyboard,
		...common
	} = readSendOptions(this, itemIndex);
	return await sendLongText(this, itemIndex, {
		text,
		platform: mpChat.name,
		first: replyTo !== undefined ? { reply_to_message_id: replyTo } : {},
		last: keyboard !== undefined ? { reply_markup: keyboard } : {},
		send: async (part, index, count, placed) => {
			const body = { chat_id: wireId(chatId), text: part, ...common, ...placed };
			return (await apiRequest.call(this, mpChat, {
				path: '/sendMessage',
				body,
				itemIndex,
			})) as IDataObject;
		},
	});
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { requiredString } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { mpChat } from '../../platform';
import { chatIdParam, wireId } from '../../helpers';
import { chatIdProperty, readSendOptions, sendOptions } from './shared';

const properties: INodeProperties[] = [
	chatIdProperty,
	{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 3 }, default: '', required: true, description: 'The message, up to 4096 characters' },
	...sendOptions,
];

export const description = forOperation('message', 'sendText', properties);

export function orderKey(this: IExecuteFunctions, itemIndex: number) {
	return chatIdParam(this, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const chatId = chatIdParam(this, itemIndex);
	const text = requiredString(this, 'text', itemIndex, 'Text');
	const body = { chat_id: wireId(chatId), text, ...readSendOptions(this, itemIndex) };
	return (await apiRequest.call(this, mpChat, { path: '/sendMessage', body, itemIndex })) as IDataObject;
}

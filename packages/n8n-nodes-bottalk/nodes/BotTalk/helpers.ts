/** BotTalk management calls: cookie session from the credential (n8n logs in again once on 401). */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import { integerIdParam } from '../shared/params';
import { apiRequest } from '../shared/request';
import { botTalk } from './platform';

export async function manage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
): Promise<unknown> {
	return await apiRequest.call(ctx, botTalk, {
		method,
		path,
		body,
		itemIndex,
		idempotent: method === 'GET',
	});
}

export const channelIdProperty: INodeProperties = {
	displayName: 'Channel ID',
	name: 'channelId',
	type: 'string',
	default: '',
	required: true,
	description: "The channel's numeric ID, as Channel → List shows it",
};

export function channelId(ctx: IExecuteFunctions, itemIndex: number): string {
	return integerIdParam(ctx, 'channelId', itemIndex, 'Channel ID');
}

export const reminderIdProperty: INodeProperties = {
	displayName: 'Reminder ID',
	name: 'reminderId',
	type: 'string',
	default: '',
	required: true,
	description: "The reminder's numeric ID, as Reminder → List shows it",
};

export function reminderId(ctx: IExecuteFunctions, itemIndex: number): string {
	return integerIdParam(ctx, 'reminderId', itemIndex, 'Reminder ID');
}

/** Shows enough of a SendKey to recognise it, never enough to use it. */
export function maskKey(key: unknown): string {
	const s = String(key ?? '');
	return s.length > 8 ? `${s.slice(0, 4)}…${s.slice(-4)}` : '…';
}

export function toItems(data: unknown): IDataObject[] | IDataObject {
	if (Array.isArray(data)) return data as IDataObject[];
	if (data !== null && typeof data === 'object') return data as IDataObject;
	return { success: true };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { failParam, requiredString } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { biInk } from '../../platform';

const properties: INodeProperties[] = [
	{
		displayName: 'Message IDs',
		name: 'messageIds',
		type: 'string',
		default: '',
		required: true,
		description: 'One message ID, or several separated by commas (deleted in one call)',
	},
];

export const description = forOperation('message', 'delete', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ids = requiredString(this, 'messageIds', itemIndex, 'Message IDs')
		.split(',')
		.map((s) => s.trim());
	if (ids.some((s) => !s)) failParam(this, itemIndex, 'Message IDs: an empty ID between commas');
	const body = ids.length === 1 ? { message_id: ids[0] } : { message_ids: ids };
	const data = (await apiRequest.call(this, biInk, {
		path: '/bot/deletemessage',
		body,
		itemIndex,
	})) as IDataObject | null;
	return { deleted: ids, ...(data ?? {}) };
}

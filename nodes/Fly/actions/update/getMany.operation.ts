import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Fetching updates consumes them: Fly does not return them again. Do not use this while a Fly Polling Trigger is active for the same bot.',
		name: 'consumeNotice',
		type: 'notice',
		default: '',
	},
	{ displayName: 'Offset', name: 'offset', type: 'number', default: 0, description: 'Return updates from this update_id on (the last update_id you processed + 1)' },
	{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1, maxValue: 100 }, default: 50, description: 'Max number of results to return' },
	{ displayName: 'Timeout (Seconds)', name: 'timeout', type: 'number', typeOptions: { minValue: 0, maxValue: 60 }, default: 0, description: 'How long to wait when no update is pending (long polling). 0 answers at once.' },
];

export const description = forOperation('update', 'getMany', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const timeout = this.getNodeParameter('timeout', itemIndex, 0) as number;
	const body: IDataObject = {
		offset: this.getNodeParameter('offset', itemIndex, 0) as number,
		limit: this.getNodeParameter('limit', itemIndex, 50) as number,
		timeout,
	};
	const data = (await apiRequest.call(this, 'fly', { path: '/api/v1/s/bot/updates', body, idempotent: false, timeoutMs: (timeout + 15) * 1000, itemIndex })) as IDataObject;
	return (data?.updates as IDataObject[]) ?? [];
}

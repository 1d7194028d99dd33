import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { offsetParam, offsetProperty, withNextOffset } from '../../../shared/offset';
import { apiRequest } from '../../../shared/request';
import { fly } from '../../platform';

const properties: INodeProperties[] = [
	{
		displayName:
			'Fetching updates consumes them: Fly does not return them again. Do not use this while a Fly Polling Trigger is active for the same bot.',
		name: 'consumeNotice',
		type: 'notice',
		default: '',
	},
	offsetProperty(
		'Return updates from this update_id on: {{ $json.nextOffset }} of the previous Get Many (one past its highest update_id, exact beyond 2^53). Empty starts with the oldest pending.',
	),
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 60 },
		default: 0,
		description: 'How long to wait when no update is pending (long polling). 0 answers at once.',
	},
];

export const description = forOperation('update', 'getMany', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const timeout = this.getNodeParameter('timeout', itemIndex, 0) as number;
	const body: IDataObject = {
		// A bigint is written as an exact JSON number, as Fly's own (Python) clients send it.
		offset: BigInt(offsetParam(this, itemIndex) ?? 0) as unknown as number,
		limit: this.getNodeParameter('limit', itemIndex, 50) as number,
		timeout,
	};
	const data = (await apiRequest.call(this, fly, {
		path: '/api/v1/s/bot/updates',
		body,
		idempotent: false,
		timeoutMs: (timeout + 15) * 1000,
		itemIndex,
	})) as IDataObject;
	return withNextOffset(Array.isArray(data?.updates) ? (data.updates as IDataObject[]) : []);
}

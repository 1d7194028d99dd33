import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, multiOptionsField } from '../../../shared/describe';
import { offsetParam, offsetProperty, withNextOffset } from '../../../shared/offset';
import { apiRequest } from '../../../shared/request';
import { mpChat } from '../../platform';
import { wireId } from '../../helpers';

const properties: INodeProperties[] = [
	{
		displayName:
			'Fetching updates consumes them: MPChat does not return them again. Do not use this while an MPChat Trigger is active for the same bot.',
		name: 'consumeNotice',
		type: 'notice',
		default: '',
	},
	offsetProperty(
		'Return updates from this update_id on: {{ $json.nextOffset }} of the previous Get Many (one past its highest update_id, exact beyond 2^53). Empty returns the oldest pending updates.',
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
		typeOptions: { minValue: 0, maxValue: 50 },
		default: 0,
		description:
			'How long to wait for an update when none is pending (long polling). 0 answers at once.',
	},
	multiOptionsField(
		'Allowed Update Types',
		'allowedUpdates',
		[
			{ name: 'Callback Query', value: 'callback_query' },
			{ name: 'Channel Post', value: 'channel_post' },
			{ name: 'Chat Member', value: 'chat_member' },
			{ name: 'Edited Message', value: 'edited_message' },
			{ name: 'Message', value: 'message' },
			{ name: 'My Chat Member', value: 'my_chat_member' },
		],
		{ description: 'Only these kinds of updates. None selected returns every kind.' },
	),
];

export const description = forOperation('update', 'getMany', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const offset = offsetParam(this, itemIndex);
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	const timeout = this.getNodeParameter('timeout', itemIndex, 0) as number;
	const allowed = this.getNodeParameter('allowedUpdates', itemIndex, []) as string[];
	const body: IDataObject = { limit, timeout };
	if (offset !== undefined) body.offset = wireId(offset);
	if (allowed.length) body.allowed_updates = allowed;
	const updates = (await apiRequest.call(this, mpChat, {
		path: '/getUpdates',
		body,
		// Repeating a getUpdates that may have been answered would drop that batch: never retried.
		idempotent: false,
		timeoutMs: (timeout + 15) * 1000,
		itemIndex,
	})) as IDataObject[];
	return withNextOffset(updates);
}

import { NodeConnectionTypes, type IDataObject, type INodeType, type INodeTypeDescription, type ITriggerFunctions, type ITriggerResponse } from 'n8n-workflow';

import { filterOptions, readFilters } from '../shared/event';
import { fatalMessage, longPollOptionFields, longPollTrigger, readLongPollSettings } from '../shared/longPoll';
import { apiRequest } from '../shared/request';
import { flyItems, mediaOptionFields, MESSAGE_TYPES, UPDATE_TYPES } from './event';

export class FlyPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fly Polling Trigger',
		name: 'flyPollingTrigger',
		icon: 'file:fly.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{"long polling: " + ($parameter["updates"].join(", ") || "all updates")}}',
		description: 'Starts the workflow the moment a Fly bot receives a message or a button press. Long polling: no public URL needed.',
		defaults: { name: 'Fly Polling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flyApi', required: true }],
		properties: [
			{
				displayName: 'Updates',
				name: 'updates',
				type: 'multiOptions',
				options: UPDATE_TYPES,
				default: ['message', 'callback_query'],
				description: 'Which kinds of updates start the workflow. None selected: every kind.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [...filterOptions(MESSAGE_TYPES), ...mediaOptionFields, ...longPollOptionFields(60)],
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const types = this.getNodeParameter('updates', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const filters = readFilters(types, options);
		const settings = readLongPollSettings(options);
		return await longPollTrigger.call(
			this,
			{
				name: 'Fly',
				fetch: async (ctx, offset, signal) => {
					const body: IDataObject = { limit: settings.limit, timeout: settings.timeoutSeconds };
					body.offset = BigInt(offset ?? 0) as unknown as number;
					const data = (await apiRequest.call(ctx, 'fly', {
						path: '/api/v1/s/bot/updates',
						body,
						abortSignal: signal,
						timeoutMs: (settings.timeoutSeconds + 15) * 1000,
					})) as IDataObject;
					return Array.isArray(data?.updates) ? (data.updates as IDataObject[]) : [];
				},
				toItems: async (ctx, updates) => await flyItems(ctx, updates, filters, options),
				fatal: (error) => fatalMessage('Fly', error),
			},
			settings,
		);
	}
}

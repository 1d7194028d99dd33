import { NodeConnectionTypes, type IDataObject, type INodeType, type INodeTypeDescription, type ITriggerFunctions, type ITriggerResponse } from 'n8n-workflow';

import { eventTypesProperty, filterOptions, optionsCollection, sessionOption } from '../shared/event';
import { fatalMessage, longPollOptionFields, longPollTrigger } from '../shared/longPoll';
import { apiRequest } from '../shared/request';
import { fly } from './platform';
import { flyItems, mediaOptionFields, MESSAGE_TYPES, UPDATE_TYPES } from './event';

export class FlyPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fly Polling Trigger',
		name: 'flyPollingTrigger',
		icon: { light: 'file:fly.svg', dark: 'file:fly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"long polling: " + ($parameter["updates"].join(", ") || "all updates")}}',
		description: 'Starts the workflow the moment a Fly bot receives a message or a button press. Long polling: no public URL needed.',
		defaults: { name: 'Fly Polling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flyApi', required: true }],
		properties: [
			eventTypesProperty('updates', 'Updates', UPDATE_TYPES, ['message', 'callback_query']),
			optionsCollection([...filterOptions(MESSAGE_TYPES), sessionOption, ...mediaOptionFields, ...longPollOptionFields(60)]),
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await longPollTrigger.call(this, {
			name: 'Fly',
			fetch: async (ctx, { offset, limit, timeoutSeconds, timeoutMs, signal }) => {
				const body: IDataObject = { offset: BigInt(offset ?? 0) as unknown as number, limit, timeout: timeoutSeconds };
				const data = (await apiRequest.call(ctx, fly, { path: '/api/v1/s/bot/updates', body, abortSignal: signal, timeoutMs })) as IDataObject;
				return Array.isArray(data?.updates) ? (data.updates as IDataObject[]) : [];
			},
			toItems: async (ctx, updates, filters, options) => await flyItems(ctx, updates, filters, options),
			fatal: (error) => fatalMessage('Fly', error),
		});
	}
}

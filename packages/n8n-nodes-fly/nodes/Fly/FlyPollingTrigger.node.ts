import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

import { filterOptions, sessionOption } from '../shared/event';
import {
	fatalMessage,
	LONG_POLL_SUBTITLE,
	longPollOptionFields,
	longPollTrigger,
	pollingTrigger,
} from '../shared/longPoll';
import { apiRequest } from '../shared/request';
import { fly } from './platform';
import { flyItems, mediaOptionFields, MESSAGE_TYPES, UPDATE_TYPES } from './event';

export class FlyPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fly Polling Trigger',
		name: 'flyPollingTrigger',
		group: ['trigger'],
		icon: { light: 'file:fly.svg', dark: 'file:fly.dark.svg' },
		subtitle: LONG_POLL_SUBTITLE,
		inputs: [],
		credentials: [{ name: 'flyApi', required: true }],
		builderHint: {
			searchHint:
				'Use when a workflow should run when someone messages a Fly bot or presses a button ("when someone messages my Fly bot…") and n8n has no public URL: long polling, nothing to paste into the Fly console. With a public URL, Fly Trigger (signed webhook) also works. Each item has chatInput and sessionId for an AI Agent and its memory, plus event and raw. Reply with the Fly node to event.chat.id and event.chat.type.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-fly.fly',
					relationHint: 'Replies in the chat that wrote or asks that chat for approval',
				},
				{
					nodeType: 'n8n-nodes-fly.flyTrigger',
					relationHint: 'The same events as signed webhook deliveries, when n8n has a public URL',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Answers the message: its prompt is chatInput and its memory session is sessionId, both as they come',
				},
			],
		},
		...pollingTrigger(
			'Fly Polling Trigger',
			'Starts the workflow the moment a Fly bot receives a message or a button press. Long polling: no public URL needed.',
			UPDATE_TYPES,
			[
				...filterOptions(MESSAGE_TYPES),
				sessionOption,
				...mediaOptionFields,
				...longPollOptionFields(60),
			],
		),
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await longPollTrigger.call(this, {
			name: 'Fly',
			platform: fly,
			fetch: async (ctx, { offset, limit, timeoutSeconds, timeoutMs, signal }) => {
				const body: IDataObject = {
					offset: BigInt(offset ?? 0) as unknown as number,
					limit,
					timeout: timeoutSeconds,
				};
				const data = (await apiRequest.call(ctx, fly, {
					path: '/api/v1/s/bot/updates',
					body,
					abortSignal: signal,
					timeoutMs,
				})) as IDataObject;
				return Array.isArray(data?.updates) ? (data.updates as IDataObject[]) : [];
			},
			toItems: async (ctx, updates, filters, options) =>
				await flyItems(ctx, updates, filters, options),
			fatal: (error) => fatalMessage('Fly', error),
		});
	}
}

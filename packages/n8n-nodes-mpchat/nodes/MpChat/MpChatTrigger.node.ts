import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

import {
	botMessagesOption,
	eventJson,
	filterOptions,
	messageKindOptions,
	passes,
	sessionOption,
} from '../shared/event';
import {
	fatalMessage,
	LONG_POLL_SUBTITLE,
	longPollOptionFields,
	longPollTrigger,
	pollingTrigger,
} from '../shared/longPoll';
import { apiRequest } from '../shared/request';
import { mpChat } from './platform';
import { toEvent, updateType } from './event';
import { wireId } from './helpers';

const UPDATE_TYPES = [
	{
		name: 'Callback Query',
		value: 'callback_query',
		description: 'A user pressed an inline keyboard button',
	},
	{ name: 'Channel Post', value: 'channel_post' },
	{ name: 'Edited Message', value: 'edited_message' },
	{ name: 'Message', value: 'message' },
];

// MPChat's own names, as its send methods and message fields have them (sendDocument, photo).
const MESSAGE_TYPES = messageKindOptions(
	['audio', 'contact', 'file', 'image', 'sticker', 'text', 'video', 'voice'],
	{ file: 'Document', image: 'Photo' },
);

const WEBHOOK_CONFLICT =
	'MPChat answered 409: a webhook is set for this bot, so its updates cannot be fetched by long polling. Remove the webhook (MPChat node → Method → Call Method "deleteWebhook", with Allow Bot Settings Methods on), then activate the workflow again.';

export class MpChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MPChat Trigger',
		name: 'mpChatTrigger',
		group: ['trigger'],
		icon: { light: 'file:mpChat.svg', dark: 'file:mpChat.dark.svg' },
		subtitle: LONG_POLL_SUBTITLE,
		inputs: [],
		credentials: [{ name: 'mpChatApi', required: true }],
		builderHint: {
			searchHint:
				'Use when a workflow should run when someone messages an MPChat bot or presses one of its buttons ("when someone messages my MPChat bot…"). Long polling: needs no public URL. Each item has chatInput (the text) and sessionId, which an AI Agent and its memory use as they come, plus event (chat, sender, text, attachments, button press) and raw. Reply with the MPChat node to event.chat.id.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-mpchat.mpChat',
					relationHint:
						'Replies in the chat that wrote (Chat ID from event.chat.id) or asks that chat for approval',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Answers the message: its prompt is chatInput and its memory session is sessionId, both as they come',
				},
			],
		},
		...pollingTrigger(
			'MPChat Trigger',
			'Starts the workflow the moment an MPChat bot receives a message or a button press. Long polling: no public URL needed.',
			UPDATE_TYPES,
			[
				...filterOptions(MESSAGE_TYPES),
				botMessagesOption,
				sessionOption,
				...longPollOptionFields(50),
			],
		),
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await longPollTrigger.call(this, {
			name: 'MPChat',
			platform: mpChat,
			fetch: async (ctx, { offset, limit, timeoutSeconds, timeoutMs, types, signal }) => {
				const body: IDataObject = { limit, timeout: timeoutSeconds };
				// An offset beyond 2^53 travels as a decimal string, as the document allows for IDs.
				if (offset !== undefined) body.offset = wireId(offset);
				if (types.length) body.allowed_updates = types;
				return (await apiRequest.call(ctx, mpChat, {
					path: '/getUpdates',
					body,
					abortSignal: signal,
					timeoutMs,
				})) as IDataObject[];
			},
			toItems: async (_ctx, updates, filters, options) =>
				updates
					.map((raw) => ({ raw, event: toEvent(raw) }))
					.filter(({ raw, event }) => passes(event, filters, updateType(raw)))
					.map(({ raw, event }) => ({ json: eventJson(event, raw, options) })),
			fatal: (error) => fatalMessage('MPChat', error, WEBHOOK_CONFLICT),
		});
	}
}

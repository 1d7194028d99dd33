import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	eventJson,
	eventTypesProperty,
	filterOptions,
	passes,
	readFilters,
	selectionSubtitle,
	sessionOption,
	str,
} from '../shared/event';
import { optionsCollection } from '../shared/describe';
import { fieldOf } from '../shared/credentialAuth';
import { secretsEqual } from '../shared/secretsEqual';
import { checkWithCredentials } from '../shared/credentials';
import {
	consoleConfiguredWebhook,
	maxBodyOption,
	pasteUrlNotice,
	postWebhook,
	readDelivery,
	refuse,
	webhookTrigger,
} from '../shared/webhook';
import { attachMedia } from '../shared/triggerMedia';
import { imageOptionFields, imageSource, MESSAGE_TYPES, toEvent } from './event';

export class MinappTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'minapp Trigger',
		name: 'minappTrigger',
		group: ['trigger'],
		icon: { light: 'file:minapp.svg', dark: 'file:minapp.dark.svg' },
		subtitle: selectionSubtitle('messages', 'events', 'all'),
		inputs: [],
		credentials: [{ name: 'minappApi', required: true }],
		builderHint: {
			searchHint:
				'Use when a workflow should run when someone messages a minapp robot in a chat or group ("when someone messages my minapp robot…"). Webhook: the user pastes the Production URL into the minapp admin console; callbacks without the robot secret are refused. Each item has chatInput (the text, a caption or a link title) and sessionId for an AI Agent and its memory, plus event and raw. Reply with the minapp node to event.chat.id.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-minapp.minapp',
					relationHint: 'Replies in the conversation that wrote or asks it for approval',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Answers the message: its prompt is chatInput and its memory session is sessionId, both as they come',
				},
			],
		},
		webhooks: [postWebhook('minapp')],
		...webhookTrigger(
			'minapp Trigger',
			'Starts the workflow when a minapp robot receives a message. Callbacks without the robot secret are refused.',
			[
				eventTypesProperty('events', 'Events', MESSAGE_TYPES),
				optionsCollection([
					...filterOptions(MESSAGE_TYPES).filter((o) => o.name !== 'messageTypes'),
					sessionOption,
					...imageOptionFields,
					maxBodyOption,
				]),
			],
			pasteUrlNotice(
				'the minapp admin console',
				'Each callback must carry the robot secret of the credential; any other request is refused and starts nothing.',
			),
		),
	};

	webhookMethods = consoleConfiguredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const read = await readDelivery(this);
		if (!read.ok) return read.response;
		const { body, options } = read;
		if (body.secret === undefined || body.secret === null || body.secret === '')
			return refuse(this, 401);
		const matches = await checkWithCredentials(
			this,
			'minappApi',
			(credentials) => {
				const expected = fieldOf(credentials, 'secret');
				return expected !== '' && secretsEqual(expected, body.secret);
			},
			(ok) => !ok,
		);
		if (!matches) return refuse(this, 403);

		const events = this.getNodeParameter('events', []) as string[];
		const event = toEvent(body, Math.floor(Date.now() / 1000));
		if (!passes(event, readFilters(events, options), str(body.msgtype))) return {};
		// The robot secret arrives in every callback: it never reaches the execution data.
		const raw = { ...body, secret: '***' };
		const items: INodeExecutionData[] = [{ json: eventJson(event, raw, options) }];
		if (options.downloadMedia === true)
			await attachMedia(this, items, [imageSource(body)], options);
		return { workflowData: [items] };
	}
}

import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	filterOptions,
	readFilters,
	selectionSubtitle,
	sessionOption,
	updateTypesProperty,
} from '../shared/event';
import { optionsCollection } from '../shared/describe';
import {
	acceptNonceOnce,
	flyWebhookSecret,
	NONCE_LIST_KEY,
	type FlyVerifyFailure,
	verifyFlySignedUpdate,
} from '../shared/signature';
import { checkWithCredentials } from '../shared/credentials';
import { savedBeforeAnswer } from '../shared/staticData';
import {
	consoleConfiguredWebhook,
	maxBodyOption,
	pasteUrlNotice,
	postWebhook,
	readDelivery,
	refuse,
	webhookTrigger,
} from '../shared/webhook';
import { flyItems, mediaOptionFields, MESSAGE_TYPES, UPDATE_TYPES } from './event';

/** Deliveries refused for their shape (400); the others failed the signature or its window (401). */
const REFUSED_AS_BAD_REQUEST = new Set<FlyVerifyFailure>([
	'MALFORMED',
	'UNSIGNED_PAYLOAD',
	'NONCE_TOO_LONG',
]);

/** The replay guard of this trigger node: per workflow and node. */
const guardKey = (ctx: IWebhookFunctions) => `${ctx.getWorkflow().id}:${ctx.getNode().id}`;

export class FlyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fly Trigger',
		name: 'flyTrigger',
		group: ['trigger'],
		icon: { light: 'file:fly.svg', dark: 'file:fly.dark.svg' },
		subtitle: selectionSubtitle('signed webhook', 'updates', 'all updates'),
		inputs: [],
		credentials: [{ name: 'flyApi', required: true }],
		builderHint: {
			searchHint:
				'Use when a workflow should run when someone messages a Fly bot or presses a button ("when someone messages my Fly bot…") and n8n has a public URL: the user pastes the Production URL into the Fly bot console; forged, expired and replayed deliveries are refused. Without a public URL use Fly Polling Trigger. Each item has chatInput and sessionId for an AI Agent and its memory, plus event and raw. Reply with the Fly node to event.chat.id and event.chat.type.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-fly.fly',
					relationHint: 'Replies in the chat that wrote or asks that chat for approval',
				},
				{
					nodeType: 'n8n-nodes-fly.flyPollingTrigger',
					relationHint: 'The same events by long polling, when n8n has no public URL',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Answers the message: its prompt is chatInput and its memory session is sessionId, both as they come',
				},
			],
		},
		webhooks: [postWebhook('fly')],
		...webhookTrigger(
			'Fly Trigger',
			'Starts the workflow on a signed Fly webhook. Forged, expired and replayed deliveries are refused before anything runs.',
			[
				updateTypesProperty(UPDATE_TYPES),
				optionsCollection([
					...filterOptions(MESSAGE_TYPES),
					sessionOption,
					...mediaOptionFields,
					maxBodyOption,
				]),
			],
			pasteUrlNotice(
				'the Fly bot console',
				"Each delivery is checked against the credential's Webhook Secret (default: sha256 of the bot token): v1 HMAC signature, a 300 s time window and one use per nonce.",
			),
		),
	};

	webhookMethods = consoleConfiguredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const read = await readDelivery(this);
		if (!read.ok) return read.response;
		const { options } = read;

		const now = Math.floor(Date.now() / 1000);
		const verified = await checkWithCredentials(
			this,
			'flyApi',
			(credentials) => verifyFlySignedUpdate(read.raw, flyWebhookSecret(credentials), now),
			(result) => !result.ok && result.reason === 'SIGNATURE_MISMATCH',
		);
		if (!verified.ok) return refuse(this, REFUSED_AS_BAD_REQUEST.has(verified.reason) ? 400 : 401);

		const store = this.getWorkflowStaticData('node');
		if (!acceptNonceOnce(store, guardKey(this), verified.nonce, now)) return refuse(this, 403);
		// The nonce must be in the database before the answer, or another webhook processor accepts
		// a replay sent right after it (queue mode); however long Download Media takes.
		return await savedBeforeAnswer(this, store, NONCE_LIST_KEY, async () => {
			const updates = this.getNodeParameter('updates', []) as string[];
			const items = await flyItems(this, [read.body], readFilters(updates, options), options);
			if (!items.length) return {};
			return { workflowData: [items] };
		});
	}
}

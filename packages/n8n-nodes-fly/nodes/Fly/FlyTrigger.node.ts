import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { eventTypesProperty, filterOptions, optionsCollection, sessionOption, readFilters, setupNotice } from '../shared/event';
import { acceptNonceOnce, flyWebhookSecret, NONCE_LIST_KEY, verifyFlySignedUpdate } from '../shared/signature';
import { checkWithCredentials } from '../shared/credentials';
import { keepChangedUntilAnswered } from '../shared/staticData';
import { consoleConfiguredWebhook, maxBodyOption, postWebhook, readJsonBody, refuse, WEBHOOK_TRIGGER_VERSIONS } from '../shared/webhook';
import { flyItems, mediaOptionFields, MESSAGE_TYPES, UPDATE_TYPES } from './event';

/** The replay guard of this trigger node: per workflow and node. */
const guardKey = (ctx: IWebhookFunctions) => `${ctx.getWorkflow().id}:${ctx.getNode().id}`;

export class FlyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fly Trigger',
		name: 'flyTrigger',
		icon: { light: 'file:fly.svg', dark: 'file:fly.dark.svg' },
		group: ['trigger'],
		...WEBHOOK_TRIGGER_VERSIONS,
		subtitle: '={{"signed webhook: " + ($parameter["updates"].join(", ") || "all updates")}}',
		description: 'Starts the workflow on a signed Fly webhook. Forged, expired and replayed deliveries are refused before anything runs.',
		defaults: { name: 'Fly Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flyApi', required: true }],
		webhooks: [postWebhook('fly')],
		properties: [
			setupNotice(
				'Paste the Production URL above into the Fly bot console as the webhook address. Each delivery is checked against the credential\'s Webhook Secret (default: sha256 of the bot token): v1 HMAC signature, a 300 s time window and one use per nonce.',
			),
			eventTypesProperty('updates', 'Updates', UPDATE_TYPES, ['message', 'callback_query']),
			optionsCollection([...filterOptions(MESSAGE_TYPES), sessionOption, ...mediaOptionFields, maxBodyOption]),
		],
	};

	webhookMethods = consoleConfiguredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const read = await readJsonBody(this, options.maxBodyKb);
		if (!read.ok) return read.response;

		const now = Math.floor(Date.now() / 1000);
		const verified = await checkWithCredentials(
			this,
			'flyApi',
			(credentials) => verifyFlySignedUpdate(read.raw, flyWebhookSecret(credentials), now),
			(result) => !result.ok && result.reason === 'SIGNATURE_MISMATCH',
		);
		if (!verified.ok) return refuse(this, verified.reason === 'MALFORMED' ? 400 : 401);

		const store = this.getWorkflowStaticData('node');
		if (!acceptNonceOnce(store, guardKey(this), verified.nonce, now)) return refuse(this, 403);
		// The nonce must be in the database before the answer, or another webhook processor accepts
		// a replay sent right after it (queue mode).
		void keepChangedUntilAnswered(this, store, NONCE_LIST_KEY);

		const updates = this.getNodeParameter('updates', []) as string[];
		const items = await flyItems(this, [read.body], readFilters(updates, options), options);
		if (!items.length) return {};
		return { workflowData: [items] };
	}
}

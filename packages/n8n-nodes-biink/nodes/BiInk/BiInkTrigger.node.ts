import type {
	ICredentialDataDecryptedObject,
	IDataObject,
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
import { secretsEqual } from '../shared/secretsEqual';
import { checkWithCredentials } from '../shared/credentials';
import {
	consoleConfiguredWebhook,
	maxBodyOption,
	postWebhook,
	readJsonBody,
	refuse,
	webhookTrigger,
} from '../shared/webhook';
import { EVENT_TYPES, MESSAGE_TYPES, toEvent } from './event';
import { isPressRef } from '../shared/sendAndWait/pressRef';
import { answerCallback } from './helpers';
import { relayPress } from './pressRelay';
import { biInkWebhookSecret, SECRET_HEADER, SECRET_QUERY } from './webhookSecret';

const PATH = 'bi-ink';

const SETUP =
	'bi.ink signs nothing, so this trigger adds a secret to its URL. To get the URL to paste into the bi.ink bot console: save the workflow, click "Listen for test event", then open the Test URL above in your browser. The trigger\'s output shows the Production URL with its secret.';

export class BiInkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'bi.ink Trigger',
		name: 'biInkTrigger',
		group: ['trigger'],
		icon: { light: 'file:biInk.svg', dark: 'file:biInk.dark.svg' },
		subtitle: selectionSubtitle('events', 'events', 'all'),
		inputs: [],
		credentials: [{ name: 'biInkApi', required: true }],
		builderHint: {
			searchHint:
				'Use when a workflow should run when someone messages a bi.ink bot, presses one of its buttons or joins its group ("when someone messages my bi.ink bot…"). Webhook with a secret in its URL: the user opens the Test URL in a browser while the trigger listens, and this trigger\'s output then shows the Production URL to paste into the bi.ink bot console. Each item has chatInput and sessionId for an AI Agent and its memory, plus event and raw. Reply with the bi.ink node to event.chat.id and event.chat.type.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-biink.biInk',
					relationHint: 'Replies in the chat of the trigger event or asks that chat for approval',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Answers the message: its prompt is chatInput and its memory session is sessionId, both as they come',
				},
			],
		},
		webhooks: [
			postWebhook(PATH),
			// Opened in a browser while "Listen for test event" runs: shows the URL to paste.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: PATH },
		],
		...webhookTrigger(
			'bi.ink Trigger',
			"Starts the workflow when a bi.ink bot receives a message, a button press or a new group member. Requests without the trigger's secret are refused.",
			[
				eventTypesProperty('events', 'Events', EVENT_TYPES),
				optionsCollection([
					{
						displayName: 'Answer Button Presses Automatically',
						name: 'autoAnswer',
						type: 'boolean',
						default: false,
						description:
							'Whether to answer each callback_query at once (before the workflow runs) so the user is not left waiting',
					},
					{
						displayName: 'Answer Text',
						name: 'answerText',
						type: 'string',
						default: '',
						displayOptions: { show: { autoAnswer: [true] } },
						description: 'Notice shown to the user who pressed the button. Empty: no notice.',
					},
					{
						displayName: 'Answer as Alert',
						name: 'answerAlert',
						type: 'boolean',
						default: false,
						displayOptions: { show: { autoAnswer: [true] } },
						description: 'Whether to show the answer text as a dialog instead of a toast',
					},
					...filterOptions(MESSAGE_TYPES),
					sessionOption,
					maxBodyOption,
					{
						displayName: 'Waiting Webhook Base URL (Send and Wait)',
						name: 'waitingWebhookBase',
						type: 'string',
						default: '',
						placeholder: 'https://n8n.example.com/webhook-waiting',
						description:
							"Where this trigger hands in-chat Send and Wait answers to the waiting execution. Empty: derived from this trigger's own URL; set it only when n8n's endpoint names were changed.",
					},
					{
						displayName: 'Secret Version',
						name: 'secretVersion',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
						description:
							'Raise to issue a new secret (the old URL stops working); paste the new URL into the bi.ink console',
					},
				]),
			],
			SETUP,
		),
	};

	webhookMethods = consoleConfiguredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const secretOf = (credentials: ICredentialDataDecryptedObject) =>
			biInkWebhookSecret(
				String(credentials.accessToken ?? ''),
				String(this.getWorkflow().id ?? ''),
				String(this.getNode().id ?? ''),
				Number(options.secretVersion ?? 1),
			);

		if (this.getWebhookName() === 'setup') {
			const secret = secretOf(await this.getCredentials('biInkApi'));
			// Only a test URL (live while the editor listens) reveals the URL, and only in the editor.
			if (this.getMode() !== 'manual') return refuse(this, 404);
			const url = new URL(this.getNodeWebhookUrl('default') ?? '');
			url.searchParams.set(SECRET_QUERY, secret);
			this.getResponseObject()
				.status(200)
				.type('text/plain')
				.send(
					"bi.ink Trigger: the URL to paste into the bi.ink console is in the n8n editor, in this trigger's output.",
				);
			return {
				noWebhookResponse: true,
				workflowData: [
					[
						{
							json: {
								setup: {
									productionUrl: url.toString(),
									note: 'Paste productionUrl into the bi.ink bot console as the webhook address, then activate the workflow.',
								},
							},
						},
					],
				],
			};
		}

		const query = this.getQueryData() as IDataObject;
		const given = query[SECRET_QUERY] ?? this.getHeaderData()[SECRET_HEADER];
		if (given === undefined || given === '') return refuse(this, 401);
		const matches = await checkWithCredentials(
			this,
			'biInkApi',
			(credentials) => secretsEqual(secretOf(credentials), given),
			(ok) => !ok,
		);
		if (!matches) return refuse(this, 403);
		const read = await readJsonBody(this, options.maxBodyKb);
		if (!read.ok) return read.response;
		const { body } = read;
		// A Send and Wait button: resumes the waiting execution, never starts this workflow.
		if (str(body.event_type) === 'callback_query' && isPressRef(body.callback_data)) {
			await relayPress(this, body, await this.getCredentials('biInkApi'), options);
			return {};
		}

		const events = this.getNodeParameter('events', []) as string[];
		const event = toEvent(body);
		if (!passes(event, readFilters(events, options), str(body.event_type))) return {};
		const json = eventJson(event, body, options);
		if (options.autoAnswer === true && event.callback) {
			try {
				await answerCallback(this, event.callback.id, {
					text: str(options.answerText),
					showAlert: options.answerAlert === true,
				});
				json.autoAnswered = true;
			} catch (error) {
				this.logger.warn(
					`bi.ink Trigger: answering the button press failed: ${(error as Error).message}`,
				);
				json.autoAnswered = false;
				json.autoAnswerError = (error as Error).message;
			}
		}
		return { workflowData: [[{ json }]] };
	}
}

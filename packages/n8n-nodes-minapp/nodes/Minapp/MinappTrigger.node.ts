import { NodeConnectionTypes, type IDataObject, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { eventJson, eventTypesProperty, filterOptions, optionsCollection, passes, readFilters, sessionOption, setupNotice, str } from '../shared/event';
import { secretsEqual } from '../shared/secretsEqual';
import { checkWithCredentials } from '../shared/credentials';
import { consoleConfiguredWebhook, maxBodyOption, postWebhook, readJsonBody, refuse, WEBHOOK_TRIGGER_VERSIONS } from '../shared/webhook';
import { attachMedia } from '../shared/triggerMedia';
import { imageOptionFields, imageSource, MESSAGE_TYPES, toEvent } from './event';

export class MinappTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'minapp Trigger',
		name: 'minappTrigger',
		icon: { light: 'file:minapp.svg', dark: 'file:minapp.dark.svg' },
		group: ['trigger'],
		...WEBHOOK_TRIGGER_VERSIONS,
		subtitle: '={{"messages: " + ($parameter["events"].join(", ") || "all")}}',
		description: 'Starts the workflow when a minapp robot receives a message. Callbacks without the robot secret are refused.',
		defaults: { name: 'minapp Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'minappApi', required: true }],
		webhooks: [postWebhook('minapp')],
		properties: [
			setupNotice(
				'Paste the Production URL above into the minapp admin console as the webhook address. Each callback must carry the robot secret of the credential; any other request is refused and starts nothing.',
			),
			eventTypesProperty('events', 'Events', MESSAGE_TYPES),
			optionsCollection([...filterOptions(MESSAGE_TYPES).filter((o) => o.name !== 'messageTypes'), sessionOption, ...imageOptionFields, maxBodyOption]),
		],
	};

	webhookMethods = consoleConfiguredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const read = await readJsonBody(this, options.maxBodyKb);
		if (!read.ok) return read.response;
		const { body } = read;
		if (body.secret === undefined || body.secret === null || body.secret === '') return refuse(this, 401);
		const matches = await checkWithCredentials(
			this,
			'minappApi',
			(credentials) => {
				const expected = String(credentials.secret ?? '').trim();
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
		if (options.downloadMedia === true) await attachMedia(this, items, [imageSource(body)], options);
		return { workflowData: [items] };
	}
}

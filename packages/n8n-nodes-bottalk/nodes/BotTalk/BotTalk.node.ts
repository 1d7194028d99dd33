import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { resourceSelector } from '../shared/describe';
import { sendAndWaitWebhooks } from '../shared/sendAndWait/execute';
import { answerWebhook } from '../shared/sendAndWait/webhook';
import * as channel from './actions/channel';
import * as key from './actions/key';
import * as push from './actions/push';
import * as pushLog from './actions/pushLog';
import * as reminder from './actions/reminder';
import { router } from './actions/router';

export class BotTalk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BotTalk',
		name: 'botTalk',
		icon: { light: 'file:botTalk.svg', dark: 'file:botTalk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Push notifications to WeChat with BotTalk, and manage channels, reminders and push logs',
		defaults: { name: 'BotTalk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'botTalkApi', required: true }],
		// The resume URL of Send and Wait for Response (only that operation waits).
		webhooks: sendAndWaitWebhooks,
		properties: [
			resourceSelector(
				[
					{ name: 'Channel', value: 'channel' },
					{ name: 'Key', value: 'key', description: 'The SendKey' },
					{ name: 'Push', value: 'push' },
					{ name: 'Push Log', value: 'pushLog' },
					{ name: 'Reminder', value: 'reminder' },
				],
				'push',
			),
			...push.description,
			...reminder.description,
			...channel.description,
			...pushLog.description,
			...key.description,
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this, push.sendAndWait.answers);
	}

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}

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
import * as conversation from './actions/conversation';
import * as message from './actions/message';
import { router } from './actions/router';
import { listSearch } from './methods';

export class Minapp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'minapp',
		name: 'minapp',
		icon: { light: 'file:minapp.svg', dark: 'file:minapp.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WeCom-robot style messages to minapp users and groups',
		defaults: { name: 'minapp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'minappApi', required: true }],
		// The resume URL of Send and Wait for Response (only that operation waits).
		webhooks: sendAndWaitWebhooks,
		properties: [
			resourceSelector(
				[
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Message', value: 'message' },
				],
				'message',
			),
			...message.description,
			...conversation.description,
		],
	};

	methods = { listSearch };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this, message.sendAndWait.answers);
	}

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}

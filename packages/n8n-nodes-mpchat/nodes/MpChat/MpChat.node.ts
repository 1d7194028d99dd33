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
import * as bot from './actions/bot';
import * as message from './actions/message';
import * as method from './actions/method';
import { router } from './actions/router';
import * as update from './actions/update';

export class MpChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MPChat',
		name: 'mpChat',
		icon: { light: 'file:mpChat.svg', dark: 'file:mpChat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send messages and files with an MPChat bot. MPChat speaks the Telegram Bot API shape: media use sendPhoto/sendDocument/sendVideo/sendAudio/sendVoice with the file in the field of the same name.',
		defaults: { name: 'MPChat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mpChatApi', required: true }],
		// The resume URL of Send and Wait for Response (only that operation waits).
		webhooks: sendAndWaitWebhooks,
		properties: [
			resourceSelector(
				[
					{ name: 'Bot', value: 'bot' },
					{ name: 'Message', value: 'message' },
					{ name: 'Method', value: 'method', description: 'Any other Bot API method' },
					{ name: 'Update', value: 'update' },
				],
				'message',
			),
			...bot.description,
			...message.description,
			...update.description,
			...method.description,
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this, message.sendAndWait.answers);
	}

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}

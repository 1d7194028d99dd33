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
import * as file from './actions/file';
import * as message from './actions/message';
import { router } from './actions/router';
import * as signature from './actions/signature';
import * as update from './actions/update';

export class Fly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fly',
		name: 'fly',
		icon: { light: 'file:fly.svg', dark: 'file:fly.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send Fly bot messages exactly once, fetch updates, download media and verify signed webhooks',
		defaults: { name: 'Fly' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flyApi', required: true }],
		// The resume URL of Send and Wait for Response (only that operation waits).
		webhooks: sendAndWaitWebhooks,
		properties: [
			resourceSelector(
				[
					{ name: 'File', value: 'file' },
					{ name: 'Message', value: 'message' },
					{ name: 'Signature', value: 'signature' },
					{ name: 'Update', value: 'update' },
				],
				'message',
			),
			...message.description,
			...update.description,
			...file.description,
			...signature.description,
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this, message.sendAndWait.answers);
	}

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}

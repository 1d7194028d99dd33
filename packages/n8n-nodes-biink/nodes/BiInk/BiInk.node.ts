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
import * as callback from './actions/callback';
import * as commandMenu from './actions/commandMenu';
import * as file from './actions/file';
import * as group from './actions/group';
import * as member from './actions/member';
import * as message from './actions/message';
import { router } from './actions/router';

export class BiInk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'bi.ink',
		name: 'biInk',
		icon: { light: 'file:biInk.svg', dark: 'file:biInk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send, edit and delete bi.ink bot messages, with buttons, files and group tools',
		defaults: { name: 'bi.ink' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'biInkApi', required: true }],
		// The resume URL of Send and Wait for Response (only that operation waits).
		webhooks: sendAndWaitWebhooks,
		properties: [
			resourceSelector(
				[
					{ name: 'Bot', value: 'bot' },
					{ name: 'Callback', value: 'callback', description: 'Button presses' },
					{ name: 'Command Menu', value: 'commandMenu' },
					{ name: 'File', value: 'file' },
					{ name: 'Group', value: 'group' },
					{ name: 'Member', value: 'member' },
					{ name: 'Message', value: 'message' },
				],
				'message',
			),
			...message.description,
			...file.description,
			...callback.description,
			...bot.description,
			...commandMenu.description,
			...group.description,
			...member.description,
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this, message.sendAndWait.answers);
	}

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}

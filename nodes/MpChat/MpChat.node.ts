import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import * as bot from './actions/bot';
import { router } from './actions/router';

export class MpChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MPChat',
		name: 'mpChat',
		icon: 'file:mpChat.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and receive messages with an MPChat bot',
		defaults: { name: 'MPChat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mpChatApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Bot', value: 'bot' }],
				default: 'bot',
			},
			...bot.description,
		],
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}

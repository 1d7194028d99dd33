import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as channel from './actions/channel';
import * as key from './actions/key';
import { operations } from './actions/operations';
import * as push from './actions/push';
import * as pushLog from './actions/pushLog';
import * as reminder from './actions/reminder';

export class BotTalk extends ActionNodeType(operations, push.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BotTalk',
		name: 'botTalk',
		group: ['output'],
		icon: { light: 'file:botTalk.svg', dark: 'file:botTalk.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		builderHint: {
			searchHint:
				'Use to push a notification to someone\'s WeChat through BotTalk ("notify me on WeChat when…", "send me an alert"), or to ask a person on WeChat to approve or choose and wait for the answer (Push → Send and Wait). Also manages BotTalk channels, reminders, push logs and the SendKey. BotTalk has no trigger and cannot receive messages: start from any other trigger (Schedule Trigger, Webhook, another app\'s trigger). For an AI Agent, attach the BotTalk Tool variant of this node with tool().',
			relatedNodes: [
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Attach this node to the agent as a tool with tool() so the agent can push notifications or ask a person on WeChat and wait for the answer',
				},
			],
		},
		sensitiveOutputFields: ['sendKey'],
		credentials: [{ name: 'botTalkApi', required: true }],
		...actionNode(
			'BotTalk',
			'Push notifications to WeChat with BotTalk, and manage channels, reminders and push logs',
			'push',
			[push, reminder, channel, pushLog, key],
		),
	};
}

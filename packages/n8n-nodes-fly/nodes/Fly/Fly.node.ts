import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as file from './actions/file';
import * as message from './actions/message';
import { operations } from './actions/operations';
import * as signature from './actions/signature';
import * as update from './actions/update';

export class Fly extends ActionNodeType(operations, message.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fly',
		name: 'fly',
		group: ['output'],
		icon: { light: 'file:fly.svg', dark: 'file:fly.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		builderHint: {
			searchHint:
				'Use for a Fly bot: send a text, image, voice, video or file to a Fly chat, reply to the person who messaged the bot, ask someone on Fly to approve or choose and wait for the answer ("ask my manager on Fly before…": Message → Send and Wait), download media a user sent, or verify a signed Fly webhook. To reply in the chat that wrote, pair with Fly Trigger or Fly Polling Trigger and send to the chat of the trigger event (event.chat.id and event.chat.type). For an AI Agent, attach the Fly Tool variant of this node with tool().',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-fly.flyTrigger',
					relationHint:
						'Starts the workflow on a signed webhook delivery; reply to its event.chat.id and event.chat.type',
				},
				{
					nodeType: 'n8n-nodes-fly.flyPollingTrigger',
					relationHint:
						'Starts the workflow by long polling, without a public URL; reply to its event.chat.id and event.chat.type',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Attach this node to the agent as a tool with tool() so the agent can send messages or ask a person and wait for the answer',
				},
			],
		},
		sensitiveOutputFields: ['files'],
		credentials: [{ name: 'flyApi', required: true }],
		...actionNode(
			'Fly',
			'Send Fly bot messages exactly once, fetch updates, download media and verify signed webhooks',
			'message',
			[message, update, file, signature],
		),
	};
}

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as conversation from './actions/conversation';
import * as message from './actions/message';
import { operations } from './actions/operations';
import { listSearch } from './methods';

export class Minapp extends ActionNodeType(operations, message.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'minapp',
		name: 'minapp',
		group: ['output'],
		icon: { light: 'file:minapp.svg', dark: 'file:minapp.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		builderHint: {
			searchHint:
				"Use for a minapp robot (WeCom-robot style): send a text, image, link or mini-program card to a minapp user or group, reply to the person who messaged the robot, list the robot's users and groups, or ask someone on minapp to approve or choose and wait for the answer (Message → Send and Wait). To reply to an incoming message, start with minapp Trigger and send to the trigger item's event.chat.id. For an AI Agent, attach the minapp Tool variant of this node with tool().",
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-minapp.minappTrigger',
					relationHint:
						'Starts the workflow when the robot receives a message; reply to its event.chat.id',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Attach this node to the agent as a tool with tool() so the agent can send messages or ask a person and wait for the answer',
				},
			],
		},
		credentials: [{ name: 'minappApi', required: true }],
		...actionNode(
			'minapp',
			'Send WeCom-robot style messages to minapp users and groups',
			'message',
			[message, conversation],
		),
	};

	methods = { listSearch };
}

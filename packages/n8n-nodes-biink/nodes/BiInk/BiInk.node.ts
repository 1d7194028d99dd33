import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as bot from './actions/bot';
import * as callback from './actions/callback';
import * as commandMenu from './actions/commandMenu';
import * as file from './actions/file';
import * as group from './actions/group';
import * as member from './actions/member';
import * as message from './actions/message';
import { operations } from './actions/operations';

export class BiInk extends ActionNodeType(operations, message.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'bi.ink',
		name: 'biInk',
		group: ['output'],
		icon: { light: 'file:biInk.svg', dark: 'file:biInk.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		builderHint: {
			searchHint:
				'Use for a bi.ink bot: send, edit or delete a message with buttons or files in a bi.ink chat or group, reply to the person who messaged the bot, answer a button press, manage group members, or ask someone on bi.ink to approve or choose and wait for the answer (Message → Send and Wait). To reply to an incoming message, start with bi.ink Trigger and send to the chat of the trigger event (event.chat.id and event.chat.type). For an AI Agent, attach the bi.ink Tool variant of this node with tool().',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-biink.biInkTrigger',
					relationHint:
						'Starts the workflow when the bot receives a message, a button press or a new group member; reply to its event.chat.id and event.chat.type',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Attach this node to the agent as a tool with tool() so the agent can send messages or ask a person and wait for the answer',
				},
			],
		},
		credentials: [{ name: 'biInkApi', required: true }],
		...actionNode(
			'bi.ink',
			'Send, edit and delete bi.ink bot messages, with buttons, files and group tools',
			'message',
			[message, file, callback, bot, commandMenu, group, member],
		),
	};
}

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as bot from './actions/bot';
import * as message from './actions/message';
import * as method from './actions/method';
import { operations } from './actions/operations';
import * as update from './actions/update';

export class MpChat extends ActionNodeType(operations, message.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MPChat',
		name: 'mpChat',
		group: ['output'],
		icon: { light: 'file:mpChat.svg', dark: 'file:mpChat.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		builderHint: {
			searchHint:
				"Use for an MPChat bot (Telegram Bot API style): send a text, photo, document or other file to an MPChat chat, reply to the person who messaged the bot, or ask someone in an MPChat chat to approve or choose and wait for the answer (Message → Send and Wait). To reply to an incoming message, start the workflow with MPChat Trigger and send to the trigger item's event.chat.id. For an AI Agent, attach the MPChat Tool variant of this node with tool().",
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-mpchat.mpChatTrigger',
					relationHint:
						'Starts the workflow when the bot receives a message or a button press; send the reply to its event.chat.id',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						'Attach this node to the agent as a tool with tool() so the agent can send messages or ask a person and wait for the answer',
				},
			],
		},
		credentials: [{ name: 'mpChatApi', required: true }],
		...actionNode(
			'MPChat',
			'Send messages and files with an MPChat bot. MPChat speaks the Telegram Bot API shape: media use sendPhoto/sendDocument/sendVideo/sendAudio/sendVoice with the file in the field of the same name.',
			'message',
			[bot, message, update, method],
		),
	};
}

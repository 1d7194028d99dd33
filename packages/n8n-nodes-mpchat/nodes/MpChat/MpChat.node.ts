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
		credentials: [{ name: 'mpChatApi', required: true }],
		...actionNode(
			'MPChat',
			'Send messages and files with an MPChat bot. MPChat speaks the Telegram Bot API shape: media use sendPhoto/sendDocument/sendVideo/sendAudio/sendVoice with the file in the field of the same name.',
			'message',
			[bot, message, update, method],
		),
	};
}

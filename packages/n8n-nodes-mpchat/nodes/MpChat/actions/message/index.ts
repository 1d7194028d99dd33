import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { operationSelector } from '../../../shared/describe';
import * as sendMedia from './sendMedia.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendText from './sendText.operation';

export { sendAndWait, sendMedia, sendText };

export const description = [
	operationSelector(
		'message',
		[
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message', description: 'Send a text message to a chat (sendMessage). Needs the chat ID and the text.' },
			{ name: 'Send Media', value: 'sendMedia', action: 'Send a photo, document, video, audio or voice message', description: 'Send a photo, document, video, audio or voice file to a chat. Needs the chat ID and a public URL or an input binary field.' },
			{ name: 'Send and Wait for Response', value: SEND_AND_WAIT_OPERATION, action: 'Send a message and wait for response', description: 'Send a question to a chat and pause the workflow until someone answers (approval, free text or a form). Needs the recipient and the question.' },
		],
		'sendText',
	),
	...sendText.description,
	...sendMedia.description,
	...sendAndWait.description,
];

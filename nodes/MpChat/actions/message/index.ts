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
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message', description: 'Send a text message to a chat (sendMessage)' },
			{ name: 'Send Media', value: 'sendMedia', action: 'Send a photo, document, video, audio or voice message', description: 'Send a file from a public URL or from binary data' },
			{ name: 'Send and Wait for Response', value: SEND_AND_WAIT_OPERATION, action: 'Send a message and wait for response', description: 'Send a question and pause the workflow until someone answers' },
		],
		'sendText',
	),
	...sendText.description,
	...sendMedia.description,
	...sendAndWait.description,
];

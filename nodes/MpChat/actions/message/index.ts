import { operationSelector } from '../../../shared/describe';
import * as sendMedia from './sendMedia.operation';
import * as sendText from './sendText.operation';

export { sendMedia, sendText };

export const description = [
	operationSelector(
		'message',
		[
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message', description: 'Send a text message to a chat (sendMessage)' },
			{ name: 'Send Media', value: 'sendMedia', action: 'Send a photo, document, video, audio or voice message', description: 'Send a file from a public URL or from binary data' },
		],
		'sendText',
	),
	...sendText.description,
	...sendMedia.description,
];

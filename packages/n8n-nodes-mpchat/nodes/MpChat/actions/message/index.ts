import { resourceFields } from '../../../shared/describe';
import { sendAndWaitOption } from '../../../shared/sendAndWait/properties';
import * as sendMedia from './sendMedia.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendText from './sendText.operation';

export { sendAndWait, sendMedia, sendText };

export const resource = { name: 'Message', value: 'message' };

export const description = resourceFields(
	resource.value,
	'sendText',
	[sendText, sendMedia, sendAndWait],
	[
		{
			name: 'Send Text',
			value: 'sendText',
			action: 'Send a text message',
			description: 'Send a text message to a chat (sendMessage). Needs the chat ID and the text.',
		},
		{
			name: 'Send Media',
			value: 'sendMedia',
			action: 'Send a photo, document, video, audio or voice message',
			description:
				'Send a photo, document, video, audio or voice file to a chat. Needs the chat ID and a public URL or an input binary field.',
		},
		sendAndWaitOption,
	],
);

import { resourceFields } from '../../../shared/describe';
import { sendAndWaitOption } from '../../../shared/sendAndWait/properties';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';

export { send, sendAndWait };

export const resource = { name: 'Message', value: 'message' };

export const description = resourceFields(
	resource.value,
	'send',
	[send, sendAndWait],
	[
		{
			name: 'Send',
			value: 'send',
			action: 'Send a message',
			description:
				'Send text, a link, an image, a mini program or any WeCom-robot message. Needs the conversation and the content.',
		},
		sendAndWaitOption,
	],
);

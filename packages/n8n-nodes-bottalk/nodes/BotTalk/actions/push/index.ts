import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { operationSelector } from '../../../shared/describe';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';

export { send, sendAndWait };

export const description = [
	operationSelector(
		'push',
		[
			{ name: 'Send', value: 'send', action: 'Send a push', description: 'Push a notification to WeChat through your channels. Needs a title or content (or both); the channel defaults to the default channel.' },
			{ name: 'Send and Wait for Response', value: SEND_AND_WAIT_OPERATION, action: 'Send a message and wait for response', description: 'Send a question to a chat and pause the workflow until someone answers (approval, free text or a form). Needs the recipient and the question.' },
		],
		'send',
	),
	...send.description,
	...sendAndWait.description,
];

import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { operationSelector } from '../../../shared/describe';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';

export { send, sendAndWait };

export const description = [
	operationSelector(
		'message',
		[
			{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send text, an image, voice, video or a file to a group or a user, exactly once. Needs the group or user ID and the content.' },
			{ name: 'Send and Wait for Response', value: SEND_AND_WAIT_OPERATION, action: 'Send a message and wait for response', description: 'Send a question to a chat and pause the workflow until someone answers (approval, free text or a form). Needs the recipient and the question.' },
		],
		'send',
	),
	...send.description,
	...sendAndWait.description,
];

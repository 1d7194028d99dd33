import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { operationSelector } from '../../../shared/describe';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';

export { send, sendAndWait };

export const description = [
	operationSelector(
		'push',
		[
			{ name: 'Send', value: 'send', action: 'Send a push', description: 'Push a notification to WeChat through your channels' },
			{ name: 'Send and Wait for Response', value: SEND_AND_WAIT_OPERATION, action: 'Send a message and wait for response', description: 'Send a question and pause the workflow until someone answers' },
		],
		'send',
	),
	...send.description,
	...sendAndWait.description,
];

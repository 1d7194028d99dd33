import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { operationSelector } from '../../../shared/describe';
import * as del from './delete.operation';
import * as edit from './edit.operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';

export { del, edit, send, sendAndWait };

export const description = [
	operationSelector(
		'message',
		[
			{ name: 'Delete', value: 'delete', action: 'Delete messages', description: 'Delete one or many messages' },
			{ name: 'Edit', value: 'edit', action: 'Edit a message', description: 'Change the text or buttons of a sent message' },
			{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send text, media, a sticker or a contact to a group or a user' },
			{ name: 'Send and Wait for Response', value: SEND_AND_WAIT_OPERATION, action: 'Send a message and wait for response', description: 'Send a question and pause the workflow until someone answers' },
		],
		'send',
	),
	...send.description,
	...sendAndWait.description,
	...edit.description,
	...del.description,
];

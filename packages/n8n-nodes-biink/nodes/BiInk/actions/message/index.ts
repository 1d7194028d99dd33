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
			{ name: 'Delete', value: 'delete', action: 'Delete messages', description: 'Permanently deletes one or many sent messages; this cannot be undone. Needs the message IDs.' },
			{ name: 'Edit', value: 'edit', action: 'Edit a message', description: 'Change the text or buttons of a sent message. Needs the message ID and the new text or buttons.' },
			{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send text, media, a sticker or a contact to a group or a user. Needs the group or user ID and the content.' },
			{ name: 'Send and Wait for Response', value: SEND_AND_WAIT_OPERATION, action: 'Send a message and wait for response', description: 'Send a question to a chat and pause the workflow until someone answers (approval, free text or a form). Needs the recipient and the question.' },
		],
		'send',
	),
	...send.description,
	...sendAndWait.description,
	...edit.description,
	...del.description,
];

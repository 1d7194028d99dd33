import { operationSelector } from '../../../shared/describe';
import * as del from './delete.operation';
import * as edit from './edit.operation';
import * as send from './send.operation';

export { del, edit, send };

export const description = [
	operationSelector(
		'message',
		[
			{ name: 'Delete', value: 'delete', action: 'Delete messages', description: 'Delete one or many messages' },
			{ name: 'Edit', value: 'edit', action: 'Edit a message', description: 'Change the text or buttons of a sent message' },
			{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send text, media, a sticker or a contact to a group or a user' },
		],
		'send',
	),
	...send.description,
	...edit.description,
	...del.description,
];

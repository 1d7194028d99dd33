import { resourceFields } from '../../../shared/describe';
import { sendAndWaitOption } from '../../../shared/sendAndWait/properties';
import * as del from './delete.operation';
import * as edit from './edit.operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';

export { del, edit, send, sendAndWait };

export const resource = { name: 'Message', value: 'message' };

export const description = resourceFields(
	resource.value,
	'send',
	[send, sendAndWait, edit, del],
	[
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete messages',
			description:
				'Permanently deletes one or many sent messages; this cannot be undone. Needs the message IDs.',
		},
		{
			name: 'Edit',
			value: 'edit',
			action: 'Edit a message',
			description:
				'Change the text or buttons of a sent message. Needs the message ID and the new text or buttons.',
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send a message',
			description:
				'Send text, media, a sticker or a contact to a group or a user. Needs the group or user ID and the content.',
		},
		sendAndWaitOption,
	],
);

/** bi.ink webhook events as the shared event shape. */
import type { IDataObject } from 'n8n-workflow';

import {
	messageKindOptions,
	seconds,
	str,
	type Attachment,
	type AttachmentKind,
	type ChatEvent,
} from '../shared/event';

export const EVENT_TYPES = [
	{
		name: 'Callback Query',
		value: 'callback_query',
		description: 'A user pressed an inline keyboard button',
	},
	{ name: 'Group Message', value: 'group_message' },
	{ name: 'Member Joined', value: 'member_joined' },
	{ name: 'Private Message', value: 'private_message' },
];

export const MESSAGE_TYPES = messageKindOptions([
	'audio',
	'contact',
	'file',
	'image',
	'sticker',
	'text',
	'video',
]);

const MEDIA: Record<string, AttachmentKind> = {
	image: 'image',
	video: 'video',
	audio: 'audio',
	file: 'file',
	sticker: 'sticker',
	contact: 'contact',
};

export function toEvent(body: IDataObject): ChatEvent {
	const eventType = str(body.event_type);
	const groupId = str(body.group_id);
	const senderId = str(body.sender_id);
	const messageType = str(body.message_type);
	const isCallback = eventType === 'callback_query';
	const attachments: Attachment[] = [];
	// A media message's `content` is its optional caption (说明,可空), never its file ID.
	const fileId = str(body.file_id);
	if (!isCallback && MEDIA[messageType])
		attachments.push({ kind: MEDIA[messageType], ...(fileId ? { fileId } : {}) });
	return {
		platform: 'biInk',
		type: eventType === 'private_message' || eventType === 'group_message' ? 'message' : eventType,
		chat: groupId ? { id: groupId, type: 'group' } : { id: senderId, type: 'private' },
		sender: { id: senderId, name: str(body.sender_display_name) || str(body.sender_username) },
		text: isCallback ? '' : str(body.content),
		attachments,
		callback: isCallback ? { id: str(body.callback_id), data: str(body.callback_data) } : null,
		messageId: str(body.message_id),
		timestamp: seconds(body.timestamp),
	};
}

/** MPChat (Telegram-shaped) updates as the shared event shape. */
import type { IDataObject } from 'n8n-workflow';

import {
	buttonPressEvent,
	obj,
	seconds,
	str,
	type Attachment,
	type AttachmentKind,
	type ChatEvent,
} from '../shared/event';

const MEDIA: Array<[string, AttachmentKind]> = [
	['photo', 'image'],
	['video', 'video'],
	['audio', 'audio'],
	['voice', 'voice'],
	['document', 'file'],
	['sticker', 'sticker'],
	['contact', 'contact'],
];

function attachments(message: IDataObject): Attachment[] {
	const out: Attachment[] = [];
	for (const [key, kind] of MEDIA) {
		let media = message[key];
		// Photos come in several sizes, smallest first: the largest is the one users want.
		if (Array.isArray(media)) media = media[media.length - 1];
		if (!media || typeof media !== 'object') continue;
		const m = media as IDataObject;
		const a: Attachment = { kind };
		if (m.file_id !== undefined) a.fileId = str(m.file_id);
		if (m.file_name !== undefined) a.name = str(m.file_name);
		if (m.mime_type !== undefined) a.mimeType = str(m.mime_type);
		if (kind === 'contact')
			a.name =
				[str(m.first_name), str(m.last_name)].filter(Boolean).join(' ') || str(m.phone_number);
		out.push(a);
	}
	return out;
}

function person(from: IDataObject): { id: string; name: string; isBot: boolean } {
	const name =
		[str(from.first_name), str(from.last_name)].filter(Boolean).join(' ') ||
		str(from.username) ||
		str(from.title);
	// Telegram-shaped: a user carries is_bot; a chat posting in its own name (sender_chat) is no bot.
	return { id: str(from.id), name, isBot: from.is_bot === true };
}

/** The update's kind: the name of its one payload field (message, callback_query, …). */
export function updateType(update: IDataObject): string {
	return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

export function toEvent(update: IDataObject): ChatEvent {
	const type = updateType(update);
	if (type === 'callback_query') {
		const cb = obj(update.callback_query);
		const message = obj(cb.message);
		return buttonPressEvent(
			'mpChat',
			cb,
			person(obj(cb.from)),
			str(message.message_id),
			seconds(message.date),
		);
	}
	const message = obj(update[type]);
	const chat = obj(message.chat);
	return {
		platform: 'mpChat',
		type,
		chat: { id: str(chat.id), type: str(chat.type) },
		sender: person(
			Object.keys(obj(message.from)).length
				? obj(message.from)
				: obj(message.sender_chat ?? message.chat),
		),
		text: str(message.text ?? message.caption),
		attachments: attachments(message),
		callback: null,
		messageId: str(message.message_id),
		timestamp: seconds(message.date),
	};
}

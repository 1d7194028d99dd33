/** Fly updates (polled or signed webhooks) as the shared event shape, with optional media download. */
import type {
	IDataObject,
	INodeExecutionData,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import {
	buttonPressEvent,
	eventJson,
	messageKindOptions,
	obj,
	passes,
	seconds,
	str,
	type Attachment,
	type AttachmentKind,
	type ChatEvent,
	type EventFilters,
} from '../shared/event';
import {
	attachMedia,
	mediaOptionFields as sharedMediaOptions,
	type MediaSource,
} from '../shared/triggerMedia';
import { flySignedPayloadKey } from '../shared/signature';
import { accessUrls, mediaUrls } from './media';

const KINDS: Record<string, AttachmentKind> = {
	image: 'image',
	voice: 'voice',
	video: 'video',
	file: 'file',
};

export const MESSAGE_TYPES = messageKindOptions(['file', 'image', 'text', 'video', 'voice']);

export const UPDATE_TYPES = [
	{ name: 'Callback Query', value: 'callback_query', description: 'A user pressed a button' },
	{ name: 'Message', value: 'message' },
];

function sender(from: IDataObject): { id: string; name: string } {
	return {
		id: str(from.id ?? from.user_id),
		name: str(from.name ?? from.nickname ?? from.username),
	};
}

/**
 * The event of an update, read from one payload key only: the one `type` names, else the one a
 * signature covers (flySignedPayloadKey). The Fly Trigger has refused, before this, a delivery
 * whose `type` names the key not signed or that carries both.
 */
export function toEvent(update: IDataObject): ChatEvent {
	const named = str(update.type);
	const key =
		named === 'message' || named === 'callback_query'
			? named
			: (flySignedPayloadKey(update) ?? 'message');
	const type = named || key;
	if (key === 'callback_query') {
		const cb = obj(update.callback_query);
		const message = obj(cb.message);
		return buttonPressEvent(
			'fly',
			cb,
			sender(obj(cb.from ?? cb.sender)),
			str(message.id ?? message.message_id),
			seconds(update.timestamp ?? message.date),
		);
	}
	const message = obj(update.message);
	const chat = obj(message.chat);
	const msgType = str(message.msgType);
	const data = obj(message.data);
	const kind = KINDS[msgType];
	const attachments: Attachment[] = [];
	// The main file only (thumbnails stay in the raw event).
	const main = kind ? mediaUrls(msgType, data)[0] : undefined;
	if (kind && main)
		attachments.push({ kind, url: main.url, ...(data.name ? { name: str(data.name) } : {}) });
	return {
		platform: 'fly',
		type,
		chat: { id: str(chat.id), type: str(chat.type) },
		sender: sender(obj(message.sender ?? message.from)),
		text: msgType === 'text' ? str(data.content) : str(data.caption),
		attachments,
		callback: null,
		messageId: str(message.id ?? message.message_id),
		timestamp: seconds(message.date ?? update.timestamp),
	};
}

export const mediaOptionFields = sharedMediaOptions(
	'each image, voice, video or file message (through batch_access)',
);

type Ctx = ITriggerFunctions | IWebhookFunctions;

/**
 * Items for a batch of updates: filtered, normalized, media attached when asked. Never throws
 * for a download: a failure becomes `mediaError` on that event, so the trigger cannot get stuck.
 */
export async function flyItems(
	ctx: Ctx,
	updates: IDataObject[],
	filters: EventFilters,
	options: IDataObject,
): Promise<INodeExecutionData[]> {
	const picked = updates
		.map((raw) => ({ raw, event: toEvent(raw) }))
		.filter(({ raw, event }) => passes(event, filters, str(raw.type)));
	const items: INodeExecutionData[] = picked.map(({ raw, event }) => ({
		json: eventJson(event, raw, options),
	}));
	if (options.downloadMedia !== true) return items;
	const urls = picked.map(({ event }) => event.attachments[0]?.url);
	const wanted = [...new Set(urls.filter((u): u is string => Boolean(u)))];
	if (!wanted.length) return items;
	let granted: Record<string, string> = {};
	let grantError: string | undefined;
	try {
		granted = await accessUrls(ctx, wanted, 600);
	} catch (error) {
		grantError = `batch_access failed: ${(error as Error).message}`;
	}
	const sources = urls.map((url): MediaSource | undefined => {
		if (!url) return undefined;
		if (granted[url]) return { url: granted[url] };
		return { error: grantError ?? 'Fly granted no access URL for this file' };
	});
	await attachMedia(ctx, items, sources, options);
	return items;
}

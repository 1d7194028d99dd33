/** minapp (WeCom-robot) callbacks as the shared event shape. */
import type { IDataObject } from 'n8n-workflow';

import { messageKindOptions, obj, str, type Attachment, type ChatEvent } from '../shared/event';
import { mediaOptionFields, type MediaSource } from '../shared/triggerMedia';

export const MESSAGE_TYPES = messageKindOptions(['image', 'link', 'miniprogram', 'text']);

/** WeCom names group chats "wr…"; everything else is a one-to-one conversation. */
const chatType = (conversationId: string) =>
	conversationId.startsWith('wr') ? 'group' : 'private';

export function toEvent(body: IDataObject, receivedAt: number): ChatEvent {
	const msgtype = str(body.msgtype);
	const conversationId = str(body.conversation_id);
	const attachments: Attachment[] = [];
	let text = '';
	if (msgtype === 'text') text = str(obj(body.text).content);
	if (msgtype === 'image') attachments.push({ kind: 'image', url: str(obj(body.image).cdn) });
	if (msgtype === 'link') {
		const link = obj(body.link);
		attachments.push({ kind: 'link', url: str(link.url), name: str(link.title) });
		text = str(link.title);
	}
	if (msgtype === 'miniprogram') {
		const mp = obj(body.miniprogram);
		attachments.push({
			kind: 'miniprogram',
			name: str(mp.title || mp.appname),
			...(mp.page_path ? { url: str(mp.page_path) } : {}),
		});
	}
	return {
		platform: 'minapp',
		type: 'message',
		chat: { id: conversationId, type: chatType(conversationId) },
		sender: { id: str(body.sender), name: str(body.sender_name ?? body.sender) },
		text,
		attachments,
		callback: null,
		messageId: str(body.msgid ?? body.message_id),
		timestamp: receivedAt,
	};
}

export const imageOptionFields = mediaOptionFields('each image message (from its cdn address)');

/**
 * Where an image message's file is. The document shows only `image: {cdn_type, cdn}`, both
 * strings, and defines neither: a cdn that is an http(s) URL is fetched; anything else cannot be.
 */
export function imageSource(body: IDataObject): MediaSource | undefined {
	if (str(body.msgtype) !== 'image') return undefined;
	const image = obj(body.image);
	const cdn = str(image.cdn).trim();
	const described = `cdn_type "${str(image.cdn_type)}"`;
	if (!cdn) return { error: `The image message has no cdn to fetch it from (${described})` };
	let url: URL | undefined;
	try {
		url = new URL(cdn);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		return {
			error: `The image's cdn is not an http(s) URL (${described}); minapp's document gives no other way to fetch an image`,
		};
	}
	return { url: cdn };
}

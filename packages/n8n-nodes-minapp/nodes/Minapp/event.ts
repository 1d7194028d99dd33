/** minapp (WeCom-robot) callbacks as the shared event shape. */
import type { IDataObject } from 'n8n-workflow';

import { obj, str, type Attachment, type ChatEvent } from '../shared/event';

export const MESSAGE_TYPES = [
	{ name: 'Image', value: 'image' },
	{ name: 'Link', value: 'link' },
	{ name: 'Mini Program', value: 'miniprogram' },
	{ name: 'Text', value: 'text' },
];

/** WeCom names group chats "wr…"; everything else is a one-to-one conversation. */
const chatType = (conversationId: string) => (conversationId.startsWith('wr') ? 'group' : 'private');

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
		attachments.push({ kind: 'miniprogram', name: str(mp.title || mp.appname), ...(mp.page_path ? { url: str(mp.page_path) } : {}) });
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

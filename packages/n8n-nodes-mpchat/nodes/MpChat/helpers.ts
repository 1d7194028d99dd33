/** MPChat's own rules: chat IDs and how the Telegram-shaped media methods are named. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { integerId } from '../shared/params';
import { repliesInTriggeringChat, triggeringChat } from '../shared/replyChat';

/**
 * The document allows "safe integers or decimal strings": a safe ID travels as a JSON number,
 * a longer one as its decimal string, so no digit is ever lost.
 */
export function wireId(id: string): number | string {
	const n = Number(id);
	return Number.isSafeInteger(n) ? n : id;
}

/**
 * Chat ID as typed; with Send To "Reply in the Triggering Chat", or Chat ID left empty, the chat of
 * the MPChat trigger event the item comes from.
 */
export function chatIdParam(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = repliesInTriggeringChat(ctx, itemIndex, 'chatId')
		? ''
		: (ctx.getNodeParameter('chatId', itemIndex, '') as unknown);
	if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
		return integerId(
			ctx,
			triggeringChat(ctx, itemIndex, 'mpChat', 'MPChat', 'set Chat ID').id,
			itemIndex,
			'Chat ID',
		);
	return integerId(ctx, value, itemIndex, 'Chat ID');
}

export const MEDIA_METHODS = {
	photo: { method: 'sendPhoto', field: 'photo', label: 'Photo' },
	document: { method: 'sendDocument', field: 'document', label: 'Document' },
	video: { method: 'sendVideo', field: 'video', label: 'Video' },
	audio: { method: 'sendAudio', field: 'audio', label: 'Audio' },
	voice: { method: 'sendVoice', field: 'voice', label: 'Voice' },
} as const;

export type MediaKind = keyof typeof MEDIA_METHODS;

/** MPChat Send and Wait: the question with inline keyboard URL buttons opening the answer page. */
import {
	SEND_AND_WAIT_OPERATION,
	type IDataObject,
	type IExecuteFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';
import { mpChat } from '../../platform';
import { executeSendAndWait, type Question } from '../../../shared/sendAndWait/execute';
import { linkLabel } from '../../../shared/sendAndWait/links';
import { sendAndWaitProperties } from '../../../shared/sendAndWait/properties';
import type { WaitSpec } from '../../../shared/sendAndWait/spec';
import type { AnswerPlatform } from '../../../shared/sendAndWait/webhook';
import { chatIdParam, wireId } from '../../helpers';
import { chatTarget } from './shared';

// Editing uses editMessageText, which MPChat's document does not list (its API is Telegram-shaped): off unless chosen.
export const description = forOperation('message', SEND_AND_WAIT_OPERATION, [
	...chatTarget,
	...sendAndWaitProperties({ editAfterAnswer: 'defaultOff' }),
]);

export const answers: AnswerPlatform = {
	credentialType: 'mpChatApi',
	async editMessage(ctx: IWebhookFunctions, ref, text) {
		if (!ref.chatId) return;
		const body = {
			chat_id: wireId(ref.chatId),
			message_id: wireId(ref.messageId),
			text,
			reply_markup: { inline_keyboard: [] },
		};
		await apiRequest.call(ctx, mpChat, { path: '/editMessageText', body, idempotent: true });
	},
};

/** One URL button per choice (the page opens with it preselected), or one for a form. */
function keyboard(question: Question, spec: WaitSpec, params: Record<string, string>) {
	const buttons =
		spec.responseType === 'approval'
			? spec.choices.map((c) => ({
					text: c.label,
					url: question.url({ ...params, choice: c.value }),
				}))
			: [{ text: linkLabel(spec), url: question.url(params) }];
	return { inline_keyboard: [buttons] };
}

async function send(ctx: IExecuteFunctions, spec: WaitSpec, question: Question) {
	const chatId = chatIdParam(ctx, 0);
	const base = { chat_id: wireId(chatId), text: spec.message };
	if (spec.options.editAfterAnswer !== true) {
		await apiRequest.call(ctx, mpChat, {
			path: '/sendMessage',
			body: { ...base, reply_markup: keyboard(question, spec, {}) },
			itemIndex: 0,
		});
		return;
	}
	// The page can rewrite the message only if its links name it: send, then add the buttons.
	const sent = (await apiRequest.call(ctx, mpChat, {
		path: '/sendMessage',
		body: base,
		itemIndex: 0,
	})) as IDataObject;
	const messageId = String(sent.message_id);
	const reply_markup = keyboard(question, spec, { c: chatId, m: messageId });
	await apiRequest.call(ctx, mpChat, {
		path: '/editMessageText',
		body: { ...base, message_id: wireId(messageId), reply_markup },
		idempotent: true,
		itemIndex: 0,
	});
}

export async function execute(this: IExecuteFunctions) {
	return await executeSendAndWait(this, send);
}

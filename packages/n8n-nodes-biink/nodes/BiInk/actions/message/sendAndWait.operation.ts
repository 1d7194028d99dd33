/**
 * bi.ink Send and Wait: a text message with the answer link and, for approvals, Approve/Decline
 * buttons answered in the chat (the bi.ink Trigger relays the press to this waiting node).
 */
import {
	SEND_AND_WAIT_OPERATION,
	type IDataObject,
	type IExecuteFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { contextCredentials } from '../../../shared/credentials';
import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';
import { biInk } from '../../platform';
import { executeSendAndWait, type Question } from '../../../shared/sendAndWait/execute';
import { linkedText } from '../../../shared/sendAndWait/links';
import { encodePressRef, signatureOf } from '../../../shared/sendAndWait/pressRef';
import {
	sendAndWaitProperties,
	type SendAndWaitFeatures,
} from '../../../shared/sendAndWait/properties';
import { usesChatButtons, usesLink, type WaitSpec } from '../../../shared/sendAndWait/spec';
import type { AnswerPlatform } from '../../../shared/sendAndWait/webhook';
import { readTarget, targetProperties } from '../../../shared/target';
import { TARGET } from './send.operation';

const FEATURES: SendAndWaitFeatures = {
	chatButtons: { trigger: 'bi.ink Trigger' },
	editAfterAnswer: 'defaultOn',
};

export const description = forOperation('message', SEND_AND_WAIT_OPERATION, [
	...targetProperties,
	...sendAndWaitProperties(FEATURES),
]);

const noButtons = { inline_keyboard: [] };

export const answers: AnswerPlatform = {
	credentialType: 'biInkApi',
	editByDefault: FEATURES.editAfterAnswer === 'defaultOn',
	pressToken: (credentials) => String(credentials.accessToken ?? ''),
	async editMessage(ctx: IWebhookFunctions, ref, text) {
		await apiRequest.call(ctx, biInk, {
			path: '/bot/editmessage',
			body: { message_id: ref.messageId, content: text, extra: noButtons },
			idempotent: true,
		});
	},
};

async function send(ctx: IExecuteFunctions, spec: WaitSpec, question: Question) {
	const target = readTarget(ctx, 0, TARGET);
	const url = question.url();
	const body: IDataObject = { ...target.fields, message_type: 'text', content: spec.message };
	if (usesChatButtons(spec, true)) {
		const token = String((await contextCredentials(ctx, 'biInkApi', 0)).accessToken ?? '');
		const ref = {
			executionId: String(ctx.getExecutionId()),
			nodeId: ctx.getNode().id,
			question: question.id,
			signature: signatureOf(url),
		};
		body.extra = {
			inline_keyboard: [
				spec.choices.map((c) => ({
					text: c.label,
					callback_data: encodePressRef({ ...ref, choice: c.value }, token),
				})),
			],
		};
	}
	if (!usesLink(spec, true))
		return (await apiRequest.call(ctx, biInk, {
			path: '/bot/sendmessage',
			body,
			itemIndex: 0,
		})) as IDataObject;
	if ((spec.options.editAfterAnswer ?? answers.editByDefault) !== true) {
		body.content = linkedText(spec, url);
		return (await apiRequest.call(ctx, biInk, {
			path: '/bot/sendmessage',
			body,
			itemIndex: 0,
		})) as IDataObject;
	}
	// The page can rewrite the message only if its link names it: send, then add the link.
	const sent = (await apiRequest.call(ctx, biInk, {
		path: '/bot/sendmessage',
		body,
		itemIndex: 0,
	})) as IDataObject;
	const messageId = String(sent.message_id);
	const edit: IDataObject = {
		message_id: messageId,
		content: linkedText(spec, question.url({ m: messageId })),
	};
	if (body.extra) edit.extra = body.extra;
	await apiRequest.call(ctx, biInk, {
		path: '/bot/editmessage',
		body: edit,
		idempotent: true,
		itemIndex: 0,
	});
	return sent;
}

export async function execute(this: IExecuteFunctions) {
	return await executeSendAndWait(this, send);
}

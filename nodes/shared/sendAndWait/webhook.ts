/**
 * The answer half, run by n8n when its signed resume URL is called (n8n has already refused
 * unsigned and tampered URLs). GET shows the page and never decides; POST decides: from the page
 * (a person's click), or from the platform's trigger relaying an in-chat button press with a
 * proof made with the bot token. Answers that are not allowed leave the execution waiting.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { str } from '../event';
import { readFormAnswer } from './formAnswer';
import { answerOutput, type AnswerOutput } from './output';
import { PAGE_HEADERS, questionPage, resultPage } from './page';
import { pressIsGenuine, type PressClaim } from './pressRef';
import { allowedUsers, readSpec, usesLink, type WaitSpec } from './spec';

export type { AnswerOutput };

export interface AnswerPlatform {
	credentialType: string;
	/** Whether the platform has in-chat buttons answered through its trigger. */
	hasChatButtons?: boolean;
	/** Whether "Edit Message After Answer" is on when the user has not set it. */
	editByDefault?: boolean;
	/** The credential secret press proofs are made with. */
	pressToken?(credentials: IDataObject): string;
	/** Rewrites the sent message with the answer (and no buttons); `ref` holds the signed URL's c/m. */
	editMessage?(ctx: IWebhookFunctions, ref: { chatId?: string; messageId: string }, text: string): Promise<void>;
}

function html(ctx: IWebhookFunctions, status: number, body: string, answer?: AnswerOutput): IWebhookResponseData {
	const res = ctx.getResponseObject().status(status);
	for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
	res.type('text/html; charset=utf-8').send(body);
	return answer ? { noWebhookResponse: true, workflowData: [[{ json: answer }]] } : { noWebhookResponse: true };
}

function json(ctx: IWebhookFunctions, status: number, body: IDataObject, answer?: AnswerOutput): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return answer ? { noWebhookResponse: true, workflowData: [[{ json: answer }]] } : { noWebhookResponse: true };
}

function decidedText(spec: WaitSpec, answer: AnswerOutput): string {
	const by = (answer.respondedBy as IDataObject | undefined)?.name || (answer.respondedBy as IDataObject | undefined)?.id;
	const who = by ? ` by ${String(by)}` : '';
	if (answer.approved === true) return `${spec.message}\n\n✅ ${spec.choices[0].label}${who}`;
	if (answer.approved === false) return `${spec.message}\n\n❌ ${spec.choices[1]?.label ?? 'Declined'}${who}`;
	return `${spec.message}\n\n✅ Answered${who}`;
}

async function afterAnswer(ctx: IWebhookFunctions, platform: AnswerPlatform, spec: WaitSpec, ref: { chatId?: string; messageId?: string }, answer: AnswerOutput) {
	if (!platform.editMessage || (spec.options.editAfterAnswer ?? platform.editByDefault) !== true || !ref.messageId) return;
	try {
		await platform.editMessage(ctx, { chatId: ref.chatId, messageId: ref.messageId }, decidedText(spec, answer));
	} catch (error) {
		// The answer counts even when the message cannot be rewritten (deleted, too old).
		ctx.logger.warn(`Send and Wait: editing the answered message failed: ${(error as Error).message}`);
	}
}

async function handlePress(ctx: IWebhookFunctions, platform: AnswerPlatform, spec: WaitSpec, claim: PressClaim): Promise<IWebhookResponseData> {
	const signature = str((ctx.getQueryData() as IDataObject).signature);
	const credentials = (await ctx.getCredentials(platform.credentialType)) as IDataObject;
	const token = platform.pressToken?.(credentials) ?? '';
	if (!token || !pressIsGenuine(token, signature, claim)) return json(ctx, 403, { outcome: 'forged' });
	const allowed = allowedUsers(spec);
	if (allowed && !allowed.includes(str(claim.senderId))) return json(ctx, 200, { outcome: 'notAllowed' });
	const choice = spec.choices.find((c) => c.value === claim.choice);
	if (spec.responseType !== 'approval' || !choice) return json(ctx, 400, { outcome: 'invalid' });
	const answer = answerOutput('chatButton', { approved: choice.value === 'approve', respondedBy: { id: str(claim.senderId), name: str(claim.senderName) } });
	await afterAnswer(ctx, platform, spec, { messageId: str(claim.messageId) }, answer);
	return json(ctx, 200, { outcome: choice.value === 'approve' ? 'approved' : 'declined', label: choice.label }, answer);
}

export async function answerWebhook(ctx: IWebhookFunctions, platform: AnswerPlatform): Promise<IWebhookResponseData> {
	const spec = readSpec((name, fallback) => ctx.getNodeParameter(name, fallback));
	const method = ctx.getRequestObject().method;
	const query = ctx.getQueryData() as IDataObject;
	const body = (ctx.getBodyData() ?? {}) as IDataObject;

	if (method === 'POST' && body.press && typeof body.press === 'object') return await handlePress(ctx, platform, spec, body.press as unknown as PressClaim);

	if (!usesLink(spec, platform.hasChatButtons === true)) {
		return html(ctx, 403, resultPage('Answer in the chat', 'Only the listed people may answer, with the buttons under the message in the chat.'));
	}
	if (method !== 'POST') return html(ctx, 200, questionPage(spec, { preselect: str(query.choice) }));

	let answer: AnswerOutput;
	if (spec.responseType === 'approval') {
		const choice = spec.choices.find((c) => c.value === str(body.choice));
		if (!choice) return html(ctx, 400, questionPage(spec));
		answer = answerOutput('page', { approved: choice.value === 'approve' });
	} else {
		const read = readFormAnswer(spec.fields, body);
		if (!read.ok) {
			const values: Record<string, string | string[]> = {};
			spec.fields.forEach((_, i) => {
				const v = body[`field-${i}`];
				if (v !== undefined && v !== null) values[`field-${i}`] = Array.isArray(v) ? v.map(str) : str(v);
			});
			return html(ctx, 400, questionPage(spec, { values, errors: read.errors }));
		}
		answer = answerOutput('page', { data: read.data });
	}
	await afterAnswer(ctx, platform, spec, { chatId: str(query.c) || undefined, messageId: str(query.m) || undefined }, answer);
	const said = answer.approved === undefined ? 'Your answer was sent.' : `You chose "${spec.choices.find((c) => (c.value === 'approve') === answer.approved)?.label ?? ''}".`;
	return html(ctx, 200, resultPage('Thank you', said), answer);
}

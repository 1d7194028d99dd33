/**
 * The answer half, run by n8n when its signed resume URL is called (n8n has already refused
 * unsigned and tampered URLs). GET shows the page and never decides; POST decides: from the page
 * (a person's click), or from the platform's trigger relaying an in-chat button press with a
 * proof made with the bot token. Answers that are not allowed, and links or buttons of an earlier
 * question of the same execution (a loop), leave the execution waiting.
 *
 * Two answers can arrive at once; n8n 2.x resumes the execution for one of them and fails the
 * other. So a decision is handed to n8n as the response for n8n to send (webhookResponse): n8n
 * 2.x sends it only once it has resumed the run with this answer. Only a response that went out
 * with a success status rewrites the message, so the message shows the decision the run got.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { str } from '../event';
import { readFormAnswer } from './formAnswer';
import { answerOutput, type AnswerOutput } from './output';
import { PAGE_HEADERS, questionPage, resultPage } from './page';
import { pressIsGenuine, type PressClaim } from './pressRef';
import { isCurrentQuestion, QUESTION_PARAM, recordedAllowList } from './question';
import { allowedUsers, readSpec, withReadableToolParameters, type WaitSpec } from './spec';

export type { AnswerOutput };

export interface AnswerPlatform {
	credentialType: string;
	/** Whether "Edit Message After Answer" is on when the user has not set it. */
	editByDefault?: boolean;
	/** The credential secret press proofs are made with. */
	pressToken?(credentials: IDataObject): string;
	/** Rewrites the sent message with the answer (and no buttons); `ref` holds the signed URL's c/m. */
	editMessage?(
		ctx: IWebhookFunctions,
		ref: { chatId?: string; messageId: string },
		text: string,
	): Promise<void>;
}

function html(ctx: IWebhookFunctions, status: number, body: string): IWebhookResponseData {
	const res = ctx.getResponseObject().status(status);
	for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
	res.type('text/html; charset=utf-8').send(body);
	return { noWebhookResponse: true };
}

function json(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * Resumes the run with `answer`; n8n sends `response` (a page or the trigger's JSON). `after`
 * runs once the response went out with a success status: n8n accepted this answer.
 */
function decide(
	ctx: IWebhookFunctions,
	response: string | IDataObject,
	answer: AnswerOutput,
	after: () => Promise<void>,
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.setHeader('Cache-Control', 'no-store');
	if (typeof response === 'string') {
		for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
		res.type('text/html; charset=utf-8');
	}
	// The listener's promise is returned for tests that wait for it; afterAnswer never rejects.
	res.once('finish', () => (res.statusCode >= 200 && res.statusCode < 300 ? after() : undefined));
	return { webhookResponse: response, workflowData: [[{ json: answer }]] };
}

function decidedText(spec: WaitSpec, answer: AnswerOutput): string {
	const by =
		(answer.respondedBy as IDataObject | undefined)?.name ||
		(answer.respondedBy as IDataObject | undefined)?.id;
	const who = by ? ` by ${String(by)}` : '';
	if (answer.approved === true) return `${spec.message}\n\n✅ ${spec.choices[0].label}${who}`;
	if (answer.approved === false)
		return `${spec.message}\n\n❌ ${spec.choices[1]?.label ?? 'Declined'}${who}`;
	return `${spec.message}\n\n✅ Answered${who}`;
}

async function afterAnswer(
	ctx: IWebhookFunctions,
	platform: AnswerPlatform,
	spec: WaitSpec,
	ref: { chatId?: string; messageId?: string },
	answer: AnswerOutput,
) {
	if (
		!platform.editMessage ||
		(spec.options.editAfterAnswer ?? platform.editByDefault) !== true ||
		!ref.messageId
	)
		return;
	try {
		await platform.editMessage(
			ctx,
			{ chatId: ref.chatId, messageId: ref.messageId },
			decidedText(spec, answer),
		);
	} catch (error) {
		// The answer counts even when the message cannot be rewritten (deleted, too old).
		ctx.logger.warn(
			`Send and Wait: editing the answered message failed: ${(error as Error).message}`,
		);
	}
}

async function handlePress(
	ctx: IWebhookFunctions,
	platform: AnswerPlatform,
	spec: WaitSpec,
	allowed: string[] | undefined,
	claim: PressClaim,
): Promise<IWebhookResponseData> {
	const signature = str((ctx.getQueryData() as IDataObject).signature);
	const credentials = (await ctx.getCredentials(platform.credentialType)) as IDataObject;
	const token = platform.pressToken?.(credentials) ?? '';
	if (!token || !pressIsGenuine(token, signature, claim))
		return json(ctx, 403, { outcome: 'forged' });
	if (allowed && !allowed.includes(str(claim.senderId)))
		return json(ctx, 200, { outcome: 'notAllowed' });
	const choice = spec.choices.find((c) => c.value === claim.choice);
	if (spec.responseType !== 'approval' || !choice) return json(ctx, 400, { outcome: 'invalid' });
	const answer = answerOutput('chatButton', {
		approved: choice.value === 'approve',
		respondedBy: { id: str(claim.senderId), name: str(claim.senderName) },
	});
	const outcome = {
		outcome: choice.value === 'approve' ? 'approved' : 'declined',
		label: choice.label,
	};
	return decide(
		ctx,
		outcome,
		answer,
		async () => await afterAnswer(ctx, platform, spec, { messageId: str(claim.messageId) }, answer),
	);
}

export async function answerWebhook(
	ctx: IWebhookFunctions,
	platform: AnswerPlatform,
): Promise<IWebhookResponseData> {
	const spec = readSpec(withReadableToolParameters(ctx));
	const method = ctx.getRequestObject().method;
	const query = ctx.getQueryData() as IDataObject;
	const body = (ctx.getBodyData() ?? {}) as IDataObject;

	const isPress = method === 'POST' && body.press && typeof body.press === 'object';

	if (!isCurrentQuestion(ctx, query[QUESTION_PARAM])) {
		return isPress
			? json(ctx, 409, { outcome: 'done' })
			: html(
					ctx,
					409,
					resultPage(
						'Already answered',
						'This question was already answered. Your answer changed nothing.',
					),
				);
	}
	// The list the question was sent with; the parameter only for an execution that recorded none.
	const recorded = recordedAllowList(ctx);
	const allowed = recorded === undefined ? allowedUsers(spec) : (recorded ?? undefined);
	if (isPress)
		return await handlePress(ctx, platform, spec, allowed, body.press as unknown as PressClaim);

	// A link cannot tell who opened it. n8n drops the allow-list wherever the node hides it (every
	// answer but in-chat buttons): where it is set, only the buttons may answer.
	if (allowed) {
		return html(
			ctx,
			403,
			resultPage(
				'Answer in the chat',
				'Only the listed people may answer, with the buttons under the message in the chat.',
			),
		);
	}
	if (method !== 'POST')
		return html(ctx, 200, questionPage(spec, { preselect: str(query.choice) }));

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
				if (v !== undefined && v !== null)
					values[`field-${i}`] = Array.isArray(v) ? v.map(str) : str(v);
			});
			return html(ctx, 400, questionPage(spec, { values, errors: read.errors }));
		}
		answer = answerOutput('page', { data: read.data });
	}
	const said =
		answer.approved === undefined
			? 'Your answer was sent.'
			: `You chose "${spec.choices.find((c) => (c.value === 'approve') === answer.approved)?.label ?? ''}".`;
	const ref = { chatId: str(query.c) || undefined, messageId: str(query.m) || undefined };
	return decide(
		ctx,
		resultPage('Thank you', said),
		answer,
		async () => await afterAnswer(ctx, platform, spec, ref, answer),
	);
}

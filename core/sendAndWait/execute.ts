/**
 * The send half: read the parameters, send the question once (for the first item: one execution
 * waits for one answer), then park the execution. Nothing is kept in memory: everything the
 * answer needs is in the node's parameters, the signed resume URL and the question's name in the
 * execution's context (question.ts).
 */
import {
	NodeOperationError,
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookDescription,
} from 'n8n-workflow';

import { askQuestion, QUESTION_PARAM } from './question';
import {
	allowedUsers,
	readSpec,
	SpecError,
	withReadableToolParameters,
	type WaitSpec,
} from './spec';
import { instantIn, isTimeZone } from './wallTime';

/** The resume webhooks every send-and-wait node declares (n8n calls them through the signed URL). */
export const sendAndWaitWebhooks: IWebhookDescription[] = ['GET', 'POST'].map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	// Empty: n8n answers with the webhook's own response (its default would send the text "firstEntryJson").
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

const UNIT_MS: Record<string, number> = {
	seconds: 1_000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

/** When the wait ends without an answer; a date without an offset is wall time in `timeZone` (the workflow's). */
export function waitTill(options: IDataObject, now = Date.now(), timeZone = 'UTC'): Date {
	const limit = (options.limitWaitTime as IDataObject | undefined)?.values as
		| IDataObject
		| undefined;
	if (!limit) return WAIT_INDEFINITELY;
	if (limit.limitType === 'atSpecifiedTime') {
		if (!isTimeZone(timeZone))
			throw new SpecError(
				`Limit Wait Time: the workflow's time zone "${timeZone}" is unknown: choose one in the workflow's settings`,
			);
		const at = instantIn(String(limit.maxDateAndTime ?? ''), timeZone);
		if (!at) throw new SpecError('Limit Wait Time: Max Date and Time is not a valid date');
		if (at.getTime() <= now)
			throw new SpecError('Limit Wait Time: Max Date and Time is in the past');
		return at;
	}
	const amount = Number(limit.resumeAmount ?? 1);
	const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')];
	if (!Number.isFinite(amount) || amount <= 0 || !unit)
		throw new SpecError(
			'Limit Wait Time: Amount must be a positive number of seconds, minutes, hours or days',
		);
	return new Date(now + amount * unit);
}

/** This run's question: its name and its signed resume URLs (every one names the question). */
export interface Question {
	id: string;
	url(params?: Record<string, string>): string;
}

export type SendQuestion = (
	ctx: IExecuteFunctions,
	spec: WaitSpec,
	question: Question,
) => Promise<IDataObject | void>;

/** n8n 1.x checks a resume link's signature only in runs marked so; 2.x has no such mark and checks every Send and Wait link. */
function requireSignedLinks(ctx: IExecuteFunctions) {
	(
		ctx as IExecuteFunctions & { setSignatureValidationRequired?: () => void }
	).setSignatureValidationRequired?.();
}

export async function executeSendAndWait(
	ctx: IExecuteFunctions,
	send: SendQuestion,
): Promise<INodeExecutionData[][]> {
	// n8n's MCP Server Trigger runs its tools outside any execution, so there is nothing to park
	// and no answer link to sign: refuse before anything reaches the chat.
	if (typeof ctx.getExecutionId() !== 'string')
		throw new NodeOperationError(
			ctx.getNode(),
			'Send and Wait for Response needs a workflow execution to pause, and this call has none',
			{
				itemIndex: 0,
				description:
					"n8n's MCP Server Trigger runs its tools outside an execution, so they cannot wait for an answer. Ask from a workflow instead (an AI Agent with this node's Human-in-the-loop variant), or use a send operation here.",
			},
		);
	let spec: WaitSpec;
	let until: Date;
	let allowed: string[] | undefined;
	try {
		spec = readSpec(
			withReadableToolParameters({
				getNodeParameter: (name, fallback, options) =>
					ctx.getNodeParameter(name, 0, fallback, options),
				evaluateExpression: (expression) => ctx.evaluateExpression(expression, 0),
			}),
		);
		until = waitTill(spec.options, Date.now(), ctx.getTimezone());
		allowed = allowedUsers(spec);
		if (allowed && !allowed.length)
			throw new SpecError(
				'Only These User IDs May Answer is set but names nobody (an expression that came out empty?): list the sender IDs, or remove the option to let anyone answer',
			);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: 0 });
	}
	requireSignedLinks(ctx);
	const id = askQuestion(ctx, allowed);
	await send(ctx, spec, {
		id,
		url: (params = {}) => ctx.getSignedResumeUrl({ [QUESTION_PARAM]: id, ...params }),
	});
	await ctx.putExecutionToWait(until);
	return [ctx.getInputData()];
}

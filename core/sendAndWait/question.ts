/**
 * Which question a link or button answers. A Send and Wait node in a loop asks once per run of
 * the same execution, and n8n resumes every one of them through the same URL path
 * (/webhook-waiting/<execution>/<node>): without more, the first message's link would answer
 * the second question. So the run index names the question: it is put in the signed URL (`q`, so
 * it cannot be changed) and in the node's execution context, which n8n saves with the waiting
 * execution. The answer webhook reads the context back through an expression (the only view a
 * webhook has of the execution's data) and refuses a link or button of another question.
 */
import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { str } from '../event';

export const QUESTION_PARAM = 'q';
const CONTEXT_KEY = 'sendAndWaitQuestion';

/** Names this run's question and records it as the current one; returns its identity. */
export function askQuestion(ctx: IExecuteFunctions): string {
	const question = String(Number(ctx.getWorkflowDataProxy(0).$runIndex) || 0);
	ctx.getContext('node')[CONTEXT_KEY] = question;
	return question;
}

/** A JavaScript string literal that cannot end the expression it sits in (no `}}`). */
function literal(s: string): string {
	return JSON.stringify(s).replace(
		/[{}]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

/**
 * The question the execution waits on now, '' for an execution that recorded none (it waited
 * before questions were named: its links carry none either).
 */
export function currentQuestion(ctx: IWebhookFunctions): string {
	const node = ctx.getNode().name;
	return str(
		ctx.evaluateExpression(
			`{{ $node[${literal(node)}].context[${literal(CONTEXT_KEY)}] ?? '' }}`,
			0,
		),
	);
}

/** Whether the request's (signed) question is the one the execution waits on. */
export function isCurrentQuestion(ctx: IWebhookFunctions, asked: unknown): boolean {
	return currentQuestion(ctx) === str(asked);
}

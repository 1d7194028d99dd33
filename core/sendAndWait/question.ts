/**
 * Which question a link or button answers. A Send and Wait node in a loop asks once per run of
 * the same execution, and n8n resumes every one of them through the same URL path
 * (/webhook-waiting/<execution>/<node>): without more, the first message's link would answer
 * the second question. So the run index names the question: it is put in the signed URL (`q`, so
 * it cannot be changed) and in the node's execution context, which n8n saves with the waiting
 * execution. The answer webhook reads the context back through an expression (the only view a
 * webhook has of the execution's data) and refuses a link or button of another question.
 *
 * The allow-list ("Only These User IDs May Answer") is recorded with the question the same way:
 * the answer is checked against the list the question was sent with, not against the parameter
 * read again when the answer arrives, where an expression may come out differently (or empty).
 */
import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { str } from '../event';

export const QUESTION_PARAM = 'q';
const CONTEXT_KEY = 'sendAndWaitQuestion';
const ALLOWED_KEY = 'sendAndWaitAllowed';

/**
 * Names this run's question and records it as the current one, with who may answer it
 * (`allowed`: undefined for anyone); returns its identity.
 */
export function askQuestion(ctx: IExecuteFunctions, allowed: string[] | undefined): string {
	const question = String(Number(ctx.getWorkflowDataProxy(0).$runIndex) || 0);
	const context = ctx.getContext('node');
	context[CONTEXT_KEY] = question;
	// A JSON string: the webhook reads it back through an expression, which keeps a string as it is.
	context[ALLOWED_KEY] = JSON.stringify({ allowed: allowed ?? null });
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
	return str(fromContext(ctx, CONTEXT_KEY));
}

function fromContext(ctx: IWebhookFunctions, key: string): unknown {
	const node = ctx.getNode().name;
	return ctx.evaluateExpression(`{{ $node[${literal(node)}].context[${literal(key)}] ?? '' }}`, 0);
}

/**
 * Who may answer the current question, as recorded when it was sent: undefined when the execution
 * recorded nothing (it waited before lists were recorded), null for anyone, else the IDs. A
 * record that cannot be read lets nobody answer.
 */
export function recordedAllowList(ctx: IWebhookFunctions): string[] | null | undefined {
	const recorded = str(fromContext(ctx, ALLOWED_KEY));
	if (recorded === '') return undefined;
	try {
		const { allowed } = JSON.parse(recorded) as { allowed?: unknown };
		if (allowed === null) return null;
		if (Array.isArray(allowed)) return allowed.filter((id) => typeof id === 'string');
	} catch {
		// Falls through: nobody.
	}
	return [];
}

/** Whether the request's (signed) question is the one the execution waits on. */
export function isCurrentQuestion(ctx: IWebhookFunctions, asked: unknown): boolean {
	return currentQuestion(ctx) === str(asked);
}

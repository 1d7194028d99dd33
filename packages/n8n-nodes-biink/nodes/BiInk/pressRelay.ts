/**
 * A press on a Send and Wait button reaches the bot's one webhook, the bi.ink Trigger's. The
 * trigger checks the button's reference with the bot token, hands the press (with a proof made
 * with the token) to the waiting execution through its n8n-signed resume URL, answers the press,
 * and starts no workflow for it. Nothing is remembered here: any n8n process can do this.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { str } from '../shared/event';
import { decodePressRef, provePress, resumeUrl } from '../shared/sendAndWait/pressRef';
import { answerCallback } from './helpers';

/**
 * n8n's waiting-webhook base, next to this trigger's own URL (default endpoint names); a
 * deployment with other endpoint names sets it in the trigger's options.
 */
export function waitingBase(triggerUrl: string, configured: unknown): string {
	if (str(configured).trim()) return str(configured).trim();
	const url = new URL(triggerUrl);
	const prefix = url.pathname.match(/^(.*?)\/webhook(?:-test)?\//)?.[1] ?? '';
	return `${url.origin}${prefix}/webhook-waiting`;
}

const NOTICES: Record<string, string> = {
	notAllowed: 'You are not allowed to answer this.',
	forged: 'This button is not valid.',
	invalid: 'This button is not valid.',
	done: 'This was already answered.',
	failed: 'Your answer could not be delivered. Please try again.',
};

/** The outcome of handing the press to the waiting execution once. */
async function deliverOnce(
	ctx: IWebhookFunctions,
	url: string,
	press: IDataObject,
): Promise<{ outcome: string; label?: string }> {
	let response: { statusCode: number; body: unknown };
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			body: { press },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 20_000,
		})) as typeof response;
	} catch (error) {
		ctx.logger.warn(
			`bi.ink Trigger: delivering a Send and Wait answer failed: ${(error as Error).message}`,
		);
		return { outcome: 'failed' };
	}
	const body = (
		typeof response.body === 'object' && response.body ? response.body : {}
	) as IDataObject;
	// A decision comes with a success status only once n8n resumed the run with it.
	if (
		typeof body.outcome === 'string' &&
		(response.statusCode < 300 || !['approved', 'declined'].includes(body.outcome))
	)
		return { outcome: body.outcome, label: str(body.label) };
	// n8n answers a finished or unknown execution with a page or 404/409; a bad signature with 401.
	if (response.statusCode === 401) return { outcome: 'invalid' };
	if (response.statusCode >= 500) return { outcome: 'failed' };
	return { outcome: 'done' };
}

/**
 * n8n 2.x fails (500) the second of two answers that reached the waiting execution at once: the
 * run is resuming with the first. Asked again, n8n then says the execution runs or has finished,
 * which tells the presser "already answered". Safe to repeat: a question resumes at most once.
 */
async function deliver(
	ctx: IWebhookFunctions,
	url: string,
	press: IDataObject,
): Promise<{ outcome: string; label?: string }> {
	const first = await deliverOnce(ctx, url, press);
	return first.outcome === 'failed' ? await deliverOnce(ctx, url, press) : first;
}

export async function relayPress(
	ctx: IWebhookFunctions,
	event: IDataObject,
	credentials: IDataObject,
	options: IDataObject,
): Promise<IDataObject> {
	const token = str(credentials.accessToken);
	const callbackId = str(event.callback_id);
	const ref = decodePressRef(str(event.callback_data), token);
	let result: { outcome: string; label?: string };
	if (!ref) result = { outcome: 'forged' };
	else {
		const claim = provePress(token, ref.signature, {
			choice: ref.choice,
			senderId: str(event.sender_id),
			senderName: str(event.sender_display_name) || str(event.sender_username),
			messageId: str(event.message_id),
			callbackId,
		});
		const url = resumeUrl(
			waitingBase(ctx.getNodeWebhookUrl('default') ?? '', options.waitingWebhookBase),
			ref,
		);
		result = await deliver(ctx, url, claim as unknown as IDataObject);
	}
	const text =
		result.outcome === 'approved' || result.outcome === 'declined'
			? `${result.label || result.outcome} ✓`
			: (NOTICES[result.outcome] ?? NOTICES.failed);
	try {
		await answerCallback(ctx, callbackId, { text, showAlert: result.outcome === 'notAllowed' });
	} catch (error) {
		ctx.logger.warn(
			`bi.ink Trigger: answering a Send and Wait press failed: ${(error as Error).message}`,
		);
	}
	return { outcome: result.outcome };
}

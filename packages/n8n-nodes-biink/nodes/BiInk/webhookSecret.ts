/**
 * bi.ink signs nothing, so its trigger requires a secret of its own in the URL. The secret is
 * derived, not stored: HMAC of the bot token over the workflow and node IDs. It is unguessable
 * without the token, differs for every trigger node, survives restarts and re-activation, and is
 * the same for the test and production URLs. Raising "Secret Version" issues a new one.
 */
import { createHmac } from 'crypto';

export function biInkWebhookSecret(
	token: string,
	workflowId: string,
	nodeId: string,
	version = 1,
): string {
	return createHmac('sha256', token)
		.update(`bi.ink webhook v${version}|${workflowId}|${nodeId}`)
		.digest('base64url')
		.slice(0, 32);
}

export const SECRET_QUERY = 'secret';
export const SECRET_HEADER = 'x-webhook-secret';

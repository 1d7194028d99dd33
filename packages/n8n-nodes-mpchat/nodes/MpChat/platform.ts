/** MPChat as the shared core sees it: its credential, envelope, secrets and rate limit. */
import { MpChatApi } from '../../credentials/MpChatApi.credentials';
import { httpHint, isObject, num, unknownShape, type Decoded } from '../shared/envelopes';
import { platformOf } from '../shared/platform';
import { REDACTED } from '../shared/redact';

/** `{ok: true, result}` or `{ok: false, error_code, description, parameters}`. */
function decode(status: number, body: unknown): Decoded {
	if (isObject(body) && body.ok === true) return { ok: true, data: body.result };
	if (isObject(body) && body.ok === false) {
		const code = num(body.error_code) ?? status;
		const params = isObject(body.parameters) ? body.parameters : {};
		let description = httpHint(code);
		if (code === 409) {
			description =
				'A webhook is set for this bot, so getUpdates (polling) is impossible. Remove the webhook (call the deleteWebhook method, e.g. with the MPChat node\'s "Call Method" operation and Allow Bot Settings Methods on) and try again.';
		}
		if (code === 401)
			description = 'The MPChat bot token is invalid or has been revoked: update the credential.';
		return {
			ok: false,
			error: {
				code,
				platformMessage: String(body.description ?? 'MPChat error'),
				description,
				retryAfter: num(params.retry_after),
			},
		};
	}
	return unknownShape(status, body);
}

export const mpChat = platformOf(new MpChatApi(), {
	name: 'MPChat',
	decode,
	secretFields: ['accessToken'],
	// The token travels in the URL path: {base}/bot{TOKEN}/{method}.
	secretPatterns: [
		[/(\/bot)(?=[^/?#\s"']*[\d:])([^/?#\s"']{6,})(?=\/|$|[?#\s"'])/g, `$1${REDACTED}`],
	],
	// The documented limit is 30 requests/s per token; 29 leaves one request of room for network jitter.
	rateLimit: { perSecond: 29, keyField: 'accessToken', shareField: 'sharedBy' },
});

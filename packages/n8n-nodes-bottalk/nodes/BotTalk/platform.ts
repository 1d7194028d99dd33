/** BotTalk as the shared core sees it: its credential, envelopes, secrets and session API. */
import { BotTalkApi } from '../../credentials/BotTalkApi.credentials';
import {
	httpHint,
	isObject,
	num,
	unknownShape,
	withoutKeys,
	type Decoded,
} from '../shared/envelopes';
import { platformOf } from '../shared/platform';
import { REDACTED } from '../shared/redact';

const PUSH_CODES: Record<number, string> = {
	40001: 'The SendKey is invalid or missing: check the credential (it may have been reset).',
	40002:
		'No push channel is available: bind a channel with WeChat and send the bot one message to activate it.',
	40003: 'Title and content cannot both be empty: fill in at least one.',
	42901: 'Rate limit: at most 100 pushes per hour per SendKey. Wait, or spread pushes over time.',
	50001:
		'Every channel failed: see the per-channel results; a channel with token_invalid must be bound again by QR code.',
};

/** The session API answers `{success, data | error}`; pushes answer `{code, message, data}`. */
function decode(status: number, body: unknown): Decoded {
	if (isObject(body) && typeof body.success === 'boolean') {
		if (body.success)
			return { ok: true, data: 'data' in body ? body.data : withoutKeys(body, ['success']) };
		const data = isObject(body.data) ? body.data : undefined;
		const message = String(body.error ?? data?.message ?? data?.error ?? 'BotTalk error');
		return {
			ok: false,
			error: {
				code: status,
				platformMessage: message,
				description: httpHint(status),
				data: body.data,
			},
		};
	}
	if (isObject(body) && 'code' in body) {
		const code = num(body.code);
		if (code === 0) return { ok: true, data: body.data ?? {} };
		const c = code ?? status;
		return {
			ok: false,
			error: {
				code: c,
				platformMessage: String(body.message ?? 'BotTalk error'),
				description: PUSH_CODES[c] ?? httpHint(status),
				data: body.data,
			},
		};
	}
	if (isObject(body) && typeof body.error === 'string') {
		const description =
			status === 401
				? 'The BotTalk session was rejected: the SendKey may have been reset.'
				: httpHint(status);
		return { ok: false, error: { code: status, platformMessage: body.error, description } };
	}
	return unknownShape(status, body);
}

export const botTalk = platformOf(new BotTalkApi(), {
	name: 'BotTalk',
	decode,
	secretFields: ['sendKey', 'sessionCookie'],
	// The document's other push URL carries the SendKey in its path: /{sendkey}.send.
	secretPatterns: [[/\/[0-9a-fA-F]{32}\.send\b/g, `/${REDACTED}.send`]],
	sessionPaths: /^\/api\//,
});

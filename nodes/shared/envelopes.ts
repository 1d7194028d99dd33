/**
 * Each platform wraps its answers differently. A decoder turns a parsed HTTP answer into either
 * the payload or a platform error with a message a user can act on.
 */
export type PlatformId = 'mpChat' | 'biInk' | 'fly' | 'minapp' | 'botTalk';

export interface PlatformError {
	/** The platform's own error code (or the HTTP status when it gave none). */
	code: number | string;
	/** What the platform said. */
	platformMessage: string;
	/** What it means and what to do, in the user's terms. */
	description?: string;
	/** Seconds the platform asked us to wait (429). */
	retryAfter?: number;
	/** Data the platform returned with the error (e.g. BotTalk per-channel results). */
	data?: unknown;
}

export type Decoded = { ok: true; data: unknown } | { ok: false; error: PlatformError };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const num = (v: unknown): number | undefined => {
	const n = typeof v === 'string' ? Number(v) : v;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

const HTTP_HINTS: Record<number, string> = {
	400: 'The platform rejected the request as malformed: check the fields named in the message.',
	401: 'The token is invalid or has been revoked: update the credential.',
	403: 'The bot is not allowed to do this (missing permission, or not a member of the chat).',
	404: 'Not found: check the ID, and the base URL in the credential.',
	409: 'Conflict with the current state of the bot.',
	413: 'The file or body is too large for the platform.',
	429: 'Too many requests: the platform rate limit was hit.',
};

function httpHint(status: number): string | undefined {
	if (status >= 500) return 'The platform had an internal error; try again later.';
	return HTTP_HINTS[status];
}

function withoutKeys(body: Json, keys: string[]): Json {
	const out: Json = {};
	for (const [k, v] of Object.entries(body)) if (!keys.includes(k)) out[k] = v;
	return out;
}

function decodeMpChat(status: number, body: unknown): Decoded {
	if (isObject(body) && body.ok === true) return { ok: true, data: body.result };
	if (isObject(body) && body.ok === false) {
		const code = num(body.error_code) ?? status;
		const params = isObject(body.parameters) ? body.parameters : {};
		let description = httpHint(code);
		if (code === 409) {
			description =
				'A webhook is set for this bot, so getUpdates (polling) is impossible. Remove the webhook (call the deleteWebhook method, e.g. with the MPChat node\'s "Call Method" operation) and try again.';
		}
		if (code === 401) description = 'The MPChat bot token is invalid or has been revoked: update the credential.';
		return {
			ok: false,
			error: { code, platformMessage: String(body.description ?? 'MPChat error'), description, retryAfter: num(params.retry_after) },
		};
	}
	return unknownShape(status, body);
}

function decodeBiInk(status: number, body: unknown): Decoded {
	if (isObject(body) && 'code' in body) {
		const code = num(body.code);
		if (code === 200 || code === 0) return { ok: true, data: 'data' in body ? body.data : withoutKeys(body, ['code', 'msg']) };
		return { ok: false, error: { code: code ?? status, platformMessage: String(body.msg ?? 'bi.ink error'), description: httpHint(code ?? status) } };
	}
	return unknownShape(status, body);
}

function decodeCodeMessage(platform: string, status: number, body: unknown, hints: Record<number, string> = {}): Decoded {
	if (isObject(body) && ('code' in body || 'errcode' in body)) {
		const code = num(body.code ?? body.errcode);
		if (code === 0 && status < 400) return { ok: true, data: 'data' in body ? body.data : withoutKeys(body, ['code', 'message', 'errcode', 'errmsg']) };
		const effective = code === 0 || code === undefined ? status : code;
		const hinted = status >= 400 ? status : effective;
		return {
			ok: false,
			error: { code: effective, platformMessage: String(body.message ?? body.errmsg ?? body.msg ?? `${platform} error`), description: hints[hinted] ?? httpHint(hinted) },
		};
	}
	const decoded = unknownShape(status, body);
	if (!decoded.ok && hints[status]) decoded.error.description = hints[status];
	return decoded;
}

// minapp has no token: its credential holds a secret.
const MINAPP_HINTS: Record<number, string> = { 401: 'The minapp secret is invalid or was reset: update the credential.' };

/**
 * Fly's document never shows a `code`: its clients read `resp["data"]` and raise on the HTTP
 * status. Both that literal shape and `{code, message, data}` are accepted.
 */
function decodeFly(status: number, body: unknown): Decoded {
	if (isObject(body) && !('code' in body) && !('errcode' in body)) {
		if (status < 400 && 'data' in body) return { ok: true, data: body.data };
		if (status >= 400) {
			const said = body.message ?? body.msg ?? body.error;
			return { ok: false, error: { code: status, platformMessage: typeof said === 'string' && said ? said : `HTTP ${status}`, description: httpHint(status) } };
		}
	}
	return decodeCodeMessage('Fly', status, body);
}

const BOTTALK_PUSH_CODES: Record<number, string> = {
	40001: 'The SendKey is invalid or missing: check the credential (it may have been reset).',
	40002: 'No push channel is available: bind a channel with WeChat and send the bot one message to activate it.',
	40003: 'Title and content cannot both be empty: fill in at least one.',
	42901: 'Rate limit: at most 100 pushes per hour per SendKey. Wait, or spread pushes over time.',
	50001: 'Every channel failed: see the per-channel results; a channel with token_invalid must be bound again by QR code.',
};

function decodeBotTalk(status: number, body: unknown): Decoded {
	if (isObject(body) && typeof body.success === 'boolean') {
		if (body.success) return { ok: true, data: 'data' in body ? body.data : withoutKeys(body, ['success']) };
		const data = isObject(body.data) ? body.data : undefined;
		const message = String(body.error ?? data?.message ?? data?.error ?? 'BotTalk error');
		return { ok: false, error: { code: status, platformMessage: message, description: httpHint(status), data: body.data } };
	}
	if (isObject(body) && 'code' in body) {
		const code = num(body.code);
		if (code === 0) return { ok: true, data: body.data ?? {} };
		const c = code ?? status;
		return {
			ok: false,
			error: { code: c, platformMessage: String(body.message ?? 'BotTalk error'), description: BOTTALK_PUSH_CODES[c] ?? httpHint(status), data: body.data },
		};
	}
	if (isObject(body) && typeof body.error === 'string') {
		const description = status === 401 ? 'The BotTalk session was rejected: the SendKey may have been reset.' : httpHint(status);
		return { ok: false, error: { code: status, platformMessage: body.error, description } };
	}
	return unknownShape(status, body);
}

function unknownShape(status: number, body: unknown): Decoded {
	if (status < 400) return { ok: true, data: body };
	const text = typeof body === 'string' ? body.slice(0, 200) : '';
	return { ok: false, error: { code: status, platformMessage: text || `HTTP ${status}`, description: httpHint(status) } };
}

export function decodeEnvelope(platform: PlatformId, status: number, body: unknown): Decoded {
	switch (platform) {
		case 'mpChat':
			return decodeMpChat(status, body);
		case 'biInk':
			return decodeBiInk(status, body);
		case 'fly':
			return decodeFly(status, body);
		case 'minapp':
			return decodeCodeMessage('minapp', status, body, MINAPP_HINTS);
		case 'botTalk':
			return decodeBotTalk(status, body);
	}
}

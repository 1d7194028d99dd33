/**
 * Each platform wraps its answers differently; its decoder (Platform.decode) turns a parsed HTTP
 * answer into either the payload or a platform error with a message a user can act on. These are
 * the pieces decoders share.
 */
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

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

export const num = (v: unknown): number | undefined => {
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

export function httpHint(status: number): string | undefined {
	if (status >= 500) return 'The platform had an internal error; try again later.';
	return HTTP_HINTS[status];
}

export function withoutKeys(body: Json, keys: string[]): Json {
	const out: Json = {};
	for (const [k, v] of Object.entries(body)) if (!keys.includes(k)) out[k] = v;
	return out;
}

/** The common `{code, message, data}` envelope (code 0: success), with hints per code or status. */
export function decodeCodeMessage(
	platform: string,
	status: number,
	body: unknown,
	hints: Record<number, string> = {},
): Decoded {
	if (isObject(body) && ('code' in body || 'errcode' in body)) {
		const code = num(body.code ?? body.errcode);
		if (code === 0 && status < 400)
			return {
				ok: true,
				data:
					'data' in body ? body.data : withoutKeys(body, ['code', 'message', 'errcode', 'errmsg']),
			};
		const effective = code === 0 || code === undefined ? status : code;
		const hinted = status >= 400 ? status : effective;
		return {
			ok: false,
			error: {
				code: effective,
				platformMessage: String(body.message ?? body.errmsg ?? body.msg ?? `${platform} error`),
				description: hints[hinted] ?? httpHint(hinted),
			},
		};
	}
	const decoded = unknownShape(status, body);
	if (!decoded.ok && hints[status]) decoded.error.description = hints[status];
	return decoded;
}

/** An answer in no known envelope: its HTTP status decides. */
export function unknownShape(status: number, body: unknown): Decoded {
	if (status < 400) return { ok: true, data: body };
	const text = typeof body === 'string' ? body.slice(0, 200) : '';
	return {
		ok: false,
		error: {
			code: status,
			platformMessage: text || `HTTP ${status}`,
			description: httpHint(status),
		},
	};
}

/**
 * When a failed request may be sent again, and how long to wait first. A send that is not safe
 * to repeat is retried only where the platform provably never acted on it, so a retry can never
 * deliver a message twice.
 */
export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A 429 asking to wait longer than this fails instead of blocking the workflow. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
};

export type Failure =
	| { kind: 'http'; status: number; code?: number | string; retryAfterSeconds?: number }
	| { kind: 'network'; code: string }
	| { kind: 'malformed' };

/** Errors raised before a single byte reached the platform. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_SSRF_BLOCKED']);
/** Errors after which the platform may or may not have acted on the request. */
const AMBIGUOUS = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_BAD_RESPONSE',
	'UND_ERR_SOCKET',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

export function isRateLimited(f: Failure): boolean {
	return f.kind === 'http' && (f.status === 429 || f.code === 429);
}

export function isRetryable(f: Failure, idempotent: boolean): boolean {
	if (isRateLimited(f)) return true; // the platform refused it: nothing happened
	if (f.kind === 'network') return NEVER_SENT.has(f.code) || (idempotent && AMBIGUOUS.has(f.code));
	if (f.kind === 'malformed') return idempotent;
	return idempotent && (f.status >= 500 || f.status === 408);
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(exp / 2 + random() * (exp / 2));
}

/** How long to wait before the next attempt, or undefined when the wait would be too long. */
export function retryDelay(
	f: Failure,
	attempt: number,
	policy: RetryPolicy,
	random = Math.random,
): number | undefined {
	if (f.kind === 'http' && f.retryAfterSeconds !== undefined && f.retryAfterSeconds >= 0) {
		const ms = f.retryAfterSeconds * 1000;
		return ms > policy.maxRetryAfterMs ? undefined : ms + Math.round(random() * 100);
	}
	return backoffDelay(attempt, policy, random);
}

/** Reads Retry-After (seconds or HTTP date) from response headers. */
export function retryAfterFromHeaders(
	headers: Record<string, unknown> | undefined,
	nowMs: number,
): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (raw === undefined || raw === null) return undefined;
	const text = String(raw).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - nowMs) / 1000);
}

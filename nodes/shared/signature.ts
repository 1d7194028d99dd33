/**
 * Inbound request checks: the Fly v1 HMAC signature (byte-compatible with the Fly document's
 * Python reference) and a nonce replay guard. The constant-time comparison the other webhook
 * checks use is in secretsEqual.ts, so packages without Fly do not compile this file in.
 */
import { createHash, createHmac, randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { parseJsonLossless, type LosslessJson } from './json';
import { pyGet, pyInt, pyOr, pyStr, pyStrip, pythonCanonicalJson } from './pythonCompat';
import { secretsEqual } from './secretsEqual';

// Still exported here, where callers and tests written before secretsEqual.ts import it from.
export { secretsEqual };

export const FLY_REPLAY_WINDOW_SECONDS = 300;

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Fly's default webhook secret: sha256-hex of the bot token. */
export function defaultFlyWebhookSecret(token: string): string {
	return sha256Hex(Buffer.from(token, 'utf8'));
}

/** The bot token as the document's scripts read it (`_env()`: Python's strip()). */
export function flyToken(token: unknown): string {
	return pyStrip(String(token ?? ''));
}

/**
 * The webhook secret as the document's webhook server derives it: FLY_WEBHOOK_SECRET, else
 * sha256-hex of the token, both read with `_env()`. A token pasted with a trailing newline thus
 * signs with the same token the Bearer header sends.
 */
export function flyWebhookSecret(credentials: { accessToken?: unknown; webhookSecret?: unknown }): string {
	return pyStrip(String(credentials.webhookSecret ?? '')) || defaultFlyWebhookSecret(flyToken(credentials.accessToken));
}

interface SigningFields {
	updateId: string;
	type: string;
	botId: string;
	timestamp: string;
	nonce: string;
	payloadSha256: string;
}

function signingString(f: SigningFields): string {
	return [f.updateId, f.type, f.botId, f.timestamp, f.nonce, f.payloadSha256].join('\n');
}

/** The reference's field extraction, with its `or`, `int()` and `str()` conversions. */
function signingFields(update: unknown): SigningFields & { signature: unknown } {
	const get = (k: string) => pyGet(update, k);
	const payload = pyOr(get('message'), pyOr(get('callback_query'), new Map()));
	return {
		signature: get('signature'),
		updateId: pyInt(pyOr(get('update_id'), 0)).toString(),
		type: pyStr(pyOr(get('type'), '')),
		botId: pyStr(pyOr(pyGet(pyOr(get('bot'), new Map()), 'id'), '')),
		timestamp: pyInt(pyOr(get('timestamp'), 0)).toString(),
		nonce: pyStr(pyOr(get('nonce'), '')),
		payloadSha256: sha256Hex(Buffer.from(pythonCanonicalJson(payload), 'utf8')),
	};
}

/** Signs an update (parsed losslessly, or a plain object built in JS) the way Fly does. */
export function signFlyUpdate(update: LosslessJson | Record<string, unknown>, secret: string): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(signingString(signingFields(update)), 'utf8')
		.digest('hex');
}

const isAscii = (s: string) => [...s].every((c) => c.charCodeAt(0) < 0x80);

export type FlyVerifyFailure = 'MALFORMED' | 'REPLAY_WINDOW_EXCEEDED' | 'SIGNATURE_MISMATCH';

export type FlyVerifyResult =
	| { ok: true; nonce: string; timestamp: bigint }
	| { ok: false; reason: FlyVerifyFailure };

/**
 * Verifies a Fly v1 signed update from its raw body, exactly as `verify_signed_update_v1` in the
 * Fly document does: window check first, then the HMAC over the six-line signing string.
 */
export function verifyFlySignedUpdate(
	rawBody: string | Buffer,
	secret: string,
	nowSeconds: number,
	windowSeconds = FLY_REPLAY_WINDOW_SECONDS,
): FlyVerifyResult {
	let update: LosslessJson;
	let fields: ReturnType<typeof signingFields>;
	try {
		update = parseJsonLossless(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
		fields = signingFields(update);
	} catch {
		// Not JSON, or a value where the Python reference raises: it can never verify.
		return { ok: false, reason: 'MALFORMED' };
	}
	const timestamp = BigInt(fields.timestamp);
	const skew = BigInt(Math.floor(nowSeconds)) - timestamp;
	if (skew > BigInt(windowSeconds) || -skew > BigInt(windowSeconds)) {
		return { ok: false, reason: 'REPLAY_WINDOW_EXCEEDED' };
	}
	const signature = pyStr(pyOr(fields.signature, ''));
	const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(signingString(fields), 'utf8').digest('hex');
	// hmac.compare_digest raises on non-ASCII str: such a signature can never match.
	if (!isAscii(signature) || !secretsEqual(expected, signature)) {
		return { ok: false, reason: 'SIGNATURE_MISMATCH' };
	}
	return { ok: true, nonce: fields.nonce, timestamp };
}

/**
 * Remembers nonces for the replay window so a captured request cannot be replayed while its
 * timestamp is still accepted. Memory is bounded: entries expire with the window.
 */
export class NonceGuard {
	private readonly seen = new Map<string, number>();

	constructor(
		private readonly windowSeconds = FLY_REPLAY_WINDOW_SECONDS,
		private readonly maxEntries = 100_000,
	) {}

	/** The remembered nonces (the newest `max`) with their expiry, oldest first. */
	entries(max = Infinity): Array<[string, number]> {
		const entries = [...this.seen];
		return entries.length > max ? entries.slice(entries.length - max) : entries;
	}

	/** Adds entries saved from `entries()` (e.g. by another process) that this guard does not hold. */
	absorb(saved: Iterable<[string, unknown]>): void {
		for (const [nonce, until] of saved) if (typeof nonce === 'string' && typeof until === 'number' && !this.seen.has(nonce)) this.seen.set(nonce, until);
	}

	/** Returns true the first time a nonce is seen within the window, false for a replay. */
	accept(nonce: string, nowSeconds: number): boolean {
		this.expire(nowSeconds);
		if (this.seen.has(nonce)) return false;
		if (this.seen.size >= this.maxEntries) {
			const oldest = this.seen.keys().next().value;
			if (oldest !== undefined) this.seen.delete(oldest);
		}
		// Kept for twice the window: a timestamp may be up to one window in the future.
		this.seen.set(nonce, nowSeconds + 2 * this.windowSeconds);
		return true;
	}

	private expire(nowSeconds: number) {
		for (const [nonce, until] of this.seen) {
			if (until > nowSeconds) break;
			this.seen.delete(nonce);
		}
	}
}

/** Nonces kept in a workflow's static data, so a replay is caught across an n8n restart too. */
const STORED_NONCES = 5_000;

/**
 * Where the node's static data keeps them: one JSON string of `[nonce, expiry]` pairs. n8n parses,
 * wraps in change-tracking proxies and serializes every key of static data on each request and
 * save; as one string, 5,000 nonces cost it about 0.5 ms per delivery instead of 5 (measured with
 * n8n-workflow's own Workflow). `flyNonces`, one key per nonce, is what earlier builds saved; it is
 * still read, and replaced at the next save.
 */
export const NONCE_LIST_KEY = 'flyNonceList';
const LEGACY_KEY = 'flyNonces';
const SAVED_BY_KEY = 'flyNoncesSavedBy';

// One guard per node and process: concurrent replays are caught here, before the static data
// of either request is saved.
const replayGuards = new Map<string, NonceGuard>();

/**
 * True the first time `nonce` is seen within the replay window by the node `key`
 * (workflow ID : node ID). Remembered in memory and in the node's static data `store`: n8n saves
 * it before answering when called from a trigger's webhook() (see keepChangedUntilAnswered), and
 * when the run ends when called from a run (the Fly Verify operation).
 */
export function acceptNonceOnce(store: IDataObject, key: string, nonce: string, nowSeconds: number): boolean {
	const guard = guardFor(store, key);
	if (!guard.accept(nonce, nowSeconds)) return false;
	save(store, guard);
	return true;
}

/** The nonces a node's static data holds, with their expiry (both stored forms). */
export function storedNonces(store: IDataObject): Map<string, number> {
	const out = new Map<string, number>();
	const legacy = store[LEGACY_KEY];
	if (legacy && typeof legacy === 'object') for (const [nonce, until] of Object.entries(legacy)) if (typeof until === 'number') out.set(nonce, until);
	const list = store[NONCE_LIST_KEY];
	if (typeof list === 'string') {
		try {
			const pairs: unknown = JSON.parse(list);
			if (Array.isArray(pairs)) for (const p of pairs) if (Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number') out.set(p[0], p[1]);
		} catch {
			// A damaged copy holds nothing this guard can use; the next save replaces it.
		}
	}
	return out;
}

// Static data is tagged with the guard that saved it. Everything in such a copy came from that
// guard, which still holds it, so reading it back in (thousands of nonces on every delivery: a
// profile showed it) is skipped; a copy another guard saved (another process, or this one before a
// restart) is read.
const guardTags = new WeakMap<NonceGuard, string>();

function save(store: IDataObject, guard: NonceGuard): void {
	store[NONCE_LIST_KEY] = JSON.stringify(guard.entries(STORED_NONCES));
	if (store[LEGACY_KEY] !== undefined) delete store[LEGACY_KEY];
	store[SAVED_BY_KEY] = guardTags.get(guard);
}

/**
 * This process's guard for the node, with every nonce the static data holds. Static data is read
 * again on each call: a webhook processor in queue mode loads it from the database per request,
 * so nonces that another process accepted and saved are refused here too.
 */
function guardFor(store: IDataObject, key: string): NonceGuard {
	let guard = replayGuards.get(key);
	if (!guard) {
		guard = new NonceGuard(FLY_REPLAY_WINDOW_SECONDS, 100_000);
		replayGuards.set(key, guard);
		guardTags.set(guard, randomBytes(12).toString('hex'));
	}
	if (store[SAVED_BY_KEY] !== guardTags.get(guard)) guard.absorb(storedNonces(store));
	return guard;
}

/**
 * Inbound request checks: the Fly v1 HMAC signature (byte-compatible with the Fly document's
 * Python reference) and a nonce replay guard. The constant-time comparison the other webhook
 * checks use is in secretsEqual.ts, so packages without Fly do not compile this file in.
 */
import { createHash, createHmac, randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseJsonLossless, type LosslessJson } from './json';
import { pyGet, pyInt, pyOr, pyStr, pyStrip, pyTruthy, pythonCanonicalJson } from './pythonCompat';
import { secretsEqual } from './secretsEqual';

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
export function flyWebhookSecret(credentials: {
	accessToken?: unknown;
	webhookSecret?: unknown;
}): string {
	return (
		pyStrip(String(credentials.webhookSecret ?? '')) ||
		defaultFlyWebhookSecret(flyToken(credentials.accessToken))
	);
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

/** The two keys of a signed update that may hold its payload; Fly signs exactly one of them. */
export type FlyPayloadKey = 'message' | 'callback_query';

/**
 * The key whose value the signature covers: the reference signs `message or callback_query or {}`
 * (Python truthiness: an empty object, list or string, 0, false and null count as absent), so
 * `message` when it is not empty, else `callback_query` when it is not, else neither.
 */
export function flySignedPayloadKey(update: unknown): FlyPayloadKey | null {
	if (pyTruthy(pyGet(update, 'message'))) return 'message';
	if (pyTruthy(pyGet(update, 'callback_query'))) return 'callback_query';
	return null;
}

/**
 * Why a delivery whose signature may verify still cannot be trusted, or null. The signature covers
 * one payload key only; a delivery that carries both non-empty, or whose `type` names the key that
 * is not signed, would let anyone holding one signed delivery put a forged payload beside the signed
 * one, where the trigger (which reads the key `type` names) would take it. Fly sends neither.
 */
function flyUnsignedPayload(update: unknown): boolean {
	const bothPresent =
		pyTruthy(pyGet(update, 'message')) && pyTruthy(pyGet(update, 'callback_query'));
	const signed = flySignedPayloadKey(update);
	const type = pyGet(update, 'type');
	const named = type === 'message' || type === 'callback_query' ? type : null;
	return bothPresent || (named !== null && signed !== null && named !== signed);
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
export function signFlyUpdate(
	update: LosslessJson | Record<string, unknown>,
	secret: string,
): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(signingString(signingFields(update)), 'utf8')
		.digest('hex');
}

/**
 * Longest nonce accepted, in characters. The Fly document states no length; its nonces are random
 * tokens of a few dozen characters at most (a UUID is 36, 32 random bytes in hex 64). Only a
 * sender with the secret can sign a nonce at all, but one that is needlessly long would still be
 * kept for 600 s, so anything over four times the longest plausible one is refused.
 */
export const MAX_NONCE_LENGTH = 256;

const isAscii = (s: string) => [...s].every((c) => c.charCodeAt(0) < 0x80);

export type FlyVerifyFailure =
	| 'MALFORMED'
	| 'UNSIGNED_PAYLOAD'
	| 'NONCE_TOO_LONG'
	| 'REPLAY_WINDOW_EXCEEDED'
	| 'SIGNATURE_MISMATCH';

export type FlyVerifyResult =
	| { ok: true; nonce: string; timestamp: bigint }
	| { ok: false; reason: FlyVerifyFailure };

/**
 * Verifies a Fly v1 signed update from its raw body, exactly as `verify_signed_update_v1` in the
 * Fly document does (window check first, then the HMAC over the six-line signing string), after
 * refusing what the reference would pass but no reader may trust: a payload beside the signed one
 * (UNSIGNED_PAYLOAD, see flyUnsignedPayload). That check comes first, needs no secret, and so
 * never makes a webhook reload its credential.
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
	if (flyUnsignedPayload(update)) return { ok: false, reason: 'UNSIGNED_PAYLOAD' };
	if ([...fields.nonce].length > MAX_NONCE_LENGTH) return { ok: false, reason: 'NONCE_TOO_LONG' };
	const timestamp = BigInt(fields.timestamp);
	const skew = BigInt(Math.floor(nowSeconds)) - timestamp;
	if (skew > BigInt(windowSeconds) || -skew > BigInt(windowSeconds)) {
		return { ok: false, reason: 'REPLAY_WINDOW_EXCEEDED' };
	}
	const signature = pyStr(pyOr(fields.signature, ''));
	const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(signingString(fields), 'utf8')
		.digest('hex');
	// hmac.compare_digest raises on non-ASCII str: such a signature can never match.
	if (!isAscii(signature) || !secretsEqual(expected, signature)) {
		return { ok: false, reason: 'SIGNATURE_MISMATCH' };
	}
	return { ok: true, nonce: fields.nonce, timestamp };
}

/**
 * Most nonces one guard remembers: a safety cap for memory and for the static data a trigger
 * rewrites whole on every delivery. Nonces are kept for twice the window (600 s), so the cap is
 * reached only above MAX_REMEMBERED / 600 deliveries a second per node, sustained; above it the
 * nonces that expire soonest are forgotten first (docs/queue-mode.md). Sized from what one
 * delivery's rewrite costs at the cap (docs/benchmarks.md, bench/nonce-list.js).
 */
export const MAX_REMEMBERED = 30_000;

/**
 * What the replay guards keep of a nonce: a fixed 22 characters (128 bits of its SHA-256), however
 * long the nonce, so the stored list's size depends on the number of nonces only. Finding another
 * nonce with the same digest (to have a genuine delivery refused) takes about 2^128 tries.
 */
export function nonceDigest(nonce: string): string {
	return createHash('sha256').update(nonce, 'utf8').digest('base64url').slice(0, 22);
}

/**
 * Remembers nonces for the replay window so a captured request cannot be replayed while its
 * timestamp is still accepted. Entries are kept soonest expiry first, which is what lets expire()
 * stop at the first live one and the cap drop the one that expires soonest. Its keys are opaque:
 * the guards below give it nonceDigest(nonce).
 */
export class NonceGuard {
	private seen = new Map<string, number>();
	/** The latest expiry held: an entry that expires later is simply appended. */
	private latest = -Infinity;

	constructor(
		private readonly windowSeconds = FLY_REPLAY_WINDOW_SECONDS,
		private readonly maxEntries = MAX_REMEMBERED,
	) {}

	/** The remembered nonces with their expiry, soonest expiry first. */
	entries(): Array<[string, number]> {
		return [...this.seen];
	}

	/** Adds live entries saved from `entries()` (e.g. by another process) that this guard does not hold. */
	absorb(saved: Iterable<[string, unknown]>, nowSeconds: number): void {
		const added: Array<[string, number]> = [];
		for (const [nonce, until] of saved) {
			if (
				typeof nonce === 'string' &&
				typeof until === 'number' &&
				until > nowSeconds &&
				!this.seen.has(nonce)
			)
				added.push([nonce, until]);
		}
		this.insert(added);
	}

	/** Returns true the first time a nonce is seen within the window, false for a replay. */
	accept(nonce: string, nowSeconds: number): boolean {
		this.expire(nowSeconds);
		if (this.seen.has(nonce)) return false;
		// Kept for twice the window: a timestamp may be up to one window in the future.
		this.insert([[nonce, nowSeconds + 2 * this.windowSeconds]]);
		return true;
	}

	/** Drops a nonce that was accepted but could not be recorded, so a retry of its delivery can pass. */
	forget(nonce: string): void {
		this.seen.delete(nonce);
	}

	private insert(added: Array<[string, number]>) {
		if (!added.length) return;
		added.sort((a, b) => a[1] - b[1]);
		if (added[0][1] >= this.latest) {
			for (const [nonce, until] of added) this.seen.set(nonce, until);
		} else {
			// Older than what is held (another process's copy, or the clock went back): merge.
			const held = [...this.seen];
			const merged: Array<[string, number]> = [];
			let i = 0;
			let j = 0;
			while (i < held.length || j < added.length)
				merged.push(
					j >= added.length || (i < held.length && held[i][1] <= added[j][1])
						? held[i++]
						: added[j++],
				);
			this.seen = new Map(merged);
		}
		this.latest = Math.max(this.latest, added[added.length - 1][1]);
		for (const nonce of this.seen.keys()) {
			if (this.seen.size <= this.maxEntries) break;
			this.seen.delete(nonce);
		}
	}

	private expire(nowSeconds: number) {
		for (const [nonce, until] of this.seen) {
			if (until > nowSeconds) break;
			this.seen.delete(nonce);
		}
	}
}

/**
 * Where a node's static data keeps them: one JSON string of `[digest, expiry]` pairs (nonceDigest),
 * every nonce still inside the window. n8n parses, wraps in change-tracking proxies and serializes
 * every key of static data on each request and save; as one string, 5,000 nonces cost it about
 * 0.5 ms per delivery instead of 5 (measured with n8n-workflow's own Workflow). What earlier builds
 * saved is still read, so a nonce they accepted is still refused after an upgrade, and replaced at
 * the next save: `flyNonceList`, the same pairs with the nonce itself, and before it `flyNonces`,
 * one key per nonce.
 */
export const NONCE_LIST_KEY = 'flyNonceDigests';
const PLAIN_LIST_KEY = 'flyNonceList';
const LEGACY_KEY = 'flyNonces';
const SAVED_BY_KEY = 'flyNoncesSavedBy';

// One guard per node and process: concurrent replays are caught here, before the static data
// of either request is saved.
const replayGuards = new Map<string, NonceGuard>();

/**
 * True the first time `nonce` is seen within the replay window by the trigger node `key`
 * (workflow ID : node ID). Remembered in memory and in the node's static data `store`, which n8n
 * saves before answering when called from webhook() (see keepChangedUntilAnswered). Not for a
 * run: a run on a queue-mode worker starts from an empty copy of static data and saves it whole
 * (acceptNonceOnceShared is the run's guard).
 */
export function acceptNonceOnce(
	store: IDataObject,
	key: string,
	nonce: string,
	nowSeconds: number,
): boolean {
	const guard = guardFor(store, key, nowSeconds);
	if (!guard.accept(nonceDigest(nonce), nowSeconds)) return false;
	save(store, guard);
	return true;
}

/** `[string, number]` pairs from a stored JSON string; a damaged copy holds none (the next save replaces it). */
function storedPairs(list: unknown): Array<[string, number]> {
	if (typeof list !== 'string') return [];
	try {
		const pairs: unknown = JSON.parse(list);
		if (!Array.isArray(pairs)) return [];
		return pairs.filter(
			(p): p is [string, number] =>
				Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number',
		);
	} catch {
		return [];
	}
}

/** The nonce digests a node's static data holds, with their expiry (every stored form). */
export function storedNonces(store: IDataObject): Map<string, number> {
	const out = new Map<string, number>();
	const legacy = store[LEGACY_KEY];
	if (legacy && typeof legacy === 'object')
		for (const [nonce, until] of Object.entries(legacy))
			if (typeof until === 'number') out.set(nonceDigest(nonce), until);
	for (const [nonce, until] of storedPairs(store[PLAIN_LIST_KEY]))
		out.set(nonceDigest(nonce), until);
	for (const [digest, until] of storedPairs(store[NONCE_LIST_KEY])) out.set(digest, until);
	return out;
}

// Static data is tagged with the guard that saved it. Everything in such a copy came from that
// guard, which still holds it, so reading it back in (thousands of nonces on every delivery: a
// profile showed it) is skipped; a copy another guard saved (another process, or this one before a
// restart) is read.
const guardTags = new WeakMap<NonceGuard, string>();

function save(store: IDataObject, guard: NonceGuard): void {
	store[NONCE_LIST_KEY] = JSON.stringify(guard.entries());
	if (store[LEGACY_KEY] !== undefined) delete store[LEGACY_KEY];
	if (store[PLAIN_LIST_KEY] !== undefined) delete store[PLAIN_LIST_KEY];
	store[SAVED_BY_KEY] = guardTags.get(guard);
}

/**
 * This process's guard for the node, with every nonce the static data holds. Static data is read
 * again on each call: a webhook processor in queue mode loads it from the database per request,
 * so nonces that another process accepted and saved are refused here too.
 */
function guardFor(store: IDataObject, key: string, nowSeconds: number): NonceGuard {
	let guard = replayGuards.get(key);
	if (!guard) {
		guard = new NonceGuard();
		replayGuards.set(key, guard);
		guardTags.set(guard, randomBytes(12).toString('hex'));
	}
	if (store[SAVED_BY_KEY] !== guardTags.get(guard)) guard.absorb(storedNonces(store), nowSeconds);
	return guard;
}

/**
 * n8n's deduplication store, as a run's context offers it (`this.helpers` in execute()): one
 * database row per workflow and node, shared by every process, read and rewritten whole by each
 * call (no lock), holding hashes of the recorded values.
 */
type ProcessedStore = Pick<
	IExecuteFunctions['helpers'],
	'checkProcessedAndRecord' | 'removeProcessed'
>;

/**
 * Most nonces the row keeps (n8n drops the oldest above it). Each process removes the nonces it
 * recorded once they expire, so the row holds the live ones, plus those a process recorded and
 * did not live to remove. Live nonces drop out only above about 45 verified deliveries a second per
 * node, sustained (30,000 over the 660 s a nonce stays at most); a process still refuses the ones
 * it recorded itself (docs/queue-mode.md).
 */
const SHARED_MAX_NONCES = 30_000;
const SHARED = { mode: 'entries', maxEntries: SHARED_MAX_NONCES } as const;
/** Expired nonces are removed in batches: each removal rewrites the whole row. */
const PRUNE_EVERY_SECONDS = 60;

interface SharedGuard {
	guard: NonceGuard;
	/** Nonces this process recorded in the row, with their expiry, in the order recorded. */
	recorded: Array<[string, number]>;
	lastPrune: number;
	/** The row is read and rewritten whole: this process's calls for a node go one at a time. */
	turn: Promise<unknown>;
}
const sharedGuards = new Map<string, SharedGuard>();

/**
 * True the first time `nonce` is seen within the replay window by the node `key` (workflow ID :
 * node ID), in any process of this n8n: for a run (the Fly Verify operation). Remembered in this
 * process's memory (runs at the same time in one process see each other at once) and in n8n's
 * deduplication store in the database (a replay run by another worker is refused), never in
 * static data: a run on a queue-mode worker starts from an empty copy of static data, and saving
 * it would erase what a trigger in the same workflow keeps there.
 */
export async function acceptNonceOnceShared(
	store: ProcessedStore,
	key: string,
	nonce: string,
	nowSeconds: number,
): Promise<boolean> {
	let shared = sharedGuards.get(key);
	if (!shared) {
		shared = {
			guard: new NonceGuard(),
			recorded: [],
			lastPrune: -Infinity,
			turn: Promise.resolve(),
		};
		sharedGuards.set(key, shared);
	}
	if (!shared.guard.accept(nonceDigest(nonce), nowSeconds)) return false;
	const s = shared;
	const recorded = s.turn.then(async () => await recordShared(store, s, nonce, nowSeconds));
	s.turn = recorded.catch(() => undefined);
	return await recorded;
}

async function recordShared(
	store: ProcessedStore,
	s: SharedGuard,
	nonce: string,
	nowSeconds: number,
): Promise<boolean> {
	let answered = false;
	try {
		const live = s.recorded.findIndex(([, until]) => until > nowSeconds);
		const count = live === -1 ? s.recorded.length : live;
		if (count > 0 && nowSeconds - s.lastPrune >= PRUNE_EVERY_SECONDS) {
			await store.removeProcessed(
				s.recorded.slice(0, count).map(([n]) => n),
				'node',
				SHARED,
			);
			s.recorded.splice(0, count);
			s.lastPrune = nowSeconds;
		}
		let result;
		try {
			result = await store.checkProcessedAndRecord([nonce], 'node', SHARED);
		} catch {
			// Two processes creating the node's row at the same moment: n8n inserts it, and the second
			// insert fails on its key. The row exists now.
			result = await store.checkProcessedAndRecord([nonce], 'node', SHARED);
		}
		answered = true;
		if (!result.new.length) return false;
		s.recorded.push([nonce, nowSeconds + 2 * FLY_REPLAY_WINDOW_SECONDS]);
		return true;
	} finally {
		// Not recorded (the store failed): forgotten here too, so a retry of the delivery can pass.
		if (!answered) s.guard.forget(nonceDigest(nonce));
	}
}

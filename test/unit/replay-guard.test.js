'use strict';
// The Fly replay guard across processes (queue mode): each process has its own memory, and the
// node's static data, saved to and reloaded from the database, is the only thing they share.
// Two copies of the module stand in for two webhook processors.
const { core } = require('../helpers/packages');
const path = require('path');

const MODULE = core('signature', 'fly');
const processLoad = () => {
	let mod;
	jest.isolateModules(() => {
		mod = require(MODULE);
	});
	return mod;
};
/** What saving static data to the database and loading it elsewhere does: a deep copy. */
const viaDatabase = (store) => JSON.parse(JSON.stringify(store));

const { nonceDigest } = require(MODULE);
const KEY = 'wf1:node1';
const NOW = 1_800_000_000;

test('a nonce one process accepted and saved is refused by another process that already had a guard', () => {
	const a = processLoad();
	const b = processLoad();
	expect(b.acceptNonceOnce({}, KEY, 'earlier', NOW)).toBe(true); // b's guard exists before a's save
	const storeA = {};
	expect(a.acceptNonceOnce(storeA, KEY, 'n-1', NOW)).toBe(true);
	expect(b.acceptNonceOnce(viaDatabase(storeA), KEY, 'n-1', NOW + 5)).toBe(false);
});

test('nonces are stored as one string of digests; the one-key-per-nonce form of earlier builds is read and replaced', () => {
	const a = processLoad();
	const legacy = {
		flyNonces: { 'old-1': NOW + 600, 'old-2': NOW + 600 },
		flyNoncesSavedBy: 'an-earlier-process',
	};
	expect(a.acceptNonceOnce(legacy, KEY, 'old-1', NOW)).toBe(false);
	expect(a.acceptNonceOnce(legacy, KEY, 'fresh', NOW)).toBe(true);
	expect(Object.keys(legacy).sort()).toEqual(['flyNonceDigests', 'flyNoncesSavedBy']);
	expect(typeof legacy.flyNonceDigests).toBe('string');
	const restarted = processLoad();
	for (const n of ['old-1', 'old-2', 'fresh'])
		expect(restarted.acceptNonceOnce(viaDatabase(legacy), KEY, n, NOW + 1)).toBe(false);
});

test('the list of plain nonces earlier builds saved (flyNonceList) is read after an upgrade: its nonces stay refused', () => {
	const a = processLoad();
	const upgraded = {
		flyNonceList: JSON.stringify([
			['old-1', NOW + 600],
			['old-2', NOW + 601],
		]),
		flyNoncesSavedBy: 'an-earlier-build',
	};
	expect(a.acceptNonceOnce(upgraded, KEY, 'old-2', NOW)).toBe(false);
	expect(a.acceptNonceOnce(upgraded, KEY, 'fresh', NOW)).toBe(true);
	// Rewritten as digests, the plain list gone: no nonce is stored as itself any more.
	expect(Object.keys(upgraded).sort()).toEqual(['flyNonceDigests', 'flyNoncesSavedBy']);
	expect(upgraded.flyNonceDigests).not.toContain('old-1');
	const restarted = processLoad();
	for (const n of ['old-1', 'old-2', 'fresh'])
		expect(restarted.acceptNonceOnce(viaDatabase(upgraded), KEY, n, NOW + 1)).toBe(false);
});

test('a stored nonce is a digest of fixed size, and nonces over 256 characters never verify', () => {
	const a = processLoad();
	const store = {};
	const long = 'n'.repeat(256);
	expect(a.acceptNonceOnce(store, KEY, long, NOW)).toBe(true);
	expect(JSON.parse(store.flyNonceDigests)).toEqual([[nonceDigest(long), NOW + 600]]);
	expect(nonceDigest(long)).toHaveLength(22);
	expect(nonceDigest('x')).toHaveLength(22);
	expect(a.MAX_NONCE_LENGTH).toBe(256);
	const secret = 's';
	const signed = (nonce) => {
		const u = { update_id: 1, type: 'message', timestamp: NOW, nonce, message: { id: 'm' } };
		return JSON.stringify({ ...u, signature: a.signFlyUpdate(u, secret) });
	};
	expect(a.verifyFlySignedUpdate(signed('n'.repeat(256)), secret, NOW)).toMatchObject({ ok: true });
	expect(a.verifyFlySignedUpdate(signed('n'.repeat(257)), secret, NOW)).toEqual({
		ok: false,
		reason: 'NONCE_TOO_LONG',
	});
	// Characters, not bytes: 256 emoji are allowed.
	expect(a.verifyFlySignedUpdate(signed('😀'.repeat(256)), secret, NOW)).toMatchObject({
		ok: true,
	});
});

test('a damaged stored list is ignored and replaced at the next save', () => {
	const a = processLoad();
	const store = { flyNonceDigests: '[["x",1', flyNoncesSavedBy: 'someone' };
	expect(a.acceptNonceOnce(store, KEY, 'y', NOW)).toBe(true);
	expect(JSON.parse(store.flyNonceDigests)).toEqual([[nonceDigest('y'), NOW + 600]]);
});

test("every nonce a process accepted is in what it saves, also nonces it read from another process's copy", () => {
	const a = processLoad();
	const b = processLoad();
	const db = {};
	expect(a.acceptNonceOnce(db, KEY, 'from-a', NOW)).toBe(true);
	const copy = viaDatabase(db);
	expect(b.acceptNonceOnce(copy, KEY, 'from-b', NOW + 1)).toBe(true);
	expect([...b.storedNonces(copy).keys()].sort()).toEqual(
		['from-a', 'from-b'].map(nonceDigest).sort(),
	);
	const restarted = processLoad();
	for (const n of ['from-a', 'from-b'])
		expect(restarted.acceptNonceOnce(viaDatabase(copy), KEY, n, NOW + 2)).toBe(false);
});

// Item 8 of issue 21: what is stored is every nonce still inside the window, and nothing else.
const WINDOW_KEPT = 600; // a nonce is kept for twice the 300 s window (its timestamp may be 300 s ahead)
/** A list another process saved: `n` nonces accepted one after another, from `from` on. */
const savedList = (n, from = NOW) =>
	JSON.stringify(
		Array.from({ length: n }, (_, i) => [nonceDigest(`live-${i}`), from + WINDOW_KEPT + i / 100]),
	);

test('every nonce still inside the window is stored, however many: a restarted process refuses the oldest one too', () => {
	const a = processLoad();
	// 6,000 deliveries in 60 s (100 a second), all still inside the window.
	const store = { flyNonceDigests: savedList(6_000), flyNoncesSavedBy: 'another-process' };
	expect(a.acceptNonceOnce(store, KEY, 'one-more', NOW + 60)).toBe(true);
	expect(a.storedNonces(store).size).toBe(6_001);
	const restarted = processLoad();
	expect(restarted.acceptNonceOnce(viaDatabase(store), KEY, 'live-0', NOW + 61)).toBe(false);
});

test('nonces past their expiry are left out of what is stored, also ones read from an older copy after newer ones', () => {
	const a = processLoad();
	const store = {};
	expect(a.acceptNonceOnce(store, KEY, 'newer', NOW + 200)).toBe(true); // kept until NOW + 800
	// Another process's copy, saved earlier: its nonce expires first (NOW + 600).
	const older = {
		flyNonceDigests: JSON.stringify([[nonceDigest('older'), NOW + WINDOW_KEPT]]),
		flyNoncesSavedBy: 'another-process',
	};
	expect(a.acceptNonceOnce(older, KEY, 'older', NOW + 300)).toBe(false);
	// At NOW + 700 'older' has expired, 'newer' has not.
	expect(a.acceptNonceOnce(older, KEY, 'latest', NOW + 700)).toBe(true);
	expect([...a.storedNonces(older).keys()]).toEqual(['newer', 'latest'].map(nonceDigest));
});

test('the guard keeps its nonces soonest expiry first, whatever order they arrive in', () => {
	const { NonceGuard } = processLoad();
	const guard = new NonceGuard(300, 100);
	guard.accept('c', NOW + 30); // NOW + 630
	guard.absorb(
		[
			['b', NOW + 620],
			['a', NOW + 610],
			['d', NOW + 640],
			['gone', NOW],
		],
		NOW + 30,
	);
	expect(guard.entries().map(([n]) => n)).toEqual(['a', 'b', 'c', 'd']);
	// At NOW + 625, a and b have expired: a new nonce drops them and nothing else.
	expect(guard.accept('e', NOW + 625)).toBe(true);
	expect(guard.entries().map(([n]) => n)).toEqual(['c', 'd', 'e']);
});

test('over its safety cap the guard forgets the nonce that expires soonest, not the one it learnt first', () => {
	const { NonceGuard } = processLoad();
	const guard = new NonceGuard(300, 3);
	guard.accept('late', NOW + 100); // NOW + 700
	guard.absorb(
		[
			['early', NOW + 610],
			['mid', NOW + 650],
		],
		NOW,
	);
	guard.accept('latest', NOW + 110); // a fourth: one must go
	expect(guard.entries().map(([n]) => n)).toEqual(['mid', 'late', 'latest']);
});

// Item 7 of issue 21: the Fly Verify operation runs in a run, which on a queue-mode worker starts
// from an empty copy of static data: its guard is n8n's deduplication store in the database.
/**
 * n8n's deduplication store ("entries" mode) as n8n implements it: one row per workflow and node,
 * which each call reads, and later writes back whole (no lock).
 */
function processedStore() {
	const rows = new Map();
	const calls = [];
	const helpersFor = (workflowId, nodeId) => {
		const key = `${workflowId}|n:${nodeId}`;
		const read = async () => {
			const row = [...(rows.get(key) ?? [])];
			await new Promise((r) => setImmediate(r)); // the database round trip
			return row;
		};
		return {
			async checkProcessedAndRecord(items, scope, options) {
				calls.push(['check', items, scope, options]);
				const row = await read();
				const out = { new: [], processed: [] };
				for (const item of items)
					(row.includes(item) ? out.processed : (row.push(item), out.new)).push(item);
				rows.set(key, row.slice(Math.max(0, row.length - options.maxEntries)));
				return out;
			},
			async removeProcessed(items, scope) {
				calls.push(['remove', items, scope]);
				const row = await read();
				rows.set(
					key,
					row.filter((item) => !items.includes(item)),
				);
			},
		};
	};
	return { rows, calls, helpersFor };
}

test("Verify's guard: a nonce one process recorded is refused by another process, which never saw it", async () => {
	const db = processedStore();
	const a = processLoad();
	const b = processLoad();
	const helpers = db.helpersFor('wf1', 'node1');
	expect(await a.acceptNonceOnceShared(helpers, KEY, 'n-1', NOW)).toBe(true);
	expect(await b.acceptNonceOnceShared(helpers, KEY, 'n-1', NOW + 5)).toBe(false);
	expect(await a.acceptNonceOnceShared(helpers, KEY, 'n-1', NOW + 6)).toBe(false);
	expect(
		db.calls.filter(([c]) => c === 'check').map(([, , scope, options]) => [scope, options.mode]),
	).toEqual([
		['node', 'entries'],
		['node', 'entries'],
	]);
});

test("Verify's guard: a process removes the nonces it recorded once they expire; the ones still live stay", async () => {
	const db = processedStore();
	const a = processLoad();
	const helpers = db.helpersFor('wf1', 'node1');
	expect(await a.acceptNonceOnceShared(helpers, KEY, 'early', NOW)).toBe(true);
	expect(await a.acceptNonceOnceShared(helpers, KEY, 'later', NOW + 300)).toBe(true);
	expect(await a.acceptNonceOnceShared(helpers, KEY, 'last', NOW + 601)).toBe(true); // 'early' expired at NOW + 600
	expect(db.rows.get('wf1|n:node1')).toEqual(['later', 'last']);
	// A restarted process (its memory empty) still refuses the live ones.
	expect(await processLoad().acceptNonceOnceShared(helpers, KEY, 'later', NOW + 602)).toBe(false);
});

test("Verify's guard: runs at once in one process each keep their nonce in the row (a process writes it one call at a time)", async () => {
	const db = processedStore();
	const helpers = db.helpersFor('wf1', 'node1');
	const a = processLoad();
	const nonces = ['p-1', 'p-2', 'p-3', 'p-4'];
	expect(
		await Promise.all(nonces.map((n) => a.acceptNonceOnceShared(helpers, KEY, n, NOW))),
	).toEqual([true, true, true, true]);
	expect(db.rows.get('wf1|n:node1')).toEqual(nonces);
});

test("Verify's guard: two processes creating the row at once (one insert fails on its key) both get an answer", async () => {
	const db = processedStore();
	const helpers = db.helpersFor('wf1', 'node1');
	let failed = false;
	const racing = {
		...helpers,
		async checkProcessedAndRecord(...args) {
			if (!failed) {
				failed = true;
				await helpers.checkProcessedAndRecord(['other-process-nonce'], 'node', args[2]);
				throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
			}
			return await helpers.checkProcessedAndRecord(...args);
		},
	};
	expect(await processLoad().acceptNonceOnceShared(racing, KEY, 'mine', NOW)).toBe(true);
	expect(db.rows.get('wf1|n:node1')).toEqual(['other-process-nonce', 'mine']);
});

test("Verify's guard: a nonce the store could not record is not remembered, so the delivery can be verified again", async () => {
	const db = processedStore();
	const helpers = db.helpersFor('wf1', 'node1');
	const down = {
		...helpers,
		checkProcessedAndRecord: async () => {
			throw new Error('connection refused');
		},
	};
	const a = processLoad();
	await expect(a.acceptNonceOnceShared(down, KEY, 'n-1', NOW)).rejects.toThrow(
		'connection refused',
	);
	expect(await a.acceptNonceOnceShared(helpers, KEY, 'n-1', NOW + 1)).toBe(true);
});

describe("Fly → Verify Signature in n8n's engine", () => {
	const engine = require('../helpers/engine');
	const { signUpdate, defaultSecret } = require('../../simulator/flySignature');
	const TOKEN = 'verify-token-0001';
	const md5 = (v) => require('crypto').createHash('md5').update(v).digest('base64');
	const signedBody = (nonce) => {
		const u = {
			update_id: 7,
			type: 'message',
			bot: { id: 'fly_bot_1' },
			timestamp: Math.floor(Date.now() / 1000),
			nonce,
			message: { id: 'm' },
		};
		u.signature = signUpdate(u, defaultSecret(TOKEN));
		return JSON.stringify(u);
	};
	const verify = (text) =>
		engine.runNode({
			type: 'fly',
			parameters: {
				resource: 'signature',
				operation: 'verify',
				source: 'text',
				text,
				rejectReplays: true,
			},
			credentials: { flyApi: { accessToken: TOKEN } },
		});

	afterAll(() => engine.cleanup());

	test("a run records the nonce in n8n's deduplication store and leaves static data alone", async () => {
		const nonce = `engine-${Date.now()}`;
		const r = await verify(signedBody(nonce));
		expect(r.error).toBeUndefined();
		expect(r.items[0].json).toMatchObject({ signatureValid: true, signatureError: null });
		// Nothing for n8n to save: a worker's save would overwrite what a trigger in the same workflow keeps.
		expect(r.savedStaticData).toBeUndefined();
		expect(engine.deduplication.rows.get('wf-test|n:n')).toContain(md5(nonce));
		expect((await verify(signedBody(nonce))).items[0].json).toMatchObject({
			signatureValid: false,
			signatureError: 'REPLAYED_NONCE',
		});
	});
});

'use strict';
// The Fly replay guard across processes (queue mode): each process has its own memory, and the
// node's static data, saved to and reloaded from the database, is the only thing they share.
// Two copies of the module stand in for two webhook processors.
const path = require('path');

const MODULE = path.resolve(__dirname, '../../dist/nodes/shared/signature');
const processLoad = () => {
	let mod;
	jest.isolateModules(() => {
		mod = require(MODULE);
	});
	return mod;
};
/** What saving static data to the database and loading it elsewhere does: a deep copy. */
const viaDatabase = (store) => JSON.parse(JSON.stringify(store));

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

test('a worker that records a run\'s nonces from its items saves them with what the database held', () => {
	const webhook = processLoad();
	const worker = processLoad();
	const saved = {};
	expect(webhook.acceptNonceOnce(saved, KEY, 'old', NOW)).toBe(true);
	const db = viaDatabase(saved);
	// The webhook's later save is lost (another process saved its whole static data after it):
	// the run, started from a copy without the nonce, saves it.
	expect(webhook.acceptNonceOnce(viaDatabase(db), KEY, 'new', NOW + 1)).toBe(true);
	const runStore = viaDatabase(db);
	worker.rememberNonces(runStore, KEY, ['new'], NOW + 2);
	expect([...worker.storedNonces(runStore).keys()].sort()).toEqual(['new', 'old']);
	// After a restart (fresh memory everywhere), the database copy refuses both.
	const restarted = processLoad();
	expect(restarted.acceptNonceOnce(viaDatabase(runStore), KEY, 'new', NOW + 3)).toBe(false);
	expect(restarted.acceptNonceOnce(viaDatabase(runStore), KEY, 'old', NOW + 3)).toBe(false);
});

test('a run whose copy of the static data already holds its nonces writes nothing', () => {
	const webhook = processLoad();
	const worker = processLoad();
	const saved = {};
	expect(webhook.acceptNonceOnce(saved, KEY, 'n-1', NOW)).toBe(true);
	const runStore = viaDatabase(saved);
	const before = runStore.flyNonceList;
	worker.rememberNonces(runStore, KEY, ['n-1'], NOW + 1);
	expect(runStore.flyNonceList).toBe(before);
	worker.rememberNonces(runStore, KEY, ['n-2'], NOW + 2);
	expect([...worker.storedNonces(runStore).keys()].sort()).toEqual(['n-1', 'n-2']);
});

test('nonces are stored as one string; the one-key-per-nonce form of earlier builds is read and replaced', () => {
	const a = processLoad();
	const legacy = { flyNonces: { 'old-1': NOW + 600, 'old-2': NOW + 600 }, flyNoncesSavedBy: 'an-earlier-process' };
	expect(a.acceptNonceOnce(legacy, KEY, 'old-1', NOW)).toBe(false);
	expect(a.acceptNonceOnce(legacy, KEY, 'fresh', NOW)).toBe(true);
	expect(Object.keys(legacy).sort()).toEqual(['flyNonceList', 'flyNoncesSavedBy']);
	expect(typeof legacy.flyNonceList).toBe('string');
	const restarted = processLoad();
	for (const n of ['old-1', 'old-2', 'fresh']) expect(restarted.acceptNonceOnce(viaDatabase(legacy), KEY, n, NOW + 1)).toBe(false);
});

test('a run tells a stored nonce from one that only looks like it (quotes, brackets, commas, prefixes)', () => {
	const webhook = processLoad();
	const worker = processLoad();
	const tricky = ['a', 'a"', '["a",', 'a,1]', '\\"a', 'ab'];
	const saved = {};
	expect(webhook.acceptNonceOnce(saved, KEY, 'a', NOW)).toBe(true);
	for (const n of tricky.slice(1)) {
		const runStore = viaDatabase(saved);
		const before = runStore.flyNonceList;
		worker.rememberNonces(runStore, KEY, [n], NOW + 1);
		expect([n, runStore.flyNonceList === before]).toEqual([n, false]);
	}
	const runStore = viaDatabase(saved);
	worker.rememberNonces(runStore, KEY, ['a'], NOW + 1);
	expect(runStore.flyNonceList).toBe(JSON.stringify([['a', NOW + 600]]));
});

test('a damaged stored list is ignored and replaced at the next save', () => {
	const a = processLoad();
	const store = { flyNonceList: '[["x",1', flyNoncesSavedBy: 'someone' };
	expect(a.acceptNonceOnce(store, KEY, 'y', NOW)).toBe(true);
	expect(JSON.parse(store.flyNonceList)).toEqual([['y', NOW + 600]]);
});

test('in one process, a run whose copy was loaded before its request saved the nonce writes nothing', () => {
	const one = processLoad();
	const other = processLoad();
	const db = {};
	expect(one.acceptNonceOnce(db, KEY, 'first', NOW)).toBe(true);
	const loadedBefore = viaDatabase(db);
	expect(one.acceptNonceOnce(db, KEY, 'second', NOW + 1)).toBe(true); // the request's save
	const before = loadedBefore.flyNonceList;
	one.rememberNonces(loadedBefore, KEY, ['second'], NOW + 2);
	expect(loadedBefore.flyNonceList).toBe(before);
	// A worker (another process) with the same stale copy writes it.
	const stale = viaDatabase(loadedBefore);
	other.rememberNonces(stale, KEY, ['second'], NOW + 2);
	expect([...other.storedNonces(stale).keys()].sort()).toEqual(['first', 'second']);
});

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
	expect(Object.keys(runStore.flyNonces).sort()).toEqual(['new', 'old']);
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
	const before = runStore.flyNonces;
	worker.rememberNonces(runStore, KEY, ['n-1'], NOW + 1);
	expect(runStore.flyNonces).toBe(before);
	worker.rememberNonces(runStore, KEY, ['n-2'], NOW + 2);
	expect(Object.keys(runStore.flyNonces).sort()).toEqual(['n-1', 'n-2']);
});

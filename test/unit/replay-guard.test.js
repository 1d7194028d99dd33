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

test('a damaged stored list is ignored and replaced at the next save', () => {
	const a = processLoad();
	const store = { flyNonceList: '[["x",1', flyNoncesSavedBy: 'someone' };
	expect(a.acceptNonceOnce(store, KEY, 'y', NOW)).toBe(true);
	expect(JSON.parse(store.flyNonceList)).toEqual([['y', NOW + 600]]);
});


test('every nonce a process accepted is in what it saves, also nonces it read from another process\'s copy', () => {
	const a = processLoad();
	const b = processLoad();
	const db = {};
	expect(a.acceptNonceOnce(db, KEY, 'from-a', NOW)).toBe(true);
	const copy = viaDatabase(db);
	expect(b.acceptNonceOnce(copy, KEY, 'from-b', NOW + 1)).toBe(true);
	expect([...b.storedNonces(copy).keys()].sort()).toEqual(['from-a', 'from-b']);
	const restarted = processLoad();
	for (const n of ['from-a', 'from-b']) expect(restarted.acceptNonceOnce(viaDatabase(copy), KEY, n, NOW + 2)).toBe(false);
});

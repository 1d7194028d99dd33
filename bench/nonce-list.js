#!/usr/bin/env node
'use strict';
// What the Fly Trigger's nonce list costs each delivery at a given size, outside n8n (after a
// build): `node bench/nonce-list.js [sizes...]`, medians of 15 deliveries per size. The list is
// rewritten whole on every delivery: the guard serializes it (acceptNonceOnce, its own copy, i.e.
// the same process saved it last), n8n serializes the node's static data holding it to save it,
// and parses it again when the next request loads the workflow; the bytes are what n8n writes to
// its database. Sizes above the guard's cap are measured as a list of that size would cost.
const { core } = require('../test/helpers/packages');

const { acceptNonceOnce, nonceDigest, NONCE_LIST_KEY, MAX_REMEMBERED } = require(
	core('signature', 'fly'),
);
const args = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = args.length ? args : [5_000, MAX_REMEMBERED, 100_000];
const NOW = 1_800_000_000;
const RUNS = 15;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => {
	const t0 = process.hrtime.bigint();
	f();
	return Number(process.hrtime.bigint() - t0) / 1e6;
};

console.log(`cap: ${MAX_REMEMBERED} nonces`);
for (const size of SIZES) {
	const pairs = Array.from({ length: size }, (_, i) => [
		nonceDigest(`nonce-${size}-${i}`),
		NOW + 1 + Math.floor((i * 599) / size),
	]);
	const results = { guard: [], rewrite: [], save: [], load: [] };
	let bytes = 0;
	// The guard itself, where the list fits under the cap: its own copy, warmed up to `size`.
	const store = {};
	const key = `bench-${size}`;
	if (size <= MAX_REMEMBERED)
		for (let i = 0; i < size; i++) acceptNonceOnce(store, key, `w-${i}`, NOW);
	for (let r = 0; r < RUNS; r++) {
		if (size <= MAX_REMEMBERED)
			results.guard.push(time(() => acceptNonceOnce(store, key, `fresh-${r}`, NOW)));
		let list;
		results.rewrite.push(time(() => (list = JSON.stringify(pairs))));
		let text;
		const staticData = { 'node:Trigger': { [NONCE_LIST_KEY]: list } };
		results.save.push(time(() => (text = JSON.stringify(staticData))));
		results.load.push(time(() => JSON.parse(text)));
		bytes = Buffer.byteLength(text);
	}
	const m = (k) =>
		results[k].length ? `${median(results[k]).toFixed(1)} ms` : 'n/a (above the cap)';
	console.log(
		`${size} nonces: ${(bytes / 1024).toFixed(0)} KiB written per delivery; guard (accept + rewrite) ${m('guard')}; list serialize ${m('rewrite')}; n8n serialize ${m('save')}, parse ${m('load')}`,
	);
}

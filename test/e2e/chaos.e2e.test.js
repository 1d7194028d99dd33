'use strict';
// The fault drills of `npm run chaos`, reduced in size, in a real n8n against the simulator: sends
// under every injected fault end delivered exactly once or reported failed (Fly: never failed,
// thanks to client_msg_id); hostile webhook floods start no execution and get only 4xx answers;
// n8n SIGKILLed mid-stream repeats nothing and skips at most the batch in flight; no secret in
// anything the drills produced.
const { runDrills } = require('../../bench/chaos');

jest.setTimeout(20 * 60 * 1000);

let report;
beforeAll(async () => {
	report = await runDrills('small', { log: () => {} });
});

test('MPChat sends under 429, 5xx, dropped and slow answers: none lost, none duplicated, every failure reported', () => {
	const r = report.mpChatSends;
	expect(r).toMatchObject({ lost: 0, duplicated: 0, faultsLeft: 0 });
	expect(r.okDelivered + r.failedNotDelivered + r.failedButDelivered).toBe(r.items);
	// A send that may have reached the platform is reported, not resent (it could arrive twice).
	expect(r.failedButDelivered).toBeGreaterThan(0);
	expect(r.okDelivered).toBeGreaterThan(r.items / 2);
});

test('Fly sends under the same faults all arrive exactly once (client_msg_id makes every retry safe)', () => {
	expect(report.flySends).toMatchObject({
		okDelivered: report.flySends.items,
		failedNotDelivered: 0,
		failedButDelivered: 0,
		lost: 0,
		duplicated: 0,
		faultsLeft: 0,
	});
});

test('hostile webhooks: only 4xx answers, no execution started, n8n still serving', () => {
	const h = report.hostile;
	for (const platform of ['fly', 'biInk', 'minapp']) {
		const statuses = Object.keys(h[platform].statuses).map(Number);
		expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
		expect(Object.values(h[platform].statuses).reduce((a, b) => a + b)).toBe(h[platform].requests);
	}
	expect(h.executions).toEqual({ fly: 0, biInk: 0, minapp: 0 });
	expect(h.stillServing).toEqual([200, 200, 200]);
});

test('n8n SIGKILLed while the MPChat trigger works through a stream: nothing repeated, at most the batch in flight skipped', () => {
	const k = report.killed;
	expect(k.echoedAtKill).toBeLessThan(k.updates); // the kill really came mid-stream
	expect(k.repeated).toBe(0);
	expect(k.skipped).toBeLessThanOrEqual(k.batchSize);
	expect(k.processed + k.skipped).toBe(k.updates);
});

test("no token, secret, SendKey or session in n8n's log, execution data or the drills' error messages", () => {
	expect(report.secretScan.scannedChars).toBeGreaterThan(10_000);
	expect(report.secretScan.leaks).toEqual([]);
});

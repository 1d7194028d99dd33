'use strict';
// checkWithCredentials, the webhook triggers' check of a request against their credential: how
// many times a burst of requests makes n8n load (read from its database and decrypt) it.
const { core } = require('../helpers/packages');

const fresh = () => {
	let mod;
	jest.isolateModules(() => {
		mod = require(core('credentials', 'fly'));
	});
	return mod;
};

let clock;
beforeEach(() => {
	clock = 1_800_000_000_000;
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
afterEach(() => jest.restoreAllMocks());

/** A request's context: its own object each time, one credential ID, a counted loader. */
function webhookContexts(stored) {
	const loads = { count: 0 };
	const ctx = () => ({
		getNode: () => ({ credentials: { flyApi: { id: 'c1', name: 'Fly' } } }),
		getCredentials: async () => {
			loads.count++;
			return { ...stored };
		},
	});
	return { ctx, loads };
}
const checkSecret = (given) => [(credentials) => credentials.secret === given, (ok) => !ok];

test('a burst of forged requests, at once or one after another, loads the credential a bounded number of times', async () => {
	const { checkWithCredentials, CREDENTIAL_RECHECK_MS } = fresh();
	const { ctx, loads } = webhookContexts({ secret: 'right' });
	expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('right'))).toBe(true);
	expect(loads.count).toBe(1);
	// 200 at the same moment: one load between them.
	const burst = await Promise.all(
		Array.from({ length: 200 }, (_, i) =>
			checkWithCredentials(ctx(), 'flyApi', ...checkSecret(`forged-${i}`)),
		),
	);
	expect(burst.every((ok) => ok === false)).toBe(true);
	expect(loads.count).toBe(2);
	// 200 more one after another within the same second: none.
	for (let i = 0; i < 200; i++) {
		clock += 1;
		expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret(`f-${i}`))).toBe(false);
	}
	expect(loads.count).toBe(2);
	// A forged flood over 10 s: at most one load per CREDENTIAL_RECHECK_MS.
	const start = clock;
	const before = loads.count;
	while (clock - start < 10_000) {
		clock += 10;
		await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('forged'));
	}
	expect(loads.count - before).toBeLessThanOrEqual(Math.ceil(10_000 / CREDENTIAL_RECHECK_MS) + 1);
	// The genuine secret still passes throughout.
	expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('right'))).toBe(true);
});

test('a changed secret is accepted by the first request that carries it, and during a flood within CREDENTIAL_RECHECK_MS', async () => {
	const { checkWithCredentials, CREDENTIAL_RECHECK_MS } = fresh();
	const stored = { secret: 'old' };
	const loads = { count: 0 };
	const ctx = () => ({
		getNode: () => ({ credentials: { flyApi: { id: 'c1', name: 'Fly' } } }),
		getCredentials: async () => {
			loads.count++;
			return { ...stored };
		},
	});
	expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('old'))).toBe(true);
	stored.secret = 'new';
	// The copy is kept: no load, and the new secret is refused by it, so the first such request reloads.
	expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('new'))).toBe(true);
	expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('old'))).toBe(false);
	// Changed again while forged requests keep coming: accepted once the recheck interval has passed.
	stored.secret = 'newer';
	clock += 1;
	expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('newer'))).toBe(false);
	clock += CREDENTIAL_RECHECK_MS;
	expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('newer'))).toBe(true);
});

test('a failed load is not kept: the next request loads again', async () => {
	const { checkWithCredentials } = fresh();
	let fail = true;
	const ctx = () => ({
		getNode: () => ({ credentials: { flyApi: { id: 'c1', name: 'Fly' } } }),
		getCredentials: async () => {
			if (fail) throw new Error('database down');
			return { secret: 'right' };
		},
	});
	await expect(checkWithCredentials(ctx(), 'flyApi', ...checkSecret('right'))).rejects.toThrow(
		'database down',
	);
	fail = false;
	expect(await checkWithCredentials(ctx(), 'flyApi', ...checkSecret('right'))).toBe(true);
});

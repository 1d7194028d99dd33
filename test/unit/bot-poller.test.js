'use strict';
// The shared long-poll loop (core/botPoller.ts) with listeners of its own, against a bot that
// consumes a batch when it answers (as MPChat's and Fly's documents say): which listener gets
// what, in which order, with which offset, as listeners join and leave; how many requests the
// bot answered. The loop's contract with n8n (emit, static data) is in
// test/contract/trigger-longpoll.test.js.
const { core, dist } = require('../helpers/packages');
const { joinBot, botKey, isBelow, RETAIN_MAX } = require(core('botPoller', 'mpChat'));
const { mpChat } = require(dist('mpChat', 'nodes/MpChat/platform'));

/** A bot: updates wait until a request takes them; an answer consumes its batch. */
function fakeBot() {
	const bot = { pending: [], nextId: 1, answers: 0, requests: [], waiting: null };
	bot.push = (type, text) => {
		const u = { update_id: bot.nextId++, type, text };
		bot.pending.push(u);
		bot.waiting?.();
		return u;
	};
	bot.source = {
		name: 'Bot',
		platform: mpChat,
		fatal: () => undefined,
		fetch: (_ctx, request) => {
			bot.requests.push({ ...request, signal: undefined });
			return new Promise((resolve, reject) => {
				const take = () => {
					const from = request.offset === undefined ? 0n : BigInt(request.offset);
					bot.pending = bot.pending.filter((u) => BigInt(u.update_id) >= from);
					const wanted = (u) => !request.types.length || request.types.includes(u.type);
					const batch = bot.pending.filter(wanted).slice(0, request.limit);
					bot.pending = bot.pending.filter((u) => wanted(u) && !batch.includes(u));
					if (!batch.length) return false;
					bot.waiting = null;
					bot.answers++;
					resolve(batch);
					return true;
				};
				const onAbort = () => {
					bot.waiting = null;
					reject(new Error('aborted'));
				};
				if (take()) return;
				request.signal.addEventListener('abort', onAbort, { once: true });
				bot.waiting = () => take() && request.signal.removeEventListener('abort', onAbort);
			});
		},
	};
	return bot;
}

const logs = [];
const ctx = {
	logger: {
		info: (m) => logs.push(['info', m]),
		warn: (m) => logs.push(['warn', m]),
		error: (m) => logs.push(['error', m]),
	},
};

/** A live listener as longPoll.ts makes one: its own types and offset; its runs the test ends. */
function listener(name, { types = [], offset, manual = false, holdRuns = false } = {}) {
	const l = { name, got: [], offset, runs: [], done: false };
	l.spec = {
		name,
		manual,
		types,
		limit: 50,
		timeoutSeconds: 30,
		ctx,
		storedOffset: () => l.offset,
		deliver: async (updates) => {
			if (manual) {
				l.got.push(...updates.map((u) => u.text));
				return true;
			}
			const fresh = updates.filter((u) => !isBelow(u, l.offset));
			if (!fresh.length) return;
			l.offset = String(Math.max(...fresh.map((u) => u.update_id)) + 1);
			const items = fresh.filter((u) => !types.length || types.includes(u.type));
			l.got.push(...items.map((u) => u.text));
			if (holdRuns && items.length) await new Promise((resolve) => l.runs.push(resolve));
		},
		fail: (message) => (l.failed = message),
	};
	return l;
}

async function until(check) {
	for (let i = 0; i < 10_000 && !check(); i++) await new Promise((r) => setImmediate(r));
	if (!check()) throw new Error('condition not met');
}
let keys = 0;
const key = () => `test-bot-${keys++}`;

test('three listeners of different types; one joins mid-stream, one leaves mid-batch: each gets what it wants, in order, with its offset, and the bot answers one request per batch', async () => {
	const bot = fakeBot();
	const k = key();
	const a = listener('A', { types: ['message'] });
	const b = listener('B', { types: ['callback_query'], holdRuns: true });
	const ma = joinBot(k, bot.source, a.spec);
	const mb = joinBot(k, bot.source, b.spec);
	bot.push('message', 'm1');
	// B's type is asked for from the request after the one in flight when it joined.
	await until(() => a.got.length === 1 && bot.requests.length === 2);
	expect(bot.requests[0].types).toEqual(['message']);
	expect(new Set(bot.requests[1].types)).toEqual(new Set(['message', 'callback_query']));
	bot.push('callback_query', 'c1');
	await until(() => b.runs.length === 1);
	// B's run is still running: B is mid-batch, and the loop waits for it.
	bot.push('message', 'm2');
	const c = listener('C');
	const mc = joinBot(k, bot.source, c.spec);
	expect(bot.requests).toHaveLength(2);
	const leaving = mb.leave();
	b.runs[0]();
	await leaving;
	await until(() => a.got.length === 2 && c.got.length === 1);
	bot.push('callback_query', 'c2');
	bot.push('message', 'm3');
	await until(() => c.got.length === 3);
	expect(a.got).toEqual(['m1', 'm2', 'm3']);
	expect(b.got).toEqual(['c1']);
	expect(c.got).toEqual(['m2', 'c2', 'm3']);
	expect([a.offset, c.offset]).toEqual(['6', '6']);
	expect(b.offset).toBe('3');
	// One loop: every request was answered before the next was sent, one answer per batch.
	expect(bot.answers).toBe(bot.requests.length - 1);
	expect(bot.requests.at(-1).types).toEqual([]);
	await ma.leave();
	await mc.leave();
});

test('a listener joining late with a stored offset gets the kept updates from it on, before anything newer, and nothing twice', async () => {
	const bot = fakeBot();
	const k = key();
	const a = listener('A', { offset: '1' });
	const ma = joinBot(k, bot.source, a.spec);
	for (const t of ['1', '2', '3']) bot.push('message', t);
	await until(() => a.got.length === 3);
	const b = listener('B', { offset: '2' });
	const mb = joinBot(k, bot.source, b.spec);
	bot.push('message', '4');
	await until(() => a.got.length === 4 && b.got.length === 3);
	expect(b.got).toEqual(['2', '3', '4']);
	expect(b.offset).toBe(a.offset);
	// A new listener (no stored offset) starts with the next batch.
	const c = listener('C');
	const mc = joinBot(k, bot.source, c.spec);
	bot.push('message', '5');
	await until(() => c.got.length === 1);
	expect(c.got).toEqual(['5']);
	await Promise.all([ma.leave(), mb.leave(), mc.leave()]);
});

test(`at most ${RETAIN_MAX} updates are kept; a joiner expecting older ones is told in the log`, async () => {
	const bot = fakeBot();
	const k = key();
	const a = listener('A');
	const ma = joinBot(k, bot.source, a.spec);
	for (let i = 0; i < RETAIN_MAX + 20; i++) bot.push('message', String(i + 1));
	await until(() => a.got.length === RETAIN_MAX + 20);
	logs.length = 0;
	const b = listener('B', { offset: '1' });
	const mb = joinBot(k, bot.source, b.spec);
	await until(() => b.got.length === RETAIN_MAX);
	expect(b.got[0]).toBe('21');
	expect(logs.filter(([level]) => level === 'warn')).toHaveLength(1);
	await Promise.all([ma.leave(), mb.leave()]);
});

test('a manual listener gets a copy of one batch and leaves; alone, it leaves the bot unpolled', async () => {
	const bot = fakeBot();
	const k = key();
	const a = listener('A');
	const ma = joinBot(k, bot.source, a.spec);
	const m = listener('test', { manual: true });
	joinBot(k, bot.source, m.spec);
	bot.push('message', 'x');
	await until(() => a.got.length === 1 && m.got.length === 1);
	bot.push('message', 'y');
	await until(() => a.got.length === 2);
	expect(m.got).toEqual(['x']);
	await ma.leave();

	const alone = listener('test', { manual: true });
	const k2 = key();
	const bot2 = fakeBot();
	joinBot(k2, bot2.source, alone.spec);
	bot2.push('message', 'p');
	await until(() => alone.got.length === 1);
	bot2.push('message', 'q');
	await until(() => bot2.waiting === null);
	expect(bot2.requests).toHaveLength(1);
	expect(bot2.pending.map((u) => u.text)).toEqual(['q']);
});

test('a bot is its base URL and token: two credentials with the same token share a key, which does not contain the token', async () => {
	const token = '123:SECRET-token-value';
	const withCredential = (data) => ({ getCredentials: async () => data });
	const one = await botKey(
		withCredential({ accessToken: token, baseUrl: 'https://call.mp.net/bot' }),
		mpChat,
	);
	const two = await botKey(
		withCredential({
			accessToken: ` ${token}\n`,
			baseUrl: 'https://call.mp.net/bot/',
			sharedBy: 3,
		}),
		mpChat,
	);
	const other = await botKey(
		withCredential({ accessToken: '123:other', baseUrl: 'https://call.mp.net/bot' }),
		mpChat,
	);
	expect(one).toBe(two);
	expect(other).not.toBe(one);
	expect(one).not.toContain('SECRET');
});

test('update IDs beyond 2^53 compare exactly', () => {
	expect(isBelow({ update_id: '9007199254740993' }, '9007199254740994')).toBe(true);
	expect(isBelow({ update_id: '9007199254740993' }, '9007199254740993')).toBe(false);
	expect(isBelow({ update_id: 5 }, undefined)).toBe(false);
});

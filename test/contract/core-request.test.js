'use strict';
// The shared request function against the simulator, through n8n's real HTTP layer: envelopes
// become clear errors, secrets never leak, retries happen only where they cannot double-send,
// pacing keeps MPChat under its limit, and big IDs stay exact.
const { core, dist } = require('../helpers/packages');
const { apiRequest } = require(core('request', 'mpChat'));
const { resetPacing } = require(core('pacer', 'mpChat'));
const { mpChat } = require(dist('mpChat', 'nodes/MpChat/platform'));
const { fly } = require(dist('fly', 'nodes/Fly/platform'));
const { biInk } = require(dist('biInk', 'nodes/BiInk/platform'));
const { minapp } = require(dist('minapp', 'nodes/Minapp/platform'));
const { botTalk } = require(dist('botTalk', 'nodes/BotTalk/platform'));
const { makeContext } = require('../helpers/context');
const { startSimulator } = require('../helpers/simulator');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.reset();
	resetPacing();
});

const FAST = { baseDelayMs: 5, maxDelayMs: 20 };
const ctxFor = (type, override = {}) => makeContext(type, { ...sim.creds()[type], ...override });

async function failure(promise) {
	try {
		await promise;
	} catch (e) {
		return e;
	}
	throw new Error('expected the request to fail');
}

function expectNoSecret(ctx, error, secrets) {
	const everything = [
		error.message,
		error.description,
		JSON.stringify(error),
		JSON.stringify(error.cause ?? null),
		String(error.stack),
		...ctx.logs,
	].join('\n');
	for (const s of secrets) {
		expect(everything).not.toContain(s);
		expect(everything).not.toContain(encodeURIComponent(s));
	}
}

describe('MPChat', () => {
	test('getMe returns the result of the envelope', async () => {
		const ctx = ctxFor('mpChatApi');
		await expect(
			apiRequest.call(ctx, mpChat, { path: '/getMe', idempotent: true }),
		).resolves.toMatchObject({ username: 'sim_mpchat_bot' });
	});

	test('an invalid token is a clear 401 error that never shows the token', async () => {
		const token = '555:WRONG-token-never-shown';
		const ctx = ctxFor('mpChatApi', { accessToken: token });
		const e = await failure(
			apiRequest.call(ctx, mpChat, { path: '/getMe', idempotent: true, retry: FAST }),
		);
		expect(e.constructor.name).toBe('NodeApiError');
		expect(e.httpCode).toBe('401');
		expect(e.message).toMatch(/MPChat POST \/getMe failed with HTTP 401: Unauthorized/);
		expect(e.description).toMatch(/invalid or has been revoked/);
		expect(ctx.requests).toBe(1);
		expectNoSecret(ctx, e, [token]);
	});

	test('a network failure on the token URL does not leak the token either', async () => {
		const token = '777:ANOTHER-secret-token';
		const ctx = ctxFor('mpChatApi', { accessToken: token, baseUrl: 'http://127.0.0.1:1/bot' });
		const e = await failure(
			apiRequest.call(ctx, mpChat, {
				path: '/sendMessage',
				body: { chat_id: '1', text: 'x' },
				retry: { ...FAST, maxAttempts: 3 },
			}),
		);
		expect(e.message).toMatch(/connection was refused/);
		// Refused means never received: even a send is retried.
		expect(ctx.requests).toBe(3);
		expectNoSecret(ctx, e, [token]);
	});

	test('409 says a webhook is set and how to remove it', async () => {
		sim.platforms.mpChat.webhookUrl = 'https://example.invalid/hook';
		const ctx = ctxFor('mpChatApi');
		const e = await failure(
			apiRequest.call(ctx, mpChat, { path: '/getUpdates', body: { timeout: 0 } }),
		);
		expect(e.httpCode).toBe('409');
		expect(e.description).toMatch(/webhook is set.*deleteWebhook/);
	});

	test('429 with retry_after is waited out and retried, even for a send', async () => {
		await sim.control('POST', '/faults', {
			platform: 'mpChat',
			path: 'sendMessage',
			status: 429,
			body: {
				ok: false,
				error_code: 429,
				description: 'Too Many Requests: retry after 0',
				parameters: { retry_after: 0 },
			},
			times: 2,
		});
		const ctx = ctxFor('mpChatApi');
		const r = await apiRequest.call(ctx, mpChat, {
			path: '/sendMessage',
			body: { chat_id: '42', text: 'hi' },
		});
		expect(r.text).toBe('hi');
		expect(ctx.requests).toBe(3);
		expect(sim.platforms.mpChat.sent).toHaveLength(1);
		expect(ctx.logs.filter((l) => l.startsWith('warn') && /HTTP 429/.test(l))).toHaveLength(2);
	});

	test('a 5xx is retried for reads but never for a send without idempotency key', async () => {
		await sim.control('POST', '/faults', {
			platform: 'mpChat',
			path: 'getMe',
			status: 502,
			times: 1,
		});
		const read = ctxFor('mpChatApi');
		await expect(
			apiRequest.call(read, mpChat, { path: '/getMe', idempotent: true, retry: FAST }),
		).resolves.toEqual(sim.platforms.mpChat.bot);
		expect(read.requests).toBe(2);

		await sim.control('POST', '/faults', {
			platform: 'mpChat',
			path: 'sendMessage',
			status: 503,
			times: 1,
		});
		const send = ctxFor('mpChatApi');
		const e = await failure(
			apiRequest.call(send, mpChat, {
				path: '/sendMessage',
				body: { chat_id: '42', text: 'hi' },
				retry: FAST,
			}),
		);
		expect(e.httpCode).toBe('503');
		expect(send.requests).toBe(1);
	});

	// Spacing, holds and steps are checked on a fake clock (test/unit/pacer.test.js). Here, in real
	// time, a busy machine can bunch paced requests at the platform's window edge: whatever the clock
	// did, every request arrives exactly once and each 429 was waited out and sent again, never failed.
	test('90 concurrent paced requests at the 30/s limit: each delivered exactly once, every 429 retried', async () => {
		const ctx = ctxFor('mpChatApi');
		const all = Array.from({ length: 90 }, (_, i) =>
			apiRequest.call(ctx, mpChat, {
				path: '/sendMessage',
				body: { chat_id: String(i), text: `m${i}` },
			}),
		);
		await Promise.all(all);
		const texts = sim.platforms.mpChat.sent.map((m) => m.text).sort();
		expect(texts).toEqual(Array.from({ length: 90 }, (_, i) => `m${i}`).sort());
		expect(ctx.requests).toBe(90 + sim.stats.mpChat429);
	});

	test('IDs beyond 2^53 in a response arrive as exact decimal strings', async () => {
		await sim.control('POST', '/mpChat/inject', {
			chatId: '-1001234567890123456789',
			userId: '98765432109876543210',
			text: 'big',
		});
		const ctx = ctxFor('mpChatApi');
		const [u] = await apiRequest.call(ctx, mpChat, { path: '/getUpdates', body: { timeout: 0 } });
		expect(u.message.chat.id).toBe('-1001234567890123456789');
		expect(u.message.from.id).toBe('98765432109876543210');
		const sent = await apiRequest.call(ctx, mpChat, {
			path: '/sendMessage',
			body: { chat_id: u.message.chat.id, text: 'back' },
		});
		expect(sent.chat.id).toBe('-1001234567890123456789');
		expect(sim.platforms.mpChat.sent[0].chat_id).toBe('-1001234567890123456789');
	});
});

describe('Fly: an idempotency key makes ambiguous failures safe to retry', () => {
	const send = {
		msg_type: 'text',
		data: { content: 'once' },
		client_msg_id: 'exec1-node-item0',
		to_user_id: 'u1',
	};

	test('answer lost after the platform accepted: retried, delivered exactly once', async () => {
		await sim.control('POST', '/faults', {
			platform: 'fly',
			path: '/send',
			drop: 'after',
			times: 1,
		});
		const ctx = ctxFor('flyApi');
		const r = await apiRequest.call(ctx, fly, {
			path: '/api/v1/s/bot/send',
			body: send,
			idempotent: true,
			retry: FAST,
		});
		expect(r).toMatchObject({ client_msg_id: 'exec1-node-item0', duplicate: true });
		expect(ctx.requests).toBe(2);
		expect(sim.platforms.fly.sent).toHaveLength(1);
	});

	test('without the key the same failure is reported, not repeated', async () => {
		await sim.control('POST', '/faults', {
			platform: 'fly',
			path: '/send',
			drop: 'after',
			times: 1,
		});
		const ctx = ctxFor('flyApi');
		const e = await failure(
			apiRequest.call(ctx, fly, {
				path: '/api/v1/s/bot/send',
				body: send,
				idempotent: false,
				retry: FAST,
			}),
		);
		expect(e.description).toMatch(/may or may not have acted/);
		expect(ctx.requests).toBe(1);
		expect(sim.platforms.fly.sent).toHaveLength(1);
	});

	test('a malformed success body is an error, retried only when idempotent', async () => {
		await sim.control('POST', '/faults', {
			platform: 'fly',
			path: 'batch_access',
			malformed: true,
			times: 1,
		});
		const ctx = ctxFor('flyApi');
		await expect(
			apiRequest.call(ctx, fly, {
				path: '/api/v1/s/bot/files/batch_access',
				body: { files: [] },
				idempotent: true,
				retry: FAST,
			}),
		).resolves.toEqual({ files: {} });
		expect(ctx.requests).toBe(2);
	});
});

describe('other envelopes', () => {
	test('bi.ink {code,msg} errors name the field', async () => {
		const ctx = ctxFor('biInkApi');
		const e = await failure(
			apiRequest.call(ctx, biInk, {
				path: '/bot/sendmessage',
				body: { message_type: 'text', content: 'x' },
			}),
		);
		expect(e.message).toMatch(
			/bi\.ink POST \/bot\/sendmessage failed with HTTP 400: group_id: exactly one of group_id and target_user_id/,
		);
		expectNoSecret(ctx, e, [sim.credentials().biInk]);
	});

	test('minapp secret in the query string never appears in errors or logs', async () => {
		const secret = 'minapp-wrong-secret-xyz';
		const ctx = ctxFor('minappApi', { secret });
		const e = await failure(apiRequest.call(ctx, minapp, { method: 'GET', path: '/api/users' }));
		expect(e.httpCode).toBe('401');
		expect(e.message).toMatch(/invalid secret/);
		expectNoSecret(ctx, e, [secret]);
	});

	test('BotTalk push: partial success returns per-channel results; total failure is an explained error', async () => {
		await sim.control('POST', '/botTalk/channels', { id: 2, name: 'Phone', fail: true });
		const ctx = ctxFor('botTalkApi');
		const ok = await apiRequest.call(ctx, botTalk, {
			path: '/notify',
			body: { title: 't', message: 'm', channel: 'all' },
		});
		expect(ok.results).toEqual([
			{ channel_id: 1, status: 'success' },
			{ channel_id: 2, status: 'failed', token_invalid: true },
		]);

		await sim.control('POST', '/botTalk/channels', { id: 1, fail: true });
		const e = await failure(
			apiRequest.call(ctx, botTalk, { path: '/notify', body: { title: 't', channel: '1' } }),
		);
		expect(e.message).toMatch(/code 50001/);
		expect(e.description).toMatch(/Every channel failed/);
		expect(e.context.data.results[0]).toMatchObject({ channel_id: 1, status: 'failed' });
	});

	test('BotTalk 42901 is explained and not retried', async () => {
		await sim.control('POST', '/limits', { botTalkPerHour: 1 });
		const ctx = ctxFor('botTalkApi');
		await apiRequest.call(ctx, botTalk, { path: '/notify', body: { title: 'first' } });
		const e = await failure(
			apiRequest.call(ctx, botTalk, { path: '/notify', body: { title: 'second' }, retry: FAST }),
		);
		expect(e.description).toMatch(/100 pushes per hour/);
		expect(ctx.requests).toBe(2);
		expectNoSecret(ctx, e, [sim.credentials().botTalk]);
	});
});

describe('a platform answering with a redirect', () => {
	const http = require('http');
	const listen = async (handler) => {
		const server = http.createServer(handler);
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		return server;
	};
	let elsewhere;
	let redirector;
	beforeEach(async () => {
		// Another host (by name: another origin), recording what reaches it.
		elsewhere = await listen((req, res) => {
			elsewhere.seen.push({ url: req.url, authorization: req.headers.authorization });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true,"result":{},"code":0,"data":{}}');
		});
		elsewhere.seen = [];
		// 307 keeps the method and body; Location takes the token-bearing path along.
		redirector = await listen((req, res) => {
			res.writeHead(307, {
				location: `http://localhost:${elsewhere.address().port}${req.url}`,
			});
			res.end();
		});
	});
	afterEach(async () => {
		for (const s of [elsewhere, redirector]) await new Promise((resolve) => s.close(resolve));
	});

	test.each([
		['mpChatApi', mpChat, 'MPChat POST /getMe'],
		['flyApi', fly, 'Fly GET /api/v1/s/bot/updates'],
	])(
		'%s: not followed, a clear error; the other host never receives the token or Bearer header',
		async (type, platform, what) => {
			const base = `http://127.0.0.1:${redirector.address().port}`;
			const ctx = ctxFor(type, { baseUrl: base });
			const path = type === 'flyApi' ? '/api/v1/s/bot/updates' : '/getMe';
			const e = await failure(
				apiRequest.call(ctx, platform, {
					path,
					method: type === 'flyApi' ? 'GET' : 'POST',
					idempotent: true,
					retry: FAST,
				}),
			);
			expect(e.message).toBe(
				`${what} failed with HTTP 307: the platform answered with a redirect, which is not followed`,
			);
			expect(e.description).toMatch(/could carry the credentials to another host/);
			expect(elsewhere.seen).toEqual([]);
			expect(ctx.requests).toBe(1);
		},
	);
});

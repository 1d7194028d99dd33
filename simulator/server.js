'use strict';
// The platform simulator: all five APIs on one loopback port, one base URL per platform, plus a
// control API under /_sim for tests and demos (inject user messages, read what the bot sent,
// set webhook targets, faults and limits), and a scripted OpenAI-compatible model under /v1 for
// AI Agent workflows (simulator/model.js). Dev-only: never shipped in the package.
const http = require('http');
const { readJson, sendJson } = require('./http');
const { handleChatView } = require('./chatView');

const PLATFORM_MODULES = {
	mpChat: require('./platforms/mpchat'),
	biInk: require('./platforms/biink'),
	fly: require('./platforms/fly'),
	minapp: require('./platforms/minapp'),
	botTalk: require('./platforms/bottalk'),
};

function createSimulator() {
	const sim = { deliveries: [], faults: [], journal: [], stats: { requests: 0, mpChat429: 0 } };
	sim.platforms = Object.fromEntries(
		Object.entries(PLATFORM_MODULES).map(([k, m]) => [k, m.create(sim)]),
	);
	sim.model = require('./model').create(sim);

	sim.baseUrls = () => {
		const root = sim.url;
		return {
			mpChat: `${root}/mpchat/bot`,
			biInk: `${root}/biink`,
			fly: `${root}/fly`,
			minapp: `${root}/minapp`,
			botTalk: `${root}/bottalk`,
			model: `${root}/v1`,
			control: `${root}/_sim`,
		};
	};

	sim.credentials = () => ({
		mpChat: sim.platforms.mpChat.token,
		biInk: sim.platforms.biInk.token,
		fly: sim.platforms.fly.token,
		minapp: sim.platforms.minapp.secret,
		botTalk: sim.platforms.botTalk.sendKey,
	});

	/** The five credentials' data (n8n credential fields) pointing at this simulator. */
	sim.credentialData = () => {
		const u = sim.baseUrls();
		const c = sim.credentials();
		return {
			mpChatApi: { accessToken: c.mpChat, baseUrl: u.mpChat },
			biInkApi: { accessToken: c.biInk, baseUrl: u.biInk },
			flyApi: { accessToken: c.fly, baseUrl: u.fly, webhookSecret: '' },
			minappApi: { secret: c.minapp, baseUrl: u.minapp },
			botTalkApi: { sendKey: c.botTalk, baseUrl: u.botTalk, sessionCookie: '' },
			// n8n's own OpenAI credential (its Base URL field is `url`).
			openAiApi: { apiKey: sim.model.apiKey, url: u.model },
		};
	};

	sim.reset = () => {
		for (const p of Object.values(sim.platforms)) p.reset();
		sim.model.reset();
		sim.deliveries = [];
		sim.faults = [];
		sim.stats = { requests: 0, mpChat429: 0 };
		sim.journal = [];
	};

	/** The first fault rule matching this request, consumed once per match. */
	const takeFault = (platformId, path) => {
		const i = sim.faults.findIndex(
			(f) => (!f.platform || f.platform === platformId) && (!f.path || path.includes(f.path)),
		);
		if (i < 0) return null;
		const f = sim.faults[i];
		f.times = (f.times ?? 1) - 1;
		if (f.times <= 0) sim.faults.splice(i, 1);
		f.hits = (f.hits ?? 0) + 1;
		return f;
	};

	const control = async (req, res, path) => {
		const body = req.method === 'GET' ? {} : ((await readJson(req)).body ?? {});
		const parts = path.split('/').filter(Boolean); // [_sim, ...]
		const [, a, b] = parts;
		if (a === 'reset' && req.method === 'POST') {
			sim.reset();
			return sendJson(res, 200, { ok: true });
		}
		if (a === 'chat' && req.method === 'GET') return handleChatView(sim, req, res);
		if (a === 'info')
			return sendJson(res, 200, { baseUrls: sim.baseUrls(), credentials: sim.credentials() });
		if (a === 'stats') {
			const p = sim.platforms;
			return sendJson(res, 200, {
				...sim.stats,
				mpChatWaiting: p.mpChat.queue.waiting,
				flyWaiting: p.fly.queue.waiting,
				mpChatDelivered: p.mpChat.queue.delivered,
				flyDelivered: p.fly.queue.delivered,
				mpChatAnswers: p.mpChat.queue.answers,
				flyAnswers: p.fly.queue.answers,
				mpChatPeakWaiting: p.mpChat.queue.peakWaiting,
				flyPeakWaiting: p.fly.queue.peakWaiting,
			});
		}
		if (a === 'deliveries') return sendJson(res, 200, sim.deliveries);
		if (a === 'requests') return sendJson(res, 200, sim.journal);
		if (a === 'faults') {
			if (req.method === 'DELETE') sim.faults = [];
			else if (req.method === 'POST') sim.faults.push(...(Array.isArray(body) ? body : [body]));
			return sendJson(res, 200, sim.faults);
		}
		if (a === 'limits' && req.method === 'POST') {
			if (body.mpChatPerSecond !== undefined)
				sim.platforms.mpChat.limitPerSecond = body.mpChatPerSecond;
			if (body.botTalkPerHour !== undefined)
				sim.platforms.botTalk.limitPerHour = body.botTalkPerHour;
			// {maxText: {fly: 500, …}}: refuse longer text messages as that platform's envelope would (0: no limit).
			for (const [id, n] of Object.entries(body.maxText ?? {}))
				if (sim.platforms[id]) sim.platforms[id].maxText = Number(n) || 0;
			const maxText = Object.fromEntries(
				Object.entries(sim.platforms).map(([id, p]) => [id, p.maxText]),
			);
			return sendJson(res, 200, {
				mpChatPerSecond: sim.platforms.mpChat.limitPerSecond,
				botTalkPerHour: sim.platforms.botTalk.limitPerHour,
				maxText,
			});
		}
		if (a === 'model') {
			let out;
			try {
				out = sim.model.control(req.method, b, body);
			} catch (e) {
				return sendJson(res, 400, { error: e.message });
			}
			return out === undefined
				? sendJson(res, 404, { error: `unknown control path ${path}` })
				: sendJson(res, 200, out);
		}
		const p = sim.platforms[a];
		if (!p) return sendJson(res, 404, { error: `unknown control path ${path}` });
		const base = sim.baseUrls()[a];
		if (b === 'sent') return sendJson(res, 200, p.sent);
		if (b === 'inject' && req.method === 'POST')
			return sendJson(res, 200, await p.inject(body, base));
		if (b === 'webhook' && req.method === 'POST') {
			if (a === 'mpChat') p.webhookUrl = body.url || '';
			else {
				p.webhookUrl = body.url || '';
				if (a === 'fly') p.webhookSecret = body.secret || '';
			}
			return sendJson(res, 200, { url: p.webhookUrl });
		}
		if (a === 'botTalk' && b === 'scan' && req.method === 'POST')
			return sendJson(res, 200, p.scan(body.qrcode));
		if (a === 'botTalk' && b === 'channels' && req.method === 'POST') {
			const c = p.channels.find((x) => x.id === body.id);
			if (c) Object.assign(c, body);
			else
				p.channels.push({
					user_id: 1,
					channel_type: 'wechat_ilink',
					status: 'active',
					is_default: 0,
					created_at: new Date().toISOString(),
					fail: false,
					name: `Channel ${body.id}`,
					...body,
				});
			return sendJson(res, 200, p.channels);
		}
		if (a === 'botTalk' && b === 'expire-sessions' && req.method === 'POST') {
			p.sessions.clear();
			return sendJson(res, 200, { ok: true });
		}
		if (a === 'botTalk' && b === 'state')
			return sendJson(res, 200, {
				logins: p.logins,
				channels: p.channels,
				reminders: p.reminders,
				sendKey: p.sendKey,
			});
		if (a === 'biInk' && b === 'state')
			return sendJson(res, 200, {
				files: [...p.files].map(([id, f]) => ({ id, ...f, content: undefined })),
				commands: p.commands,
				mutes: p.mutes,
				callbacks: [...p.callbacks].map(([id, c]) => ({ id, answer: c.answer })),
				messages: [...p.messages.values()],
			});
		if (a === 'fly' && b === 'envelope' && req.method === 'POST') {
			p.envelope = body.shape === 'bare' ? 'bare' : 'code';
			return sendJson(res, 200, { shape: p.envelope });
		}
		if (a === 'fly' && b === 'media' && req.method === 'POST') {
			return sendJson(res, 200, {
				url: p.addMedia(base, {
					...body,
					bytes: body.base64 ? Buffer.from(body.base64, 'base64') : undefined,
				}),
			});
		}
		if (a === 'minapp' && b === 'cdn' && req.method === 'POST') {
			return sendJson(res, 200, {
				url: p.addCdnFile(base, {
					...body,
					bytes: body.base64 ? Buffer.from(body.base64, 'base64') : undefined,
				}),
			});
		}
		return sendJson(res, 404, { error: `unknown control path ${path}` });
	};

	const route = async (req, res) => {
		const path = new URL(req.url, 'http://x').pathname;
		if (path.startsWith('/_sim/') || path === '/_sim') return control(req, res, path);
		const platform = [...Object.values(sim.platforms), sim.model].find(
			(p) => path === p.prefix || path.startsWith(`${p.prefix}/`),
		);
		if (!platform) return sendJson(res, 404, { error: 'no platform at this path' });
		// Platform requests only: benchmarks and drills count what reached the platforms.
		if (platform !== sim.model) sim.stats.requests++;
		const rest = path.slice(platform.prefix.length);
		// What the platform received, for tests that check the exact request (bounded).
		req.journal = {
			platform: platform.id,
			method: req.method,
			path: rest,
			query: Object.fromEntries(new URL(req.url, 'http://x').searchParams),
			headers: {
				authorization: req.headers.authorization,
				cookie: req.headers.cookie,
				'content-type': req.headers['content-type'],
			},
		};
		if (sim.journal.length >= 5000) sim.journal.shift();
		sim.journal.push(req.journal);
		const fault = takeFault(platform.id, rest);
		if (fault) {
			if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
			// In-process tests: a promise that holds the request until the test lets it through.
			if (fault.gate) await fault.gate;
			if (fault.drop === 'before') return req.socket.destroy();
			if (fault.status)
				return sendJson(
					res,
					fault.status,
					fault.body ?? { error: 'injected fault' },
					fault.headers ?? {},
				);
			if (fault.malformed) {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				return res.end('{"ok":tru');
			}
			if (fault.drop === 'after') {
				// The platform acts on the request, then the answer is lost.
				const sink = Object.create(res);
				sink.writeHead = () => sink;
				sink.end = () => req.socket.destroy();
				return platform.handle(req, sink, rest, sim.baseUrls()[platform.id]);
			}
		}
		return platform.handle(req, res, rest, sim.baseUrls()[platform.id]);
	};

	sim.server = http.createServer({ keepAlive: true }, (req, res) => {
		route(req, res).catch((e) => {
			if (!res.headersSent && !res.destroyed) sendJson(res, e.status || 500, { error: e.message });
		});
	});
	sim.server.keepAliveTimeout = 65_000;

	sim.listen = (port = 0, host = '127.0.0.1') =>
		new Promise((resolve, reject) => {
			sim.server.once('error', reject);
			// A large backlog: n8n fires every item's request at once.
			sim.server.listen({ port, host, backlog: 4096 }, () => {
				sim.port = sim.server.address().port;
				sim.url = `http://${host}:${sim.port}`;
				resolve(sim);
			});
		});

	sim.close = () =>
		new Promise((resolve) => {
			sim.server.closeAllConnections?.();
			sim.server.close(() => resolve());
		});

	return sim;
}

module.exports = { createSimulator };

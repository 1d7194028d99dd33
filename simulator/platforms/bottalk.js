'use strict';
// BotTalk: SendKey pushes ({code, message, data.results}), and the cookie-session management API
// ({success, data | error}) for keys, channels, push logs and reminders.
const crypto = require('crypto');
const { z } = require('zod');
const { readJson, sendJson } = require('../http');

const reminder = z
	.object({
		title: z.string().min(1),
		message: z.string().optional(),
		time: z
			.string()
			.regex(
				/^(\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2})$/,
				'time must be HH:MM or YYYY-MM-DDTHH:MM',
			),
		type: z.enum(['once', 'daily', 'every2min']).optional(),
		max_count: z.number().int().min(0).optional(),
	})
	.strict();
const channelPatch = z
	.object({ name: z.string().min(1).optional(), is_default: z.literal(1).optional() })
	.strict();

const PUSH_MESSAGES = {
	40001: 'SendKey 无效或缺失',
	40002: '没有可用的推送通道',
	40003: 'title 和消息内容不能同时为空',
	42901: '发送频率超限',
	50001: '全部推送失败',
};

const pushFail = (res, code, results) =>
	sendJson(res, 200, {
		code,
		message: PUSH_MESSAGES[code],
		...(results ? { data: { results } } : {}),
	});
const ok = (res, data) =>
	sendJson(res, 200, { success: true, ...(data !== undefined ? { data } : {}) });
const fail = (res, status, error) => sendJson(res, status, { success: false, error });

function create(sim) {
	const p = { id: 'botTalk', prefix: '/bottalk' };
	p.reset = () => {
		Object.assign(p, {
			sendKey: '0123456789abcdef0123456789abcdef',
			user: { id: 1, email: 'sim@example.com' },
			channels: [
				{
					id: 1,
					user_id: 1,
					name: '默认通道',
					channel_type: 'wechat_ilink',
					wechat_openid: 'sim_openid',
					status: 'active',
					is_default: 1,
					created_at: '2025-01-01 00:00:00',
					fail: false,
				},
			],
			sessions: new Map(),
			reminders: [],
			logs: [],
			sent: [],
			qrcodes: new Map(),
			pushTimes: [],
			limitPerHour: 100,
			// The document states no length limit; with one set (0: none), a longer push fails on every
			// channel, the one way BotTalk's answer can say it.
			maxText: 0,
			nextId: 1,
			logins: 0,
		});
	};
	p.reset();

	const publicChannel = ({ fail: _f, ...c }) => ({ ...c, bot_token: '***', context_token: '***' });

	const push = (res, req, key, params) => {
		if (key !== p.sendKey) return pushFail(res, 40001);
		const title = params.title ?? '';
		const content = params.desp ?? params.message ?? params.msg ?? '';
		if (!title && !content) return pushFail(res, 40003);
		const now = Date.now();
		p.pushTimes = p.pushTimes.filter((t) => t > now - 3600_000);
		if (p.limitPerHour > 0 && p.pushTimes.length >= p.limitPerHour) return pushFail(res, 42901);
		const active = p.channels.filter((c) => c.status === 'active');
		const spec = String(params.channel ?? '').trim();
		let targets;
		if (!spec || spec === 'default') targets = active.filter((c) => c.is_default);
		else if (spec === 'all') targets = active;
		else
			targets = spec
				.split(',')
				.map((s) => p.channels.find((c) => String(c.id) === s.trim()))
				.filter(Boolean);
		if (!targets.length) return pushFail(res, 40002);
		p.pushTimes.push(now);
		const tooLong = p.maxText > 0 && String(content).length > p.maxText;
		const results = targets.map((c) => {
			if (c.status !== 'active') return { channel_id: c.id, status: 'skipped' };
			if (tooLong) return { channel_id: c.id, status: 'failed' };
			if (c.fail) {
				c.status = 'inactive';
				return { channel_id: c.id, status: 'failed', token_invalid: true };
			}
			return { channel_id: c.id, status: 'success' };
		});
		for (const r of results) {
			const c = p.channels.find((x) => x.id === r.channel_id);
			p.logs.unshift({
				id: p.nextId++,
				user_id: 1,
				title,
				content,
				status: r.status,
				ip: req.socket.remoteAddress,
				channel_id: c.id,
				channel_name: c.name,
				response: JSON.stringify({ errcode: 0, errmsg: 'ok' }),
				created_at: new Date().toISOString(),
			});
			if (r.status === 'success') p.sent.push({ channel_id: c.id, title, content, at: now });
		}
		if (!results.some((r) => r.status === 'success')) return pushFail(res, 50001, results);
		return sendJson(res, 200, { code: 0, message: 'success', data: { results } });
	};

	const session = (req) => {
		const sid = /(?:^|;\s*)bt_session=([^;]+)/.exec(req.headers.cookie || '')?.[1];
		return sid && p.sessions.has(sid) ? sid : null;
	};
	const login = (res, status = 200, data) => {
		const sid = crypto.randomBytes(16).toString('hex');
		p.sessions.set(sid, { at: Date.now() });
		p.logins++;
		sendJson(
			res,
			status,
			{ success: true, data },
			{ 'Set-Cookie': `bt_session=${sid}; Path=/; HttpOnly; Max-Age=2592000` },
		);
	};
	const me = () => ({
		id: p.user.id,
		email: p.user.email,
		send_key: p.sendKey,
		channel_count: p.channels.filter((c) => c.status !== 'inactive').length,
	});

	p.handle = async (req, res, rest) => {
		const url = new URL(req.url, 'http://x');
		const body = req.method === 'GET' ? {} : ((await readJson(req)).body ?? {});
		const query = Object.fromEntries(url.searchParams);
		const bearer = /^Bearer\s+(.+)$/.exec(req.headers.authorization || '')?.[1];
		const sendPath = /^\/([^/]+)\.send$/.exec(rest);
		if (sendPath) return push(res, req, sendPath[1], { ...query, ...body });
		if (rest === '/notify') return push(res, req, query.key ?? bearer, { ...query, ...body });
		if (rest === '/api/config') return sendJson(res, 200, { base_url: 'http://sim' });
		if (rest === '/api/auth/login' && req.method === 'POST') {
			if (!body.send_key) return fail(res, 400, '请输入 SendKey');
			if (body.send_key !== p.sendKey) return fail(res, 401, 'SendKey 无效');
			return login(res, 200, me());
		}
		if (rest === '/api/channels/qrcode-public' && req.method === 'POST') {
			const qrcode = crypto.randomBytes(8).toString('hex');
			p.qrcodes.set(qrcode, { status: 'waiting', public: true });
			return ok(res, { qrcode, qrcode_url: `https://qr.invalid/${qrcode}`, expire_time: 300 });
		}
		if (!rest.startsWith('/api/')) return sendJson(res, 404, { error: 'Not found' });
		if (!session(req)) return sendJson(res, 401, { error: 'Unauthorized. Please log in.' });

		const chan = /^\/api\/channels\/(\d+)(\/[a-z]+)?$/.exec(rest);
		const rem = /^\/api\/reminders\/(\d+)(\/enable)?$/.exec(rest);
		const key = `${req.method} ${rest}`;
		if (key === 'GET /api/auth/me') return ok(res, me());
		if (key === 'POST /api/auth/logout') {
			p.sessions.delete(session(req));
			return ok(res);
		}
		if (key === 'GET /api/key') return ok(res, { send_key: p.sendKey });
		if (key === 'POST /api/key/reset') {
			p.sendKey = crypto.randomBytes(16).toString('hex');
			return ok(res, { send_key: p.sendKey });
		}
		if (key === 'GET /api/channels')
			return ok(res, p.channels.filter((c) => c.status !== 'inactive').map(publicChannel));
		if (key === 'POST /api/channels/qrcode') {
			if (p.channels.filter((c) => c.status !== 'inactive').length >= 10)
				return sendJson(res, 400, {
					success: false,
					data: { error: 'Maximum 10 channels allowed' },
				});
			const qrcode = crypto.randomBytes(8).toString('hex');
			p.qrcodes.set(qrcode, { status: 'waiting' });
			return ok(res, { qrcode, qrcode_url: `https://qr.invalid/${qrcode}`, expire_time: 300 });
		}
		const bind = /^\/api\/channels\/bind-status\/([\w-]+)$/.exec(rest);
		if (bind && req.method === 'GET') {
			const q = p.qrcodes.get(bind[1]);
			if (!q) return fail(res, 404, 'qrcode not found');
			return ok(res, q.channel ? publicChannel(q.channel) : { status: q.status });
		}
		if (chan) {
			const c = p.channels.find((x) => String(x.id) === chan[1] && x.status !== 'inactive');
			if (!c) return fail(res, 404, '通道不存在');
			const action = `${req.method} ${chan[2] || ''}`;
			if (action === 'GET /activation') return ok(res, { activated: c.status === 'active' });
			if (action === 'POST /check')
				return ok(res, {
					alive: c.status === 'active',
					reason: c.status === 'active' ? null : 'no_poller',
					last_ok_seconds_ago: 5,
					status: c.status,
				});
			if (action === 'DELETE ') {
				c.status = 'inactive';
				return ok(res, { message: 'Channel deleted' });
			}
			if (action === 'PATCH ') {
				const parsed = channelPatch.safeParse(body);
				if (!parsed.success) return fail(res, 400, parsed.error.issues[0].message);
				if (parsed.data.name) c.name = parsed.data.name;
				if (parsed.data.is_default) for (const x of p.channels) x.is_default = x === c ? 1 : 0;
				return ok(res, publicChannel(c));
			}
		}
		if (key === 'GET /api/push-logs') return ok(res, p.logs.slice(0, 50));
		if (key === 'GET /api/reminders') return ok(res, p.reminders);
		if (key === 'POST /api/reminders') {
			const parsed = reminder.safeParse(body);
			if (!parsed.success)
				return fail(
					res,
					400,
					`${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`,
				);
			const r = {
				id: p.nextId++,
				user_id: 1,
				message: '',
				type: 'once',
				max_count: 0,
				...parsed.data,
				enabled: 1,
				send_count: 0,
				created_at: new Date().toISOString(),
			};
			p.reminders.push(r);
			return sendJson(res, 200, { success: true, id: r.id });
		}
		if (rem) {
			const r = p.reminders.find((x) => String(x.id) === rem[1]);
			if (!r) return fail(res, 404, '提醒不存在');
			if (req.method === 'DELETE' && !rem[2]) {
				p.reminders = p.reminders.filter((x) => x !== r);
				return ok(res);
			}
			if (req.method === 'PATCH' && rem[2]) {
				if (typeof body.enabled !== 'boolean') return fail(res, 400, 'enabled must be a boolean');
				r.enabled = body.enabled ? 1 : 0;
				return ok(res);
			}
		}
		return sendJson(res, 404, { success: false, error: 'Not found' });
	};

	/** Control: a user scans a QR code (binds a new channel, pending until activated). */
	p.scan = (qrcode) => {
		const q = p.qrcodes.get(qrcode);
		if (!q) return null;
		const channel = {
			id: p.channels.length + 1,
			user_id: 1,
			name: `Channel ${p.channels.length + 1}`,
			channel_type: 'wechat_ilink',
			wechat_openid: `openid_${qrcode}`,
			status: 'pending',
			is_default: 0,
			created_at: new Date().toISOString(),
			fail: false,
		};
		p.channels.push(channel);
		q.status = 'confirmed';
		q.channel = channel;
		return channel;
	};

	return p;
}

module.exports = { create };

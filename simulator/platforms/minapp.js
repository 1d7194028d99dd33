'use strict';
// minapp: WeCom-robot-compatible send, `secret` in the query string, {code: 0, message, data}.
const { z } = require('zod');
const { readJson, sendJson } = require('../http');
const { deliver } = require('../webhooks');
const { makeFile, serveFile } = require('../files');

const send = z.discriminatedUnion('msgtype', [
	z
		.object({
			msgtype: z.literal('text'),
			text: z.object({ content: z.string().min(1) }).passthrough(),
		})
		.strict(),
	z
		.object({
			msgtype: z.literal('link'),
			link: z
				.object({
					title: z.string().min(1),
					url: z.string().url(),
					image_url: z.string().optional(),
					desc: z.string().optional(),
				})
				.strict(),
		})
		.strict(),
	z
		.object({ msgtype: z.literal('image'), image: z.object({ url: z.string().url() }).strict() })
		.strict(),
	z.object({ msgtype: z.literal('miniprogram'), miniprogram: z.record(z.unknown()) }).strict(),
]);

const ok = (res, data) =>
	sendJson(res, 200, { code: 0, message: 'ok', ...(data !== undefined ? { data } : {}) });
const fail = (res, status, code, message) => sendJson(res, status, { code, message });

function create(sim) {
	const p = { id: 'minapp', prefix: '/minapp', secret: 'sim-minapp-secret-0001' };
	p.reset = () => {
		Object.assign(p, {
			sent: [],
			cdn: new Map(),
			nextId: 1,
			// The document states no length limit (WeCom's own 2048 bytes is not in it); a test may set one (0: none).
			maxText: 0,
			webhookUrl: '',
			users: [
				{ name: '张三', conversation_id: 'wm_user_zhangsan' },
				{ name: 'Alice', conversation_id: 'wm_user_alice' },
			],
			groups: [
				{ name: '运营群', conversation_id: 'wr_group_ops' },
				{ name: 'Dev Team', conversation_id: 'wr_group_dev' },
			],
		});
	};
	p.reset();

	p.handle = async (req, res, rest) => {
		// The image cdn: a file host, not the API (no secret).
		const cdn = /^\/cdn\/([\w.-]+)$/.exec(rest);
		if (cdn && req.method === 'GET' && p.cdn.has(cdn[1]))
			return serveFile(req, res, p.cdn.get(cdn[1]));
		const url = new URL(req.url, 'http://x');
		if (url.searchParams.get('secret') !== p.secret) return fail(res, 401, 40001, 'invalid secret');
		if (rest === '/api/users' && req.method === 'GET') return ok(res, p.users);
		if (rest === '/api/groups' && req.method === 'GET') return ok(res, p.groups);
		if (rest !== '/api/send') return fail(res, 404, 40400, 'not found');
		if (req.method !== 'POST') return fail(res, 405, 40500, 'method not allowed');
		const conversationId = url.searchParams.get('conversation_id');
		if (!conversationId) return fail(res, 400, 40002, 'conversation_id is required');
		const known = [...p.users, ...p.groups].some((c) => c.conversation_id === conversationId);
		if (!known) return fail(res, 404, 40004, `conversation ${conversationId} not found`);
		const parsed = send.safeParse((await readJson(req)).body ?? {});
		if (!parsed.success) {
			const i = parsed.error.issues[0];
			return fail(res, 400, 40003, `${i.path.join('.') || 'body'}: ${i.message}`);
		}
		if (
			p.maxText > 0 &&
			parsed.data.msgtype === 'text' &&
			parsed.data.text.content.length > p.maxText
		)
			return fail(res, 400, 40003, 'text.content exceeds the maximum length');
		p.sent.push({ conversation_id: conversationId, ...parsed.data, at: Date.now() });
		return ok(res);
	};

	/** A file on the simulated image cdn (spec: files.js); returns its URL. */
	p.addCdnFile = (base = sim.baseUrls().minapp, spec = {}) => {
		const id = `c${p.nextId++}`;
		p.cdn.set(id, makeFile(spec));
		return `${base}/cdn/${id}`;
	};
	p.cdnFile = (url) => p.cdn.get(/\/cdn\/([\w.-]+)$/.exec(url)?.[1]);

	p.inject = async (input, base) => {
		const msgtype = input.msgtype || 'text';
		const body = {
			secret: p.secret,
			msgtype,
			conversation_id: input.conversationId || p.users[0].conversation_id,
			sender: input.sender || 'wm_user_zhangsan',
		};
		if (msgtype === 'text') body.text = { content: input.text ?? 'hello' };
		// The document shows image {cdn_type, cdn}, two strings it does not define: `image` sends
		// any shape as given; `media` (files.js) puts a file on the simulator's cdn and its URL in cdn.
		if (msgtype === 'image')
			body.image = input.image ?? {
				cdn_type: input.cdnType ?? '',
				cdn: input.media
					? p.addCdnFile(base, input.media)
					: input.url || 'https://img.invalid/1.png',
			};
		if (msgtype === 'link')
			body.link = { title: input.title || 'A link', url: input.url || 'https://x.invalid' };
		if (msgtype === 'miniprogram')
			body.miniprogram = {
				appicon: '',
				appid: 'wx123',
				appname: 'Mini',
				page_path: 'pages/index',
				title: input.title || 'Mini',
			};
		if (input.secretOverride !== undefined) body.secret = input.secretOverride;
		if (!p.webhookUrl) return { event: body, delivery: null };
		return { event: body, delivery: await deliver(sim, 'minapp', p.webhookUrl, body) };
	};

	return p;
}

module.exports = { create };

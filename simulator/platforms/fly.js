'use strict';
// Fly: Bearer token, {code: 0, message, data}, long-poll updates, idempotent send keyed by
// client_msg_id, short-lived media access URLs, and signed (v1) webhook delivery.
const crypto = require('crypto');
const { z } = require('zod');
const { readJson, sendJson } = require('../http');
const { UpdateQueue } = require('../updates');
const { deliver } = require('../webhooks');
const { signUpdate, defaultSecret } = require('../flySignature');
const { makeFile, serveFile } = require('../files');

const MSG_DATA = {
	text: z.object({ content: z.string().min(1) }).passthrough(),
	image: z
		.object({ originalUrl: z.string().min(1), thumbnailUrl: z.string().optional() })
		.passthrough(),
	voice: z.object({ url: z.string().min(1) }).passthrough(),
	video: z
		.object({ videoUrl: z.string().min(1), thumbnailUrl: z.string().optional() })
		.passthrough(),
	file: z.object({ url: z.string().min(1), name: z.string().optional() }).passthrough(),
};

const SCHEMAS = {
	// Python's int has no limit: an offset beyond 2^53 arrives as an exact JSON number.
	updates: z
		.object({
			offset: z.union([z.number().int().min(0), z.string().regex(/^\d+$/)]).optional(),
			limit: z.number().int().min(1).max(100).optional(),
			timeout: z.number().int().min(0).max(60).optional(),
		})
		.strict(),
	send: z
		.object({
			msg_type: z.enum(['text', 'image', 'voice', 'video', 'file']),
			data: z.record(z.unknown()),
			client_msg_id: z.string().min(1).max(128),
			group_id: z.string().min(1).optional(),
			to_user_id: z.string().min(1).optional(),
		})
		.strict()
		.superRefine((b, ctx) => {
			if (Boolean(b.group_id) === Boolean(b.to_user_id))
				ctx.addIssue({
					code: 'custom',
					path: ['group_id'],
					message: 'exactly one of group_id and to_user_id is required',
				});
			const r = MSG_DATA[b.msg_type].safeParse(b.data);
			if (!r.success)
				ctx.addIssue({
					code: 'custom',
					path: ['data', ...r.error.issues[0].path],
					message: r.error.issues[0].message,
				});
		}),
	'files/batch_access': z
		.object({
			files: z.array(z.object({ url: z.string().min(1) }).strict()).max(50),
			expire_seconds: z.number().int().min(1).max(86400).optional(),
		})
		.strict(),
};

// The document's clients only read resp["data"][...] and raise on the HTTP status: it never shows
// a `code`. `envelope: 'bare'` answers that literal shape ({data} / {message}); the default adds
// {code, message} as the package's platforms commonly do. Nodes must accept both.
const okWith = (p, res, data) =>
	sendJson(res, 200, p.envelope === 'bare' ? { data } : { code: 0, message: 'ok', data });
const failWith = (p, res, status, code, message) =>
	sendJson(res, status, p.envelope === 'bare' ? { message } : { code, message });

function create(sim) {
	const p = { id: 'fly', prefix: '/fly', token: 'sim-fly-token-0001', botId: 'fly_bot_1' };
	p.reset = () => {
		// maxText: the document states no length limit; a test may set one (0: none).
		Object.assign(p, {
			queue: new UpdateQueue(),
			sent: [],
			byClientId: new Map(),
			media: new Map(),
			access: new Map(),
			webhookUrl: '',
			webhookSecret: '',
			nextId: 1,
			envelope: 'code',
			maxText: 0,
		});
	};
	const ok = (res, data) => okWith(p, res, data);
	const fail = (res, status, code, message) => failWith(p, res, status, code, message);
	p.reset();
	p.defaultSecret = () => defaultSecret(p.token);

	p.handle = async (req, res, rest, base) => {
		// Media downloads: the original URL needs an access grant, the access URL does not.
		const media = /^\/media\/([\w.-]+)$/.exec(rest);
		if (media && req.method === 'GET') {
			const grant = new URL(req.url, 'http://x').searchParams.get('access');
			const g = grant && p.access.get(grant);
			if (!g || g.id !== media[1] || g.expires < Date.now())
				return fail(res, 403, 40300, 'access denied: use files/batch_access');
			return serveFile(req, res, p.media.get(media[1]));
		}
		if ((req.headers.authorization || '') !== `Bearer ${p.token}`)
			return fail(res, 401, 40100, 'unauthorized');
		const m = /^\/api\/v1\/s\/bot\/(.+)$/.exec(rest);
		const schema = m && SCHEMAS[m[1]];
		if (!schema) return fail(res, 404, 40400, 'not found');
		if (req.method !== 'POST') return fail(res, 405, 40500, 'method not allowed');
		const parsed = schema.safeParse((await readJson(req)).body ?? {});
		if (!parsed.success) {
			const i = parsed.error.issues[0];
			return fail(res, 400, 40000, `${i.path.join('.') || 'body'}: ${i.message}`);
		}
		const b = parsed.data;
		switch (m[1]) {
			case 'updates': {
				const batch = await p.queue.take({
					offset: b.offset ?? 0,
					limit: b.limit ?? 50,
					timeoutSec: b.timeout ?? 0,
					res,
				});
				if (batch === null) return;
				return ok(res, { updates: batch });
			}
			case 'send': {
				if (p.maxText > 0 && b.msg_type === 'text' && b.data.content.length > p.maxText)
					return fail(res, 400, 40000, 'data.content: too long');
				const seen = p.byClientId.get(b.client_msg_id);
				if (seen)
					return ok(res, {
						message_id: seen.message_id,
						client_msg_id: b.client_msg_id,
						duplicate: true,
					});
				const msg = { message_id: `fly_msg_${p.nextId++}`, ...b, at: Date.now() };
				p.byClientId.set(b.client_msg_id, msg);
				p.sent.push(msg);
				return ok(res, {
					message_id: msg.message_id,
					client_msg_id: b.client_msg_id,
					duplicate: false,
				});
			}
			case 'files/batch_access': {
				const files = {};
				for (const { url } of b.files) {
					const id = /\/media\/([\w.-]+)$/.exec(url)?.[1];
					if (!id || !p.media.has(id)) continue;
					const grant = crypto.randomBytes(12).toString('hex');
					p.access.set(grant, { id, expires: Date.now() + (b.expire_seconds ?? 600) * 1000 });
					files[url] = `${base}/media/${id}?access=${grant}`;
				}
				return ok(res, { files });
			}
		}
	};

	/** Adds a media file the bot can fetch through batch_access (spec: files.js); returns its original URL. */
	p.addMedia = (base, spec = {}) => {
		const file = makeFile(spec);
		const id = `m${p.nextId++}_${String(file.name || 'file').replace(/[^\w.-]/g, '_')}`;
		p.media.set(id, file);
		return `${base}/media/${id}`;
	};
	/** The file behind an original URL (what was served: `sent`, `requests`). */
	p.mediaFile = (url) => p.media.get(/\/media\/([\w.-]+)$/.exec(url)?.[1]);

	p.inject = async (input, base) => {
		const chatType = input.chatType || (input.groupId ? 'group' : 'private');
		const chat = {
			id: String(input.groupId || input.chatId || input.userId || 'u_1001'),
			type: chatType,
		};
		const sender = { id: String(input.userId || 'u_1001'), name: input.userName || 'Sim User' };
		let update;
		if (input.kind === 'callback') {
			update = {
				type: 'callback_query',
				callback_query: {
					id: `cbq_${p.nextId++}`,
					data: input.callbackData || '',
					from: sender,
					message: { id: input.messageId || 'fly_msg_1', chat },
				},
			};
		} else {
			const msgType = input.msgType || (input.media ? input.media.kind : 'text');
			let data = { content: input.text ?? 'hello' };
			if (msgType !== 'text') {
				const url = p.addMedia(base, input.media || {});
				// The reference reads a thumbnail beside an image's or a video's file.
				const thumbnail = input.thumbnail
					? {
							thumbnailUrl: p.addMedia(base, {
								name: 'thumb.jpg',
								mimeType: 'image/jpeg',
								...input.thumbnail,
							}),
						}
					: {};
				data =
					msgType === 'image'
						? { originalUrl: url, ...thumbnail }
						: msgType === 'video'
							? { videoUrl: url, ...thumbnail }
							: { url, name: (input.media || {}).name };
				if (input.caption !== undefined) data.caption = input.caption;
			}
			update = {
				type: 'message',
				message: {
					id: `in_${p.nextId++}`,
					chat,
					sender,
					msgType,
					data,
					date: Math.floor(Date.now() / 1000),
					...(input.extra || {}),
				},
			};
		}
		if (!p.webhookUrl) return { update: p.queue.push(update), delivery: null };
		// Webhook mode: sign the update exactly as Fly's v1 reference does.
		const signed = {
			update_id: p.queue.nextId++,
			...update,
			bot: { id: p.botId },
			timestamp: Math.floor(Date.now() / 1000),
			nonce: crypto.randomBytes(8).toString('hex'),
		};
		signed.signature = signUpdate(signed, p.webhookSecret || p.defaultSecret());
		return { update: signed, delivery: await deliver(sim, 'fly', p.webhookUrl, signed) };
	};

	return p;
}

module.exports = { create };

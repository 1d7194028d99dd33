'use strict';
// bi.ink: Bearer token, {code: 200, msg, data} envelope, uploads, keyboards, callbacks, webhooks.
const crypto = require('crypto');
const { z } = require('zod');
const { readJson, parseMultipart, sendJson } = require('../http');
const { deliver } = require('../webhooks');

const button = z.object({ text: z.string().min(1), callback_data: z.string().min(1) }).strict();
const extra = z.object({ inline_keyboard: z.array(z.array(button)) }).strict();
const MEDIA_TYPES = ['image', 'video', 'audio', 'file'];

const send = z
	.object({
		group_id: z.string().min(1).optional(),
		target_user_id: z.string().min(1).optional(),
		message_type: z.enum(['text', 'image', 'video', 'audio', 'file', 'sticker', 'contact']),
		content: z.string().optional(),
		file_id: z.string().min(1).optional(),
		extra: extra.optional(),
		reply_to_id: z.string().min(1).optional(),
		quote_message_id: z.string().min(1).optional(),
	})
	.strict()
	.superRefine((b, ctx) => {
		if (Boolean(b.group_id) === Boolean(b.target_user_id))
			ctx.addIssue({
				code: 'custom',
				path: ['group_id'],
				message: 'exactly one of group_id and target_user_id is required',
			});
		if (b.message_type === 'text' && !b.content)
			ctx.addIssue({ code: 'custom', path: ['content'], message: 'content is required for text' });
		if (b.message_type !== 'text' && !b.file_id)
			ctx.addIssue({
				code: 'custom',
				path: ['file_id'],
				message: `file_id is required for ${b.message_type}`,
			});
	});

const SCHEMAS = {
	sendmessage: send,
	editmessage: z
		.object({
			message_id: z.string().min(1),
			content: z.string().optional(),
			extra: extra.optional(),
		})
		.strict(),
	deletemessage: z
		.object({
			message_id: z.string().min(1).optional(),
			message_ids: z.array(z.string().min(1)).min(1).optional(),
		})
		.strict()
		.refine(
			(b) => Boolean(b.message_id) !== Boolean(b.message_ids),
			'exactly one of message_id and message_ids is required',
		),
	getme: z.object({}).strict(),
	getgroup: z.object({ group_id: z.string().min(1) }).strict(),
	answercallback: z
		.object({
			callback_id: z.string().min(1),
			text: z.string().optional(),
			show_alert: z.boolean().optional(),
			url: z.string().optional(),
		})
		.strict(),
	botapisetcommands: z
		.object({
			commands: z
				.array(
					z
						.object({
							command: z.string().regex(/^[a-z0-9_]{1,32}$/),
							description: z.string().min(1).max(256),
						})
						.strict(),
				)
				.max(100),
		})
		.strict(),
	botapigetcommands: z.object({}).strict(),
	// The document leaves these bodies open: group and user are required, anything else is kept.
	mutemember: z.object({ group_id: z.string().min(1), user_id: z.string().min(1) }).passthrough(),
	unmutemember: z.object({ group_id: z.string().min(1), user_id: z.string().min(1) }).passthrough(),
};

const ok = (res, data, msg = 'success') => sendJson(res, 200, { code: 200, msg, data });
const fail = (res, code, msg) => sendJson(res, code, { code, msg });

function create(sim) {
	const p = { id: 'biInk', prefix: '/biink', token: 'sim-biink-token-0001' };
	p.reset = () => {
		Object.assign(p, {
			files: new Map(),
			messages: new Map(),
			sent: [],
			callbacks: new Map(),
			commands: [],
			mutes: [],
			webhookUrl: '',
			nextId: 1,
			groups: new Map([
				['group_123', { group_id: 'group_123', title: '测试群组', member_count: 3 }],
			]),
			// The document states no length limit; a test may set one (0: none).
			maxText: 0,
		});
	};
	p.reset();

	p.handle = async (req, res, rest) => {
		if ((req.headers.authorization || '') !== `Bearer ${p.token}`)
			return fail(res, 401, 'unauthorized: invalid bot token');
		if (req.method !== 'POST') return fail(res, 405, 'method not allowed');
		const route = rest.replace(/^\/bot\//, '');
		if (route === 'uploadfile') {
			const { files } = await parseMultipart(req);
			const f = files.file;
			if (!f) return fail(res, 400, 'multipart field "file" is required');
			const fileId = `file_${p.nextId++}`;
			p.files.set(fileId, f);
			return ok(res, { file_id: fileId }, '文件上传成功');
		}
		const schema = SCHEMAS[route];
		if (!schema || !rest.startsWith('/bot/')) return fail(res, 404, 'not found');
		const parsed = schema.safeParse((await readJson(req)).body ?? {});
		if (!parsed.success) {
			const i = parsed.error.issues[0];
			return fail(res, 400, `${i.path.join('.') || 'body'}: ${i.message}`);
		}
		const b = parsed.data;
		switch (route) {
			case 'sendmessage': {
				if (p.maxText > 0 && b.message_type === 'text' && b.content.length > p.maxText)
					return fail(res, 400, '消息内容过长');
				if (MEDIA_TYPES.includes(b.message_type) && !p.files.has(b.file_id))
					return fail(res, 400, `file_id ${b.file_id} not found`);
				for (const ref of [b.reply_to_id, b.quote_message_id])
					if (ref && !p.messages.has(ref)) return fail(res, 400, `message ${ref} not found`);
				const message_id = `msg_${p.nextId++}`;
				const msg = { message_id, ...b, at: Date.now() };
				p.messages.set(message_id, msg);
				p.sent.push(msg);
				return ok(res, { message_id });
			}
			case 'editmessage': {
				const msg = p.messages.get(b.message_id);
				if (!msg || msg.deleted) return fail(res, 404, 'message not found');
				if (b.content !== undefined) msg.content = b.content;
				if (b.extra !== undefined) msg.extra = b.extra;
				msg.edited = true;
				return ok(res, { message_id: b.message_id });
			}
			case 'deletemessage': {
				const ids = b.message_ids ?? [b.message_id];
				const missing = ids.filter((i) => !p.messages.get(i) || p.messages.get(i).deleted);
				if (missing.length) return fail(res, 404, `message not found: ${missing.join(',')}`);
				for (const i of ids) p.messages.get(i).deleted = true;
				return ok(res, { deleted: ids });
			}
			case 'getme':
				return ok(res, {
					bot_id: 'bot_sim_1',
					username: 'sim_biink_bot',
					display_name: 'Sim bi.ink Bot',
				});
			case 'getgroup': {
				const g = p.groups.get(b.group_id);
				return g ? ok(res, g) : fail(res, 404, 'group not found');
			}
			case 'answercallback': {
				const cb = p.callbacks.get(b.callback_id);
				if (!cb) return fail(res, 400, 'callback_id not found');
				if (Date.now() - cb.at > 30000) return fail(res, 400, 'callback expired');
				cb.answer = b;
				return ok(res, null);
			}
			case 'botapisetcommands':
				p.commands = b.commands;
				return ok(res, null);
			case 'botapigetcommands':
				return ok(res, { commands: p.commands });
			case 'mutemember':
			case 'unmutemember':
				p.mutes.push({ action: route, ...b });
				return ok(res, null);
		}
	};

	/** A user event reaches the bot's webhook (the URL set through the control API). */
	p.inject = async (input) => {
		const group = input.groupId
			? p.groups.get(input.groupId) || { group_id: input.groupId, title: input.groupTitle || '' }
			: null;
		const kind = input.kind || 'message';
		const event = {
			event_type:
				kind === 'callback'
					? 'callback_query'
					: kind === 'member_joined'
						? 'member_joined'
						: group
							? 'group_message'
							: 'private_message',
			message_id: input.messageId || `msg_in_${p.nextId++}`,
			sender_id: input.userId || 'user_xxx',
			sender_username: input.username || 'john',
			sender_display_name: input.userName || 'John Doe',
			group_id: group ? group.group_id : '',
			group_username: '',
			group_title: group ? group.title : '',
			message_type: kind === 'callback' ? 'callback' : input.messageType || 'text',
			content: kind === 'callback' ? input.callbackData || '' : (input.text ?? '你好'),
			timestamp: Math.floor(Date.now() / 1000),
			callback_id: '',
			callback_data: '',
		};
		if (input.fileId) event.file_id = input.fileId;
		if (kind === 'callback') {
			event.callback_id = `cb_${event.sender_id}_${crypto.randomBytes(4).toString('hex')}`;
			event.callback_data = input.callbackData || '';
			p.callbacks.set(event.callback_id, { at: Date.now(), event });
		}
		if (!p.webhookUrl) return { event, delivery: null };
		return { event, delivery: await deliver(sim, 'biInk', p.webhookUrl, event) };
	};

	return p;
}

module.exports = { create };

'use strict';
// MPChat: Telegram-shaped Bot API, token in the URL path, {ok, result} envelope, 30 req/s limit.
const { z } = require('zod');
const { readJson, parseMultipart, sendJson } = require('../http');
const { UpdateQueue } = require('../updates');

const id = z.union([
	z.string().regex(/^-?\d+$/, 'must be an integer or a decimal string'),
	z
		.number()
		.int()
		.refine(Number.isSafeInteger, 'integer beyond 2^53 must be sent as a decimal string'),
]);
const keyboard = z
	.object({
		inline_keyboard: z.array(
			z.array(
				z
					.object({
						text: z.string(),
						callback_data: z.string().optional(),
						url: z.string().optional(),
					})
					.strict(),
			),
		),
	})
	.passthrough();

const SCHEMAS = {
	getMe: z.object({}).strict(),
	getUpdates: z
		.object({
			offset: id.optional(),
			limit: z.number().int().min(1).max(100).optional(),
			timeout: z.number().int().min(0).max(50).optional(),
			allowed_updates: z
				.array(
					z.enum([
						'message',
						'edited_message',
						'callback_query',
						'channel_post',
						'my_chat_member',
						'chat_member',
					]),
				)
				.optional(),
		})
		.strict(),
	sendMessage: z
		.object({
			chat_id: id,
			text: z.string().min(1),
			parse_mode: z.enum(['HTML', 'Markdown', 'MarkdownV2']).optional(),
			reply_to_message_id: id.optional(),
			reply_markup: keyboard.optional(),
			disable_notification: z.boolean().optional(),
		})
		.strict(),
	editMessageText: z
		.object({
			chat_id: id,
			message_id: id,
			text: z.string().min(1),
			reply_markup: keyboard.optional(),
			parse_mode: z.string().optional(),
		})
		.strict(),
	deleteMessage: z.object({ chat_id: id, message_id: id }).strict(),
	answerCallbackQuery: z
		.object({
			callback_query_id: z.string(),
			text: z.string().optional(),
			show_alert: z.boolean().optional(),
			url: z.string().optional(),
		})
		.strict(),
	setWebhook: z.object({ url: z.string().url() }).passthrough(),
	deleteWebhook: z.object({ drop_pending_updates: z.boolean().optional() }).strict(),
	getWebhookInfo: z.object({}).strict(),
};
const MEDIA = {
	sendPhoto: 'photo',
	sendDocument: 'document',
	sendVideo: 'video',
	sendAudio: 'audio',
	sendVoice: 'voice',
};
const mediaSchema = (field) =>
	z
		.object({
			chat_id: id,
			[field]: z.string().url(),
			caption: z.string().optional(),
			reply_to_message_id: id.optional(),
			reply_markup: keyboard.optional(),
			parse_mode: z.string().optional(),
		})
		.strict();

function err(res, code, description, extra = {}, headers = {}) {
	sendJson(res, code, { ok: false, error_code: code, description, ...extra }, headers);
}

// IDs travel as JSON numbers, exact even beyond 2^53 (BigInt is written as raw digits).
const wireId = (s) => BigInt(s);

function create(sim) {
	const p = {
		id: 'mpChat',
		prefix: '/mpchat/bot',
		token: '123456789:SIM-mpchat-token-AAAA',
		bot: { id: 987654321, is_bot: true, username: 'sim_mpchat_bot', first_name: 'Sim Bot' },
		queue: new UpdateQueue(),
		sent: [],
		messages: new Map(),
		webhookUrl: '',
		nextMessageId: 1,
		nextCallbackId: 1,
		callbacks: new Map(),
		hits: [],
		limitPerSecond: 30,
	};

	p.reset = () => {
		// maxText: the document states no length limit; a test may set one (0: none).
		Object.assign(p, {
			queue: new UpdateQueue(),
			sent: [],
			messages: new Map(),
			webhookUrl: '',
			nextMessageId: 1,
			callbacks: new Map(),
			hits: [],
			limitPerSecond: 30,
			maxText: 0,
			now: () => Date.now(),
		});
	};

	// Sliding one-second window over accepted requests, as the documented limit reads.
	// The limiter's clock; a test may stop it to send a burst "within one second" on any machine.
	p.now = () => Date.now();
	const overLimit = () => {
		const now = p.now();
		while (p.hits.length && p.hits[0] <= now - 1000) p.hits.shift();
		if (p.limitPerSecond > 0 && p.hits.length >= p.limitPerSecond) return true;
		p.hits.push(now);
		return false;
	};

	const record = (method, body, extra = {}) => {
		const message_id = p.nextMessageId++;
		const msg = {
			message_id,
			method,
			chat_id: String(body.chat_id),
			text: body.text,
			caption: body.caption,
			reply_markup: body.reply_markup,
			at: Date.now(),
			...extra,
		};
		p.messages.set(`${msg.chat_id}:${message_id}`, msg);
		p.sent.push(msg);
		return msg;
	};

	const result = (msg) => ({
		message_id: msg.message_id,
		date: Math.floor(msg.at / 1000),
		chat: { id: wireId(msg.chat_id), type: msg.chat_id.startsWith('-') ? 'group' : 'private' },
		from: { id: p.bot.id, is_bot: true, username: p.bot.username },
		...(msg.text !== undefined ? { text: msg.text } : {}),
		...(msg.caption !== undefined ? { caption: msg.caption } : {}),
		...(msg.file ? { [msg.mediaField]: msg.file } : {}),
	});

	p.handle = async (req, res, rest) => {
		const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(rest);
		if (!m) return err(res, 404, 'Not Found');
		const [, token, method] = m;
		if (token !== p.token) return err(res, 401, 'Unauthorized');
		if (overLimit()) {
			sim.stats.mpChat429++;
			return err(
				res,
				429,
				'Too Many Requests: retry after 1',
				{ parameters: { retry_after: 1 } },
				{ 'Retry-After': '1' },
			);
		}
		let body = {};
		let file;
		const isMultipart = /^multipart\//i.test(req.headers['content-type'] || '');
		if (isMultipart) {
			const parts = await parseMultipart(req);
			body = { ...parts.fields };
			for (const k of ['reply_markup']) if (body[k]) body[k] = JSON.parse(body[k]);
			file = parts.files[MEDIA[method]];
			if (file) body[MEDIA[method]] = 'https://upload.invalid/attached';
		} else if (req.method === 'POST') {
			body = (await readJson(req)).body ?? {};
		} else {
			body = Object.fromEntries(new URL(req.url, 'http://x').searchParams);
		}
		const schema = MEDIA[method] ? mediaSchema(MEDIA[method]) : SCHEMAS[method];
		if (!schema) return err(res, 404, 'Not Found: method not found');
		// Benchmarks point n8n's Telegram node here: `ignoreUnknownFields` drops the Telegram-only
		// fields it always sends (disable_web_page_preview…) instead of refusing them.
		const parsed = (p.ignoreUnknownFields && schema.strip ? schema.strip() : schema).safeParse(
			body,
		);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return err(res, 400, `Bad Request: ${issue.path.join('.') || 'body'}: ${issue.message}`);
		}
		const b = parsed.data;
		if (p.maxText > 0 && typeof b.text === 'string' && b.text.length > p.maxText)
			return err(res, 400, 'Bad Request: message is too long');
		switch (method) {
			case 'getMe':
				return sendJson(res, 200, { ok: true, result: p.bot });
			case 'getUpdates': {
				if (p.webhookUrl)
					return err(
						res,
						409,
						"Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
					);
				const allowed = b.allowed_updates && b.allowed_updates.length ? b.allowed_updates : null;
				const batch = await p.queue.take({
					offset: b.offset ?? 0,
					limit: b.limit ?? 100,
					timeoutSec: b.timeout ?? 0,
					filter: (u) => !allowed || allowed.some((t) => t in u),
					res,
				});
				if (batch === null) return;
				return sendJson(res, 200, { ok: true, result: batch });
			}
			case 'sendMessage':
				return sendJson(res, 200, { ok: true, result: result(record(method, b)) });
			case 'editMessageText': {
				const msg = p.messages.get(`${b.chat_id}:${b.message_id}`);
				if (!msg || msg.deleted) return err(res, 400, 'Bad Request: message to edit not found');
				Object.assign(msg, { text: b.text, reply_markup: b.reply_markup, edited: true });
				return sendJson(res, 200, { ok: true, result: result(msg) });
			}
			case 'deleteMessage': {
				const msg = p.messages.get(`${b.chat_id}:${b.message_id}`);
				if (!msg || msg.deleted) return err(res, 400, 'Bad Request: message to delete not found');
				msg.deleted = true;
				return sendJson(res, 200, { ok: true, result: true });
			}
			case 'answerCallbackQuery': {
				const cb = p.callbacks.get(b.callback_query_id);
				if (!cb)
					return err(
						res,
						400,
						'Bad Request: query is too old and response timeout expired or query ID is invalid',
					);
				cb.answer = b;
				return sendJson(res, 200, { ok: true, result: true });
			}
			case 'setWebhook':
				p.webhookUrl = b.url;
				return sendJson(res, 200, { ok: true, result: true, description: 'Webhook was set' });
			case 'deleteWebhook':
				p.webhookUrl = '';
				return sendJson(res, 200, { ok: true, result: true, description: 'Webhook was deleted' });
			case 'getWebhookInfo':
				return sendJson(res, 200, {
					ok: true,
					result: { url: p.webhookUrl, pending_update_count: p.queue.pending.length },
				});
			default: {
				const field = MEDIA[method];
				const fileInfo = file
					? {
							file_id: `mp_file_${p.nextMessageId}`,
							file_name: file.filename,
							mime_type: file.contentType,
							file_size: file.size,
							sha256: file.sha256,
						}
					: { file_id: `mp_file_${p.nextMessageId}`, url: b[field] };
				const msg = record(method, b, { file: fileInfo, mediaField: field, upload: Boolean(file) });
				return sendJson(res, 200, { ok: true, result: result(msg) });
			}
		}
	};

	/** A user message or button press arrives for the bot. */
	p.inject = (input) => {
		const chatId = String(input.chatId ?? input.userId ?? '10001');
		const from = {
			id: wireId(String(input.userId ?? chatId)),
			is_bot: false,
			first_name: input.userName ?? 'Sim User',
			username: input.username ?? 'sim_user',
		};
		const chat = {
			id: wireId(chatId),
			type: input.chatType ?? (chatId.startsWith('-') ? 'group' : 'private'),
		};
		const date = Math.floor(Date.now() / 1000);
		if (input.kind === 'callback') {
			const cbId = String(p.nextCallbackId++);
			p.callbacks.set(cbId, { data: input.callbackData });
			return p.queue.push({
				callback_query: {
					id: cbId,
					from,
					data: input.callbackData ?? '',
					message: { message_id: Number(input.messageId ?? 1), chat, date },
				},
			});
		}
		const message = { message_id: Number(input.messageId ?? p.nextMessageId++), from, chat, date };
		if (input.photo) message.photo = [{ file_id: input.photo, width: 640, height: 480 }];
		else message.text = input.text ?? 'hello';
		return p.queue.push({ message });
	};

	return p;
}

module.exports = { create };

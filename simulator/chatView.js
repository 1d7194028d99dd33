'use strict';
// One chat as a person would see it in the app, for a developer (and the pictures in the docs):
// `GET /_sim/chat?platform=<id>&chat=<chat id>` renders the user's messages that reached the bot
// (its poll queue or its webhook) and what the bot sent to that chat, in order: inline buttons as
// buttons, link cards as cards, addresses as links. Without `chat`, the chats seen so far, as links.
// Dev-only, like the rest of the simulator; it changes nothing.
const { parseJson } = require('./json');

const NAMES = { mpChat: 'MPChat', biInk: 'bi.ink', fly: 'Fly', minapp: 'minapp' };

/** Per platform: the user's message in an update or delivered event, and the bot's in a sent one. */
const READ = {
	mpChat: {
		user: (u) =>
			u.message && {
				chat: String(u.message.chat.id),
				from: u.message.from?.first_name,
				text: u.message.text ?? (u.message.photo ? '[photo]' : ''),
			},
		bot: (m) => ({
			chat: m.chat_id,
			text: m.text ?? m.caption ?? '',
			media: m.mediaField && { kind: m.mediaField, url: m.file?.url },
			buttons: m.reply_markup?.inline_keyboard,
		}),
	},
	biInk: {
		user: (e) =>
			e.event_type !== 'callback_query' &&
			e.sender_id !== undefined && {
				chat: e.group_id || e.sender_id,
				from: e.sender_display_name,
				text: e.message_type === 'text' ? e.content : `[${e.message_type}]`,
			},
		bot: (m) => ({
			chat: m.group_id || m.target_user_id,
			text: m.content ?? '',
			media: m.message_type !== 'text' && { kind: m.message_type, url: m.file_id },
			buttons: m.extra?.inline_keyboard,
		}),
	},
	fly: {
		user: (u) =>
			u.type === 'message' && {
				chat: u.message.chat.id,
				from: u.message.sender?.name,
				text: u.message.data?.content ?? `[${u.message.msgType}]`,
			},
		bot: (m) => ({
			chat: m.group_id || m.to_user_id,
			text: m.data.content ?? m.data.caption ?? '',
			media: m.msg_type !== 'text' && {
				kind: m.msg_type,
				url: m.data.originalUrl ?? m.data.videoUrl ?? m.data.url,
			},
		}),
	},
	minapp: {
		user: (e) =>
			e.conversation_id !== undefined && {
				chat: e.conversation_id,
				from: e.sender,
				text: e.text?.content ?? `[${e.msgtype}]`,
			},
		bot: (m) => ({
			chat: m.conversation_id,
			text: m.text?.content ?? '',
			card: m.link,
			media: m.image && { kind: 'image', url: m.image.url },
		}),
	},
};

/** What reached the bot on a platform: updates it could poll, and webhook deliveries. */
function incoming(sim, platform) {
	const p = sim.platforms[platform];
	const polled = (p.queue?.history ?? []).map((h) => ({ at: h.at, event: h.update }));
	const delivered = sim.deliveries
		.filter((d) => d.platform === platform)
		.map((d) => {
			try {
				return { at: d.at, event: parseJson(d.body) };
			} catch {
				return null;
			}
		})
		.filter(Boolean);
	return [...polled, ...delivered];
}

/** Every message of every chat on a platform, oldest first: `{from: 'user'|'bot', chat, text, …}`. */
function messagesOf(sim, platform) {
	const read = READ[platform];
	const users = incoming(sim, platform)
		.map(({ at, event }) => {
			const m = read.user(event);
			return m && { side: 'user', at, ...m };
		})
		.filter(Boolean);
	const bots = sim.platforms[platform].sent
		.filter((m) => !m.deleted)
		.map((m) => ({ side: 'bot', at: m.at, edited: Boolean(m.edited), ...read.bot(m) }));
	// Stable: a user's message and the bot's answer in the same millisecond keep that order.
	return [...users, ...bots].sort((a, b) => a.at - b.at);
}

const escapeHtml = (s) =>
	String(s).replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
	);

const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+/g;
const isWebUrl = (u) => /^https?:\/\//i.test(u ?? '');
/** An address as a chat app shows it: whole in the link, shortened on screen. */
const link = (url, label = url.length > 48 ? `${url.slice(0, 45)}…` : url) =>
	`<a href="${escapeHtml(url)}" target="_blank" rel="noreferrer">${escapeHtml(label)}</a>`;

/** Text with its addresses as links; everything else escaped. */
function linkify(text) {
	let out = '';
	let last = 0;
	for (const m of text.matchAll(URL_IN_TEXT)) {
		out += escapeHtml(text.slice(last, m.index)) + link(m[0]);
		last = m.index + m[0].length;
	}
	return out + escapeHtml(text.slice(last));
}

function renderButtons(rows = []) {
	if (!rows.length) return '';
	const button = (b) =>
		isWebUrl(b.url)
			? `<a class="button" href="${escapeHtml(b.url)}" target="_blank" rel="noreferrer">${escapeHtml(b.text)} ↗</a>`
			: `<button type="button" title="${escapeHtml(b.callback_data ?? '')}">${escapeHtml(b.text)}</button>`;
	return `<div class="keyboard">${rows.map((r) => `<div class="row">${r.map(button).join('')}</div>`).join('')}</div>`;
}

function renderMessage(m) {
	const parts = [];
	if (m.side === 'user' && m.from) parts.push(`<div class="who">${escapeHtml(m.from)}</div>`);
	if (m.media)
		parts.push(
			`<div class="media">${isWebUrl(m.media.url) ? link(m.media.url, `[${m.media.kind}]`) : escapeHtml(`[${m.media.kind}]`)}</div>`,
		);
	if (m.text) parts.push(`<div class="text">${linkify(m.text)}</div>`);
	if (m.card)
		parts.push(
			`<a class="card" href="${escapeHtml(m.card.url)}" target="_blank" rel="noreferrer"><strong>${escapeHtml(m.card.title)}</strong>${m.card.desc ? `<span>${escapeHtml(m.card.desc)}</span>` : ''}</a>`,
		);
	if (m.edited) parts.push('<div class="meta">edited</div>');
	return `<li class="message ${m.side}"><div class="bubble">${parts.join('')}</div>${m.side === 'bot' ? renderButtons(m.buttons) : ''}</li>`;
}

const STYLE = `
body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #dfe6ee; color: #1b1f24; }
header { background: #2b5278; color: #fff; padding: 12px 18px; }
header h1 { font-size: 17px; margin: 0; }
header p { margin: 2px 0 0; font-size: 13px; opacity: .8; }
main { max-width: 720px; margin: 0 auto; padding: 16px; }
ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.message { display: flex; flex-direction: column; max-width: 80%; }
.message.user { align-self: flex-end; align-items: flex-end; }
.message.bot { align-self: flex-start; }
.bubble { background: #fff; border-radius: 12px; padding: 8px 12px; box-shadow: 0 1px 1px #0002; }
.user .bubble { background: #d9f7c8; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.text a { white-space: nowrap; }
.who { font-size: 12px; color: #2b7a2b; font-weight: 600; }
.meta { font-size: 11px; color: #778; text-align: right; }
.card { display: block; border-left: 3px solid #2b5278; padding: 4px 10px; margin-top: 4px; color: inherit; text-decoration: none; }
.card span { display: block; color: #2b5278; font-size: 13px; }
.keyboard { display: flex; flex-direction: column; gap: 4px; margin-top: 4px; width: 100%; }
.row { display: flex; gap: 4px; }
.keyboard button, .keyboard .button { flex: 1; font: inherit; font-size: 14px; text-align: center; text-decoration: none; color: #1b1f24; background: #ffffffcc; border: 0; border-radius: 8px; padding: 6px 14px; box-shadow: 0 1px 1px #0002; }
a { color: #1a6ec0; }
.empty { color: #556; text-align: center; }
`;

const page = (title, subtitle, body) =>
	`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header><main>${body}</main></body></html>`;

/** The page of one chat, or of the chats seen so far when `chat` is empty. */
function renderChat(sim, platform, chat) {
	const all = messagesOf(sim, platform);
	const name = `${NAMES[platform]} (simulator)`;
	if (!chat) {
		const chats = [...new Set(all.map((m) => String(m.chat)))];
		const items = chats.map(
			(c) =>
				`<li><a href="/_sim/chat?platform=${platform}&amp;chat=${escapeHtml(encodeURIComponent(c))}">${escapeHtml(c)}</a></li>`,
		);
		return page(
			name,
			'Chats',
			items.length ? `<ul>${items.join('')}</ul>` : '<p class="empty">No chat yet.</p>',
		);
	}
	const messages = all.filter((m) => String(m.chat) === chat);
	return page(
		name,
		`Chat ${chat}`,
		messages.length
			? `<ol>${messages.map(renderMessage).join('')}</ol>`
			: '<p class="empty">No message in this chat yet.</p>',
	);
}

/** `GET /_sim/chat?platform=<id>&chat=<id>`; answers 404 naming the platforms it knows. */
function handleChatView(sim, req, res) {
	const q = new URL(req.url, 'http://x').searchParams;
	const platform = q.get('platform') ?? '';
	const headers = {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
		'Cache-Control': 'no-store',
	};
	if (!Object.hasOwn(READ, platform)) {
		res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
		return res.end(`platform must be one of: ${Object.keys(READ).join(', ')}\n`);
	}
	res.writeHead(200, headers);
	res.end(renderChat(sim, platform, q.get('chat') ?? ''));
}

module.exports = { handleChatView, renderChat, messagesOf };

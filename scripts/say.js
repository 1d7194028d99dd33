#!/usr/bin/env node
'use strict';
// `npm run say -- <platform> "<text>"`: plays a user of the simulator started by `npm start` and
// prints what the bot answers. Also `biInk --press <data>` (press a button under the bot's last
// message), `fly --image` (send a photo) and `botTalk "<text>"` (call the push-and-reminder
// workflow's webhook, as another system would). Send and Wait: `deploy [version]` starts the
// "Approve a deployment" example, `biInk --press approve|decline` presses its buttons, and
// `answer <platform> [approve|decline|text]` answers the newest question's link as a person would.
// MPChat's bot is the AI assistant example: `mpChat "photo <url>"` has it call a tool, and
// `mpChat "announce <text>"` a tool that asks first (`answer mpChat approve|decline`).
// `mcp` plays an MCP client of the "MCP server" example: it lists the tools, and
// `mcp <tool> '<JSON arguments>'` calls one and prints what the tool answered.
const { until: waitFor } = require('../test/helpers/until');

const SIM = `http://127.0.0.1:${process.env.SIM_PORT || 8787}/_sim`;
const N8N = `http://127.0.0.1:${process.env.N8N_PORT || 5678}`;
const PRESS_PREFIX = 'n8w2.';
const USERS = {
	mpChat: { chatId: '10001' },
	fly: { userId: 'u_1001' },
	biInk: { userId: 'user_xxx' },
	minapp: {},
};
const PLATFORMS = [...Object.keys(USERS), 'botTalk'];

const get = async (p) => await (await fetch(`${SIM}${p}`)).json();
const post = async (url, body) => {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : {};
};

/** Waits for the bot (another process) to answer, up to 15 s. */
const until = (check) => waitFor(check, 'an answer (is `npm start` running?)', 15000);

function show(m) {
	const text = m.text?.content ?? m.text ?? m.data?.content ?? m.content;
	const url = m.data?.originalUrl ?? m.data?.url;
	if (m.mediaField) return `[${m.mediaField} ${m.file?.url ?? 'uploaded'}] ${m.caption ?? ''}`;
	const media = url ? `[${m.msg_type} ${url}]` : '';
	if (m.link)
		return `[link card] ${m.link.title} — ${m.link.desc ?? ''} → ${m.link.url}\n    (answer it: npm run say -- answer minapp "your text" | approve | decline)`;
	// Send and Wait buttons carry a long signed reference: pressed by their choice instead.
	const label = (b) =>
		b.callback_data?.startsWith(PRESS_PREFIX) || LINK.test(b.url ?? '')
			? `[${b.text}]`
			: `[${b.text} → ${b.callback_data ?? b.url}]`;
	const keyboard = (m.extra?.inline_keyboard ?? m.reply_markup?.inline_keyboard ?? []).flat();
	const buttons = keyboard.map(label).join(' ');
	let hint = 'npm run say -- biInk --press <data>';
	if (keyboard.some((b) => b.callback_data?.startsWith(PRESS_PREFIX)))
		hint = 'npm run say -- biInk --press approve|decline';
	// MPChat's Send and Wait buttons open the answer page (first button approves).
	if (keyboard.some((b) => LINK.test(b.url ?? '')))
		hint = 'npm run say -- answer mpChat approve|decline';
	return `${text ?? media}${buttons ? `\n    buttons: ${buttons}  (press one: ${hint})` : ''}`;
}

/** Who a bot's message went to, seen from the user `say` plays. */
const to = (platform, m) =>
	platform === 'mpChat' && m.chat_id !== USERS.mpChat.chatId ? `chat ${m.chat_id}` : 'you';

/** The AI assistant (MPChat) may call a tool before it answers: its answer is a text to the user's chat. */
const answered = (platform, news) =>
	platform !== 'mpChat' ||
	news.some((m) => m.method === 'sendMessage' && m.chat_id === USERS.mpChat.chatId);

async function talk(platform, input, label) {
	const before = (await get(`/${platform}/sent`)).length;
	await post(`${SIM}/${platform}/inject`, { ...USERS[platform], ...input });
	console.log(`you → ${platform}: ${label}`);
	const replies = await until(async () => {
		const news = (await get(`/${platform}/sent`)).slice(before);
		return news.length && answered(platform, news) && news;
	});
	for (const m of replies) console.log(`${platform} bot → ${to(platform, m)}: ${show(m)}`);
}

async function press(data) {
	const sent = await get('/biInk/sent');
	if (data === 'approve' || data === 'decline') {
		// The newest Send and Wait question still showing its buttons: Approve first, then Decline.
		const asked = [...sent]
			.reverse()
			.find(
				(m) =>
					!m.deleted &&
					(m.extra?.inline_keyboard ?? [])
						.flat()
						.some((b) => b.callback_data?.startsWith(PRESS_PREFIX)),
			);
		const button = asked?.extra.inline_keyboard.flat()[data === 'approve' ? 0 : 1];
		if (!button)
			throw new Error(`no bi.ink question has a ${data} button (start one: npm run say -- deploy)`);
		data = button.callback_data;
	}
	const message = [...sent]
		.reverse()
		.find(
			(m) =>
				!m.deleted && (m.extra?.inline_keyboard ?? []).flat().some((b) => b.callback_data === data),
		);
	if (!message) throw new Error(`no bot message has a button with callback data "${data}"`);
	const { event } = await post(`${SIM}/biInk/inject`, {
		...USERS.biInk,
		kind: 'callback',
		callbackData: data,
		messageId: message.message_id,
	});
	console.log(
		`you pressed [${data.startsWith(PRESS_PREFIX) ? message.extra.inline_keyboard.flat().find((b) => b.callback_data === data).text : data}] under ${message.message_id}`,
	);
	const answer = await until(
		async () =>
			(await get('/biInk/state')).callbacks.find((c) => c.id === event.callback_id)?.answer,
	);
	console.log(`biInk bot answered the press: ${answer.text ?? '(no text)'}`);
	const edited = await until(async () =>
		(await get('/biInk/sent')).find((m) => m.message_id === message.message_id && m.edited),
	);
	console.log(`biInk bot edited its message: ${show(edited)}`);
}

async function notify(text) {
	const before = (await get('/botTalk/sent')).length;
	console.log(`POST ${N8N}/webhook/bottalk-notify`);
	const out = await post(`${N8N}/webhook/bottalk-notify`, { title: 'npm run say', content: text });
	const pushed = await until(async () => {
		const all = await get('/botTalk/sent');
		return all.length > before && all.slice(before);
	});
	for (const p of pushed)
		console.log(`BotTalk pushed to channel ${p.channel_id}: ${p.title} — ${p.content}`);
	console.log(`workflow answered: reminder "${out.title}" at ${out.time} (${out.type})`);
}

/** The answer links in what a platform received, newest last. */
const LINK = /https?:\/\/[^\s)]+\/webhook-waiting\/[^\s)]+/;
function linksIn(m) {
	const texts = [
		m.link?.url,
		m.text,
		m.text?.content,
		m.content,
		m.data?.content,
		...(m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.url),
	];
	return texts
		.filter((t) => typeof t === 'string')
		.map((t) => t.match(LINK)?.[0])
		.filter(Boolean);
}

async function answer(platform, words) {
	const sent = await get(`/${platform}/sent`);
	// MPChat's approval buttons are one link per choice, approve first.
	const links =
		sent
			.map(linksIn)
			.filter((l) => l.length)
			.at(-1) ?? [];
	const link = words[0] === 'approve' ? links[0] : links.at(-1);
	if (!link)
		throw new Error(
			`no ${platform} message holds an answer link (start one: npm run say -- deploy)`,
		);
	const page = await (await fetch(link)).text();
	console.log(
		`you opened ${link.replace(/signature=\w+/, 'signature=…')}: "${page.match(/<h1>(.*?)<\/h1>/)?.[1] ?? '?'}"`,
	);
	const choice = words[0] === 'approve' || words[0] === 'decline' ? words[0] : undefined;
	const form = choice ? { choice } : { 'field-0': words.join(' ') || 'ok' };
	const res = await fetch(link, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
	const html = await res.text();
	const text = (html.match(/<body>([\s\S]*)<\/body>/)?.[1] ?? html)
		.replace(/<[^>]+>/g, ' ')
		.replace(/&quot;/g, '"')
		.replace(/\s+/g, ' ')
		.trim();
	console.log(`you sent ${JSON.stringify(form)} → ${res.status}: ${text.slice(0, 200)}`);
	// The AI assistant goes on after the answer: show what it did and said.
	if (platform !== 'mpChat' || res.status !== 200) return;
	const news = await until(async () => {
		const now = (await get('/mpChat/sent')).slice(sent.length);
		return answered(platform, now) && now;
	});
	for (const m of news) console.log(`mpChat bot → ${to(platform, m)}: ${show(m)}`);
}

async function deploy(version) {
	const before = (await get('/biInk/sent')).length;
	console.log(`POST ${N8N}/webhook/approve-deployment {"version": "${version}"}`);
	await post(`${N8N}/webhook/approve-deployment`, { version });
	const asked = await until(async () =>
		(await get('/biInk/sent')).slice(before).find((m) => m.extra?.inline_keyboard?.length),
	);
	console.log(`biInk bot → you: ${show(asked)}`);
	console.log(
		'after your answer the workflow asks on minapp: npm run say -- answer minapp "release notes"',
	);
}

/** An MCP client (the official SDK) of the MCP server example at /mcp/imbots. */
async function mcp(tool, args) {
	const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
	const {
		StreamableHTTPClientTransport,
	} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
	const client = new Client({ name: 'npm-run-say', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(`${N8N}/mcp/imbots`)));
	try {
		if (!tool) {
			for (const t of (await client.listTools()).tools)
				console.log(
					`${t.name}(${Object.keys(t.inputSchema.properties ?? {}).join(', ')}): ${t.description}`,
				);
			console.log(
				`call one: npm run say -- mcp Push_with_BotTalk '{"title":"Hi","content":"from MCP"}'`,
			);
			return;
		}
		const result = await client.callTool({ name: tool, arguments: JSON.parse(args ?? '{}') });
		const text = result.content.map((c) => c.text).join('\n');
		console.log(`${result.isError ? 'error' : 'result'}: ${text}`);
	} finally {
		await client.close();
	}
}

async function main() {
	const [platform, ...rest] = process.argv.slice(2);
	if (platform === 'mcp') return await mcp(rest[0], rest[1]);
	if (platform === 'deploy') return await deploy(rest[0] ?? 'v2.0.0');
	if (platform === 'answer') {
		if (![...PLATFORMS].includes(rest[0]))
			throw new Error(
				`usage: npm run say -- answer <${PLATFORMS.join('|')}> [approve|decline|text]`,
			);
		return await answer(rest[0], rest.slice(1));
	}
	if (!PLATFORMS.includes(platform))
		throw new Error(
			`usage: npm run say -- <${PLATFORMS.join('|')}> "text" | biInk --press <data|approve|decline> | fly --image | deploy [version] | answer <platform> [approve|decline|text] | mcp [tool '<JSON arguments>']`,
		);
	if (platform === 'biInk' && rest[0] === '--press') return await press(rest[1] ?? 'yes');
	if (platform === 'fly' && rest[0] === '--image')
		return await talk(
			'fly',
			{ msgType: 'image', media: { kind: 'image', name: 'photo.png', mimeType: 'image/png' } },
			'(a photo)',
		);
	const text = rest.join(' ') || 'hello';
	if (platform === 'botTalk') return await notify(text);
	await talk(platform, { text }, text);
}

main().catch((e) => {
	console.error(e.message);
	process.exit(1);
});

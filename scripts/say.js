#!/usr/bin/env node
'use strict';
// `npm run say -- <platform> "<text>"`: plays a user of the simulator started by `npm start` and
// prints what the bot answers. Also `biInk --press <data>` (press a button under the bot's last
// message), `fly --image` (send a photo) and `botTalk "<text>"` (call the push-and-reminder
// workflow's webhook, as another system would).
const { until: waitFor } = require('../test/helpers/until');

const SIM = `http://127.0.0.1:${process.env.SIM_PORT || 8787}/_sim`;
const N8N = `http://127.0.0.1:${process.env.N8N_PORT || 5678}`;
const USERS = { mpChat: { chatId: '10001' }, fly: { userId: 'u_1001' }, biInk: { userId: 'user_xxx' }, minapp: {} };
const PLATFORMS = [...Object.keys(USERS), 'botTalk'];

const get = async (p) => await (await fetch(`${SIM}${p}`)).json();
const post = async (url, body) => {
	const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const text = await res.text();
	if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : {};
};

/** Waits for the bot (another process) to answer, up to 15 s. */
const until = (check) => waitFor(check, 'an answer (is `npm start` running?)', 15000);

function show(m) {
	const text = m.text?.content ?? m.text ?? m.data?.content ?? m.content;
	const url = m.data?.originalUrl ?? m.data?.url;
	const media = url ? `[${m.msg_type} ${url}]` : '';
	const buttons = (m.extra?.inline_keyboard ?? []).flat().map((b) => `[${b.text} → ${b.callback_data}]`).join(' ');
	return `${text ?? media}${buttons ? `\n    buttons: ${buttons}  (press one: npm run say -- biInk --press <data>)` : ''}`;
}

async function talk(platform, input, label) {
	const before = (await get(`/${platform}/sent`)).length;
	await post(`${SIM}/${platform}/inject`, { ...USERS[platform], ...input });
	console.log(`you → ${platform}: ${label}`);
	const replies = await until(async () => {
		const all = await get(`/${platform}/sent`);
		return all.length > before && all.slice(before);
	});
	for (const m of replies) console.log(`${platform} bot → you: ${show(m)}`);
}

async function press(data) {
	const sent = await get('/biInk/sent');
	const message = [...sent].reverse().find((m) => !m.deleted && (m.extra?.inline_keyboard ?? []).flat().some((b) => b.callback_data === data));
	if (!message) throw new Error(`no bot message has a button with callback data "${data}"`);
	const { event } = await post(`${SIM}/biInk/inject`, { ...USERS.biInk, kind: 'callback', callbackData: data, messageId: message.message_id });
	console.log(`you pressed [${data}] under ${message.message_id}`);
	const answer = await until(async () => (await get('/biInk/state')).callbacks.find((c) => c.id === event.callback_id)?.answer);
	console.log(`biInk bot answered the press: ${answer.text ?? '(no text)'}`);
	const edited = await until(async () => (await get('/biInk/sent')).find((m) => m.message_id === message.message_id && m.edited));
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
	for (const p of pushed) console.log(`BotTalk pushed to channel ${p.channel_id}: ${p.title} — ${p.content}`);
	console.log(`workflow answered: reminder "${out.title}" at ${out.time} (${out.type})`);
}

async function main() {
	const [platform, ...rest] = process.argv.slice(2);
	if (!PLATFORMS.includes(platform)) throw new Error(`usage: npm run say -- <${PLATFORMS.join('|')}> "text" | biInk --press <data> | fly --image`);
	if (platform === 'biInk' && rest[0] === '--press') return await press(rest[1] ?? 'yes');
	if (platform === 'fly' && rest[0] === '--image') return await talk('fly', { msgType: 'image', media: { kind: 'image', name: 'photo.png', mimeType: 'image/png' } }, '(a photo)');
	const text = rest.join(' ') || 'hello';
	if (platform === 'botTalk') return await notify(text);
	await talk(platform, { text }, text);
}

main().catch((e) => {
	console.error(e.message);
	process.exit(1);
});

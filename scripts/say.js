#!/usr/bin/env node
'use strict';
// `npm run say -- <platform> "<text>"`: plays a user writing to a bot in the simulator started by
// `npm start`, then prints the bot's reply.
const [platform, ...words] = process.argv.slice(2);
const text = words.join(' ') || 'hello';
const SIM = `http://127.0.0.1:${process.env.SIM_PORT || 8787}/_sim`;
const INPUT = { mpChat: { chatId: '10001', text }, fly: { userId: 'u_1001', text }, biInk: { userId: 'user_xxx', text }, minapp: { text } };
const replyText = (m) => m.text?.content ?? m.text ?? m.data?.content ?? m.content;

async function main() {
	if (!INPUT[platform]) throw new Error(`usage: npm run say -- <${Object.keys(INPUT).join('|')}> "text"`);
	const sent = async () => await (await fetch(`${SIM}/${platform}/sent`)).json();
	const before = (await sent()).length;
	await fetch(`${SIM}/${platform}/inject`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(INPUT[platform]) });
	console.log(`you → ${platform}: ${text}`);
	const end = Date.now() + 15000;
	while (Date.now() < end) {
		const all = await sent();
		if (all.length > before) {
			for (const m of all.slice(before)) console.log(`${platform} bot → you: ${replyText(m)}`);
			return;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('no reply within 15 s: is `npm start` running?');
}

main().catch((e) => {
	console.error(e.message);
	process.exit(1);
});

'use strict';
// The simulator's chat view (simulator/chatView.js), the page the Send and Wait pictures are taken
// of: one chat's messages in order, the user's that reached the bot and the bot's own, with inline
// buttons as buttons, link cards as cards, addresses as links, everything else escaped; other
// chats' messages left out. Real n8n and Chromium drive it in test/e2e/pictures.e2e.test.js.
const { startSimulator } = require('../helpers/simulator');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const post = async (path, body, headers = {}) => {
	const res = await fetch(`${sim.url}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	expect([path, res.status]).toEqual([path, 200]);
	return res.json();
};
const view = async (query) => {
	const res = await fetch(`${sim.url}/_sim/chat?${query}`);
	return {
		status: res.status,
		type: res.headers.get('content-type'),
		csp: res.headers.get('content-security-policy'),
		html: await res.text(),
	};
};
/** The page's messages: which side each is on and its inner HTML. */
const messages = (html) =>
	[...html.matchAll(/<li class="message (user|bot)">([\s\S]*?)<\/li>/g)].map(([, side, inner]) => ({
		side,
		inner,
	}));

test("an MPChat chat: the user's message, then the bot's with its link and buttons; another chat's left out", async () => {
	const mp = sim.platforms.mpChat;
	await sim.control('POST', '/mpChat/inject', {
		chatId: '10001',
		text: 'announce <b>v2</b> & more',
	});
	const send = (body) => post(`/mpchat/bot/bot${mp.token}/sendMessage`, body);
	await send({
		chat_id: '10001',
		text: 'Post it?\n\nAnswer: https://n8n.test/webhook-waiting/7?signature=abc',
		reply_markup: {
			inline_keyboard: [
				[
					{ text: 'Post it', url: 'https://n8n.test/webhook-waiting/7?approved=true&signature=x' },
					{ text: 'Not now', url: 'https://n8n.test/webhook-waiting/7?approved=false&signature=y' },
				],
				[{ text: 'More', callback_data: 'more' }],
			],
		},
	});
	await send({ chat_id: '20002', text: 'elsewhere' });
	// A poll consumes the update: the chat still shows it.
	await post(`/mpchat/bot/bot${mp.token}/getUpdates`, { timeout: 0 });

	const page = await view('platform=mpChat&chat=10001');
	expect([page.status, page.type]).toEqual([200, 'text/html; charset=utf-8']);
	expect(page.csp).toBe("default-src 'none'; style-src 'unsafe-inline'");
	expect(page.html).toContain('<h1>MPChat (simulator)</h1><p>Chat 10001</p>');
	const [user, bot, ...rest] = messages(page.html);
	expect(rest).toEqual([]);
	expect(user).toEqual({
		side: 'user',
		inner:
			'<div class="bubble"><div class="who">Sim User</div><div class="text">announce &lt;b&gt;v2&lt;/b&gt; &amp; more</div></div>',
	});
	expect(bot.side).toBe('bot');
	expect(bot.inner).toContain(
		'<div class="text">Post it?\n\nAnswer: <a href="https://n8n.test/webhook-waiting/7?signature=abc" target="_blank" rel="noreferrer">https://n8n.test/webhook-waiting/7?signature=abc</a></div>',
	);
	expect(bot.inner).toContain(
		'<div class="keyboard"><div class="row"><a class="button" href="https://n8n.test/webhook-waiting/7?approved=true&amp;signature=x" target="_blank" rel="noreferrer">Post it ↗</a><a class="button" href="https://n8n.test/webhook-waiting/7?approved=false&amp;signature=y" target="_blank" rel="noreferrer">Not now ↗</a></div><div class="row"><button type="button" title="more">More</button></div></div>',
	);
	expect(page.html).not.toContain('elsewhere');
});

test('a long address is shortened on screen and kept whole in the link; a deleted message is gone, an edited one says so', async () => {
	const mp = sim.platforms.mpChat;
	const url = `https://n8n.test/webhook-waiting/123456789?signature=${'f'.repeat(64)}`;
	const send = (body) => post(`/mpchat/bot/bot${mp.token}/sendMessage`, body);
	const first = await send({ chat_id: 5, text: `open ${url}` });
	const second = await send({ chat_id: 5, text: 'to delete' });
	await post(`/mpchat/bot/bot${mp.token}/editMessageText`, {
		chat_id: 5,
		message_id: first.result.message_id,
		text: `changed ${url}`,
	});
	await post(`/mpchat/bot/bot${mp.token}/deleteMessage`, {
		chat_id: 5,
		message_id: second.result.message_id,
	});
	const [only, ...rest] = messages((await view('platform=mpChat&chat=5')).html);
	expect(rest).toEqual([]);
	expect(only.inner).toBe(
		`<div class="bubble"><div class="text">changed <a href="${url}" target="_blank" rel="noreferrer">${url.slice(0, 45)}…</a></div><div class="meta">edited</div></div>`,
	);
});

test("bi.ink and minapp: the user's events that reached the webhook, the bot's buttons and link card", async () => {
	// Delivered (and refused: nothing listens there) all the same.
	for (const platform of ['biInk', 'minapp'])
		await sim.control('POST', `/${platform}/webhook`, { url: `${sim.url}/_sim/nowhere` });
	await sim.control('POST', '/biInk/inject', {
		userId: 'user_9',
		userName: 'Ann',
		text: 'deploy?',
	});
	await sim.control('POST', '/biInk/inject', {
		userId: 'user_9',
		kind: 'callback',
		callbackData: 'x',
	});
	await post(
		'/biink/bot/sendmessage',
		{
			target_user_id: 'user_9',
			message_type: 'text',
			content: 'Deploy v2?',
			extra: {
				inline_keyboard: [
					[
						{ text: 'Deploy', callback_data: 'n8w2.a' },
						{ text: 'Hold', callback_data: 'n8w2.b' },
					],
				],
			},
		},
		{ Authorization: `Bearer ${sim.platforms.biInk.token}` },
	);
	const bi = messages((await view('platform=biInk&chat=user_9')).html);
	expect(bi.map((m) => m.side)).toEqual(['user', 'bot']); // the button press is not a message
	expect(bi[0].inner).toContain('<div class="who">Ann</div><div class="text">deploy?</div>');
	expect(bi[1].inner).toBe(
		'<div class="bubble"><div class="text">Deploy v2?</div></div><div class="keyboard"><div class="row"><button type="button" title="n8w2.a">Deploy</button><button type="button" title="n8w2.b">Hold</button></div></div>',
	);

	await sim.control('POST', '/minapp/inject', { conversationId: 'wr_group_ops', text: 'notes?' });
	await post(
		`/minapp/api/send?secret=${sim.platforms.minapp.secret}&conversation_id=wr_group_ops`,
		{
			msgtype: 'link',
			link: { title: 'Release notes?', desc: 'Answer here', url: 'https://n8n.test/w/1' },
		},
	);
	const mini = messages((await view('platform=minapp&chat=wr_group_ops')).html);
	expect(mini.map((m) => m.side)).toEqual(['user', 'bot']);
	expect(mini[1].inner).toBe(
		'<div class="bubble"><a class="card" href="https://n8n.test/w/1" target="_blank" rel="noreferrer"><strong>Release notes?</strong><span>Answer here</span></a></div>',
	);
});

test('without a chat it lists the chats seen; an unknown platform is refused, naming those it knows', async () => {
	await sim.control('POST', '/mpChat/inject', { chatId: '-100200', text: 'hi' });
	await sim.control('POST', '/mpChat/inject', { chatId: '10001', text: 'hi' });
	const list = await view('platform=mpChat');
	expect(list.html).toContain(
		'<ul><li><a href="/_sim/chat?platform=mpChat&amp;chat=-100200">-100200</a></li><li><a href="/_sim/chat?platform=mpChat&amp;chat=10001">10001</a></li></ul>',
	);
	expect((await view('platform=fly&chat=u_1')).html).toContain('No message in this chat yet.');
	for (const platform of ['botTalk', 'constructor', ''])
		expect(await view(`platform=${platform}`)).toMatchObject({
			status: 404,
			html: 'platform must be one of: mpChat, biInk, fly, minapp\n',
		});
});

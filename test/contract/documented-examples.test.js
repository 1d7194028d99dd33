'use strict';
// Each platform document's own examples, replayed against the simulator and answered as
// documented. The simulator is what every other test trusts, so it is held to the documents.
const { spawn } = require('child_process');
const http = require('http');
const path = require('path');
const { startSimulator } = require('../helpers/simulator');
const { until: untilEvery } = require('../helpers/until');
const { referenceSignatures } = require('../helpers/flyReference');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const post = (url, body, headers = {}) =>
	fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});

/** Polls the simulator state on every turn of the event loop. */
const until = (check, what, ms = 10000) => untilEvery(check, what, ms, 0);

test('MPChat: getMe → getUpdates → sendMessage, exactly as the document calls them', async () => {
	const token = sim.credentials().mpChat;
	const base = `${sim.baseUrls().mpChat}/bot${token}`;
	let data = await (await fetch(`${base}/getMe`)).json();
	expect(data).toMatchObject({
		ok: true,
		result: { id: expect.any(Number), is_bot: true, username: expect.any(String) },
	});

	const polling = post(`${base}/getUpdates`, {
		timeout: 30,
		limit: 50,
		allowed_updates: ['message'],
	});
	await until(() => sim.platforms.mpChat.queue.waiting === 1, 'the long poll to block');
	await sim.control('POST', '/mpChat/inject', { chatId: '4242', text: 'hi' });
	data = await (await polling).json();
	const chatId = data.result?.find((u) => u.message)?.message?.chat?.id;
	expect(chatId).toBe(4242);

	// Consumed: the same call returns nothing now.
	expect((await (await post(`${base}/getUpdates`, { timeout: 0 })).json()).result).toEqual([]);

	data = await (
		await post(`${base}/sendMessage`, { chat_id: String(chatId), text: 'Hello from mpbot' })
	).json();
	expect(data.ok).toBe(true);
	expect(sim.platforms.mpChat.sent.map((m) => [m.chat_id, m.text])).toEqual([
		['4242', 'Hello from mpbot'],
	]);

	const bad = await post(`${base}/sendMessage`, { chat_id: 1.5, text: 'x' });
	expect(bad.status).toBe(400);
	expect((await bad.json()).ok).toBe(false);
	const unauthorized = await fetch(`${sim.baseUrls().mpChat}/bot1:nope/getMe`);
	expect(unauthorized.status).toBe(401);
});

test('MPChat: over 30 requests in a second gets 429 with retry_after', async () => {
	const base = `${sim.baseUrls().mpChat}/bot${sim.credentials().mpChat}`;
	// The limiter's clock stands still: all 35 arrive "within one second" however slow the machine.
	const at = Date.now();
	sim.platforms.mpChat.now = () => at;
	const answers = [];
	for (let i = 0; i < 35; i++) answers.push(await fetch(`${base}/getMe`));
	expect(answers.map((r) => r.status)).toEqual([...Array(30).fill(200), ...Array(5).fill(429)]);
	expect(await answers[30].json()).toMatchObject({
		ok: false,
		error_code: 429,
		parameters: { retry_after: 1 },
	});
	expect(answers[30].headers.get('retry-after')).toBe('1');
	// A second later the window has room again.
	sim.platforms.mpChat.now = () => at + 1000;
	expect((await fetch(`${base}/getMe`)).status).toBe(200);
});

test.each(['code', 'bare'])(
	"Fly: the document's Node polling echo bot runs unchanged (answers with %s envelope)",
	async (shape) => {
		await sim.control('POST', '/fly/envelope', { shape });
		const bot = spawn(process.execPath, [path.join(__dirname, '../fixtures/fly_polling_echo.js')], {
			env: {
				...process.env,
				FLY_BASE_URL: sim.baseUrls().fly,
				FLY_BOT_TOKEN: sim.credentials().fly,
			},
			stdio: 'ignore',
		});
		try {
			await sim.control('POST', '/fly/inject', { userId: 'u_7', text: '你好' });
			await sim.control('POST', '/fly/inject', { groupId: 'g_9', userId: 'u_8', text: 'group hi' });
			const sent = await until(
				() => (sim.platforms.fly.sent.length >= 2 ? sim.platforms.fly.sent : null),
				'two echoes',
			);
			expect(
				sent.map((m) => [m.to_user_id ?? m.group_id, m.data.content, m.client_msg_id]),
			).toEqual([
				['u_7', 'echo: 你好', 'echo_1'],
				['g_9', 'echo: group hi', 'echo_2'],
			]);
		} finally {
			bot.kill();
		}
	},
);

test('Fly: batch_access returns short-lived access URLs that download the media', async () => {
	const { update } = await sim.control('POST', '/fly/inject', {
		media: { kind: 'image', name: 'cat.png', mimeType: 'image/png' },
	});
	const url = update.message.data.originalUrl;
	expect((await fetch(url)).status).toBe(403);
	const auth = { Authorization: `Bearer ${sim.credentials().fly}` };
	const data = await (
		await post(
			`${sim.baseUrls().fly}/api/v1/s/bot/files/batch_access`,
			{ files: [{ url }], expire_seconds: 600 },
			auth,
		)
	).json();
	const access = data.data.files[url];
	const file = await fetch(access);
	expect(file.status).toBe(200);
	expect(file.headers.get('content-type')).toBe('image/png');
	expect((await file.arrayBuffer()).byteLength).toBe(2048);
});

test('Fly: webhook deliveries are signed v1 and verify with the default secret', async () => {
	const bodies = [];
	const server = http.createServer((req, res) => {
		let b = '';
		req
			.on('data', (c) => (b += c))
			.on('end', () => {
				bodies.push(b);
				res.end('ok');
			});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	try {
		await sim.control('POST', '/fly/webhook', {
			url: `http://127.0.0.1:${server.address().port}/hook`,
		});
		const { delivery } = await sim.control('POST', '/fly/inject', { text: '签名 test' });
		expect(delivery.status).toBe(200);
		// The document's own verifier functions (Python) expect exactly the signature delivered.
		const secret = require('crypto')
			.createHash('sha256')
			.update(sim.credentials().fly)
			.digest('hex');
		const [expected] = referenceSignatures([bodies[0]], secret);
		expect(JSON.parse(bodies[0]).signature).toBe(expected.signature);
		expect(referenceSignatures([bodies[0]], 'wrong')[0].signature).not.toBe(expected.signature);
	} finally {
		server.close();
	}
});

test('bi.ink: upload, send with keyboard, callback, answer, edit, delete as documented', async () => {
	const base = sim.baseUrls().biInk;
	const auth = { Authorization: `Bearer ${sim.credentials().biInk}` };
	const form = new FormData();
	form.append('file', new Blob([Buffer.from('img')], { type: 'image/jpeg' }), 'image.jpg');
	const up = await (
		await fetch(`${base}/bot/uploadfile`, { method: 'POST', headers: auth, body: form })
	).json();
	expect(up).toEqual({
		code: 200,
		msg: '文件上传成功',
		data: { file_id: expect.stringMatching(/^file_/) },
	});

	let r = await (
		await post(
			`${base}/bot/sendmessage`,
			{ group_id: 'group_123', message_type: 'image', content: '说明', file_id: up.data.file_id },
			auth,
		)
	).json();
	expect(r.code).toBe(200);
	r = await (
		await post(
			`${base}/bot/sendmessage`,
			{
				group_id: 'group_123',
				message_type: 'text',
				content: '请选择:',
				extra: {
					inline_keyboard: [
						[
							{ text: '确认', callback_data: 'confirm' },
							{ text: '取消', callback_data: 'cancel' },
						],
						[{ text: '查看详情', callback_data: 'detail' }],
					],
				},
			},
			auth,
		)
	).json();
	const messageId = r.data.message_id;
	const { event } = await sim.control('POST', '/biInk/inject', {
		kind: 'callback',
		groupId: 'group_123',
		callbackData: 'confirm',
		messageId,
	});
	expect(event).toMatchObject({
		event_type: 'callback_query',
		callback_data: 'confirm',
		message_id: messageId,
		callback_id: expect.stringMatching(/^cb_/),
	});
	expect(
		(
			await (
				await post(
					`${base}/bot/answercallback`,
					{ callback_id: event.callback_id, text: '操作成功', show_alert: false },
					auth,
				)
			).json()
		).code,
	).toBe(200);
	expect(
		(
			await (
				await post(
					`${base}/bot/editmessage`,
					{ message_id: messageId, content: '已确认', extra: { inline_keyboard: [] } },
					auth,
				)
			).json()
		).code,
	).toBe(200);
	expect(sim.platforms.biInk.messages.get(messageId)).toMatchObject({
		content: '已确认',
		extra: { inline_keyboard: [] },
	});
	expect(
		(await (await post(`${base}/bot/deletemessage`, { message_ids: [messageId] }, auth)).json())
			.code,
	).toBe(200);
	const noAuth = await post(`${base}/bot/getme`, {});
	expect(noAuth.status).toBe(401);
});

test('minapp: send each documented type; users and groups lists', async () => {
	const base = sim.baseUrls().minapp;
	const q = `secret=${sim.credentials().minapp}&conversation_id=wm_user_zhangsan`;
	for (const body of [
		{ msgtype: 'text', text: { content: 'hello world' } },
		{
			msgtype: 'link',
			link: {
				title: '标题',
				url: 'https://x.com',
				image_url: 'https://x.com/logo.png',
				desc: '描述',
			},
		},
		{
			msgtype: 'image',
			image: { url: 'https://tuiguangdashi.com/template/eyou/pc/skin/images/logo.png' },
		},
		{ msgtype: 'miniprogram', miniprogram: {} },
	]) {
		const r = await post(`${base}/api/send?${q}`, body);
		expect(r.status).toBe(200);
	}
	expect(sim.platforms.minapp.sent).toHaveLength(4);
	const users = await (await fetch(`${base}/api/users?secret=${sim.credentials().minapp}`)).json();
	expect(users.data[0]).toEqual({ name: '张三', conversation_id: 'wm_user_zhangsan' });
	expect((await fetch(`${base}/api/groups?secret=bad`)).status).toBe(401);
});

test('BotTalk: push by path, by /notify with Bearer, management with a login session', async () => {
	const base = sim.baseUrls().botTalk;
	const key = sim.credentials().botTalk;
	expect(
		await (await post(`${base}/${key}.send`, { title: 'Hello', desp: 'World' })).json(),
	).toEqual({
		code: 0,
		message: 'success',
		data: { results: [{ channel_id: 1, status: 'success' }] },
	});
	expect(
		(
			await (
				await post(
					`${base}/notify`,
					{ title: 'Server Alert', message: 'CPU usage > 90%' },
					{ Authorization: `Bearer ${key}` },
				)
			).json()
		).code,
	).toBe(0);
	expect(
		(await (await post(`${base}/notify`, {}, { Authorization: `Bearer ${key}` })).json()).code,
	).toBe(40003);
	expect(
		(await (await post(`${base}/notify`, { title: 'x' }, { Authorization: 'Bearer nope' })).json())
			.code,
	).toBe(40001);

	expect((await fetch(`${base}/api/channels`)).status).toBe(401);
	const login = await post(`${base}/api/auth/login`, { send_key: key });
	const cookie = login.headers.get('set-cookie').split(';')[0];
	const channels = await (
		await fetch(`${base}/api/channels`, { headers: { Cookie: cookie } })
	).json();
	expect(channels).toMatchObject({
		success: true,
		data: [{ id: 1, is_default: 1, status: 'active' }],
	});
	const created = await (
		await post(
			`${base}/api/reminders`,
			{ title: '喝水提醒', message: '记得喝水', time: '09:00', type: 'daily' },
			{ Cookie: cookie },
		)
	).json();
	expect(created).toEqual({ success: true, id: expect.any(Number) });
	const bad = await post(`${base}/api/reminders`, { title: 'x', time: '9am' }, { Cookie: cookie });
	expect(bad.status).toBe(400);
	const logs = await (await fetch(`${base}/api/push-logs`, { headers: { Cookie: cookie } })).json();
	expect(logs.data.map((l) => l.title)).toEqual(['Server Alert', 'Hello']);
});

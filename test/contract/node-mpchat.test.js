'use strict';
// MPChat node, every operation, in n8n's engine against the simulator: the exact request the
// platform receives, the node's output, and the error paths.
const { dist } = require('../helpers/packages');
const { setupNodeTests, everything } = require('../helpers/nodes');

const t = setupNodeTests();
const TOKEN = '123456789:SIM-mpchat-token-AAAA';
const BIG = '-1001234567890123456789';

describe('MPChat node', () => {
	test('Bot → Get Me returns the bot profile', async () => {
		const r = await t.run('mpChat', { resource: 'bot', operation: 'getMe' });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([
			{
				json: { id: 987654321, is_bot: true, username: 'sim_mpchat_bot', first_name: 'Sim Bot' },
				pairedItem: { item: 0 },
			},
		]);
		expect(t.last('mpChat').path).toBe(`/bot${TOKEN}/getMe`);
		// As the document calls it: a plain GET.
		expect(t.last('mpChat').method).toBe('GET');
	});

	test("the credential test is the document's getMe: a GET that the simulator answers ok", async () => {
		const { MpChatApi } = require(dist('mpChat', 'credentials/MpChatApi.credentials'));
		const cred = new MpChatApi();
		const req = await cred.authenticate({ ...t.creds.mpChatApi }, { ...cred.test.request });
		const res = await fetch(`${req.baseURL}${req.url}`, { method: req.method ?? 'GET' });
		expect(res.status).toBe(200);
		expect(t.last('mpChat')).toMatchObject({ method: 'GET', path: `/bot${TOKEN}/getMe` });
	});

	test('Update → Get Many sends offset, limit, timeout and types, and returns one item per update', async () => {
		for (const text of ['a', 'b', 'c']) t.sim.platforms.mpChat.inject({ chatId: BIG, text });
		t.sim.platforms.mpChat.inject({ kind: 'callback', chatId: '5', callbackData: 'x' });
		const r = await t.run('mpChat', {
			resource: 'update',
			operation: 'getMany',
			offset: 0,
			limit: 2,
			timeout: 0,
			allowedUpdates: ['message'],
		});
		expect(r.error).toBeUndefined();
		expect(t.last('mpChat').body).toEqual({ limit: 2, timeout: 0, allowed_updates: ['message'] });
		expect(r.items.map((i) => i.json.message.text)).toEqual(['a', 'b']);
		// The chat ID beyond 2^53 arrives as a raw JSON number and stays exact.
		expect(r.items[0].json.message.chat.id).toBe(BIG);
		// Every item carries the offset for the next call: one past the batch's highest update_id.
		const next = r.items[1].json.update_id + 1;
		expect(r.items.map((i) => i.json.nextOffset)).toEqual([String(next), String(next)]);
		const r2 = await t.run(
			'mpChat',
			{
				resource: 'update',
				operation: 'getMany',
				offset: '={{ $json.nextOffset }}',
				limit: 50,
				timeout: 0,
				allowedUpdates: [],
			},
			{ items: [r.items[1]] },
		);
		expect(t.last('mpChat').body).toEqual({ offset: next, limit: 50, timeout: 0 });
		// The button press was not an allowed type for the first call: the platform dropped it.
		expect(r2.items.map((i) => i.json.message.text)).toEqual(['c']);
	});

	test('Update → Get Many pages exactly beyond 2^53 with the documented {{ $json.nextOffset }}', async () => {
		const mp = t.sim.platforms.mpChat;
		mp.queue.nextId = 9007199254740993n;
		for (const text of ['a', 'b', 'c']) mp.inject({ chatId: '5', text });
		const r = await t.run('mpChat', {
			resource: 'update',
			operation: 'getMany',
			offset: '',
			limit: 2,
			timeout: 0,
			allowedUpdates: [],
		});
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.json.update_id)).toEqual(['9007199254740993', '9007199254740994']);
		expect(r.items.map((i) => i.json.nextOffset)).toEqual(['9007199254740995', '9007199254740995']);
		// Unconsumed by the first call: the platform holds the batch until an offset past it confirms it.
		mp.queue.pending.unshift(
			...r.items.map((i) => ({ update_id: BigInt(i.json.update_id), message: i.json.message })),
		);
		const r2 = await t.run(
			'mpChat',
			{
				resource: 'update',
				operation: 'getMany',
				offset: '={{ $json.nextOffset }}',
				limit: 50,
				timeout: 0,
				allowedUpdates: [],
			},
			{ items: [r.items[1]] },
		);
		expect(r2.error).toBeUndefined();
		// Beyond 2^53 the offset travels as a decimal string, as the document allows for IDs.
		expect(t.last('mpChat').text).toContain('"offset":"9007199254740995"');
		expect(r2.items.map((i) => [i.json.update_id, i.json.message.text])).toEqual([
			['9007199254740995', 'c'],
		]);
	});

	test.each([['abc'], ['1.5'], ['-3'], ['={{ 12345678901234567890 }}']])(
		'Update → Get Many refuses the offset %s, naming the field',
		async (offset) => {
			const r = await t.run('mpChat', {
				resource: 'update',
				operation: 'getMany',
				offset,
				limit: 5,
				timeout: 0,
				allowedUpdates: [],
			});
			expect(r.error.message).toMatch(/^Offset /);
			expect(t.requests('mpChat')).toHaveLength(0);
		},
	);

	test('Message → Send Text: big chat IDs travel as decimal strings, safe ones as numbers, keyboard and options included', async () => {
		const r = await t.run(
			'mpChat',
			{
				resource: 'message',
				operation: 'sendText',
				chatId: '={{ $json.chat }}',
				text: '={{ $json.text }}',
				keyboardSource: 'json',
				keyboardJson: '[[{"text":"Yes","callback_data":"y"}]]',
				options: { parseMode: 'HTML', replyToMessageId: '7', disableNotification: true },
			},
			{ items: [{ json: { chat: BIG, text: 'one' } }, { json: { chat: 42, text: 'two' } }] },
		);
		expect(r.error).toBeUndefined();
		const sent = t.requests('mpChat');
		const texts = sent.map((s) => s.text);
		expect(texts.find((x) => x.includes('"one"'))).toContain(`"chat_id":"${BIG}"`);
		expect(texts.find((x) => x.includes('"two"'))).toContain('"chat_id":42');
		expect(sent.find((s) => s.body.text === 'one').body).toEqual({
			chat_id: BIG,
			text: 'one',
			parse_mode: 'HTML',
			disable_notification: true,
			reply_to_message_id: 7,
			reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'y' }]] },
		});
		expect(r.items.map((i) => [i.json.chat.id, i.json.text, i.pairedItem.item])).toEqual([
			[BIG, 'one', 0],
			[42, 'two', 1],
		]);
	});

	test('Message → Send Text keeps item order within a chat while chats run side by side', async () => {
		const items = [];
		for (let n = 0; n < 30; n++) items.push({ json: { chat: String(100 + (n % 3)), n } });
		const r = await t.run(
			'mpChat',
			{
				resource: 'message',
				operation: 'sendText',
				chatId: '={{ $json.chat }}',
				text: '={{ "m" + $json.n }}',
			},
			{ items },
		);
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.pairedItem.item)).toEqual(items.map((_, n) => n));
		for (const chat of ['100', '101', '102']) {
			const order = t.sim.platforms.mpChat.sent
				.filter((s) => s.chat_id === chat)
				.map((s) => Number(s.text.slice(1)));
			expect(order).toEqual([...order].sort((a, b) => a - b));
			expect(order).toHaveLength(10);
		}
	});

	test('Message → Send Media from a URL calls the Telegram-shaped method', async () => {
		const r = await t.run('mpChat', {
			resource: 'message',
			operation: 'sendMedia',
			chatId: '42',
			mediaType: 'photo',
			source: 'url',
			url: 'https://example.com/a.jpg',
			caption: 'cap',
		});
		expect(r.error).toBeUndefined();
		const req = t.last('mpChat');
		expect(req.path).toBe(`/bot${TOKEN}/sendPhoto`);
		expect(req.body).toEqual({ chat_id: 42, photo: 'https://example.com/a.jpg', caption: 'cap' });
		expect(r.items[0].json.photo.url).toBe('https://example.com/a.jpg');
	});

	test('Message → Send Media from binary data is a streamed multipart upload with the file intact', async () => {
		const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 9);
		const r = await t.run(
			'mpChat',
			{
				resource: 'message',
				operation: 'sendMedia',
				chatId: BIG,
				mediaType: 'document',
				source: 'binary',
				binaryPropertyName: 'file',
				caption: '说明',
			},
			{
				items: [
					{
						json: {},
						binary: { file: { data: bytes, fileName: 'report.pdf', mimeType: 'application/pdf' } },
					},
				],
			},
		);
		expect(r.error).toBeUndefined();
		const req = t.last('mpChat');
		expect(req.path).toBe(`/bot${TOKEN}/sendDocument`);
		expect(req.multipart.fields).toEqual({ chat_id: BIG, caption: '说明' });
		expect(req.multipart.files.document).toEqual({
			filename: 'report.pdf',
			contentType: 'application/pdf',
			size: bytes.length,
			sha256: require('crypto').createHash('sha256').update(bytes).digest('hex'),
		});
		expect(r.items[0].json.document.file_size).toBe(bytes.length);
	});

	test('Method → Call Method reaches any method with JSON parameters', async () => {
		await t.run('mpChat', {
			resource: 'message',
			operation: 'sendText',
			chatId: '42',
			text: 'old',
		});
		const r = await t.run('mpChat', {
			resource: 'method',
			operation: 'call',
			method: 'editMessageText',
			parameters: '{"chat_id": 42, "message_id": 1, "text": "new"}',
		});
		expect(r.error).toBeUndefined();
		expect(t.last('mpChat').path).toBe(`/bot${TOKEN}/editMessageText`);
		expect(r.items[0].json.text).toBe('new');
		const info = await t.run('mpChat', {
			resource: 'method',
			operation: 'call',
			method: 'deleteWebhook',
			parameters: '{}',
			allowBotSettings: true,
		});
		expect(info.items[0].json).toEqual({ result: true });
	});

	test('Method → Call Method refuses methods that change the bot itself unless Allow Bot Settings Methods is on', async () => {
		for (const method of [
			'setWebhook',
			'deleteWebhook',
			'DELETEWEBHOOK',
			'logOut',
			'logout',
			'close',
			'Close',
			'setMyCommands',
			'deleteMyCommands',
			'setMyName',
			'setMyDescription',
			'setMyShortDescription',
			'setMyDefaultAdministratorRights',
			'setChatMenuButton',
			'set_webhook',
		]) {
			const r = await t.run('mpChat', {
				resource: 'method',
				operation: 'call',
				method,
				parameters: '{"url": "https://attacker.example/hook"}',
			});
			expect([method, r.error?.message]).toEqual([
				method,
				expect.stringMatching(/changes the bot itself.*turn on "Allow Bot Settings Methods"/),
			]);
			expect(r.error.name).toBe('NodeOperationError');
		}
		expect(t.requests('mpChat')).toHaveLength(0);
		// Methods acting in a chat are not caught by the list.
		for (const method of ['getWebhookInfo', 'setChatTitle', 'closeForumTopic', 'getMyCommands']) {
			const r = await t.run('mpChat', {
				resource: 'method',
				operation: 'call',
				method,
				parameters: '{}',
			});
			expect([method, r.error?.message ?? '']).toEqual([
				method,
				expect.not.stringMatching(/Allow Bot Settings/),
			]);
		}
	});

	test('Method → Call Method uploads a binary as multipart', async () => {
		const r = await t.run(
			'mpChat',
			{
				resource: 'method',
				operation: 'call',
				method: 'sendVoice',
				parameters: '{"chat_id": "42"}',
				sendBinary: true,
				binaryPropertyName: 'data',
				fileField: 'voice',
			},
			{
				items: [
					{
						json: {},
						binary: {
							data: { data: Buffer.from('OggS-voice'), fileName: 'v.ogg', mimeType: 'audio/ogg' },
						},
					},
				],
			},
		);
		expect(r.error).toBeUndefined();
		expect(t.last('mpChat').multipart.files.voice).toMatchObject({ filename: 'v.ogg', size: 10 });
	});

	describe('parameter mistakes fail before any request, naming the field', () => {
		test.each([
			[
				{ resource: 'message', operation: 'sendText', chatId: 'abc', text: 'x' },
				/Chat ID must be an integer ID/,
			],
			[
				{
					resource: 'message',
					operation: 'sendText',
					chatId: '={{ 12345678901234567890 }}',
					text: 'x',
				},
				/Chat ID must be an integer ID; .* not a safe integer/,
			],
			[
				{
					resource: 'message',
					operation: 'sendText',
					chatId: '1',
					text: 'x',
					keyboardSource: 'json',
					keyboardJson: '[[{"text":"a"}',
				},
				/Keyboard JSON is not valid JSON/,
			],
			[
				{
					resource: 'message',
					operation: 'sendText',
					chatId: '1',
					text: 'x',
					keyboardSource: 'json',
					keyboardJson: '[[{"text":"a"}]]',
				},
				/Keyboard JSON: row 1, button 1 needs a "callback_data"/,
			],
			[
				{
					resource: 'message',
					operation: 'sendMedia',
					chatId: '1',
					mediaType: 'photo',
					source: 'binary',
					binaryPropertyName: 'nope',
				},
				/Input Binary Field: the input item has no binary property "nope"/,
			],
			[
				{ resource: 'method', operation: 'call', method: 'send message', parameters: '{}' },
				/Method "send message" is not a method name/,
			],
		])('%o', async (parameters, message) => {
			const r = await t.run('mpChat', parameters);
			expect(r.error.message).toMatch(message);
			expect(r.error.name).toBe('NodeOperationError');
			expect(t.requests('mpChat')).toHaveLength(0);
		});
	});

	test('a failed item stops new items from starting, and the error lists what was already sent', async () => {
		const items = [
			{ json: { chat: '1' } },
			{ json: { chat: '2' } },
			{ json: { chat: 'x' } },
			{ json: { chat: '3' } },
			{ json: { chat: '1' } },
		];
		const r = await t.run(
			'mpChat',
			{ resource: 'message', operation: 'sendText', chatId: '={{ $json.chat }}', text: 'hi' },
			{ items },
		);
		expect(r.error.message).toMatch(/Chat ID must be an integer ID/);
		const sent = t.sim.platforms.mpChat.sent.map((m) => [m.chat_id, String(m.message_id)]);
		// Items 0 and 1 were under way when item 2 failed; item 3 and 4 never started.
		expect(sent.map(([chat]) => chat).sort()).toEqual(['1', '2']);
		const id = (chat) => sent.find(([c]) => c === chat)[1];
		expect(r.error.description).toContain(
			`Already done before this failure (not undone): item 0 (message ID ${id('1')}), item 1 (message ID ${id('2')}). Rerun only the other items.`,
		);
		expect(r.error.context.completed).toEqual([
			{ item: 0, messageId: id('1') },
			{ item: 1, messageId: id('2') },
		]);
	});

	test('Continue On Fail yields an error item in place and goes on with the other items', async () => {
		const r = await t.run(
			'mpChat',
			{ resource: 'message', operation: 'sendText', chatId: '={{ $json.chat }}', text: 'hi' },
			{
				continueOnFail: true,
				items: [{ json: { chat: '1' } }, { json: { chat: 'x' } }, { json: { chat: '3' } }],
			},
		);
		expect(r.items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(r.items[1].json.error).toMatch(/Chat ID must be an integer ID/);
		expect(t.sim.platforms.mpChat.sent.map((s) => s.chat_id).sort()).toEqual(['1', '3']);
	});

	test('a revoked token is a clear error with the token redacted everywhere', async () => {
		const bad = '999:REVOKED-token-zzzz';
		const r = await t.run(
			'mpChat',
			{ resource: 'bot', operation: 'getMe' },
			{ credentials: { accessToken: bad } },
		);
		expect(r.error.message).toBe('MPChat GET /getMe failed with HTTP 401: Unauthorized');
		expect(r.error.description).toMatch(/invalid or has been revoked/);
		expect(everything(r)).not.toContain('REVOKED-token');
	});

	test('429 with retry_after is waited out and the message is sent once', async () => {
		t.sim.faults.push({
			platform: 'mpChat',
			path: 'sendMessage',
			status: 429,
			times: 2,
			body: {
				ok: false,
				error_code: 429,
				description: 'Too Many Requests: retry after 0',
				parameters: { retry_after: 0 },
			},
		});
		const r = await t.run('mpChat', {
			resource: 'message',
			operation: 'sendText',
			chatId: '5',
			text: 'once',
		});
		expect(r.error).toBeUndefined();
		expect(t.requests('mpChat')).toHaveLength(3);
		expect(t.sim.platforms.mpChat.sent).toHaveLength(1);
	});

	test('a platform error shows its description, and a 5xx on a send is not repeated', async () => {
		t.sim.faults.push({
			platform: 'mpChat',
			path: 'sendMessage',
			status: 502,
			times: 1,
			body: { ok: false, error_code: 502, description: 'Bad Gateway' },
		});
		const r = await t.run('mpChat', {
			resource: 'message',
			operation: 'sendText',
			chatId: '5',
			text: 'x',
		});
		expect(r.error.message).toBe('MPChat POST /sendMessage failed with HTTP 502: Bad Gateway');
		expect(t.requests('mpChat')).toHaveLength(1);
		expect(everything(r)).not.toContain(TOKEN);
	});
});

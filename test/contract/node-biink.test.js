'use strict';
// bi.ink node, every operation, in n8n's engine against the simulator.
const crypto = require('crypto');
const { setupNodeTests, everything } = require('../helpers/nodes');

const t = setupNodeTests();
const AUTH = 'Bearer sim-biink-token-0001';
const send = (extra) => ({
	resource: 'message',
	operation: 'send',
	groupId: '',
	userId: '',
	messageType: 'text',
	...extra,
});

describe('bi.ink node', () => {
	test('File → Upload streams the binary and returns its file_id', async () => {
		const bytes = crypto.randomBytes(200_000);
		const r = await t.run(
			'biInk',
			{ resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
			{
				items: [
					{
						json: {},
						binary: { data: { data: bytes, fileName: '图片.png', mimeType: 'image/png' } },
					},
				],
			},
		);
		expect(r.error).toBeUndefined();
		const req = t.last('biInk');
		expect(req.path).toBe('/bot/uploadfile');
		expect(req.headers.authorization).toBe(AUTH);
		expect(req.multipart.files.file).toMatchObject({
			filename: '图片.png',
			contentType: 'image/png',
			size: bytes.length,
			sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
		});
		expect(r.items[0].json).toEqual({
			file_id: 'file_1',
			fileName: '图片.png',
			mimeType: 'image/png',
			fileSize: bytes.length,
		});
	});

	test('a run of many items reads its credential from n8n once, not once per item', async () => {
		const items = Array.from({ length: 12 }, (_, i) => ({ json: { u: `user_${i % 4}` } }));
		const r = await t.run('biInk', send({ userId: '={{ $json.u }}', content: 'hi' }), { items });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(12);
		expect(r.credentialsHelper.loads).toBe(1);
	});

	test('Message → Send text to a group with a keyboard built row by row', async () => {
		const r = await t.run(
			'biInk',
			send({
				groupId: 'group_123',
				content: '请选择:',
				keyboardSource: 'rows',
				keyboardRows: {
					row: [
						{
							buttons: {
								button: [
									{ text: '确认', callbackData: 'confirm' },
									{ text: '取消', callbackData: 'cancel' },
								],
							},
						},
						{ buttons: { button: [{ text: 'More', callbackData: 'more' }] } },
					],
				},
			}),
		);
		expect(r.error).toBeUndefined();
		expect(t.last('biInk').body).toEqual({
			group_id: 'group_123',
			message_type: 'text',
			content: '请选择:',
			extra: {
				inline_keyboard: [
					[
						{ text: '确认', callback_data: 'confirm' },
						{ text: '取消', callback_data: 'cancel' },
					],
					[{ text: 'More', callback_data: 'more' }],
				],
			},
		});
		expect(r.items[0].json).toEqual({ message_id: 'msg_1' });
	});

	test('Message → Send an image straight from binary: uploads first, then sends the file_id, with reply and quote', async () => {
		const first = await t.run('biInk', send({ userId: 'user_9', content: 'hello' }));
		const id = first.items[0].json.message_id;
		const r = await t.run(
			'biInk',
			send({
				userId: 'user_9',
				messageType: 'image',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
				caption: '说明',
				options: { replyToId: id, quoteMessageId: id },
			}),
			{
				items: [
					{
						json: {},
						binary: {
							data: { data: Buffer.from('png'), fileName: 'a.png', mimeType: 'image/png' },
						},
					},
				],
			},
		);
		expect(r.error).toBeUndefined();
		const [upload, message] = t.requests('biInk').slice(-2);
		expect(upload.path).toBe('/bot/uploadfile');
		expect(message.body).toEqual({
			target_user_id: 'user_9',
			message_type: 'image',
			content: '说明',
			file_id: 'file_2',
			reply_to_id: id,
			quote_message_id: id,
		});
		expect(r.items[0].json).toEqual({ message_id: 'msg_3', file_id: 'file_2' });
	});

	test.each([
		['video', { mediaSource: 'fileId', fileId: 'file_X' }, { file_id: 'file_X' }],
		['sticker', { stickerId: 'sticker_123456' }, { file_id: 'sticker_123456' }],
		['contact', { contactId: 'user_123456' }, { file_id: 'user_123456' }],
	])('Message → Send %s', async (type, params, expected) => {
		if (type === 'video') t.sim.platforms.biInk.files.set('file_X', { filename: 'v.mp4' });
		const r = await t.run('biInk', send({ groupId: 'group_123', messageType: type, ...params }));
		expect(r.error).toBeUndefined();
		expect(t.last('biInk').body).toEqual({
			group_id: 'group_123',
			message_type: type,
			...expected,
		});
	});

	test('Message → Edit changes the text; Remove Keyboard clears the buttons in one switch', async () => {
		await t.run(
			'biInk',
			send({
				groupId: 'group_123',
				content: 'q',
				keyboardSource: 'json',
				keyboardJson: '{"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}',
			}),
		);
		const r = await t.run('biInk', {
			resource: 'message',
			operation: 'edit',
			messageId: 'msg_1',
			content: '已更新',
			removeKeyboard: true,
		});
		expect(r.error).toBeUndefined();
		expect(t.last('biInk').body).toEqual({
			message_id: 'msg_1',
			content: '已更新',
			extra: { inline_keyboard: [] },
		});
		expect(t.sim.platforms.biInk.messages.get('msg_1')).toMatchObject({
			content: '已更新',
			extra: { inline_keyboard: [] },
			edited: true,
		});
	});

	test('Message → Delete one or many', async () => {
		for (let n = 0; n < 3; n++)
			await t.run('biInk', send({ groupId: 'group_123', content: `m${n}` }));
		let r = await t.run('biInk', { resource: 'message', operation: 'delete', messageIds: 'msg_1' });
		expect(t.last('biInk').body).toEqual({ message_id: 'msg_1' });
		r = await t.run('biInk', {
			resource: 'message',
			operation: 'delete',
			messageIds: 'msg_2, msg_3',
		});
		expect(t.last('biInk').body).toEqual({ message_ids: ['msg_2', 'msg_3'] });
		expect(r.items[0].json.deleted).toEqual(['msg_2', 'msg_3']);
	});

	test('Callback → Answer', async () => {
		const { event } = await t.sim.platforms.biInk.inject({
			kind: 'callback',
			callbackData: 'confirm',
		});
		const r = await t.run('biInk', {
			resource: 'callback',
			operation: 'answer',
			callbackId: event.callback_id,
			text: '已确认',
			showAlert: true,
			url: '',
		});
		expect(r.error).toBeUndefined();
		expect(t.last('biInk').body).toEqual({
			callback_id: event.callback_id,
			text: '已确认',
			show_alert: true,
		});
		expect(t.sim.platforms.biInk.callbacks.get(event.callback_id).answer).toEqual({
			callback_id: event.callback_id,
			text: '已确认',
			show_alert: true,
		});
	});

	test('Bot → Get Me, Group → Get', async () => {
		const me = await t.run('biInk', { resource: 'bot', operation: 'getMe' });
		expect(me.items[0].json).toEqual({
			bot_id: 'bot_sim_1',
			username: 'sim_biink_bot',
			display_name: 'Sim bi.ink Bot',
		});
		const g = await t.run('biInk', { resource: 'group', operation: 'get', groupId: 'group_123' });
		expect(t.last('biInk').body).toEqual({ group_id: 'group_123' });
		expect(g.items[0].json).toEqual({ group_id: 'group_123', title: '测试群组', member_count: 3 });
	});

	test('Command Menu → Set, Get', async () => {
		const r = await t.run('biInk', {
			resource: 'commandMenu',
			operation: 'set',
			commands: {
				command: [
					{ command: '/start', description: '开始使用' },
					{ command: 'help', description: '帮助' },
				],
			},
		});
		expect(r.error).toBeUndefined();
		expect(t.last('biInk').body).toEqual({
			commands: [
				{ command: 'start', description: '开始使用' },
				{ command: 'help', description: '帮助' },
			],
		});
		const g = await t.run('biInk', { resource: 'commandMenu', operation: 'get' });
		expect(g.items[0].json.commands).toHaveLength(2);
	});

	test('Member → Mute, Unmute with extra fields', async () => {
		await t.run('biInk', {
			resource: 'member',
			operation: 'mute',
			groupId: 'group_123',
			userId: 'user_1',
			extraFields: '{"duration": 600}',
		});
		expect(t.last('biInk')).toMatchObject({
			path: '/bot/mutemember',
			body: { duration: 600, group_id: 'group_123', user_id: 'user_1' },
		});
		await t.run('biInk', {
			resource: 'member',
			operation: 'unmute',
			groupId: 'group_123',
			userId: 'user_1',
			extraFields: '{}',
		});
		expect(t.last('biInk')).toMatchObject({
			path: '/bot/unmutemember',
			body: { group_id: 'group_123', user_id: 'user_1' },
		});
	});

	describe('parameter mistakes fail before any request, naming the field', () => {
		test.each([
			[
				send({ groupId: 'g', userId: 'u', content: 'x' }),
				'Set either Group ID or User ID, not both',
			],
			// Nothing typed and no bi.ink trigger event behind the item: the triggering chat is not found.
			[send({ content: 'x' }), '"Reply in the Triggering Chat" found no bi.ink chat for item 0'],
			[
				send({
					groupId: 'g',
					messageType: 'file',
					mediaSource: 'binary',
					binaryPropertyName: 'data',
				}),
				'Input Binary Field: the input item has no binary property "data"',
			],
			[
				send({ groupId: 'g', content: 'x', keyboardSource: 'json', keyboardJson: '{oops' }),
				/^Keyboard JSON is not valid JSON/,
			],
			[
				{
					resource: 'message',
					operation: 'edit',
					messageId: 'm',
					content: '',
					removeKeyboard: false,
				},
				/nothing to edit/,
			],
			[
				{
					resource: 'commandMenu',
					operation: 'set',
					commands: { command: [{ command: 'Bad Cmd', description: 'x' }] },
				},
				/Commands: command 1 "Bad Cmd"/,
			],
		])('%o', async (parameters, message) => {
			const r = await t.run('biInk', parameters);
			expect(r.error.message).toMatch(message);
			expect(r.error.name).toBe('NodeOperationError');
			expect(t.requests('biInk')).toHaveLength(0);
		});
	});

	test('a platform error code is explained; a wrong token is redacted', async () => {
		let r = await t.run('biInk', {
			resource: 'message',
			operation: 'edit',
			messageId: 'msg_404',
			content: 'x',
		});
		expect(r.error.message).toBe(
			'bi.ink POST /bot/editmessage failed with HTTP 404: message not found',
		);
		r = await t.run(
			'biInk',
			{ resource: 'bot', operation: 'getMe' },
			{ credentials: { accessToken: 'leaky-secret-token-123' } },
		);
		expect(r.error.message).toMatch(/HTTP 401/);
		expect(everything(r)).not.toContain('leaky-secret-token-123');
	});

	test('429 is retried and the message sent once', async () => {
		t.sim.faults.push({
			platform: 'biInk',
			path: 'sendmessage',
			status: 429,
			times: 1,
			headers: { 'Retry-After': '0' },
			body: { code: 429, msg: 'too many requests' },
		});
		const r = await t.run('biInk', send({ groupId: 'group_123', content: 'x' }));
		expect(r.error).toBeUndefined();
		expect(t.sim.platforms.biInk.sent).toHaveLength(1);
		expect(t.requests('biInk')).toHaveLength(2);
	});
});

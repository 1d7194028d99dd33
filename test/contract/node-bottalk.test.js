'use strict';
// BotTalk node, every operation, against the simulator: Bearer pushes, and management calls on a
// session n8n logs in for (and logs in again once when the session is rejected).
const { setupNodeTests, everything } = require('../helpers/nodes');

const t = setupNodeTests();
const KEY = '0123456789abcdef0123456789abcdef';
const bt = () => t.sim.platforms.botTalk;
const addChannel = (patch = {}) => {
	const c = {
		id: bt().channels.length + 1,
		user_id: 1,
		name: `C${bt().channels.length + 1}`,
		channel_type: 'wechat_ilink',
		status: 'active',
		is_default: 0,
		created_at: '',
		fail: false,
		...patch,
	};
	bt().channels.push(c);
	return c;
};

describe('BotTalk node', () => {
	test('Push → Send: POST /notify with the Bearer key, never the key in a URL; per-channel results', async () => {
		const r = await t.run('botTalk', {
			resource: 'push',
			operation: 'send',
			title: '告警',
			content: 'CPU 95%',
			channel: 'default',
		});
		expect(r.error).toBeUndefined();
		const req = t.last('botTalk');
		expect([req.method, req.path, req.query, req.headers.authorization]).toEqual([
			'POST',
			'/notify',
			{},
			`Bearer ${KEY}`,
		]);
		expect(req.body).toEqual({ title: '告警', desp: 'CPU 95%', channel: 'default' });
		expect(r.items[0].json).toEqual({
			delivered: 1,
			failed: 0,
			skipped: 0,
			partialFailure: false,
			results: [{ channel_id: 1, status: 'success' }],
		});
	});

	test('Push → Send to channel IDs: a partial failure is visible, a total failure is an error', async () => {
		addChannel();
		addChannel({ fail: true });
		const partial = await t.run('botTalk', {
			resource: 'push',
			operation: 'send',
			title: 'x',
			content: '',
			channel: 'ids',
			channelIds: '2, 3',
		});
		expect(t.last('botTalk').body.channel).toBe('2,3');
		expect(partial.items[0].json).toMatchObject({ delivered: 1, failed: 1, partialFailure: true });
		const total = await t.run('botTalk', {
			resource: 'push',
			operation: 'send',
			title: 'x',
			content: '',
			channel: 'ids',
			channelIds: '3',
		});
		expect(total.error.message).toMatch(/^BotTalk POST \/notify failed with code 50001: /);
		expect(total.error.description).toMatch(/Every channel failed/);
	});

	test('Push → Send: the hourly limit (42901) is a clear error', async () => {
		bt().limitPerHour = 1;
		await t.run('botTalk', {
			resource: 'push',
			operation: 'send',
			title: 'a',
			content: '',
			channel: 'all',
		});
		const r = await t.run('botTalk', {
			resource: 'push',
			operation: 'send',
			title: 'b',
			content: '',
			channel: 'all',
		});
		expect(r.error.description).toMatch(/at most 100 pushes per hour/);
	});

	test('management calls log in once with the SendKey and reuse the session', async () => {
		const r = await t.run(
			'botTalk',
			{ resource: 'channel', operation: 'list' },
			{ items: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		expect(r.error).toBeUndefined();
		expect(bt().logins).toBe(1);
		const login = t.requests('botTalk').find((q) => q.path === '/api/auth/login');
		expect(login.body).toEqual({ send_key: KEY });
		expect(
			t
				.requests('botTalk')
				.filter((q) => q.path === '/api/channels')
				.every((q) => /bt_session=/.test(q.headers.cookie)),
		).toBe(true);
		expect(r.items[0].json.bot_token).toBe('***');
		expect(r.credentialsHelper.updates).toEqual(['botTalkApi']);
	});

	test('a rejected session logs in again once and the call succeeds', async () => {
		const first = await t.run('botTalk', { resource: 'reminder', operation: 'list' });
		const cookie = first.credentialsHelper.store.botTalkApi.sessionCookie;
		bt().sessions.clear();
		const r = await t.run(
			'botTalk',
			{ resource: 'pushLog', operation: 'list' },
			{ credentials: { sessionCookie: cookie } },
		);
		expect(r.error).toBeUndefined();
		expect(bt().logins).toBe(2);
		expect(
			t
				.requests('botTalk')
				.map((q) => [
					q.path,
					q.path === '/api/push-logs' ? /bt_session/.test(q.headers.cookie ?? '') : null,
				])
				.slice(-3),
		).toEqual([
			['/api/push-logs', true],
			['/api/auth/login', null],
			['/api/push-logs', true],
		]);
	});

	test('Reminder → Create, List, Disable, Enable, Delete', async () => {
		const c = await t.run('botTalk', {
			resource: 'reminder',
			operation: 'create',
			title: '喝水',
			message: '起来走走',
			time: '09:30',
			type: 'daily',
			maxCount: 3,
		});
		expect(c.error).toBeUndefined();
		expect(t.last('botTalk').body).toEqual({
			title: '喝水',
			message: '起来走走',
			time: '09:30',
			type: 'daily',
			max_count: 3,
		});
		const id = String(c.items[0].json.id);
		const list = await t.run('botTalk', { resource: 'reminder', operation: 'list' });
		expect(list.items.map((i) => i.json.title)).toEqual(['喝水']);
		await t.run('botTalk', { resource: 'reminder', operation: 'disable', reminderId: id });
		expect([t.last('botTalk').method, t.last('botTalk').path, t.last('botTalk').body]).toEqual([
			'PATCH',
			`/api/reminders/${id}/enable`,
			{ enabled: false },
		]);
		expect(bt().reminders[0].enabled).toBe(0);
		await t.run('botTalk', { resource: 'reminder', operation: 'enable', reminderId: id });
		expect(bt().reminders[0].enabled).toBe(1);
		const d = await t.run('botTalk', { resource: 'reminder', operation: 'delete', reminderId: id });
		expect([t.last('botTalk').method, d.items[0].json]).toEqual(['DELETE', { deleted: true, id }]);
		expect(bt().reminders).toHaveLength(0);
	});

	test('Channel → Rename, Set Default, Check, Get Activation, Delete', async () => {
		addChannel({ name: 'Work' });
		await t.run('botTalk', {
			resource: 'channel',
			operation: 'rename',
			channelId: '2',
			name: '工作',
		});
		expect([t.last('botTalk').method, t.last('botTalk').path, t.last('botTalk').body]).toEqual([
			'PATCH',
			'/api/channels/2',
			{ name: '工作' },
		]);
		await t.run('botTalk', { resource: 'channel', operation: 'setDefault', channelId: '2' });
		expect(t.last('botTalk').body).toEqual({ is_default: 1 });
		expect(bt().channels.map((c) => c.is_default)).toEqual([0, 1]);
		const check = await t.run('botTalk', {
			resource: 'channel',
			operation: 'check',
			channelId: '2',
		});
		expect([t.last('botTalk').method, check.items[0].json.alive]).toEqual(['POST', true]);
		const act = await t.run('botTalk', {
			resource: 'channel',
			operation: 'getActivation',
			channelId: '2',
		});
		expect(act.items[0].json).toEqual({ channel_id: '2', activated: true });
		const del = await t.run('botTalk', {
			resource: 'channel',
			operation: 'delete',
			channelId: '2',
		});
		expect([t.last('botTalk').method, del.items[0].json.deleted]).toEqual(['DELETE', true]);
	});

	test('Channel → Create Binding QR Code, then Get Binding Status before and after the scan', async () => {
		const qr = await t.run('botTalk', { resource: 'channel', operation: 'createBindingQrCode' });
		const { qrcode } = qr.items[0].json;
		expect(qrcode).toMatch(/^[0-9a-f]+$/);
		const waiting = await t.run('botTalk', {
			resource: 'channel',
			operation: 'getBindingStatus',
			qrcode,
		});
		expect(waiting.items[0].json).toEqual({ qrcode, bound: false, status: 'waiting' });
		bt().scan(qrcode);
		const bound = await t.run('botTalk', {
			resource: 'channel',
			operation: 'getBindingStatus',
			qrcode,
		});
		expect(bound.items[0].json).toMatchObject({ qrcode, bound: true, status: 'pending', id: 2 });
	});

	test('Key → Get shows the key masked; Key → Reset masks the new key unless asked', async () => {
		const g = await t.run('botTalk', { resource: 'key', operation: 'get' });
		expect(g.items[0].json).toEqual({ sendKeyMasked: '0123…cdef', matchesCredential: true });
		expect(everything(g)).not.toContain(KEY);
		const r = await t.run('botTalk', { resource: 'key', operation: 'reset', revealKey: false });
		const newKey = bt().sendKey;
		expect(r.items[0].json).toMatchObject({
			reset: true,
			sendKeyMasked: `${newKey.slice(0, 4)}…${newKey.slice(-4)}`,
		});
		expect(everything(r)).not.toContain(newKey);
		// With the old key the stored session still pushes nothing: BotTalk rejects the key.
		const old = await t.run(
			'botTalk',
			{ resource: 'push', operation: 'send', title: 'x', content: '', channel: 'default' },
			{ credentials: { sessionCookie: r.credentialsHelper.store.botTalkApi.sessionCookie } },
		);
		expect(old.error.message).toMatch(/code 40001/);
		expect(old.error.description).toMatch(/SendKey/);
	});

	describe('parameter mistakes fail before any request, naming the field', () => {
		test.each([
			[
				{ resource: 'push', operation: 'send', title: '', content: ' ', channel: 'default' },
				'Title and Content cannot both be empty',
			],
			[
				{ resource: 'push', operation: 'send', title: 'x', channel: 'ids', channelIds: '1,a' },
				/^Channel IDs must be numbers/,
			],
			[
				{
					resource: 'reminder',
					operation: 'create',
					title: 'x',
					time: '9:30',
					type: 'once',
					maxCount: 0,
				},
				'Time must be HH:MM or YYYY-MM-DDTHH:MM, got "9:30"',
			],
			[
				{ resource: 'channel', operation: 'rename', channelId: 'one', name: 'x' },
				/^Channel ID must be an integer ID/,
			],
			[
				{ resource: 'reminder', operation: 'delete', reminderId: '1/../x' },
				/^Reminder ID must be an integer ID/,
			],
		])('%o', async (parameters, message) => {
			const r = await t.run('botTalk', parameters);
			expect(r.error.message).toMatch(message);
			expect(t.requests('botTalk')).toHaveLength(0);
		});
	});

	test('a wrong SendKey fails the push and the login clearly, with the key redacted', async () => {
		const wrong = 'ffffffffffffffffffffffffffffffff';
		const push = await t.run(
			'botTalk',
			{ resource: 'push', operation: 'send', title: 'x', content: '', channel: 'default' },
			{ credentials: { sendKey: wrong } },
		);
		// A push needs no session: it goes out with the key and the platform refuses it, clearly.
		expect(push.error.message).toBe(
			'BotTalk POST /notify failed with code 40001: SendKey 无效或缺失',
		);
		expect(t.requests('botTalk').map((r) => r.path)).not.toContain('/api/auth/login');
		// Management calls need a session: n8n logs in first, and a wrong key fails there, clearly.
		const m = await t.run(
			'botTalk',
			{ resource: 'channel', operation: 'list' },
			{ credentials: { sendKey: wrong } },
		);
		expect(m.error.message).toMatch(/BotTalk login with the SendKey failed: SendKey 无效/);
		expect(everything(push) + everything(m)).not.toContain(wrong);
	});
});

'use strict';
// minapp node, every operation and the conversation picker, against the simulator.
const { dist } = require('../helpers/packages');
const { setupNodeTests, everything } = require('../helpers/nodes');

const t = setupNodeTests();
const SECRET = 'sim-minapp-secret-0001';
const send = (extra) => ({
	resource: 'message',
	operation: 'send',
	conversation: { __rl: true, mode: 'id', value: 'wr_group_ops' },
	msgtype: 'text',
	...extra,
});

describe('minapp node', () => {
	test('Message → Send text: secret and conversation in the query, WeCom body', async () => {
		const r = await t.run('minapp', send({ content: '你好' }));
		expect(r.error).toBeUndefined();
		const req = t.last('minapp');
		expect([req.method, req.path, req.query]).toEqual([
			'POST',
			'/api/send',
			{ secret: SECRET, conversation_id: 'wr_group_ops' },
		]);
		expect(req.body).toEqual({ msgtype: 'text', text: { content: '你好' } });
		expect(r.items[0].json).toEqual({
			success: true,
			conversation_id: 'wr_group_ops',
			msgtype: 'text',
		});
	});

	test.each([
		[
			'link',
			{ title: 'T', url: 'https://a.b/c', desc: 'D', imageUrl: 'https://a.b/i.png' },
			{
				msgtype: 'link',
				link: { title: 'T', url: 'https://a.b/c', desc: 'D', image_url: 'https://a.b/i.png' },
			},
		],
		[
			'image',
			{ url: 'https://a.b/i.png' },
			{ msgtype: 'image', image: { url: 'https://a.b/i.png' } },
		],
		[
			'miniprogram',
			{ title: 'Mini', appid: 'wx1', pagePath: 'pages/index', appname: '', appicon: '' },
			{
				msgtype: 'miniprogram',
				miniprogram: { appid: 'wx1', title: 'Mini', page_path: 'pages/index' },
			},
		],
	])('Message → Send %s', async (msgtype, params, body) => {
		const r = await t.run('minapp', send({ msgtype, ...params }));
		expect(r.error).toBeUndefined();
		expect(t.last('minapp').body).toEqual(body);
	});

	test('Message → Send raw JSON for other WeCom-robot types goes out as given (the simulator knows only four types)', async () => {
		const r = await t.run(
			'minapp',
			send({ msgtype: 'raw', raw: '{"msgtype": "markdown", "markdown": {"content": "**hi**"}}' }),
		);
		expect(t.last('minapp').body).toEqual({ msgtype: 'markdown', markdown: { content: '**hi**' } });
		expect(r.error.message).toMatch(/^minapp POST \/api\/send failed with HTTP 400 \(code 40003\)/);
	});

	test('the conversation picker searches users and groups', async () => {
		const { listSearch } = require(dist('minapp', 'nodes/Minapp/methods'));
		const { makeContext } = require('../helpers/context');
		const ctx = makeContext('minappApi', t.creds.minappApi);
		const all = await listSearch.searchConversations.call(ctx);
		expect(all.results).toEqual([
			{ name: '张三 (user)', value: 'wm_user_zhangsan' },
			{ name: 'Alice (user)', value: 'wm_user_alice' },
			{ name: '运营群 (group)', value: 'wr_group_ops' },
			{ name: 'Dev Team (group)', value: 'wr_group_dev' },
		]);
		expect((await listSearch.searchConversations.call(ctx, 'dev')).results).toEqual([
			{ name: 'Dev Team (group)', value: 'wr_group_dev' },
		]);
	});

	test('Conversation → List Users, List Groups', async () => {
		const u = await t.run('minapp', { resource: 'conversation', operation: 'listUsers' });
		expect([t.last('minapp').method, t.last('minapp').path]).toEqual(['GET', '/api/users']);
		expect(u.items.map((i) => i.json.conversation_id)).toEqual([
			'wm_user_zhangsan',
			'wm_user_alice',
		]);
		const g = await t.run('minapp', { resource: 'conversation', operation: 'listGroups' });
		expect(g.items.map((i) => i.json.name)).toEqual(['运营群', 'Dev Team']);
	});

	describe('the lists the document describes only as "names and conversation_id": every plausible shape', () => {
		const answer = (body) =>
			t.sim.faults.push({ platform: 'minapp', path: '/api/users', status: 200, body, times: 2 });
		const picker = async () => {
			const { listSearch } = require(dist('minapp', 'nodes/Minapp/methods'));
			const { makeContext } = require('../helpers/context');
			return await listSearch.searchConversations.call(makeContext('minappApi', t.creds.minappApi));
		};
		test.each([
			['a bare array', [{ name: '张三', conversation_id: 'wm_1' }]],
			['{data: [...]} without code', { data: [{ name: '张三', conversation_id: 'wm_1' }] }],
			[
				'{code, data: {list: [...]}}',
				{ code: 0, message: 'ok', data: { list: [{ name: '张三', conversation_id: 'wm_1' }] } },
			],
			[
				'nickname instead of name',
				{ code: 0, data: [{ nickname: '张三', conversation_id: 'wm_1' }] },
			],
			['{users: [...]} with title', { users: [{ title: '张三', conversation_id: 'wm_1' }] }],
		])('%s', async (_shape, body) => {
			answer(body);
			const users = (await picker()).results.filter((r) => r.name.endsWith('(user)'));
			expect(users).toEqual([{ name: '张三 (user)', value: 'wm_1' }]);
			const list = await t.run('minapp', { resource: 'conversation', operation: 'listUsers' });
			expect(list.items.map((i) => [i.json.name, i.json.conversation_id])).toEqual([
				['张三', 'wm_1'],
			]);
		});

		test('an answer that is not understood says so instead of an empty picker', async () => {
			answer({ code: 0, data: { total: 3 } });
			await expect(picker()).rejects.toThrow(
				/^minapp GET \/api\/users: the answer is not a list of names and conversation_id/,
			);
			answer([{ name: 'no id' }]);
			const list = await t.run('minapp', { resource: 'conversation', operation: 'listUsers' });
			expect(list.error.message).toMatch(
				/^minapp GET \/api\/users: the answer is not a list of names and conversation_id/,
			);
		});

		test('an empty list is an empty picker, not an error', async () => {
			answer({ code: 0, data: [] });
			const users = (await picker()).results.filter((r) => r.name.endsWith('(user)'));
			expect(users).toEqual([]);
		});
	});

	describe('parameter mistakes fail before any request, naming the field', () => {
		test.each([
			[
				send({ conversation: { __rl: true, mode: 'id', value: '={{ "" }}' }, content: 'x' }),
				/^"Reply in the Triggering Chat" found no minapp chat for item 0/,
			],
			[
				send({ msgtype: 'image', url: 'not-a-url' }),
				'URL must start with http:// or https://, got "not-a-url"',
			],
			[
				send({ msgtype: 'raw', raw: '{"markdown": {}}' }),
				'Message JSON needs a "msgtype", e.g. "markdown"',
			],
			[send({ msgtype: 'raw', raw: '[1,' }), /^Message JSON is not valid JSON/],
		])('%o', async (parameters, message) => {
			const r = await t.run('minapp', parameters);
			expect(r.error.message).toMatch(message);
			expect(t.requests('minapp')).toHaveLength(0);
		});
	});

	test('a wrong secret in the query string is redacted from the error; 429 is retried', async () => {
		const r = await t.run('minapp', send({ content: 'x' }), {
			credentials: { secret: 'wrong-minapp-secret-77' },
		});
		expect(r.error.message).toBe(
			'minapp POST /api/send failed with HTTP 401 (code 40001): invalid secret',
		);
		// minapp has no token: the credential holds a secret.
		expect(r.error.description).toBe(
			'The minapp secret is invalid or was reset: update the credential.',
		);
		expect(everything(r)).not.toContain('wrong-minapp-secret-77');
		t.sim.faults.push({
			platform: 'minapp',
			path: '/api/send',
			status: 429,
			times: 1,
			headers: { 'Retry-After': '0' },
			body: { code: 42900, message: 'slow down' },
		});
		const ok = await t.run('minapp', send({ content: 'x' }));
		expect(ok.error).toBeUndefined();
		expect(t.sim.platforms.minapp.sent).toHaveLength(1);
	});
});

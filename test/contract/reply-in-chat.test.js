'use strict';
// "Reply in the Triggering Chat" with nothing typed: trigger items → a node standing in for the AI
// Agent (it outputs only `{output}`, paired to its input item as the agent pairs them) → the
// reply node with its target left at the default. The reply goes to each item's own chat, found
// through n8n's paired items in the real WorkflowExecute; an item that leads to no event of the
// platform fails naming the option and sends nothing.
const { setupNodeTests } = require('../helpers/nodes');

// The first run loads all five packages into the engine.
jest.setTimeout(30_000);

const t = setupNodeTests();

const event = (platform, id, type, text) => ({
	json: {
		chatInput: text,
		sessionId: `${platform}:${id}`,
		event: { platform, type: 'message', chat: { id, type }, text },
	},
});
// What an AI Agent outputs: the answer alone, paired to the item it answered.
const agent = (items) =>
	items.map((item, i) => ({
		json: { output: `re: ${item.json.chatInput}` },
		pairedItem: { item: i },
	}));

// Beyond 2^53: a JS number would turn it into -1001234567890123500.
const BIG = '-1001234567890123456';

const PLATFORMS = {
	mpChat: {
		params: { resource: 'message', operation: 'sendText', text: '={{ $json.output }}' },
		chats: [
			[BIG, 'supergroup'],
			['42', 'private'],
		],
		sent: (t) =>
			t
				.requests('mpChat')
				.filter((r) => r.path.endsWith('/sendMessage'))
				// The exact digits on the wire (a safe ID travels as a number, a longer one as a string).
				.map((r) => [r.text.match(/"chat_id":"?(-?\d+)"?/)[1], r.body.text]),
	},
	biInk: {
		params: {
			resource: 'message',
			operation: 'send',
			messageType: 'text',
			content: '={{ $json.output }}',
		},
		chats: [
			['group_123', 'group'],
			['user_1', 'private'],
		],
		sent: (t) =>
			t
				.requests('biInk')
				.filter((r) => r.path === '/bot/sendmessage')
				.map((r) => [r.body.group_id ?? `user:${r.body.target_user_id}`, r.body.content]),
		expected: ['group_123', 'user:user_1'],
	},
	fly: {
		params: {
			resource: 'message',
			operation: 'send',
			msgType: 'text',
			content: '={{ $json.output }}',
		},
		chats: [
			['g_77', 'group'],
			['u_1001', 'private'],
		],
		sent: (t) =>
			t
				.requests('fly')
				.filter((r) => r.path.endsWith('/send'))
				.map((r) => [r.body.group_id ?? `user:${r.body.to_user_id}`, r.body.data.content]),
		expected: ['g_77', 'user:u_1001'],
	},
	minapp: {
		params: {
			resource: 'message',
			operation: 'send',
			msgtype: 'text',
			content: '={{ $json.output }}',
		},
		chats: [
			['wr_group_ops', 'group'],
			['wm_user_alice', 'private'],
		],
		sent: (t) =>
			t
				.requests('minapp')
				.filter((r) => r.path === '/api/send')
				.map((r) => [r.query.conversation_id, r.body.text.content]),
	},
};

describe.each(Object.keys(PLATFORMS))('%s: Reply in the Triggering Chat', (platform) => {
	const p = PLATFORMS[platform];

	test('trigger → agent-like node → reply node with its target at the default: each answer goes to its own chat', async () => {
		const items = p.chats.map(([id, type], i) => event(platform, id, type, `hello ${i}`));
		const r = await t.run(platform, p.params, { items, map: agent });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(2);
		const expected = p.expected ?? p.chats.map(([id]) => id);
		expect(p.sent(t)).toEqual([
			[expected[0], 're: hello 0'],
			[expected[1], 're: hello 1'],
		]);
	});

	test('an item that leads to no trigger event fails naming the option, and sends nothing', async () => {
		const items = [{ json: { chatInput: 'typed in a form' } }];
		const r = await t.run(platform, p.params, { items, map: agent });
		expect(r.error.message).toContain('"Reply in the Triggering Chat" found no');
		expect(r.error.message).toContain('for item 0');
		expect(p.sent(t)).toEqual([]);
	});

	test('Send To "Reply in the Triggering Chat" chosen: the same chat, through the pairing', async () => {
		const [id, type] = p.chats[0];
		const r = await t.run(
			platform,
			{ ...p.params, sendTo: 'eventChat' },
			{ items: [event(platform, id, type, 'hi')], map: agent },
		);
		expect(r.error).toBeUndefined();
		expect(p.sent(t)).toEqual([[(p.expected ?? [id])[0], 're: hi']]);
	});

	test("another platform's event is not this platform's chat", async () => {
		const other = platform === 'fly' ? 'biInk' : 'fly';
		const items = [event(other, 'g_elsewhere', 'group', 'hi')];
		const r = await t.run(platform, p.params, { items, map: agent });
		expect(r.error.message).toContain('"Reply in the Triggering Chat" found no');
		expect(p.sent(t)).toEqual([]);
	});
});

test('a typed target still wins over the triggering chat (saved workflows keep their target)', async () => {
	const items = [event('mpChat', '42', 'private', 'hi')];
	const r = await t.run(
		'mpChat',
		{ ...PLATFORMS.mpChat.params, chatId: '77' },
		{ items, map: agent },
	);
	expect(r.error).toBeUndefined();
	expect(PLATFORMS.mpChat.sent(t)).toEqual([['77', 're: hi']]);

	t.sim.reset();
	const fly = await t.run(
		'fly',
		{ ...PLATFORMS.fly.params, groupId: 'g_typed' },
		{ items: [event('fly', 'u_1001', 'private', 'hi')], map: agent },
	);
	expect(fly.error).toBeUndefined();
	expect(PLATFORMS.fly.sent(t)).toEqual([['g_typed', 're: hi']]);
});

test('Send and Wait with nothing typed asks in the triggering chat (Fly)', async () => {
	const items = [event('fly', 'u_1001', 'private', 'may I?')];
	const r = await t.run(
		'fly',
		{ resource: 'message', operation: 'sendAndWait', message: 'Approve?' },
		{ items, map: agent },
	);
	expect(r.error).toBeUndefined();
	expect(t.requests('fly').filter((q) => q.path.endsWith('/send'))[0].body.to_user_id).toBe(
		'u_1001',
	);
});

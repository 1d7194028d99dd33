'use strict';
// Replying to a trigger's event: bi.ink and Fly sends with "Reply in the Triggering Chat" take
// the chat straight from the item's `$json.event.chat`, group or private.
const { setupNodeTests } = require('../helpers/nodes');

const t = setupNodeTests();
const items = [
	{ json: { event: { chat: { id: 'group_123', type: 'group' }, text: 'in a group' } } },
	{ json: { event: { chat: { id: 'user_1', type: 'private' }, text: 'in private' } } },
];

test('bi.ink Send with "Chat of a Trigger Event" replies to the group or the user', async () => {
	const r = await t.run(
		'biInk',
		{
			resource: 'message',
			operation: 'send',
			sendTo: 'eventChat',
			messageType: 'text',
			content: '={{ "echo: " + $json.event.text }}',
		},
		{ items },
	);
	expect(r.error).toBeUndefined();
	const bodies = t
		.requests('biInk')
		.filter((q) => q.path === '/bot/sendmessage')
		.map((q) => q.body);
	expect(bodies).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ group_id: 'group_123', content: 'echo: in a group' }),
			expect.objectContaining({ target_user_id: 'user_1', content: 'echo: in private' }),
		]),
	);
	expect(bodies.find((b) => b.group_id)).not.toHaveProperty('target_user_id');
});

test('Fly Send with "Chat of a Trigger Event" replies to the group or the user', async () => {
	const r = await t.run(
		'fly',
		{
			resource: 'message',
			operation: 'send',
			sendTo: 'eventChat',
			msgType: 'text',
			content: '={{ $json.event.text }}',
		},
		{ items },
	);
	expect(r.error).toBeUndefined();
	const bodies = t
		.requests('fly')
		.filter((q) => q.path.endsWith('/send'))
		.map((q) => q.body);
	expect(bodies).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ group_id: 'group_123', data: { content: 'in a group' } }),
			expect.objectContaining({ to_user_id: 'user_1', data: { content: 'in private' } }),
		]),
	);
});

test('an item without an event fails naming the option and Chat ID, and sends nothing', async () => {
	const r = await t.run(
		'fly',
		{
			resource: 'message',
			operation: 'send',
			sendTo: 'eventChat',
			msgType: 'text',
			content: 'x',
			chatId: '={{ $json.nothing }}',
		},
		{ items: [{ json: {} }] },
	);
	expect(r.error.message).toBe('"Reply in the Triggering Chat" found no Fly chat for item 0');
	expect(r.error.description).toMatch(/set Chat ID and Chat Type/);
	expect(t.requests('fly')).toHaveLength(0);
});

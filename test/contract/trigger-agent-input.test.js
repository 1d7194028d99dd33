'use strict';
// What an AI Agent and its memory read from every trigger with their defaults: `chatInput` (the
// text, caption or link title) and `sessionId` (platform + chat, + sender in groups on request) at
// the top level beside `event` and `raw`; and bots' messages, where the platform marks them, start
// nothing unless asked. Triggers run in n8n-core's real TriggerContext / WebhookContext.
const { setupSimulatorTests } = require('../helpers/nodes');
const engine = require('../helpers/engine');
const { signUpdate } = require('../../simulator/flySignature');
const { dist, PACKAGES } = require('../helpers/packages');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));

jest.setTimeout(30_000);
const suite = setupSimulatorTests();

const mp = () => suite.sim.platforms.mpChat;

/** A long-poll trigger's items once `count` have been emitted. */
async function polled(type, parameters, count) {
	const credType = type === 'mpChatTrigger' ? 'mpChatApi' : 'flyApi';
	const t = await engine.startTrigger({
		type,
		parameters,
		credentials: { [credType]: suite.creds[credType] },
	});
	suite.running.push(t);
	await t.until(() => t.items().length >= count);
	return t;
}

const hook = async (type, credType, options) => {
	const r = await engine.callWebhook({
		...options,
		type,
		credentials: { [credType]: suite.creds[credType] },
	});
	return r.result.workflowData?.[0].map((i) => i.json) ?? [];
};
const biInk = (body, options = {}) =>
	hook('biInkTrigger', 'biInkApi', {
		parameters: { events: [], options },
		query: {
			secret: biInkWebhookSecret(suite.creds.biInkApi.accessToken, 'wf-trigger', 'trigger-node-1'),
		},
		body,
	});
const minapp = (body, options = {}) =>
	hook('minappTrigger', 'minappApi', {
		parameters: { events: [], options },
		body: { secret: suite.creds.minappApi.secret, sender: 'wm_user_zhangsan', ...body },
	});
let nonce = 0;
const flyHook = (update, options = {}) => {
	const u = {
		update_id: 42,
		type: 'message',
		bot: { id: 'fly_bot_1' },
		timestamp: Math.floor(Date.now() / 1000),
		nonce: `agent-${nonce++}`,
		...update,
	};
	u.signature = signUpdate(u, suite.sim.platforms.fly.defaultSecret());
	return hook('flyTrigger', 'flyApi', { parameters: { updates: [], options }, body: u });
};
const flyMessage = (chat, sender, msgType, data) => ({
	message: { id: `in_${nonce}`, chat, sender, msgType, data, date: 1 },
});

describe('chatInput and sessionId, with every default', () => {
	test('MPChat Trigger: text and caption; the session is the chat', async () => {
		mp().inject({ chatId: '-1001234567890123456789', userId: '9007199254740993', text: '你好' });
		mp().queue.push({
			message: {
				message_id: 9,
				from: { id: 7, is_bot: false, first_name: 'Ann' },
				chat: { id: 7, type: 'private' },
				date: 1,
				photo: [{ file_id: 'ph' }],
				caption: 'look at this',
			},
		});
		const t = await polled('mpChatTrigger', { updates: [] }, 2);
		const [text, photo] = t.items().map((i) => i.json);
		expect(Object.keys(text)).toEqual(['chatInput', 'sessionId', 'event', 'raw']);
		expect(text).toMatchObject({
			chatInput: '你好',
			sessionId: 'mpChat:-1001234567890123456789',
			event: { text: '你好' },
		});
		expect(photo).toMatchObject({ chatInput: 'look at this', sessionId: 'mpChat:7' });
	});

	test('Fly Polling Trigger and Fly Trigger: text and an image caption', async () => {
		suite.sim.platforms.fly.queue.push({
			type: 'message',
			...flyMessage({ id: 'g_1', type: 'group' }, { id: 'u_1', name: 'Ann' }, 'text', {
				content: 'hi fly',
			}),
		});
		suite.sim.platforms.fly.queue.push({
			type: 'message',
			...flyMessage({ id: 'u_2', type: 'private' }, { id: 'u_2', name: 'Bo' }, 'image', {
				originalUrl: 'https://x.invalid/1.png',
				caption: 'a cat',
			}),
		});
		const t = await polled('flyPollingTrigger', { updates: [] }, 2);
		expect(t.items().map((i) => [i.json.chatInput, i.json.sessionId])).toEqual([
			['hi fly', 'fly:g_1'],
			['a cat', 'fly:u_2'],
		]);

		const [signed] = await flyHook(
			flyMessage({ id: 'g_1', type: 'group' }, { id: 'u_1', name: 'Ann' }, 'text', {
				content: 'signed hi',
			}),
		);
		expect(Object.keys(signed)).toEqual(['chatInput', 'sessionId', 'event', 'raw']);
		expect(signed).toMatchObject({ chatInput: 'signed hi', sessionId: 'fly:g_1' });
	});

	test('bi.ink Trigger: group and private messages, a caption, a button press', async () => {
		const base = {
			message_id: 'm1',
			sender_id: 'user_1',
			sender_username: 'ann',
			sender_display_name: 'Ann',
			group_username: '',
			group_title: '',
			timestamp: 1,
			callback_id: '',
			callback_data: '',
		};
		const [group] = await biInk({
			...base,
			event_type: 'group_message',
			group_id: 'group_123',
			message_type: 'text',
			content: '大家好',
		});
		expect(Object.keys(group)).toEqual(['chatInput', 'sessionId', 'event', 'raw']);
		expect(group).toMatchObject({ chatInput: '大家好', sessionId: 'biInk:group_123' });
		const [captioned] = await biInk({
			...base,
			event_type: 'private_message',
			group_id: '',
			message_type: 'image',
			file_id: 'f1',
			content: '看这张图',
		});
		expect(captioned).toMatchObject({ chatInput: '看这张图', sessionId: 'biInk:user_1' });
		const [press] = await biInk({
			...base,
			event_type: 'callback_query',
			group_id: 'group_123',
			message_type: 'callback',
			content: 'yes',
			callback_id: 'cb_1',
			callback_data: 'yes',
		});
		// A press belongs to the chat's conversation and carries no text of its own.
		expect(press).toMatchObject({ chatInput: '', sessionId: 'biInk:group_123' });
	});

	test("minapp Trigger: text and a link's title", async () => {
		const [text] = await minapp({
			msgtype: 'text',
			conversation_id: 'wr_group_ops',
			text: { content: 'hello' },
		});
		expect(Object.keys(text)).toEqual(['chatInput', 'sessionId', 'event', 'raw']);
		expect(text).toMatchObject({ chatInput: 'hello', sessionId: 'minapp:wr_group_ops' });
		const [link] = await minapp({
			msgtype: 'link',
			conversation_id: 'wm_user_zhangsan',
			link: { title: 'Release notes', url: 'https://x.invalid' },
		});
		expect(link).toMatchObject({
			chatInput: 'Release notes',
			sessionId: 'minapp:wm_user_zhangsan',
		});
	});
});

describe('Separate Memory per Group Member', () => {
	test('off: members of a group share the session; on: each has their own in groups, private chats are unchanged', async () => {
		const base = {
			message_id: 'm1',
			sender_username: 'x',
			sender_display_name: 'X',
			group_username: '',
			group_title: '',
			timestamp: 1,
			callback_id: '',
			callback_data: '',
			message_type: 'text',
			content: 'hi',
		};
		const inGroup = (sender) => ({
			...base,
			event_type: 'group_message',
			group_id: 'group_123',
			sender_id: sender,
		});
		const shared = [
			(await biInk(inGroup('user_1')))[0].sessionId,
			(await biInk(inGroup('user_2')))[0].sessionId,
		];
		expect(shared).toEqual(['biInk:group_123', 'biInk:group_123']);
		const own = [
			(await biInk(inGroup('user_1'), { sessionPerUser: true }))[0].sessionId,
			(await biInk(inGroup('user_2'), { sessionPerUser: true }))[0].sessionId,
		];
		expect(own).toEqual(['biInk:group_123:user_1', 'biInk:group_123:user_2']);
		const [privately] = await biInk(
			{ ...base, event_type: 'private_message', group_id: '', sender_id: 'user_1' },
			{ sessionPerUser: true },
		);
		expect(privately.sessionId).toBe('biInk:user_1');

		expect(
			(
				await minapp(
					{
						msgtype: 'text',
						conversation_id: 'wr_group_ops',
						sender: 'wm_a',
						text: { content: 'x' },
					},
					{ sessionPerUser: true },
				)
			)[0].sessionId,
		).toBe('minapp:wr_group_ops:wm_a');
		const [fly] = await flyHook(
			flyMessage({ id: 'g_1', type: 'group' }, { id: 'u_1', name: 'Ann' }, 'text', {
				content: 'x',
			}),
			{ sessionPerUser: true },
		);
		expect(fly.sessionId).toBe('fly:g_1:u_1');
		mp().inject({ chatId: '-100200', userId: '42', text: 'x' });
		const t = await polled('mpChatTrigger', { updates: [], options: { sessionPerUser: true } }, 1);
		expect(t.items()[0].json.sessionId).toBe('mpChat:-100200:42');
	});
});

describe('bots', () => {
	const fromBot = (text) => ({
		message: {
			message_id: 50,
			from: { id: 555, is_bot: true, first_name: 'Other Bot' },
			chat: { id: -100200, type: 'group' },
			date: 1,
			text,
		},
	});

	test('MPChat Trigger: a message from a bot (from.is_bot) starts nothing; the offset still moves past it', async () => {
		mp().queue.push(fromBot('beep'));
		mp().inject({ chatId: '-100200', userId: '42', text: 'a person' });
		const t = await polled('mpChatTrigger', { updates: [] }, 1);
		// Both updates came in one batch (the offset moved past both): only the person's ran.
		expect(t.items().map((i) => i.json.chatInput)).toEqual(['a person']);
		expect(t.emitted).toHaveLength(1);
		expect(t.saved['node:Trigger'].offset).toBe('3');
		expect(t.items()[0].json.event.sender).toEqual({ id: '42', name: 'Sim User', isBot: false });
	});

	test("MPChat Trigger with Include Bot Messages: the bot's message starts a run and says it is a bot", async () => {
		mp().queue.push(fromBot('beep'));
		const t = await polled(
			'mpChatTrigger',
			{ updates: [], options: { includeBotMessages: true } },
			1,
		);
		expect(t.items()[0].json).toMatchObject({
			chatInput: 'beep',
			event: { sender: { id: '555', isBot: true } },
		});
	});

	test('the option is shown only where the platform marks bots; the session option on every trigger', () => {
		const path = require('path');
		const options = {};
		for (const { dir, pkg } of PACKAGES)
			for (const file of pkg.n8n.nodes) {
				for (const Cls of Object.values(require(path.join(dir, file)))) {
					const d = new Cls().description;
					if (!d.group.includes('trigger')) continue;
					options[d.name] = d.properties
						.find((p) => p.name === 'options')
						.options.map((o) => o.name);
				}
			}
		expect(Object.keys(options).sort()).toEqual([
			'biInkTrigger',
			'flyPollingTrigger',
			'flyTrigger',
			'minappTrigger',
			'mpChatTrigger',
		]);
		expect(Object.keys(options).filter((t) => options[t].includes('includeBotMessages'))).toEqual([
			'mpChatTrigger',
		]);
		expect(
			Object.keys(options)
				.filter((t) => options[t].includes('sessionPerUser'))
				.sort(),
		).toEqual(Object.keys(options).sort());
	});
});

'use strict';
// Long text on every platform's send-text operation, in n8n's engine against the simulator. No
// platform document states a length limit, so the simulator enforces none unless a test sets one
// (answering as the platform's error envelope would), and the node splits only when asked
// ("Split Long Text at (Characters)"): parts in order, within the length, buttons under the last,
// a reply on the first. A refusal for length names that option; a failure midway says which
// parts already went out.
const { setupNodeTests } = require('../helpers/nodes');

const t = setupNodeTests();

const KEYBOARD = { keyboardSource: 'json', keyboardJson: '[[{"text":"OK","callback_data":"ok"}]]' };

/** Each platform: its send-text parameters, the text it received (in order), and its refusal. */
const PLATFORMS = {
	mpChat: {
		params: (text, options = {}, extra = {}) => ({
			resource: 'message',
			operation: 'sendText',
			chatId: '4242',
			text,
			...extra,
			options,
		}),
		texts: () => t.sim.platforms.mpChat.sent.map((m) => m.text),
		keyboards: () => t.sim.platforms.mpChat.sent.map((m) => Boolean(m.reply_markup)),
		refusal: /Bad Request: message is too long/,
	},
	biInk: {
		params: (text, options = {}, extra = {}) => ({
			resource: 'message',
			operation: 'send',
			groupId: 'group_123',
			userId: '',
			messageType: 'text',
			content: text,
			...extra,
			options,
		}),
		texts: () => t.sim.platforms.biInk.sent.map((m) => m.content),
		keyboards: () => t.sim.platforms.biInk.sent.map((m) => Boolean(m.extra)),
		refusal: /消息内容过长/,
	},
	fly: {
		params: (text, options = {}, extra = {}) => ({
			resource: 'message',
			operation: 'send',
			groupId: 'g_1',
			userId: '',
			msgType: 'text',
			content: text,
			...extra,
			options,
		}),
		texts: () => t.sim.platforms.fly.sent.map((m) => m.data.content),
		refusal: /data\.content: too long/,
	},
	minapp: {
		params: (text, options = {}) => ({
			resource: 'message',
			operation: 'send',
			conversation: { __rl: true, mode: 'id', value: 'wr_group_ops' },
			msgtype: 'text',
			content: text,
			options,
		}),
		texts: () => t.sim.platforms.minapp.sent.map((m) => m.text.content),
		refusal: /exceeds the maximum length/,
	},
	botTalk: {
		params: (text, options = {}) => ({
			resource: 'push',
			operation: 'send',
			title: 'Answer',
			content: text,
			channel: 'default',
			options,
		}),
		texts: () => t.sim.platforms.botTalk.sent.map((m) => m.content),
		refusal: /全部推送失败/,
	},
};

// An agent-like answer: 12 paragraphs of 94 or 95 characters (English and Chinese sentences, an emoji).
const ANSWER = Array.from(
	{ length: 12 },
	(_, i) =>
		`Point ${i + 1}: the answer goes on for a while, so that it needs parts. 第${i + 1}点：这里是中文句子，没有空格也能分开。😀 Done.`,
).join('\n\n');
const squeeze = (s) => s.replace(/\s+/g, '');

describe.each(Object.keys(PLATFORMS))('%s', (platform) => {
	const spec = PLATFORMS[platform];
	const limit = (n) => (t.sim.platforms[platform].maxText = n);

	test('no limit documented: a long text goes out as one message, the output unchanged (no parts)', async () => {
		const r = await t.run(platform, spec.params(ANSWER));
		expect(r.error).toBeUndefined();
		expect(spec.texts()).toEqual([ANSWER]);
		expect(r.items[0].json.parts).toBeUndefined();
	});

	test('Split Long Text at: the parts arrive in order, each within the length, nothing lost', async () => {
		limit(200);
		const r = await t.run(platform, spec.params(ANSWER, { splitAt: 200 }));
		expect(r.error).toBeUndefined();
		const texts = spec.texts();
		// Two paragraphs (190 characters or so) per part.
		expect(texts.map((x) => x.split('\n\n').length)).toEqual(Array(6).fill(2));
		for (const text of texts) expect(text.length).toBeLessThanOrEqual(200);
		expect(squeeze(texts.join(''))).toBe(squeeze(ANSWER));
		// Cut between paragraphs: each part starts one.
		for (const text of texts) expect(text).toMatch(/^Point \d/);
		expect(r.items).toHaveLength(1);
		expect(r.items[0].json.parts).toHaveLength(texts.length);
	});

	test('refused as too long with the option off: the error says so and names the option', async () => {
		limit(300);
		const r = await t.run(platform, spec.params(ANSWER));
		expect(r.error.message).toMatch(spec.refusal);
		const how =
			platform === 'botTalk'
				? `If BotTalk refused the text (${ANSWER.length} characters) for its length, set "Split Long Text at (Characters)" (Options) to a length BotTalk accepts`
				: `refused the text (${ANSWER.length} characters) as too long: set "Split Long Text at (Characters)" (Options) to a length`;
		expect(r.error.message).toContain(how);
		expect(spec.texts()).toEqual([]);
	});

	test('a part refused midway: the error names the part and the lower length, and says which parts went out', async () => {
		limit(60);
		const text = `${'x'.repeat(40)}\n\n${'y'.repeat(90)}`;
		const r = await t.run(platform, spec.params(text, { splitAt: 100 }));
		expect(spec.texts()).toEqual(['x'.repeat(40)]);
		expect(r.error.message).toContain('part 2 of 2 (90 characters)');
		expect(r.error.message).toContain(
			'set "Split Long Text at (Characters)" (Options) lower than 100',
		);
		expect(r.error.description).toContain('Parts 1 of 2 were already sent (not undone).');
	});

	test('Max Parts (10 unless set): a text that would become more messages fails before the first is sent', async () => {
		// 12 paragraphs at 100 characters: 12 parts.
		const r = await t.run(platform, spec.params(ANSWER, { splitAt: 100 }));
		expect(r.error.message).toBe(
			`The text (${ANSWER.length} characters) would go out as 12 messages at "Split Long Text at (Characters)" 100, more than "Max Parts" (10); nothing was sent. Shorten the text, or raise "Max Parts" or "Split Long Text at (Characters)" (Options)`,
		);
		expect(spec.texts()).toEqual([]);
		expect(
			(await t.run(platform, spec.params(ANSWER, { splitAt: 100, maxParts: 11 }))).error,
		).toBeDefined();
		expect(spec.texts()).toEqual([]);
		const raised = await t.run(platform, spec.params(ANSWER, { splitAt: 100, maxParts: 12 }));
		expect(raised.error).toBeUndefined();
		expect(spec.texts()).toHaveLength(12);
		const bad = await t.run(platform, spec.params('hello', { splitAt: 100, maxParts: 0 }));
		expect(bad.error.message).toBe(
			'Max Parts must be a whole number of messages, at least 1, not "0"',
		);
	});

	test('the option must be 0 or a whole number', async () => {
		const r = await t.run(platform, spec.params('hello', { splitAt: 2.5 }));
		expect(r.error.message).toBe(
			'Split Long Text at (Characters) must be 0 (off) or a whole number of characters, not "2.5"',
		);
		expect(spec.texts()).toEqual([]);
	});
});

test('MPChat and bi.ink: buttons under the last part only, the reply on the first only', async () => {
	const mp = await t.run(
		'mpChat',
		PLATFORMS.mpChat.params(ANSWER, { splitAt: 400, replyToMessageId: '7' }, KEYBOARD),
	);
	expect(mp.error).toBeUndefined();
	const sent = t.sim.platforms.mpChat.sent;
	expect(sent).toHaveLength(3);
	expect(PLATFORMS.mpChat.keyboards()).toEqual(sent.map((_, i) => i === sent.length - 1));
	expect(t.requests('mpChat').map((q) => q.body.reply_to_message_id)).toEqual(
		sent.map((_, i) => (i === 0 ? 7 : undefined)),
	);

	await t.run('biInk', PLATFORMS.biInk.params('first', {}));
	const replyTo = t.sim.platforms.biInk.sent[0].message_id;
	const bi = await t.run(
		'biInk',
		PLATFORMS.biInk.params(ANSWER, { splitAt: 400, replyToId: replyTo }, KEYBOARD),
	);
	expect(bi.error).toBeUndefined();
	const parts = t.sim.platforms.biInk.sent.slice(1);
	expect(parts.map((m) => Boolean(m.extra))).toEqual(parts.map((_, i) => i === parts.length - 1));
	expect(parts.map((m) => m.reply_to_id)).toEqual(
		parts.map((_, i) => (i === 0 ? replyTo : undefined)),
	);
});

test('Fly: every part has its own client_msg_id, derived or numbered after the given one; parts that read alike are not deduplicated', async () => {
	const same = `${'same text. '.repeat(9).trim()}\n\n${'same text. '.repeat(9).trim()}`;
	const r = await t.run('fly', PLATFORMS.fly.params(same, { splitAt: 100 }));
	expect(r.error).toBeUndefined();
	const ids = t.sim.platforms.fly.sent.map((m) => m.client_msg_id);
	expect(t.sim.platforms.fly.sent.map((m) => m.data.content)).toEqual([
		'same text. '.repeat(9).trim(),
		'same text. '.repeat(9).trim(),
	]);
	expect(new Set(ids).size).toBe(2);
	await t.run('fly', PLATFORMS.fly.params(ANSWER, { splitAt: 400, clientMsgId: 'reply_9' }));
	expect(t.sim.platforms.fly.sent.slice(2).map((m) => m.client_msg_id)).toEqual([
		'reply_9',
		'reply_9_2',
		'reply_9_3',
	]);
	const sent = t.sim.platforms.fly.sent.length;
	const long = await t.run(
		'fly',
		PLATFORMS.fly.params(ANSWER, { splitAt: 400, clientMsgId: 'k'.repeat(127) }),
	);
	expect(long.error.message).toBe(
		'Client Message ID must be at most 126 characters when the text goes out in 3 parts',
	);
	// Found before anything went out.
	expect(t.sim.platforms.fly.sent).toHaveLength(sent);
	expect(long.error.description ?? '').not.toContain('already sent');
});

test("BotTalk: each push's title is numbered so the parts read in order", async () => {
	const r = await t.run('botTalk', PLATFORMS.botTalk.params(ANSWER, { splitAt: 400 }));
	expect(r.error).toBeUndefined();
	expect(t.sim.platforms.botTalk.sent.map((m) => m.title)).toEqual([
		'Answer (1/3)',
		'Answer (2/3)',
		'Answer (3/3)',
	]);
	expect(r.items[0].json).toMatchObject({
		delivered: 1,
		parts: [{ delivered: 1 }, { delivered: 1 }, { delivered: 1 }],
	});
});

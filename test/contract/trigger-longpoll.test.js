'use strict';
// The long-poll triggers (MPChat, Fly) in n8n-core's real TriggerContext against the simulator:
// events, offsets across restarts, errors that stop and errors that back off, manual mode,
// filters and Fly media.
const crypto = require('crypto');
const { setupSimulatorTests } = require('../helpers/nodes');
const engine = require('../helpers/engine');
// The simulator's own JSON reader, not the package's: the two are tested against each other.
const { parseJson } = require('../../simulator/json');

jest.setTimeout(30_000);
const suite = setupSimulatorTests();

const mp = () => suite.sim.platforms.mpChat;
const fly = () => suite.sim.platforms.fly;
const polls = (platform, path) =>
	suite.sim.journal
		.filter((r) => r.platform === platform && r.path.endsWith(path))
		.map((r) => ({ ...r, body: r.text ? parseJson(r.text) : undefined }));

async function start(type, parameters = {}, options = {}) {
	const credType = type === 'mpChatTrigger' ? 'mpChatApi' : 'flyApi';
	const t = await engine.startTrigger({
		...options,
		type,
		parameters,
		credentials: { [credType]: { ...suite.creds[credType], ...(options.credentials ?? {}) } },
	});
	suite.running.push(t);
	return t;
}

/** Waits until `check()` holds, looking again on each turn of the event loop (bounded). */
async function eventually(check, ms = 10_000) {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setImmediate(r));
	}
}

const BIG_CHAT = '-1001234567890123456789';

/**
 * Holds the simulator's answers to `platform` requests whose path contains `pathPart` until the
 * test releases them: a request the trigger has in flight for as long as the test needs.
 */
function holdRequests(platform, pathPart) {
	const p = suite.sim.platforms[platform];
	const original = p.handle;
	let arrive;
	let release;
	const arrived = new Promise((r) => {
		arrive = r;
	});
	const gate = new Promise((r) => {
		release = r;
	});
	p.handle = async (req, res, rest, base) => {
		if (rest.includes(pathPart)) {
			arrive();
			await gate;
		}
		return await original(req, res, rest, base);
	};
	return {
		arrived,
		release,
		restore: () => {
			p.handle = original;
		},
	};
}

describe('MPChat Trigger', () => {
	test('a message starts a run with the normalized event and the raw update; IDs beyond 2^53 stay exact', async () => {
		const t = await start('mpChatTrigger', { updates: ['message', 'callback_query'] });
		await eventually(() => mp().queue.waiting === 1);
		mp().inject({ chatId: BIG_CHAT, userId: '9007199254740993', userName: 'Ann', text: '你好' });
		await t.until(() => t.emitted.length === 1);
		const [item] = t.items();
		expect(item.json.event).toEqual({
			platform: 'mpChat',
			type: 'message',
			chat: { id: BIG_CHAT, type: 'group' },
			sender: { id: '9007199254740993', name: 'Ann', isBot: false },
			text: '你好',
			attachments: [],
			callback: null,
			messageId: expect.any(String),
			timestamp: expect.any(Number),
		});
		expect(item.json.raw.message.chat.id).toBe(BIG_CHAT);
		const first = polls('mpChat', '/getUpdates')[0].body;
		expect(first).toEqual({
			limit: 50,
			timeout: 30,
			allowed_updates: ['message', 'callback_query'],
		});
		// Saved with the emit: the offset after the delivered update.
		expect(t.saved['node:Trigger'].offset).toBe(String(item.json.raw.update_id + 1));
	});

	test('button presses carry callback {id, data}; photos become image attachments', async () => {
		mp().inject({ kind: 'callback', chatId: '5', userId: '6', callbackData: 'yes' });
		mp().inject({ chatId: '5', photo: 'ph_1' });
		const t = await start('mpChatTrigger', { updates: [] });
		await t.until(() => t.items().length === 2);
		const [cb, photo] = t.items().map((i) => i.json.event);
		expect(cb).toMatchObject({
			type: 'callback_query',
			callback: { id: expect.any(String), data: 'yes' },
			chat: { id: '5', type: 'private' },
			sender: { id: '6' },
		});
		expect(photo).toMatchObject({
			type: 'message',
			text: '',
			attachments: [{ kind: 'image', fileId: 'ph_1' }],
		});
	});

	test('restarted mid-stream, it neither repeats nor skips an update', async () => {
		let t = await start('mpChatTrigger', { updates: [] });
		for (const text of ['1', '2', '3']) mp().inject({ chatId: '7', text });
		await t.until(() => t.items().length === 3);
		const delivered = t.items().map((i) => i.json.raw);
		await t.close();
		const saved = t.saved;

		// While n8n is down: two new messages, and a platform that (like Telegram) still holds
		// the updates it already delivered until an offset past them confirms them.
		for (const text of ['4', '5']) mp().inject({ chatId: '7', text });
		mp().queue.pending.unshift(...delivered);

		t = await start('mpChatTrigger', { updates: [] }, { staticData: saved });
		await t.until(() => t.items().length >= 2);
		expect(t.items().map((i) => i.json.event.text)).toEqual(['4', '5']);
		expect(polls('mpChat', '/getUpdates').at(-1).body.offset).toBeGreaterThan(
			delivered[2].update_id,
		);
	});

	test('deactivation aborts the pending long poll at once and consumes nothing', async () => {
		const t = await start('mpChatTrigger', { updates: [] });
		await eventually(() => mp().queue.waiting === 1);
		await t.close();
		// The simulator sees the hang-up a moment later; nothing was taken from its queue.
		await eventually(() => mp().queue.waiting === 0);
		mp().inject({ chatId: '7', text: 'after close' });
		expect(mp().queue.pending).toHaveLength(1);
		expect(t.emitted).toHaveLength(0);
	});

	test('401 stops the trigger with "token invalid or revoked", without the token', async () => {
		const t = await start(
			'mpChatTrigger',
			{ updates: [] },
			{ credentials: { accessToken: '999:WRONG-secret-token' } },
		);
		await t.until(() => t.errors.length === 1);
		expect(t.errors[0].message).toMatch(/HTTP 401\).*invalid or was revoked/);
		expect(JSON.stringify({ m: t.errors[0].message, d: t.errors[0].description })).not.toContain(
			'WRONG-secret-token',
		);
		await t.close();
		expect(polls('mpChat', '/getUpdates')).toHaveLength(1);
	});

	test('409 (a webhook is set) stops the trigger and says how to remove the webhook', async () => {
		mp().webhookUrl = 'https://example.invalid/hook';
		const t = await start('mpChatTrigger', { updates: [] });
		await t.until(() => t.errors.length === 1);
		expect(t.errors[0].message).toContain('a webhook is set');
		expect(t.errors[0].message).toContain('deleteWebhook');
	});

	test.each([
		[401, 'Unauthorized', /HTTP 401\).*invalid or was revoked/],
		[
			409,
			"Conflict: can't use getUpdates method while webhook is active",
			/a webhook is set.*deleteWebhook/,
		],
	])(
		'%s carried only in the body (HTTP 200, ok:false, error_code) stops the trigger too',
		async (code, description, message) => {
			suite.sim.faults.push({
				platform: 'mpChat',
				path: 'getUpdates',
				status: 200,
				body: { ok: false, error_code: code, description },
				times: 50,
			});
			const t = await start('mpChatTrigger', { updates: [] });
			await t.until(() => t.errors.length === 1);
			expect(t.errors[0].message).toMatch(message);
			await t.close();
			expect(polls('mpChat', '/getUpdates')).toHaveLength(1);
		},
	);

	test('5xx and dropped connections back off, show in the n8n log, and resume on their own', async () => {
		const logs = engine.captureLogs();
		try {
			suite.sim.faults.push({
				platform: 'mpChat',
				path: 'getUpdates',
				status: 502,
				body: { ok: false, error_code: 502, description: 'Bad Gateway' },
				times: 1,
			});
			suite.sim.faults.push({ platform: 'mpChat', path: 'getUpdates', drop: 'before', times: 1 });
			mp().inject({ chatId: '7', text: 'survived' });
			const t = await start('mpChatTrigger', { updates: [] });
			await t.until(() => t.items().length === 1, 20_000);
			expect(t.items()[0].json.event.text).toBe('survived');
			expect(t.errors).toHaveLength(0);
			const warns = logs.filter((l) => l.level === 'warn').map((l) => l.message);
			expect(warns.some((m) => /HTTP 502.*polling again in 1 s \(attempt 1\)/.test(m))).toBe(true);
			expect(warns.some((m) => /polling again in 2 s \(attempt 2\)/.test(m))).toBe(true);
			expect(
				logs.some(
					(l) => l.level === 'info' && /polling resumed after 2 failed attempt/.test(l.message),
				),
			).toBe(true);
			expect(JSON.stringify(logs)).not.toContain(mp().token);
		} finally {
			logs.restore();
		}
	});

	test('429 waits the retry_after the platform asks for, then goes on', async () => {
		const logs = engine.captureLogs();
		try {
			suite.sim.faults.push({
				platform: 'mpChat',
				path: 'getUpdates',
				status: 429,
				body: {
					ok: false,
					error_code: 429,
					description: 'Too Many Requests: retry after 2',
					parameters: { retry_after: 2 },
				},
				times: 1,
			});
			mp().inject({ chatId: '7', text: 'later' });
			const t = await start('mpChatTrigger', { updates: [] });
			await t.until(() => t.items().length === 1);
			expect(t.items().map((i) => i.json.event.text)).toEqual(['later']);
			const warns = logs
				.filter((l) => l.level === 'warn' && /HTTP 429/.test(l.message))
				.map((l) => l.message);
			expect(warns).toHaveLength(1);
			// The wait the core chose (not a measured time): the 2 s asked for, plus up to 100 ms of jitter.
			const [, attempt, delay] = /retry (\d+) of 4 in (\d+) ms/.exec(warns[0]);
			expect(Number(attempt)).toBe(1);
			expect(Number(delay) >= 2000 && Number(delay) <= 2100).toBe(true);
		} finally {
			logs.restore();
		}
	});

	test('manual mode ("Listen for event") returns the next batch, then stops polling', async () => {
		const t = await start('mpChatTrigger', { updates: [] }, { mode: 'manual' });
		expect(polls('mpChat', '/getUpdates')).toHaveLength(0);
		const listening = t.manual();
		await eventually(() => mp().queue.waiting === 1);
		mp().inject({ chatId: '7', text: 'test me' });
		await listening;
		expect(t.items().map((i) => i.json.event.text)).toEqual(['test me']);
		mp().inject({ chatId: '7', text: 'not consumed' });
		expect(polls('mpChat', '/getUpdates')).toHaveLength(1);
		expect(mp().queue.pending).toHaveLength(1);
	});

	test('filters: chat IDs, user IDs and message types; filtered updates still advance the offset', async () => {
		mp().inject({ chatId: '1', userId: '11', text: 'keep' });
		mp().inject({ chatId: '1', userId: '11', photo: 'p' });
		mp().inject({ chatId: '2', userId: '11', text: 'other chat' });
		mp().inject({ chatId: '1', userId: '12', text: 'other user' });
		const last = mp().inject({ chatId: '1', userId: '11', text: 'keep too' });
		const t = await start('mpChatTrigger', {
			updates: ['message'],
			options: { chatIds: '1, 3', userIds: '11', messageTypes: ['text'] },
		});
		await t.until(() => t.items().length === 2);
		expect(t.items().map((i) => i.json.event.text)).toEqual(['keep', 'keep too']);
		expect(t.saved['node:Trigger'].offset).toBe(String(last.update_id + 1));
	});

	test('with "Wait for Each Run", the next batch is fetched only after the run finished', async () => {
		const t = await start('mpChatTrigger', { updates: [] }, { finishRuns: false });
		mp().inject({ chatId: '7', text: 'first' });
		await t.until(() => t.emitted.length === 1);
		const pollsBefore = polls('mpChat', '/getUpdates').length;
		mp().inject({ chatId: '7', text: 'second' });
		// The first run still runs: the second message stays with the platform, unfetched.
		expect(mp().queue.pending.map((u) => u.message.text)).toEqual(['second']);
		t.finish();
		await t.until(() => t.emitted.length === 2);
		expect(polls('mpChat', '/getUpdates').length).toBe(pollsBefore + 1);
		expect(t.items().map((i) => i.json.event.text)).toEqual(['first', 'second']);
	});
});

describe('Fly Polling Trigger', () => {
	test('messages and button presses become events; the offset is saved with the emit', async () => {
		await fly().inject({ groupId: 'g_1', userId: 'u_9', userName: '小明', text: 'hi' });
		await fly().inject({
			kind: 'callback',
			userId: 'u_9',
			callbackData: 'ok',
			messageId: 'fly_msg_3',
		});
		const t = await start('flyPollingTrigger', { updates: [] });
		await t.until(() => t.items().length === 2);
		const [msg, cb] = t.items().map((i) => i.json.event);
		expect(msg).toEqual({
			platform: 'fly',
			type: 'message',
			chat: { id: 'g_1', type: 'group' },
			sender: { id: 'u_9', name: '小明' },
			text: 'hi',
			attachments: [],
			callback: null,
			messageId: expect.any(String),
			timestamp: expect.any(Number),
		});
		expect(cb).toMatchObject({
			type: 'callback_query',
			callback: { id: expect.any(String), data: 'ok' },
			messageId: 'fly_msg_3',
		});
		expect(polls('fly', '/updates')[0].body).toEqual({ offset: 0, limit: 50, timeout: 30 });
		expect(t.saved['node:Trigger'].offset).toBe(String(t.items()[1].json.raw.update_id + 1));
	});

	test("the document's literal answer {data: {updates}} without code: events and media arrive", async () => {
		fly().envelope = 'bare';
		const bytes = crypto.randomBytes(700);
		await fly().inject({ text: 'bare' });
		await fly().inject({
			media: { kind: 'file', name: 'f.bin', mimeType: 'application/octet-stream', bytes },
		});
		const t = await start('flyPollingTrigger', {
			updates: [],
			options: { downloadMedia: true, allowPrivateAddresses: true },
		});
		await t.until(() => t.items().length === 2);
		const [text, file] = t.items();
		expect(text.json.event.text).toBe('bare');
		expect(file.json.mediaError).toBeUndefined();
		expect((await engine.readBinary(file.binary.data)).equals(bytes)).toBe(true);
	});

	test('Download Media attaches the file as binary "data" through batch_access', async () => {
		const bytes = crypto.randomBytes(5000);
		await fly().inject({ media: { kind: 'image', name: 'cat.png', mimeType: 'image/png', bytes } });
		const t = await start('flyPollingTrigger', {
			updates: [],
			options: { downloadMedia: true, allowPrivateAddresses: true },
		});
		await t.until(() => t.items().length === 1);
		const [item] = t.items();
		expect(item.json.event.attachments).toEqual([
			{ kind: 'image', url: expect.stringContaining('/media/') },
		]);
		expect(item.json.mediaError).toBeUndefined();
		expect(item.binary.data).toMatchObject({ fileName: 'cat.png', mimeType: 'image/png' });
		expect((await engine.readBinary(item.binary.data)).equals(bytes)).toBe(true);
		expect(polls('fly', '/files/batch_access')).toHaveLength(1);
	});

	test('a file over the size cap, or refused access, yields the event with mediaError and the trigger goes on', async () => {
		await fly().inject({
			media: { kind: 'file', name: 'big.bin', bytes: crypto.randomBytes(2 * 1024 * 1024) },
		});
		await fly().inject({ text: 'next' });
		const t = await start('flyPollingTrigger', {
			updates: [],
			options: { downloadMedia: true, allowPrivateAddresses: true, maxMediaMb: 1 },
		});
		await t.until(() => t.items().length === 2);
		const [big, next] = t.items();
		expect(big.binary).toBeUndefined();
		// The trigger's own option is named, not the Download operation's.
		expect(big.json.mediaError).toBe(
			'The file is 2097152 bytes, over the size cap of 1048576 bytes (option "Max Media Size")',
		);
		expect(next.json.event.text).toBe('next');

		suite.sim.faults.push({
			platform: 'fly',
			path: 'batch_access',
			status: 403,
			body: { code: 40300, message: 'no access' },
			times: 1,
		});
		await fly().inject({ media: { kind: 'voice' } });
		await t.until(() => t.items().length === 3);
		expect(t.items()[2].json.mediaError).toMatch(/batch_access failed/);
		expect(t.errors).toHaveLength(0);
	});

	// The platform consumed the batch when it answered: deactivating while its media is still being
	// fetched must hand it over anyway, with its offset, and not wait for its run.
	test('deactivated while a fetched batch is still being completed, it emits that batch with its offset before closing', async () => {
		const hold = holdRequests('fly', 'files/batch_access');
		try {
			const bytes = crypto.randomBytes(300);
			await fly().inject({ media: { kind: 'file', name: 'late.bin', bytes } });
			const t = await start(
				'flyPollingTrigger',
				{ updates: [], options: { downloadMedia: true, allowPrivateAddresses: true } },
				{ finishRuns: false },
			);
			await hold.arrived;
			const closing = t.close();
			hold.release();
			await closing;
			expect(t.emitted).toHaveLength(1);
			const [item] = t.items();
			expect((await engine.readBinary(item.binary.data)).equals(bytes)).toBe(true);
			expect(t.saved['node:Trigger'].offset).toBe(String(item.json.raw.update_id + 1));
			// Nothing was left with the platform, and the loop stopped: one fetch in all.
			expect(fly().queue.pending).toHaveLength(0);
			expect(polls('fly', '/updates')).toHaveLength(1);
		} finally {
			hold.restore();
		}
	});

	test('"Listen for event" stopped while its batch is being completed: the batch is emitted before closing returns', async () => {
		const hold = holdRequests('fly', 'files/batch_access');
		try {
			await fly().inject({ media: { kind: 'image', name: 'a.png', mimeType: 'image/png' } });
			const t = await start(
				'flyPollingTrigger',
				{ updates: [], options: { downloadMedia: true, allowPrivateAddresses: true } },
				{ mode: 'manual' },
			);
			const listening = t.manual();
			await hold.arrived;
			const closing = t.close();
			hold.release();
			await closing;
			expect(t.emitted).toHaveLength(1);
			await listening;
			expect(t.items()[0].binary.data).toMatchObject({ fileName: 'a.png' });
		} finally {
			hold.restore();
		}
	});

	test('401 stops with "token invalid or revoked"', async () => {
		const t = await start(
			'flyPollingTrigger',
			{ updates: [] },
			{ credentials: { accessToken: 'wrong-fly-token' } },
		);
		await t.until(() => t.errors.length === 1);
		expect(t.errors[0].message).toMatch(/Fly rejected the bot token \(HTTP 401\)/);
	});

	test('restarted mid-stream, it neither repeats nor skips an update', async () => {
		let t = await start('flyPollingTrigger', { updates: [] });
		for (const text of ['a', 'b']) await fly().inject({ text });
		await t.until(() => t.items().length === 2);
		const delivered = t.items().map((i) => i.json.raw);
		await t.close();
		await fly().inject({ text: 'c' });
		fly().queue.pending.unshift(...delivered);
		t = await start('flyPollingTrigger', { updates: [] }, { staticData: t.saved });
		await t.until(() => t.items().length >= 1);
		expect(t.items().map((i) => i.json.event.text)).toEqual(['c']);
	});
});

// One bot, many listeners: MPChat and Fly consume a batch when they answer, so every listener of a
// bot in one n8n process shares one loop (core/botPoller.ts). The simulator's peakWaiting counts
// the long polls held open at once: two loops on one bot would hold two.
describe('One loop per bot, every listener served', () => {
	const texts = (t) => t.items().map((i) => i.json.event.text);
	const offsetOf = (t) => t.saved['node:Trigger']?.offset;

	/** Lets the event loop turn `n` times: for asserting that something did NOT happen. */
	async function turns(n = 50) {
		for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
	}

	test('two active workflows on one bot (two credentials, same token) both get every message once, in order, from one poller', async () => {
		const a = await start('mpChatTrigger', { updates: [] }, { workflowId: 'wf-a' });
		// Another credential with the same token (pasted with a newline) and base URL: the same bot.
		const b = await start(
			'mpChatTrigger',
			{ updates: [] },
			{ workflowId: 'wf-b', credentials: { accessToken: `${mp().token}\n`, sharedBy: 2 } },
		);
		const sent = [];
		for (let i = 1; i <= 12; i++) {
			await eventually(() => mp().queue.waiting === 1);
			sent.push(String(i));
			mp().inject({ chatId: '7', text: String(i) });
			await a.until(() => a.items().length === i);
			await b.until(() => b.items().length === i);
		}
		expect(texts(a)).toEqual(sent);
		expect(texts(b)).toEqual(sent);
		expect(mp().queue.peakWaiting).toBe(1);
		expect(mp().queue.answers).toBe(polls('mpChat', '/getUpdates').length - mp().queue.waiting);
		expect(offsetOf(a)).toBe(offsetOf(b));
	});

	test('three listeners with different filters; the request asks for the union of their types; a new workflow joining mid-stream starts with the next batch', async () => {
		// A short long poll: B's type takes effect from the request after the one in flight.
		const a = await start(
			'mpChatTrigger',
			{ updates: ['message'], options: { chatIds: '1', pollTimeout: 1 } },
			{ workflowId: 'wf-a' },
		);
		const b = await start('mpChatTrigger', { updates: ['callback_query'] }, { workflowId: 'wf-b' });
		const union = (body) => new Set(body.allowed_updates);
		await eventually(
			() =>
				mp().queue.waiting === 1 &&
				polls('mpChat', '/getUpdates').at(-1).body.allowed_updates?.length === 2,
		);
		expect(union(polls('mpChat', '/getUpdates')[0].body)).toEqual(new Set(['message']));
		expect(union(polls('mpChat', '/getUpdates').at(-1).body)).toEqual(
			new Set(['message', 'callback_query']),
		);
		mp().inject({ chatId: '1', text: 'm1' });
		mp().inject({ kind: 'callback', chatId: '1', userId: '6', callbackData: 'cb1' });
		const m2 = mp().inject({ chatId: '2', text: 'm2' });
		await a.until(() => a.items().length === 1);
		await b.until(() => b.items().length === 1);
		expect(texts(a)).toEqual(['m1']);
		expect(b.items()[0].json.event.callback.data).toBe('cb1');
		// Updates outside a listener's filters still advance its offset (saved with its next emit).
		await eventually(
			() => a.workflow.staticData['node:Trigger'].offset === String(m2.update_id + 1),
		);

		const c = await start(
			'mpChatTrigger',
			{ updates: [], options: { messageTypes: ['image'] } },
			{ workflowId: 'wf-c' },
		);
		mp().inject({ chatId: '1', photo: 'p1' });
		mp().inject({ chatId: '1', text: 'm3' });
		await a.until(() => a.items().length === 3);
		await c.until(() => c.items().length === 1);
		expect(texts(a)).toEqual(['m1', '', 'm3']);
		expect(c.items()[0].json.event.attachments[0].fileId).toBe('p1');
		// C wants every type: from the next request on, no allowed_updates narrows the poll.
		await eventually(() => mp().queue.waiting === 1);
		expect(polls('mpChat', '/getUpdates').at(-1).body.allowed_updates).toBeUndefined();
		expect(b.items()).toHaveLength(1);
		expect(mp().queue.peakWaiting).toBe(1);
	});

	test('a workflow deactivated mid-batch still emits that batch with its offset; the others go on without a gap', async () => {
		const hold = holdRequests('fly', 'files/batch_access');
		try {
			const a = await start(
				'flyPollingTrigger',
				{ updates: [], options: { downloadMedia: true } },
				{ workflowId: 'wf-a' },
			);
			const b = await start('flyPollingTrigger', { updates: [] }, { workflowId: 'wf-b' });
			await fly().inject({ text: 'first' });
			const media = await fly().inject({ media: { kind: 'file', name: 'x.bin' } });
			await hold.arrived;
			await b.until(() => b.items().length === 2);
			const closing = a.close();
			hold.release();
			await closing;
			expect(a.items().map((i) => i.json.event.text)).toEqual(['first', '']);
			expect(offsetOf(a)).toBe(String(media.update.update_id + 1));
			// B's loop was not stopped by A leaving.
			await eventually(() => fly().queue.waiting === 1);
			await fly().inject({ text: 'after' });
			await b.until(() => b.items().length === 3);
			expect(texts(b)).toEqual(['first', '', 'after']);
			expect(a.items()).toHaveLength(2);
			expect(fly().queue.peakWaiting).toBe(1);
		} finally {
			hold.restore();
		}
	});

	test('Test step on a live workflow gets a copy of the next batch; the live workflow still gets every message', async () => {
		const live = await start('mpChatTrigger', { updates: [] }, { workflowId: 'wf-live' });
		const test = await start(
			'mpChatTrigger',
			{ updates: [] },
			{ workflowId: 'wf-live', mode: 'manual' },
		);
		const listening = test.manual();
		await eventually(() => mp().queue.waiting === 1);
		mp().inject({ chatId: '7', text: 'x' });
		await listening;
		mp().inject({ chatId: '7', text: 'y' });
		await live.until(() => live.items().length === 2);
		expect(texts(test)).toEqual(['x']);
		expect(texts(live)).toEqual(['x', 'y']);
		expect(mp().queue.peakWaiting).toBe(1);
	});

	test('with "Wait for Each Run", the next batch is fetched only when every waiting workflow finished its run', async () => {
		const a = await start(
			'mpChatTrigger',
			{ updates: [] },
			{ workflowId: 'wf-a', finishRuns: false },
		);
		const b = await start(
			'mpChatTrigger',
			{ updates: [] },
			{ workflowId: 'wf-b', finishRuns: false },
		);
		mp().inject({ chatId: '7', text: 'first' });
		await a.until(() => a.emitted.length === 1);
		await b.until(() => b.emitted.length === 1);
		const before = polls('mpChat', '/getUpdates').length;
		mp().inject({ chatId: '7', text: 'second' });
		a.finish();
		await turns();
		// B's run still runs: nothing more was fetched.
		expect(polls('mpChat', '/getUpdates')).toHaveLength(before);
		expect(mp().queue.pending.map((u) => u.message.text)).toEqual(['second']);
		b.finish();
		await a.until(() => a.emitted.length === 2);
		await b.until(() => b.emitted.length === 2);
		expect(texts(a)).toEqual(['first', 'second']);
		expect(texts(b)).toEqual(['first', 'second']);
	});

	test.each([
		['401', { credentials: { accessToken: '999:WRONG-secret-token' } }, /HTTP 401\).*invalid/],
		['409', {}, /a webhook is set.*deleteWebhook/],
	])(
		'%s reaches every listener of the bot with the same message',
		async (_code, extra, message) => {
			if (_code === '409') mp().webhookUrl = 'https://example.invalid/hook';
			const a = await start('mpChatTrigger', { updates: [] }, { ...extra, workflowId: 'wf-a' });
			const b = await start('mpChatTrigger', { updates: [] }, { ...extra, workflowId: 'wf-b' });
			const test = await start(
				'mpChatTrigger',
				{ updates: [] },
				{ ...extra, workflowId: 'wf-c', mode: 'manual' },
			);
			const listening = test.manual().catch((e) => e);
			await a.until(() => a.errors.length === 1);
			await b.until(() => b.errors.length === 1);
			expect(a.errors[0].message).toMatch(message);
			expect(b.errors[0].message).toBe(a.errors[0].message);
			// The manual listener joined the loop before its first answer, or started a new one after it
			// stopped: either way it fails with the same message.
			expect((await listening).message).toBe(a.errors[0].message);
		},
	);

	test('restart: the first workflow to start consumes the backlog; the second, starting later, still gets it from where its offset says, and nobody gets a repeat', async () => {
		let a = await start('mpChatTrigger', { updates: [] }, { workflowId: 'wf-a' });
		let b = await start('mpChatTrigger', { updates: [] }, { workflowId: 'wf-b' });
		mp().inject({ chatId: '7', text: '1' });
		await a.until(() => a.items().length === 1);
		await b.until(() => b.items().length === 1);
		await a.close();
		await b.close();
		const [savedA, savedB] = [a.saved, b.saved];

		for (const text of ['2', '3', '4']) mp().inject({ chatId: '7', text });
		a = await start('mpChatTrigger', { updates: [] }, { workflowId: 'wf-a', staticData: savedA });
		await a.until(() => a.items().length === 3);
		expect(mp().queue.pending).toHaveLength(0);
		b = await start('mpChatTrigger', { updates: [] }, { workflowId: 'wf-b', staticData: savedB });
		await b.until(() => b.items().length === 3);
		mp().inject({ chatId: '7', text: '5' });
		await a.until(() => a.items().length === 4);
		await b.until(() => b.items().length === 4);
		expect(texts(a)).toEqual(['2', '3', '4', '5']);
		expect(texts(b)).toEqual(['2', '3', '4', '5']);
		expect(offsetOf(b)).toBe(offsetOf(a));
	});
});

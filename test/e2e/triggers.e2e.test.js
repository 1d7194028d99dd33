'use strict';
// Each trigger in a running n8n (installed from the tarball) against the simulator: a simulated
// user message starts the workflow and its reply reaches the platform; forged, replayed and
// malformed webhooks start nothing; a long-poll trigger restarted mid-stream (n8n stopped and
// started again) neither repeats nor skips an update; Fly replays are refused across a restart;
// no secret shows in n8n's log or execution data.
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { leaks, runRecord, simulatorSecrets } = require('../helpers/secrets');
const { dist, nodeType } = require('../helpers/packages');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));
const { signUpdate } = require('../../simulator/flySignature');

jest.setTimeout(15 * 60 * 1000);

let n8n;
let sim;
let creds;
const cred = {};
const logs = [];
/** Secrets the tests derive on the way (bi.ink's URL secret), scanned for at the end. */
const derived = {};

beforeAll(async () => {
	sim = await startSimulator();
	creds = sim.creds();
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
	Object.assign(
		cred,
		await n8n.createCredentials(creds, ['mpChatApi', 'biInkApi', 'flyApi', 'minappApi']),
	);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

/** trigger → reply, created and activated; returns the saved workflow. */
async function echoWorkflow(name, trigger, reply) {
	const wf = await n8n.createWorkflow({
		name,
		nodes: [
			{
				id: `${name}-t`,
				name: 'Trigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: `${name}-hook`,
				...trigger,
			},
			{ id: `${name}-r`, name: 'Reply', typeVersion: 1, position: [220, 0], ...reply },
		],
		connections: { Trigger: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
	});
	await n8n.activate(wf);
	return wf;
}

/** The texts each run's trigger received, one entry per run. */
async function triggeredTexts(runs) {
	const texts = [];
	for (const run of runs)
		texts.push(((await n8n.executionOutput(run.id)).Trigger ?? []).map((json) => json.event?.text));
	return texts;
}

/**
 * "Nothing started" holds only on a settled list. `valid` are the texts of every valid delivery
 * this workflow received before the refused ones (each has run and answered). The list is read
 * once all of those runs are listed and finished, then a valid delivery is sent after the refused
 * ones; once it has run too, the workflow holds exactly one run per valid delivery and each run
 * carries one of their texts, so no refused request started a run (a run it started would have
 * been created before its 4xx answer, hence listed by then).
 */
async function expectOnlyTheValidOnesStarted(workflowId, valid, sendValid, replied, lastText) {
	await sendValid();
	await until(replied, 'the valid request sent after the refused ones to run');
	const runs = await n8n.settledExecutions(workflowId, valid.length + 1);
	expect(runs).toHaveLength(valid.length + 1);
	expect((await triggeredTexts(runs)).flat().sort()).toEqual([...valid, lastText].sort());
}

/** Before the refused requests: the runs of the valid deliveries so far are listed and finished. */
async function settledBefore(workflowId, valid) {
	expect(await n8n.settledExecutions(workflowId, valid.length)).toHaveLength(valid.length);
}

const echoText = '={{ "echo: " + $json.event.text }}';
const texts = (platform) => sim.platforms[platform].sent.map((m) => m.text);

describe('long-poll triggers', () => {
	let mpWorkflow;

	test('MPChat Trigger: a message starts the workflow and the echo reaches the chat', async () => {
		mpWorkflow = await echoWorkflow(
			'mpchat-echo',
			{
				type: nodeType('mpChatTrigger'),
				credentials: cred.mpChatApi,
				parameters: { updates: ['message'] },
			},
			{
				type: nodeType('mpChat'),
				credentials: cred.mpChatApi,
				parameters: {
					resource: 'message',
					operation: 'sendText',
					chatId: '={{ $json.event.chat.id }}',
					text: echoText,
				},
			},
		);
		sim.platforms.mpChat.inject({ chatId: '-1001234567890123456789', text: 'hello mpchat' });
		const sent = await until(
			() => sim.platforms.mpChat.sent.find((m) => m.text === 'echo: hello mpchat'),
			'the MPChat echo',
		);
		expect(sent.chat_id).toBe('-1001234567890123456789');
	});

	test('Fly Polling Trigger: a message starts the workflow and the echo reaches the chat', async () => {
		await echoWorkflow(
			'fly-poll-echo',
			{
				type: nodeType('flyPollingTrigger'),
				credentials: cred.flyApi,
				parameters: { updates: ['message'] },
			},
			{
				type: nodeType('fly'),
				credentials: cred.flyApi,
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'eventChat',
					msgType: 'text',
					content: echoText,
				},
			},
		);
		await sim.platforms.fly.inject({ groupId: 'g_42', text: 'hello fly' });
		const sent = await until(
			() => sim.platforms.fly.sent.find((m) => m.data.content === 'echo: hello fly'),
			'the Fly echo',
		);
		expect(sent.group_id).toBe('g_42');
	});

	test('MPChat Trigger restarted mid-stream (n8n stopped and started) neither repeats nor skips an update', async () => {
		const mp = sim.platforms.mpChat;
		for (const n of [1, 2, 3]) mp.inject({ chatId: '77', text: `before ${n}` });
		await until(
			() => ['1', '2', '3'].every((n) => texts('mpChat').includes(`echo: before ${n}`)),
			'the first batch',
		);
		await n8n.restart({
			beforeStart: async () => {
				for (const n of [4, 5]) mp.inject({ chatId: '77', text: `after ${n}` });
				// A platform that keeps delivered updates until an offset past them confirms them
				// (as Telegram does) still holds everything the trigger consumed so far.
				const consumed = [];
				for (let id = 1; id < mp.queue.nextId - 2; id++)
					consumed.push({
						update_id: id,
						message: {
							message_id: 900 + id,
							chat: { id: 77, type: 'private' },
							from: { id: 77, first_name: 'Again' },
							date: 1,
							text: `repeat ${id}`,
						},
					});
				mp.queue.pending.unshift(...consumed);
			},
		});

		await until(
			() => ['4', '5'].every((n) => texts('mpChat').includes(`echo: after ${n}`)),
			'the second batch after the restart',
			90_000,
		);
		// Settled before counting: every run has finished (an echo reaches the platform a moment
		// before n8n saves its run as finished).
		const runs = await n8n.settledExecutions(mpWorkflow.id, 1);
		// Every update the trigger consumed ran exactly once, whatever the batching.
		expect(
			(await triggeredTexts(runs))
				.flat()
				.filter((t) => t !== 'hello mpchat')
				.sort(),
		).toEqual(['after 4', 'after 5', 'before 1', 'before 2', 'before 3']);
		const all = texts('mpChat');
		expect(all.filter((t) => /^echo: repeat/.test(t))).toEqual([]);
		for (const t of [
			'echo: before 1',
			'echo: before 2',
			'echo: before 3',
			'echo: after 4',
			'echo: after 5',
		])
			expect(all.filter((x) => x === t)).toHaveLength(1);
		// Every run the updates started (however they were batched) succeeded.
		expect(runs.map((e) => e.status).filter((status) => status !== 'success')).toEqual([]);
	});
});

describe('webhook triggers', () => {
	test('bi.ink Trigger: a message with the URL secret starts the workflow; requests without it start nothing', async () => {
		const wf = await echoWorkflow(
			'biink-echo',
			{ type: nodeType('biInkTrigger'), credentials: cred.biInkApi, parameters: { events: [] } },
			{
				type: nodeType('biInk'),
				credentials: cred.biInkApi,
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'eventChat',
					messageType: 'text',
					content: echoText,
				},
			},
		);
		const secret = biInkWebhookSecret(creds.biInkApi.accessToken, wf.id, 'biink-echo-t');
		derived['bi.ink webhook secret'] = secret;
		const url = `${n8n.url}/webhook/biink-echo-hook/bi-ink`;
		await until(
			async () =>
				(
					await fetch(url, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: '{}',
					})
				).status !== 404,
			'the bi.ink webhook to go live',
		);
		sim.platforms.biInk.webhookUrl = `${url}?secret=${secret}`;
		const { delivery } = await sim.platforms.biInk.inject({
			userId: 'user_7',
			text: 'hello bi.ink',
		});
		// Answered once the run exists, with the body the platforms' own examples answer.
		expect([delivery.status, delivery.response]).toEqual([200, 'OK']);
		const sent = await until(
			() =>
				[...sim.platforms.biInk.messages.values()].find((m) => m.content === 'echo: hello bi.ink'),
			'the bi.ink echo',
		);
		expect(sent.target_user_id).toBe('user_7');

		await settledBefore(wf.id, ['hello bi.ink']);
		const post = (q, body, type = 'application/json') =>
			fetch(`${url}${q}`, { method: 'POST', headers: { 'Content-Type': type }, body });
		expect((await post('', '{"event_type":"private_message"}')).status).toBe(401);
		expect(
			(await post('?secret=forged-secret-0000000000000000', '{"event_type":"private_message"}'))
				.status,
		).toBe(403);
		// n8n itself refuses a JSON body it cannot parse (422) before any node runs.
		expect((await post(`?secret=${secret}`, '{"event_type":')).status).toBe(422);
		expect((await post(`?secret=${secret}`, '["not", "an", "event"]')).status).toBe(400);
		expect((await post(`?secret=${secret}`, 'event_type=x', 'text/plain')).status).toBe(400);
		await expectOnlyTheValidOnesStarted(
			wf.id,
			['hello bi.ink'],
			async () =>
				expect(
					(await sim.platforms.biInk.inject({ userId: 'user_8', text: 'after the refused' }))
						.delivery.status,
				).toBe(200),
			() =>
				[...sim.platforms.biInk.messages.values()].some(
					(m) => m.content === 'echo: after the refused',
				),
			'after the refused',
		);
	});

	test('minapp Trigger: a callback with the robot secret starts the workflow; a wrong secret starts nothing', async () => {
		const wf = await echoWorkflow(
			'minapp-echo',
			{ type: nodeType('minappTrigger'), credentials: cred.minappApi, parameters: { events: [] } },
			{
				type: nodeType('minapp'),
				credentials: cred.minappApi,
				parameters: {
					resource: 'message',
					operation: 'send',
					conversation: { __rl: true, mode: 'id', value: '={{ $json.event.chat.id }}' },
					msgtype: 'text',
					content: echoText,
				},
			},
		);
		const url = `${n8n.url}/webhook/minapp-echo-hook/minapp`;
		await until(
			async () =>
				(
					await fetch(url, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: '{}',
					})
				).status !== 404,
			'the minapp webhook to go live',
		);
		sim.platforms.minapp.webhookUrl = url;
		const { delivery } = await sim.platforms.minapp.inject({
			conversationId: 'wr_group_dev',
			text: 'hello minapp',
		});
		expect([delivery.status, delivery.response]).toEqual([200, 'OK']);
		const sent = await until(
			() => sim.platforms.minapp.sent.find((m) => m.text?.content === 'echo: hello minapp'),
			'the minapp echo',
		);
		expect(sent.conversation_id).toBe('wr_group_dev');

		await settledBefore(wf.id, ['hello minapp']);
		expect(
			(await sim.platforms.minapp.inject({ text: 'forged', secretOverride: 'guessed' })).delivery
				.status,
		).toBe(403);
		expect(
			(await sim.platforms.minapp.inject({ text: 'no secret', secretOverride: '' })).delivery
				.status,
		).toBe(401);
		await expectOnlyTheValidOnesStarted(
			wf.id,
			['hello minapp'],
			async () =>
				expect(
					(
						await sim.platforms.minapp.inject({
							conversationId: 'wr_group_dev',
							text: 'after the refused',
						})
					).delivery.status,
				).toBe(200),
			() => sim.platforms.minapp.sent.some((m) => m.text?.content === 'echo: after the refused'),
			'after the refused',
		);
	});

	let flyWorkflow;

	test('Fly Trigger: a signed delivery starts the workflow; forged, replayed and malformed ones start nothing', async () => {
		const wf = await echoWorkflow(
			'fly-hook-echo',
			{
				type: nodeType('flyTrigger'),
				credentials: cred.flyApi,
				parameters: { updates: ['message'] },
			},
			{
				type: nodeType('fly'),
				credentials: cred.flyApi,
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'eventChat',
					msgType: 'text',
					content: echoText,
				},
			},
		);
		flyWorkflow = wf;
		const url = `${n8n.url}/webhook/fly-hook-echo-hook/fly`;
		await until(
			async () =>
				(
					await fetch(url, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: '{}',
					})
				).status !== 404,
			'the Fly webhook to go live',
		);
		sim.platforms.fly.webhookUrl = url;
		const { delivery } = await sim.platforms.fly.inject({ userId: 'u_5', text: 'hello fly hook' });
		// Answered once the run exists, with the body the platforms' own examples answer.
		expect([delivery.status, delivery.response]).toEqual([200, 'OK']);
		const sent = await until(
			() => sim.platforms.fly.sent.find((m) => m.data.content === 'echo: hello fly hook'),
			'the Fly webhook echo',
		);
		expect(sent.to_user_id).toBe('u_5');

		await settledBefore(wf.id, ['hello fly hook']);
		const post = (body, type = 'application/json') =>
			fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });
		expect((await post(delivery.body)).status).toBe(403); // replayed
		const forged = JSON.parse(delivery.body);
		forged.nonce = 'fresh-nonce';
		forged.message.data.content = 'forged';
		expect((await post(JSON.stringify(forged))).status).toBe(401);
		expect((await post('{"update_id":')).status).toBe(422); // n8n's own body parser
		expect(
			(await post('{"update_id":"1.5","type":"message","timestamp":1,"nonce":"n","signature":"x"}'))
				.status,
		).toBe(400);
		expect(
			(await post(JSON.stringify({ ...JSON.parse(delivery.body), pad: 'x'.repeat(1100 * 1024) })))
				.status,
		).toBe(400);
		expect((await post(delivery.body, 'text/plain')).status).toBe(400);
		// A forged button press beside a signed payload (issue 27, item 1): someone holding a signed
		// delivery not yet seen moves its signed callback_query into message, which Fly's signature
		// then covers, and puts a press of their own beside it. Refused (400), with a type and
		// without one, before anything runs.
		const genuine = {
			update_id: 990001,
			type: 'callback_query',
			callback_query: {
				id: 'cbq_unseen',
				data: 'reject',
				from: { id: 'u_5', name: 'Sim User' },
				message: { id: 'fly_msg_1', chat: { id: 'u_5', type: 'private' } },
			},
			bot: { id: sim.platforms.fly.botId },
			timestamp: Math.floor(Date.now() / 1000),
			nonce: 'unseen-nonce-0001',
		};
		genuine.signature = signUpdate(genuine, sim.platforms.fly.defaultSecret());
		const pressed = {
			...genuine,
			message: genuine.callback_query,
			callback_query: { ...genuine.callback_query, data: 'approve', from: { id: 'admin' } },
		};
		expect(signUpdate(pressed, sim.platforms.fly.defaultSecret())).toBe(genuine.signature);
		expect((await post(JSON.stringify(pressed))).status).toBe(400);
		// The same with a signed delivery that names no type.
		const {
			type: _type,
			signature: _signature,
			...bare
		} = { ...genuine, nonce: 'unseen-nonce-0002' };
		bare.signature = signUpdate(bare, sim.platforms.fly.defaultSecret());
		const untyped = {
			...bare,
			message: bare.callback_query,
			callback_query: { ...bare.callback_query, data: 'approve', from: { id: 'admin' } },
		};
		expect(signUpdate(untyped, sim.platforms.fly.defaultSecret())).toBe(bare.signature);
		expect((await post(JSON.stringify(untyped))).status).toBe(400);
		await expectOnlyTheValidOnesStarted(
			wf.id,
			['hello fly hook'],
			async () =>
				expect(
					(await sim.platforms.fly.inject({ userId: 'u_5', text: 'after the refused' })).delivery
						.status,
				).toBe(200),
			() => sim.platforms.fly.sent.some((m) => m.data.content === 'echo: after the refused'),
			'after the refused',
		);
	});

	test('Fly Trigger: after an n8n restart, replays of every accepted delivery are refused, not only the first', async () => {
		// The workflow of the previous test is still active; its first delivery was made there.
		const wf = flyWorkflow;
		const url = `${n8n.url}/webhook/fly-hook-echo-hook/fly`;
		const accepted = [];
		for (const n of [2, 3, 4]) {
			const { delivery } = await sim.platforms.fly.inject({ userId: 'u_5', text: `persist ${n}` });
			expect(delivery.status).toBe(200);
			accepted.push(delivery.body);
			// The run a delivery starts is what saves its nonce: wait until it has finished.
			await until(
				() => sim.platforms.fly.sent.some((m) => m.data.content === `echo: persist ${n}`),
				`the echo of delivery ${n}`,
			);
		}
		const valid = ['hello fly hook', 'after the refused', 'persist 2', 'persist 3', 'persist 4'];
		await settledBefore(wf.id, valid);
		await n8n.restart();
		await until(
			async () =>
				(
					await fetch(url, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: '{}',
					})
				).status !== 404,
			'the Fly webhook to go live again',
		);
		// Fresh timestamps are still inside the 300 s window: only the remembered nonce refuses them.
		for (const body of accepted)
			expect(
				(
					await fetch(url, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body,
					})
				).status,
			).toBe(403);
		await expectOnlyTheValidOnesStarted(
			wf.id,
			valid,
			async () =>
				expect(
					(await sim.platforms.fly.inject({ userId: 'u_5', text: 'after the restart' })).delivery
						.status,
				).toBe(200),
			() => sim.platforms.fly.sent.some((m) => m.data.content === 'echo: after the restart'),
			'after the restart',
		);
		sim.platforms.fly.webhookUrl = '';
	});

	test("no token or secret appears in n8n's log or in any execution's data", async () => {
		const { text, executions } = await runRecord(n8n);
		expect(executions).toBeGreaterThan(0);
		expect(text).toContain('hello mpchat'); // the executions' data really is in what is scanned
		expect(leaks(text, { ...simulatorSecrets(sim, creds), ...derived })).toEqual([]);
	});
});

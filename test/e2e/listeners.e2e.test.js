'use strict';
// One bot, many listeners, in a running n8n (issue 28). The long-poll platforms consume a batch
// when they answer, so before the shared loop every listener of a bot took a share of its messages
// and no workflow saw them all. Here: two active workflows on one MPChat bot and two on one Fly
// bot (each with a credential of its own holding the same token) each see every message, in
// order, once, fetched by one poller; a test listener opened on a live workflow gets a copy while
// the live workflow still gets everything; an n8n restart between two batches loses and repeats
// nothing for either workflow. For a webhook bot (one URL per bot): a test listener on a live
// workflow leaves the live deliveries alone, and one trigger workflow hands every event to
// several workflows through Execute Workflow.
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { leaks, runRecord, simulatorSecrets } = require('../helpers/secrets');
const { dist, nodeType } = require('../helpers/packages');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));

jest.setTimeout(20 * 60 * 1000);

let n8n;
let sim;
let creds;
/** Two credentials per long-poll platform, both holding the simulator's one token: one bot. */
const first = {};
const second = {};
const logs = [];
const derived = {};
/** The workflows made so far, by label. */
const made = {};

beforeAll(async () => {
	sim = await startSimulator();
	creds = sim.creds();
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
	Object.assign(first, await n8n.createCredentials(creds, ['mpChatApi', 'flyApi', 'biInkApi']));
	for (const type of ['mpChatApi', 'flyApi']) {
		const c = await n8n.createCredential(type, creds[type], `${type} (second, same token)`);
		second[type] = { [type]: { id: c.id, name: c.name } };
	}
});

afterAll(async () => {
	if (n8n) {
		logs.push(n8n.log);
		await n8n.cleanup();
	}
	if (sim) await sim.close();
});

const REPLY = {
	mpChat: (label) => ({
		type: nodeType('mpChat'),
		parameters: {
			resource: 'message',
			operation: 'sendText',
			chatId: '={{ $json.event.chat.id }}',
			text: `={{ "${label}: " + $json.event.text }}`,
		},
	}),
	fly: (label) => ({
		type: nodeType('fly'),
		parameters: {
			resource: 'message',
			operation: 'send',
			sendTo: 'eventChat',
			msgType: 'text',
			content: `={{ "${label}: " + $json.event.text }}`,
		},
	}),
};
const TRIGGER = { mpChat: 'mpChatTrigger', fly: 'flyPollingTrigger' };
const CRED = { mpChat: 'mpChatApi', fly: 'flyApi' };

/** trigger → reply "<label>: <text>", saved and activated. */
async function echoWorkflow(platform, label, credential, { activate = true } = {}) {
	const wf = await n8n.createWorkflow({
		name: `${platform} ${label}`,
		nodes: [
			{
				id: `${label}-t`,
				name: 'Trigger',
				type: nodeType(TRIGGER[platform]),
				typeVersion: 1,
				position: [0, 0],
				credentials: credential[CRED[platform]],
				parameters: { updates: ['message'] },
			},
			{
				id: `${label}-r`,
				name: 'Reply',
				typeVersion: 1,
				position: [220, 0],
				credentials: credential[CRED[platform]],
				...REPLY[platform](label),
			},
		],
		connections: { Trigger: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
	});
	if (activate) await n8n.activate(wf);
	made[label] = wf;
	return wf;
}

const sentTexts = (platform) =>
	platform === 'mpChat'
		? sim.platforms.mpChat.sent.map((m) => m.text)
		: sim.platforms.fly.sent.map((m) => m.data?.content);
const inject = (platform, text) =>
	platform === 'mpChat'
		? sim.platforms.mpChat.inject({ chatId: '4242', text })
		: sim.platforms.fly.inject({ userId: 'u_4242', text });
/** The replies one workflow sent, in the order the platform received them. */
const repliesOf = (platform, label) =>
	sentTexts(platform)
		.filter((t) => typeof t === 'string' && t.startsWith(`${label}: `))
		.map((t) => t.slice(label.length + 2));

/** The texts each run's trigger output, flattened in run order (oldest first). */
async function triggeredTexts(workflowId, atLeast) {
	const runs = await n8n.settledExecutions(workflowId, atLeast);
	const texts = [];
	for (const run of [...runs].sort((a, b) => Number(a.id) - Number(b.id)))
		texts.push(...((await n8n.executionOutput(run.id)).Trigger ?? []).map((j) => j.event?.text));
	return { runs, texts };
}

/** The most long polls the platform held open at once: 1 when one loop served every listener. */
const peakPolls = (platform) => sim.platforms[platform].queue.peakWaiting;

describe.each(['mpChat', 'fly'])('%s: one bot, two active workflows', (platform) => {
	const N = 20;
	let a;
	let b;

	test(`both workflows see all ${N} messages, in order, once, from one poller`, async () => {
		a = await echoWorkflow(platform, `${platform}-A`, first);
		b = await echoWorkflow(platform, `${platform}-B`, second);
		// Activation returns before n8n has started the trigger, and a workflow that starts later
		// begins with the next batch: both are listening once both have answered the same message.
		const both = (t) =>
			repliesOf(platform, `${platform}-A`).includes(t) &&
			repliesOf(platform, `${platform}-B`).includes(t);
		const either = (t) =>
			repliesOf(platform, `${platform}-A`).includes(t) ||
			repliesOf(platform, `${platform}-B`).includes(t);
		for (let k = 1; ; k++) {
			await inject(platform, `warm-up ${k}`);
			await until(() => either(`warm-up ${k}`), `warm-up ${k} to be answered`);
			if (Array.from({ length: k }, (_, i) => `warm-up ${i + 1}`).some(both)) break;
			if (k === 30) throw new Error('the second workflow never started listening');
		}
		const want = Array.from({ length: N }, (_, i) => `m${i + 1}`);
		for (const text of want) await inject(platform, text);
		await until(
			() =>
				repliesOf(platform, `${platform}-A`).length >= N &&
				repliesOf(platform, `${platform}-B`).length >= N,
			`both workflows to answer all ${N} messages`,
			120_000,
		).catch((e) => {
			throw new Error(
				`${e.message}: A answered ${JSON.stringify(repliesOf(platform, `${platform}-A`))}, B ${JSON.stringify(repliesOf(platform, `${platform}-B`))}\n${n8n.log
					.split('\n')
					.filter((l) => /error|warn/i.test(l))
					.slice(-15)
					.join('\n')}`,
			);
		});
		// Counted only once every run of both workflows is listed and finished.
		const seenA = await triggeredTexts(a.id, 1);
		const seenB = await triggeredTexts(b.id, 1);
		const real = (list) => list.filter((t) => !t.startsWith('warm-up'));
		expect(real(seenA.texts)).toEqual(want);
		expect(real(seenB.texts)).toEqual(want);
		expect(real(repliesOf(platform, `${platform}-A`))).toEqual(want);
		expect(real(repliesOf(platform, `${platform}-B`))).toEqual(want);
		// Nothing twice: every warm-up each workflow saw, once.
		for (const label of ['A', 'B']) {
			const got = repliesOf(platform, `${platform}-${label}`);
			expect(new Set(got).size).toBe(got.length);
		}
		expect([...seenA.runs, ...seenB.runs].filter((r) => r.status !== 'success')).toEqual([]);
		// One loop fetched for both workflows.
		expect(peakPolls(platform)).toBe(1);
	});

	test('a test listener opened on a live workflow gets a copy; the live workflows still get every message', async () => {
		const before = { a: repliesOf(platform, `${platform}-A`).length };
		const started = await n8n.request('POST', `/rest/workflows/${a.id}/run`, {
			triggerToStartFrom: { name: 'Trigger' },
		});
		const manualId = started.executionId;
		expect(manualId).toBeTruthy();
		// The listener is running (its execution exists) before the messages are sent.
		await until(
			async () =>
				((await n8n.executions(a.id)).results ?? []).some((e) => String(e.id) === String(manualId)),
			'the test listener to start',
		);
		const manualDone = async () => {
			const e = await n8n.request('GET', `/rest/executions/${manualId}`);
			return ['success', 'error', 'crashed'].includes(e.status) ? e : null;
		};
		const liveAnswered = (t) =>
			repliesOf(platform, `${platform}-A`).includes(t) &&
			repliesOf(platform, `${platform}-B`).includes(t);
		// Six messages, then more, one by one, until the test run has taken its copy: its execution
		// exists a moment before its trigger has joined the loop, so the first ones may come earlier.
		const want = [];
		let manual = null;
		for (let n = 1; n <= 30 && !(n > 6 && manual); n++) {
			const text = `t${n}`;
			want.push(text);
			await inject(platform, text);
			await until(() => liveAnswered(text), `the live workflows to answer ${text}`, 120_000);
			if (n >= 6) manual = await manualDone();
		}
		manual = manual ?? (await until(manualDone, 'the test run to finish'));
		expect(manual.status).toBe('success');
		const copy = ((await n8n.executionOutput(manualId)).Trigger ?? []).map((j) => j.event?.text);
		// The test run got a copy of the first batch that reached it once it listened: some of the
		// messages, in order, with none skipped in between.
		expect(copy.length).toBeGreaterThan(0);
		const from = want.indexOf(copy[0]);
		expect(copy).toEqual(want.slice(from, from + copy.length));
		// Live: each message exactly once per workflow (A's test run replied to its copy too).
		const liveA = (await triggeredTexts(a.id, 1)).runs.filter((r) => r.mode !== 'manual');
		const liveTexts = [];
		for (const run of liveA.sort((x, y) => Number(x.id) - Number(y.id)))
			liveTexts.push(
				...((await n8n.executionOutput(run.id)).Trigger ?? []).map((j) => j.event?.text),
			);
		expect(liveTexts.filter((t) => want.includes(t))).toEqual(want);
		expect(repliesOf(platform, `${platform}-B`).filter((t) => want.includes(t))).toEqual(want);
		expect(repliesOf(platform, `${platform}-A`).length - before.a).toBe(want.length + copy.length);
		expect(peakPolls(platform)).toBe(1);
	});
});

test('an n8n restart between two batches loses and repeats nothing, for both workflows on one bot', async () => {
	const platform = 'mpChat';
	const labels = [`${platform}-A`, `${platform}-B`];
	const before = labels.map((l) => repliesOf(platform, l).length);
	for (const text of ['r1', 'r2', 'r3']) await inject(platform, text);
	await until(
		() => labels.every((l) => ['r1', 'r2', 'r3'].every((t) => repliesOf(platform, l).includes(t))),
		'the first batch on both workflows',
	);
	await n8n.restart({
		beforeStart: async () => {
			for (const text of ['r4', 'r5', 'r6']) await inject(platform, text);
		},
	});
	await until(
		() => labels.every((l) => ['r4', 'r5', 'r6'].every((t) => repliesOf(platform, l).includes(t))),
		'the batch sent during the restart, on both workflows',
		120_000,
	);
	for (const [i, label] of labels.entries()) {
		await n8n.settledExecutions(made[label].id, 1);
		expect(repliesOf(platform, label).slice(before[i])).toEqual([
			'r1',
			'r2',
			'r3',
			'r4',
			'r5',
			'r6',
		]);
	}
});

describe('a webhook bot (bi.ink)', () => {
	const url = (hook) => `${n8n.url}/webhook/${hook}/bi-ink`;

	test('a test listener on a live workflow leaves the live deliveries alone', async () => {
		const wf = await n8n.createWorkflow({
			name: 'biink live',
			nodes: [
				{
					id: 'live-t',
					name: 'Trigger',
					type: nodeType('biInkTrigger'),
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'biink-live-hook',
					credentials: first.biInkApi,
					parameters: { events: [] },
				},
			],
			connections: {},
		});
		await n8n.activate(wf);
		const secret = biInkWebhookSecret(creds.biInkApi.accessToken, wf.id, 'live-t');
		derived['bi.ink webhook secret'] = secret;
		await until(
			async () =>
				(await fetch(url('biink-live-hook'), { method: 'POST', body: '{}' })).status !== 404,
			'the live webhook',
		);
		sim.platforms.biInk.webhookUrl = `${url('biink-live-hook')}?secret=${secret}`;
		const listening = await n8n.request('POST', `/rest/workflows/${wf.id}/run`, {
			triggerToStartFrom: { name: 'Trigger' },
		});
		expect(listening.waitingForWebhook).toBe(true);
		for (const text of ['w1', 'w2', 'w3'])
			expect((await sim.platforms.biInk.inject({ userId: 'u_9', text })).delivery.status).toBe(200);
		const runs = await n8n.settledExecutions(wf.id, 3);
		const texts = [];
		for (const run of runs) {
			expect(run.mode).toBe('webhook');
			texts.push(...((await n8n.executionOutput(run.id)).Trigger ?? []).map((j) => j.event?.text));
		}
		expect(texts.sort()).toEqual(['w1', 'w2', 'w3']);
		// The test listener is still waiting on its own URL: a delivery sent there is the test run's.
		const test = await fetch(`${n8n.url}/webhook-test/biink-live-hook/bi-ink?secret=${secret}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				event_type: 'private_message',
				message_id: 'm_test',
				sender_id: 'u_9',
				content: 'to the test URL',
				timestamp: Math.floor(Date.now() / 1000),
			}),
		});
		expect(test.status).toBe(200);
		const all = await n8n.settledExecutions(wf.id, 4);
		const manual = all.filter((r) => r.mode === 'manual');
		expect(manual).toHaveLength(1);
		expect(
			((await n8n.executionOutput(manual[0].id)).Trigger ?? []).map((j) => j.event?.text),
		).toEqual(['to the test URL']);
	});

	test('one trigger workflow hands every event to two workflows through Execute Workflow', async () => {
		const sub = async (label) => {
			const wf = await n8n.createWorkflow({
				name: `biink routed ${label}`,
				nodes: [
					{
						id: `${label}-in`,
						name: 'When Executed by Another Workflow',
						type: 'n8n-nodes-base.executeWorkflowTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: `${label}-reply`,
						name: 'Reply',
						type: nodeType('biInk'),
						typeVersion: 1,
						position: [220, 0],
						credentials: first.biInkApi,
						parameters: {
							resource: 'message',
							operation: 'send',
							sendTo: 'eventChat',
							messageType: 'text',
							content: `={{ "${label}: " + $json.event.text }}`,
						},
					},
				],
				connections: {
					'When Executed by Another Workflow': {
						main: [[{ node: 'Reply', type: 'main', index: 0 }]],
					},
				},
			});
			await n8n.activate(wf);
			return wf;
		};
		const audit = await sub('audit');
		const answer = await sub('answer');
		const call = (name, wf) => ({
			id: `call-${name}`,
			name,
			type: 'n8n-nodes-base.executeWorkflow',
			typeVersion: 1,
			position: [220, 0],
			parameters: { source: 'database', workflowId: wf.id },
		});
		const router = await n8n.createWorkflow({
			name: 'biink router',
			nodes: [
				{
					id: 'router-t',
					name: 'Trigger',
					type: nodeType('biInkTrigger'),
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'biink-router-hook',
					credentials: first.biInkApi,
					parameters: { events: [] },
				},
				call('Audit', audit),
				call('Answer', answer),
			],
			connections: {
				Trigger: {
					main: [
						[
							{ node: 'Audit', type: 'main', index: 0 },
							{ node: 'Answer', type: 'main', index: 0 },
						],
					],
				},
			},
		});
		await n8n.activate(router);
		const secret = biInkWebhookSecret(creds.biInkApi.accessToken, router.id, 'router-t');
		derived['bi.ink router secret'] = secret;
		await until(
			async () =>
				(await fetch(url('biink-router-hook'), { method: 'POST', body: '{}' })).status !== 404,
			'the router webhook',
		);
		sim.platforms.biInk.webhookUrl = `${url('biink-router-hook')}?secret=${secret}`;
		const want = ['e1', 'e2', 'e3', 'e4', 'e5'];
		for (const text of want)
			expect((await sim.platforms.biInk.inject({ userId: 'u_10', text })).delivery.status).toBe(
				200,
			);
		const contents = () => [...sim.platforms.biInk.messages.values()].map((m) => m.content);
		await until(
			() =>
				want.every(
					(t) => contents().includes(`audit: ${t}`) && contents().includes(`answer: ${t}`),
				),
			'both routed workflows to answer every event',
		);
		const routed = await n8n.settledExecutions(router.id, want.length);
		expect(routed).toHaveLength(want.length);
		expect(routed.filter((r) => r.status !== 'success')).toEqual([]);
		for (const label of ['audit', 'answer'])
			expect(
				contents()
					.filter((c) => c.startsWith(`${label}: `))
					.sort(),
			).toEqual(want.map((t) => `${label}: ${t}`));
	});
});

test("no token or secret appears in n8n's log or in any execution's data", async () => {
	const { text, executions } = await runRecord(n8n);
	expect(executions).toBeGreaterThan(0);
	expect(text).toContain('m20'); // the executions' data really is in what is scanned
	expect(
		leaks(`${text}\n${logs.join('\n')}`, { ...simulatorSecrets(sim, creds), ...derived }),
	).toEqual([]);
});

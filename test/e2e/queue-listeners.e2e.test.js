'use strict';
// One bot, many listeners in n8n's queue mode (issue 28): PostgreSQL + Redis, a main, a worker and
// a webhook processor. Active triggers run on the main only, so the two live workflows of one
// MPChat bot share the main's one loop. A test listener (a manual run) runs on the main unless
// OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true sends it to a worker: on the main it gets a copy and
// the live workflows get every message; on a worker it polls the bot itself and takes its batch
// from the live workflows, which a node there cannot prevent (docs/triggers.md, "Queue mode").
// Both are checked as they are, so the documented behaviour stays true.
const { startQueue } = require('../helpers/queue');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { leaks, simulatorSecrets } = require('../helpers/secrets');
const { nodeType } = require('../helpers/packages');

jest.setTimeout(20 * 60 * 1000);

describe.each([
	['off', 'false'],
	['on', 'true'],
])('queue mode, OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS %s', (label, offload) => {
	let q;
	let sim;
	let creds;
	const wf = {};

	beforeAll(async () => {
		sim = await startSimulator();
		creds = sim.creds();
		q = await startQueue({
			workers: 1,
			webhookProcessors: 1,
			concurrency: 5,
			main: { env: { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: offload } },
		});
		const first = await q.main.createCredentials(creds, ['mpChatApi']);
		const c = await q.main.createCredential('mpChatApi', creds.mpChatApi, 'second, same token');
		const second = { mpChatApi: { mpChatApi: { id: c.id, name: c.name } } };
		for (const [name, credential] of [
			['A', first],
			['B', second],
		]) {
			const w = await q.main.createWorkflow({
				name: `queue ${name}`,
				nodes: [
					{
						id: `${name}-t`,
						name: 'Trigger',
						type: nodeType('mpChatTrigger'),
						typeVersion: 1,
						position: [0, 0],
						credentials: credential.mpChatApi,
						parameters: { updates: ['message'] },
					},
					{
						id: `${name}-r`,
						name: 'Reply',
						type: nodeType('mpChat'),
						typeVersion: 1,
						position: [220, 0],
						credentials: credential.mpChatApi,
						parameters: {
							resource: 'message',
							operation: 'sendText',
							chatId: '={{ $json.event.chat.id }}',
							text: `={{ "${name}: " + $json.event.text }}`,
						},
					},
				],
				connections: { Trigger: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
			});
			await q.main.activate(w);
			wf[name] = w;
		}
	});

	afterAll(async () => {
		if (q) {
			expect(
				leaks(q.logs(), { ...simulatorSecrets(sim, creds) }).filter((l) => !/botTalk/.test(l)),
			).toEqual([]);
			await q.close();
		}
		if (sim) await sim.close();
	});

	const replies = (name) =>
		sim.platforms.mpChat.sent
			.map((m) => m.text)
			.filter((t) => typeof t === 'string' && t.startsWith(`${name}: `))
			.map((t) => t.slice(name.length + 2));
	const inject = (text) => sim.platforms.mpChat.inject({ chatId: '5151', text });

	test(`two live workflows and a test listener (manual runs ${offload === 'true' ? 'on a worker' : 'on the main'})`, async () => {
		// Both live workflows are listening once both answered the same message.
		for (let k = 1; ; k++) {
			await inject(`warm-up ${k}`);
			await until(
				() => replies('A').includes(`warm-up ${k}`) || replies('B').includes(`warm-up ${k}`),
				`warm-up ${k}`,
				60_000,
			);
			const both = Array.from({ length: k }, (_, i) => `warm-up ${i + 1}`).some(
				(t) => replies('A').includes(t) && replies('B').includes(t),
			);
			if (both) break;
			if (k === 30) throw new Error('the second live workflow never started listening');
		}
		const started = await q.main.request('POST', `/rest/workflows/${wf.A.id}/run`, {
			triggerToStartFrom: { name: 'Trigger' },
		});
		const manualId = String(started.executionId);
		const manualDone = async () => {
			const e = await q.main.request('GET', `/rest/executions/${manualId}`);
			return ['success', 'error', 'crashed', 'canceled'].includes(e.status) ? e : null;
		};
		// Messages one by one until the test run has taken its batch (it takes the first batch that
		// reaches it once it listens).
		const sent = [];
		for (let n = 1; n <= 30; n++) {
			const text = `q${n}`;
			sent.push(text);
			await inject(text);
			await until(
				() => sim.platforms.mpChat.queue.pending.length === 0,
				`${text} to be fetched`,
				60_000,
			);
			if (n >= 6 && (await manualDone())) break;
		}
		const manual = await until(manualDone, 'the test run to finish', 120_000);
		expect(manual.status).toBe('success');
		const copy = ((await q.main.executionOutput(manualId)).Trigger ?? []).map((j) => j.event?.text);
		expect(copy.length).toBeGreaterThan(0);
		// Every message not taken by the test run reaches both live workflows, in order, once.
		const expected = offload === 'true' ? sent.filter((t) => !copy.includes(t)) : sent;
		await until(
			() => ['A', 'B'].every((n) => expected.every((t) => replies(n).includes(t))),
			'the live workflows to answer',
			120_000,
		);
		for (const name of ['A', 'B']) {
			const runs = await q.main.settledExecutions(wf[name].id, 1);
			expect(runs.filter((r) => r.status !== 'success')).toEqual([]);
			const live = replies(name).filter((t) => !t.startsWith('warm-up'));
			// A's test run replied to its copy too ("A: …", one reply per copied message): the live
			// runs' replies are the rest.
			const liveOnly = [...live];
			if (name === 'A') for (const t of copy) liveOnly.splice(liveOnly.indexOf(t), 1);
			expect(liveOnly).toEqual(expected);
		}
		if (offload === 'true') {
			// On a worker the test run polled the bot itself: the live workflows never saw its batch.
			for (const t of copy) expect(replies('B')).not.toContain(t);
		} else {
			// On the main it joined the live loop: one poll served all three.
			expect(sim.platforms.mpChat.queue.peakWaiting).toBe(1);
		}
	});
});

'use strict';
// The package's promises in n8n's queue mode (the reduced suite CI runs; `npm run bench -- --queue`
// measures the full sizes): PostgreSQL 17 + Redis, one main, 2 workers and 2 webhook processors,
// each a process of its own with the package installed from its tarball, against the simulator.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { startQueue } = require('../helpers/queue');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { leaks, runRecord, simulatorSecrets } = require('../helpers/secrets');
const { signUpdate } = require('../../simulator/flySignature');
const { core, nodeType } = require('../helpers/packages');
const { nonceDigest, storedNonces } = require(core('signature', 'fly'));

jest.setTimeout(20 * 60 * 1000);

const ARTIFACTS = path.resolve(__dirname, '../../.e2e-artifacts');

let q;
let sim;
let creds;
const cred = {};
const report = {};

beforeAll(async () => {
	sim = await startSimulator();
	creds = sim.creds();
	// Workers run one execution at a time, so two concurrent executions land on both workers.
	// N8N_PAYLOAD_SIZE_MAX: n8n refuses request bodies over 16 MB by default (the upload test sends 50 MB).
	q = await startQueue({
		workers: 2,
		webhookProcessors: 2,
		concurrency: 1,
		env: { N8N_PAYLOAD_SIZE_MAX: '64' },
	});
	// Two workers send with the MPChat token: each takes half of its rate (docs/queue-mode.md).
	const data = { ...creds, mpChatApi: { ...creds.mpChatApi, sharedBy: 2 } };
	Object.assign(
		cred,
		await q.main.createCredentials(data, ['mpChatApi', 'biInkApi', 'flyApi', 'minappApi']),
	);
});

afterAll(async () => {
	if (Object.keys(report).length) console.log(`queue mode figures: ${JSON.stringify(report)}`);
	// Every process's log, for diagnosis (git-ignored like the browser test's screenshots).
	if (q?.main) {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		fs.writeFileSync(
			path.join(ARTIFACTS, 'queue-mode.log'),
			[q.main, ...q.workers, ...q.webhookProcessors]
				.filter(Boolean)
				.map((p) => `==== n8n ${p.command} ${p.url}\n${p.log}`)
				.join('\n'),
		);
	}
	if (q) await q.close();
	if (sim) await sim.close();
});

/** A chain of nodes (PostgreSQL holds n8n to its 36-character node IDs), created and activated on main. */
async function chain(name, nodes) {
	const full = nodes.map((n, i) => ({
		id: crypto.randomUUID(),
		typeVersion: 1,
		position: [i * 220, 0],
		...n,
	}));
	const connections = {};
	for (let i = 0; i + 1 < full.length; i++)
		connections[full[i].name] = { main: [[{ node: full[i + 1].name, type: 'main', index: 0 }]] };
	const wf = await q.main.createWorkflow({
		name,
		nodes: full,
		connections,
		settings: { executionOrder: 'v1' },
	});
	await q.main.activate(wf);
	return wf;
}

/** Executions of a workflow as main's REST API lists them (the shared database). */
async function executions(workflowId) {
	const out = await q.main.executions(workflowId);
	return out.results ?? out;
}

const finished = async (workflowId, n) => {
	const list = await executions(workflowId);
	return list.length >= n && list.every((e) => !['new', 'running', 'waiting'].includes(e.status))
		? list
		: null;
};

/** Posts to a webhook processor until the workflow's path is registered there (it answers 404 before). */
const whenLive = (base, path) =>
	q.main.webhookWhenLive(
		path,
		{ headers: { 'Content-Type': 'application/json' }, body: '{}' },
		60_000,
		base,
	);

/** A Fly text update signed the way the simulator (and Fly's reference) signs deliveries. */
function signedFlyUpdate(userId, text) {
	const fly = sim.platforms.fly;
	const chat = { id: userId, type: 'private' };
	const update = {
		update_id: fly.queue.nextId++,
		type: 'message',
		message: {
			id: `in_${crypto.randomUUID()}`,
			chat,
			sender: { id: userId, name: 'Sim User' },
			msgType: 'text',
			data: { content: text },
			date: Math.floor(Date.now() / 1000),
		},
	};
	const signed = {
		...update,
		bot: { id: fly.botId },
		timestamp: Math.floor(Date.now() / 1000),
		nonce: crypto.randomBytes(8).toString('hex'),
	};
	signed.signature = signUpdate(signed, fly.webhookSecret || fly.defaultSecret());
	return signed;
}

const workerRuns = () =>
	q.workers.map((w) => (w.log.match(/Worker started execution/g) ?? []).length);

test('MPChat long poll: main alone polls, each update runs once on a worker, chats keep their order, and the offset survives a restart of main', async () => {
	const mp = sim.platforms.mpChat;
	const wf = await chain('queue mpchat echo', [
		{
			name: 'Trigger',
			type: nodeType('mpChatTrigger'),
			credentials: cred.mpChatApi,
			parameters: { updates: ['message'], options: {} },
		},
		{
			name: 'Reply',
			type: nodeType('mpChat'),
			credentials: cred.mpChatApi,
			parameters: {
				resource: 'message',
				operation: 'sendText',
				chatId: '={{ $json.event.chat.id }}',
				text: '={{ "echo: " + $json.event.text }}',
			},
		},
	]);
	const texts = (from, n) =>
		Array.from({ length: n }, (_, i) => ({
			chat: String(7000 + ((from + i) % 4)),
			text: `queued ${from + i}`,
		}));
	const echoes = () =>
		mp.sent
			.map((m) => ({ chat: String(m.chat_id), text: m.text }))
			.filter((m) => m.text.startsWith('echo: queued '));
	const runsBefore = workerRuns();
	for (const m of texts(0, 24)) mp.inject({ chatId: m.chat, text: m.text });
	await until(() => echoes().length >= 24 && finished(wf.id, 1), 'the first 24 echoes', 120_000);

	await q.main.restart();
	for (const m of texts(24, 16)) mp.inject({ chatId: m.chat, text: m.text });
	await until(() => echoes().length >= 40, 'the echoes after main restarted', 180_000);
	// Settled: the platform has nothing left to hand out and every run has finished.
	await until(
		async () => mp.queue.pending.length === 0 && (await finished(wf.id, 1)),
		'all runs to finish',
		60_000,
	);

	const got = echoes();
	const expected = texts(0, 40);
	expect(got.map((m) => m.text).sort()).toEqual(expected.map((m) => `echo: ${m.text}`).sort()); // each once
	for (const chat of new Set(expected.map((m) => m.chat))) {
		expect(got.filter((m) => m.chat === chat).map((m) => m.text)).toEqual(
			expected.filter((m) => m.chat === chat).map((m) => `echo: ${m.text}`),
		);
	}
	const runs = await executions(wf.id);
	expect(runs.map((r) => r.status).filter((s) => s !== 'success')).toEqual([]);
	// Only workers executed: their logs account for every run, main's for none.
	const onWorkers = workerRuns().map((n, i) => n - runsBefore[i]);
	expect(onWorkers.reduce((a, b) => a + b, 0)).toBe(runs.length);
	expect(q.main.log).not.toMatch(/Worker started execution/);
	report.longPoll = { updates: 40, runs: runs.length, perWorker: onWorkers };
});

test('webhook triggers are answered by webhook processors: a valid delivery runs once and is answered "OK", a forged one starts nothing', async () => {
	const mn = sim.platforms.minapp;
	const wf = await chain('queue minapp echo', [
		{
			name: 'Trigger',
			type: nodeType('minappTrigger'),
			webhookId: 'queue-minapp',
			credentials: cred.minappApi,
			parameters: { events: [] },
		},
		{
			name: 'Reply',
			type: nodeType('minapp'),
			credentials: cred.minappApi,
			parameters: {
				resource: 'message',
				operation: 'send',
				conversation: { __rl: true, mode: 'id', value: '={{ $json.event.chat.id }}' },
				msgtype: 'text',
				content: '={{ "echo: " + $json.event.text }}',
			},
		},
	]);
	const [a, b] = q.webhookProcessors;
	for (const wp of [a, b]) await whenLive(wp.url, 'queue-minapp/minapp');
	mn.webhookUrl = `${a.url}/webhook/queue-minapp/minapp`;
	const first = await mn.inject({ conversationId: 'wr_group_dev', text: 'via processor A' });
	expect([first.delivery.status, first.delivery.response]).toEqual([200, 'OK']);
	expect(
		(await mn.inject({ conversationId: 'wr_group_dev', text: 'forged', secretOverride: 'guessed' }))
			.delivery.status,
	).toBe(403);
	mn.webhookUrl = `${b.url}/webhook/queue-minapp/minapp`;
	expect(
		(await mn.inject({ conversationId: 'wr_group_dev', text: 'via processor B' })).delivery.status,
	).toBe(200);
	// Settled: both valid deliveries' echoes arrived and their runs finished; the forged one ran nothing.
	await until(
		() =>
			mn.sent.filter((m) => /^echo: via processor/.test(m.text?.content)).length === 2 &&
			finished(wf.id, 2),
		'both echoes',
		60_000,
	);
	expect((await executions(wf.id)).length).toBe(2);
	expect(mn.sent.filter((m) => m.text?.content === 'echo: forged')).toEqual([]);
});

test('Fly: a replay is refused by every webhook processor as soon as the delivery was answered, and after its run', async () => {
	const fly = sim.platforms.fly;
	const wf = await chain('queue fly echo', [
		{
			name: 'Trigger',
			type: nodeType('flyTrigger'),
			webhookId: 'queue-fly',
			credentials: cred.flyApi,
			parameters: { updates: ['message'], options: {} },
		},
		{
			name: 'Reply',
			type: nodeType('fly'),
			credentials: cred.flyApi,
			parameters: {
				resource: 'message',
				operation: 'send',
				sendTo: 'eventChat',
				msgType: 'text',
				content: '={{ "echo: " + $json.event.text }}',
			},
		},
	]);
	const [a, b] = q.webhookProcessors;
	for (const wp of [a, b]) await whenLive(wp.url, 'queue-fly/fly');
	const post = (wp, body) =>
		fetch(`${wp.url}/webhook/queue-fly/fly`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body,
		});

	// The replay goes to the other processor the moment the answer arrives, while the run has
	// barely been queued: n8n has saved the nonce by then (keepChangedUntilAnswered); without it,
	// 5 of 6 such replays ran again.
	fly.webhookUrl = `${a.url}/webhook/queue-fly/fly`;
	const N = 30;
	const atOnce = [];
	const afterRun = [];
	for (let i = 0; i < N; i++) {
		const { delivery } = await fly.inject({ userId: `u_q${i}`, text: `replay me ${i}` });
		expect([delivery.status, delivery.response]).toEqual([200, 'OK']);
		atOnce.push((await post(b, delivery.body)).status);
		if (i % 6 === 5) {
			await until(
				() => finished(wf.id, i + 1 + atOnce.filter((s) => s === 200).length),
				`run ${i} to finish`,
				60_000,
			);
			afterRun.push((await post(b, delivery.body)).status, (await post(a, delivery.body)).status);
		}
	}
	const acceptedAtOnce = atOnce.filter((s) => s === 200).length;
	report.flyReplays = {
		atOnceToOtherProcessor: { replays: N, accepted: acceptedAtOnce },
		afterTheRun: { replays: afterRun.length, refused: afterRun.filter((s) => s === 403).length },
	};
	expect(atOnce).toEqual(Array(N).fill(403));
	expect(afterRun).toEqual(Array(afterRun.length).fill(403));

	// The same delivery reaching both processors at the same instant: measured, not promised.
	let both = 0;
	const M = 8;
	for (let i = 0; i < M; i++) {
		const body = JSON.stringify(signedFlyUpdate(`u_s${i}`, `simultaneous ${i}`));
		const answers = await Promise.all([post(a, body), post(b, body)]);
		if (answers.every((r) => r.status === 200)) both++;
	}
	report.flySimultaneous = { pairs: M, bothAccepted: both };
	// Settled: every accepted delivery's run has finished before counting echoes.
	await until(() => finished(wf.id, N + acceptedAtOnce + M + both), 'the Fly runs', 120_000);
	const echoed = (t) => fly.sent.filter((m) => m.data?.content === `echo: ${t}`).length;
	expect(
		Array.from({ length: N }, (_, i) => echoed(`replay me ${i}`)).reduce((x, y) => x + y, 0),
	).toBe(N + acceptedAtOnce);
	for (let i = 0; i < M; i++) expect(echoed(`simultaneous ${i}`)).toBeGreaterThanOrEqual(1);
});

test('Fly → Verify Signature on workers: a replay run by the other worker is refused, and a Fly Trigger in the same workflow keeps its nonces', async () => {
	const fly = sim.platforms.fly;
	const node = (n) => ({ id: crypto.randomUUID(), typeVersion: 1, ...n });
	// n8n's Webhook (raw body) → Verify → the answer, beside a Fly Trigger whose nonce list lives in
	// the same static data: a worker's run starts from an empty copy of it (n8n 2.40).
	const wf = await q.main.createWorkflow({
		name: 'queue fly verify',
		nodes: [
			node({
				name: 'Fly Trigger',
				type: nodeType('flyTrigger'),
				position: [0, 300],
				webhookId: 'queue-verify-trigger',
				credentials: cred.flyApi,
				parameters: { updates: ['message'], options: {} },
			}),
			node({
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'queue-verify',
				parameters: {
					httpMethod: 'POST',
					path: 'queue-verify',
					responseMode: 'lastNode',
					options: { rawBody: true },
				},
			}),
			node({
				name: 'Verify',
				type: nodeType('fly'),
				position: [220, 0],
				credentials: cred.flyApi,
				parameters: {
					resource: 'signature',
					operation: 'verify',
					source: 'binary',
					binaryPropertyName: 'data',
					rejectReplays: true,
				},
			}),
			node({
				name: 'Result',
				type: 'n8n-nodes-base.set',
				position: [440, 0],
				parameters: {
					keepOnlySet: true,
					values: {
						string: [
							{ name: 'execution', value: '={{ $execution.id }}' },
							{ name: 'error', value: '={{ String($json.signatureError) }}' },
						],
						boolean: [{ name: 'valid', value: '={{ $json.signatureValid }}' }],
					},
					options: {},
				},
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'Verify', type: 'main', index: 0 }]] },
			Verify: { main: [[{ node: 'Result', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	});
	await q.main.activate(wf);
	const [a, b] = q.webhookProcessors;
	for (const wp of [a, b]) await whenLive(wp.url, 'queue-verify-trigger/fly');
	for (const wp of [a, b]) await whenLive(wp.url, 'queue-verify'); // runs once each: '{}' does not verify

	fly.webhookUrl = `${a.url}/webhook/queue-verify-trigger/fly`;
	const { update: toTrigger, delivery } = await fly.inject({
		userId: 'u_vt',
		text: 'to the trigger',
	});
	expect(delivery.status).toBe(200);

	// Each delivery verified through processor A, then replayed through processor B: with
	// concurrency 1 the queue hands the replay to whichever worker is free, often the other one.
	const verify = async (wp, body) => {
		const res = await fetch(`${wp.url}/webhook/queue-verify`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body,
		});
		expect(res.status).toBe(200);
		return await res.json();
	};
	const workerOf = (execution) =>
		q.workers.findIndex((w) => w.log.includes(`Worker started execution ${execution} (`));
	const N = 8;
	const firsts = [];
	const replays = [];
	for (let i = 0; i < N; i++) {
		const body = JSON.stringify(signedFlyUpdate(`u_v${i}`, `verify me ${i}`));
		firsts.push(await verify(a, body));
		replays.push(await verify(b, body));
	}
	const onOtherWorker = replays.filter(
		(r, i) => workerOf(r.execution) !== workerOf(firsts[i].execution),
	).length;

	// Settled: every run has finished (2 from whenLive, the trigger's, 2 per delivery).
	await until(() => finished(wf.id, 3 + 2 * N), 'every run of the workflow', 60_000);
	// The workers' runs saved nothing over the trigger's nonce list: it is in the database, and
	// the trigger's replay is refused by both processors (B never saw the delivery).
	const { staticData } = await q.main.request('GET', `/rest/workflows/${wf.id}`);
	const triggerNonces = () => [...storedNonces(staticData?.['node:Fly Trigger'] ?? {}).keys()];
	const triggerReplays = [];
	for (const wp of [b, a])
		triggerReplays.push(
			(
				await fetch(`${wp.url}/webhook/queue-verify-trigger/fly`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: delivery.body,
				})
			).status,
		);
	report.flyVerify = {
		deliveries: N,
		replaysOnTheOtherWorker: onOtherWorker,
		replaysRefused: replays.filter((r) => r.error === 'REPLAYED_NONCE').length,
		triggerNonceKept: triggerNonces().includes(nonceDigest(toTrigger.nonce)),
		triggerReplays,
	};

	expect(firsts.map((r) => [r.valid, r.error])).toEqual(Array(N).fill([true, 'null']));
	expect(replays.map((r) => [r.valid, r.error])).toEqual(Array(N).fill([false, 'REPLAYED_NONCE']));
	expect(onOtherWorker).toBeGreaterThan(0); // the case this test is about did occur
	expect(Object.keys(staticData ?? {})).toEqual(['node:Fly Trigger']);
	expect(triggerNonces()).toContain(nonceDigest(toTrigger.nonce));
	expect(triggerReplays).toEqual([403, 403]);
	fly.webhookUrl = '';
});

test('MPChat pacing across 2 workers: 2 × 150 sends at the 30/s limit, all delivered once, 429s at most 2 %', async () => {
	const path = 'queue-bulk';
	await chain('queue bulk send', [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: path,
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			parameters: { fieldToSplitOut: 'body.items', options: {} },
		},
		{
			name: 'Send',
			type: nodeType('mpChat'),
			credentials: cred.mpChatApi,
			onError: 'continueRegularOutput',
			parameters: {
				resource: 'message',
				operation: 'sendText',
				chatId: '={{ $json.chat }}',
				text: '={{ "bulk " + $json.n }}',
			},
		},
	]);
	const [a, b] = q.webhookProcessors;
	for (const wp of [a, b]) await whenLive(wp.url, path);
	const mp = sim.platforms.mpChat;
	const before = { refused: sim.stats.mpChat429, requests: sim.stats.requests };
	const batch = (from) =>
		Array.from({ length: 150 }, (_, i) => ({
			chat: String(9000 + ((from + i) % 10)),
			n: from + i,
		}));
	const t0 = performance.now();
	const answers = await Promise.all(
		[a, b].map((wp, k) =>
			fetch(`${wp.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ items: batch(k * 150) }),
			}).then(async (r) => [r.status, await r.json()]),
		),
	);
	const seconds = (performance.now() - t0) / 1000;
	expect(answers.map(([status]) => status)).toEqual([200, 200]);
	const out = answers.flatMap(([, body]) => body);
	expect(out.filter((o) => o.error)).toEqual([]);
	const sent = mp.sent.map((m) => m.text).filter((t) => /^bulk \d+$/.test(t));
	expect(sent.length).toBe(300);
	expect(new Set(sent).size).toBe(300);
	const refused = sim.stats.mpChat429 - before.refused;
	const requests = sim.stats.requests - before.requests;
	report.pacing = {
		sends: 300,
		seconds: Number(seconds.toFixed(1)),
		floorSeconds: 10,
		refused429: refused,
		requests,
		perWorker: workerRuns(),
	};
	expect(refused).toBeLessThanOrEqual(Math.floor(0.02 * requests));
});

test('a 50 MB bi.ink upload from a worker arrives intact (binaries travel through the database)', async () => {
	const path = 'queue-upload';
	await chain('queue upload', [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: path,
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				options: { rawBody: true },
			},
		},
		{
			name: 'Upload',
			type: nodeType('biInk'),
			credentials: cred.biInkApi,
			parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
		},
	]);
	const [a] = q.webhookProcessors;
	await whenLive(a.url, path);
	const bytes = crypto.randomBytes(50 * 1024 * 1024);
	const res = await fetch(`${a.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/octet-stream' },
		body: bytes,
	});
	const text = await res.text();
	expect([res.status, text.slice(0, 200)]).toEqual([200, expect.stringContaining('file_')]);
	const upload = sim.journal
		.filter((r) => r.platform === 'biInk' && r.path === '/bot/uploadfile')
		.at(-1);
	expect(upload.multipart.files.file).toMatchObject({
		size: bytes.length,
		sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
	});
});

test('Send and Wait in queue mode: the link points at the webhook processor, a GET of it decides nothing, the answer resumes the run to its end', async () => {
	const path = 'queue-approval';
	const wf = await chain('queue approval', [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: path,
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			name: 'Ask',
			type: nodeType('minapp'),
			credentials: cred.minappApi,
			parameters: {
				resource: 'message',
				operation: 'sendAndWait',
				conversation: { __rl: true, mode: 'id', value: 'wr_group_ops' },
				message: 'Deploy from the queue?',
				responseType: 'approval',
				approveLabel: 'Ship it',
				declineLabel: 'Hold',
			},
		},
		{
			name: 'Report',
			type: nodeType('fly'),
			credentials: cred.flyApi,
			parameters: {
				resource: 'message',
				operation: 'send',
				groupId: 'queue-report',
				userId: '',
				msgType: 'text',
				content: '={{ JSON.stringify({ exec: $execution.id, out: $json }) }}',
			},
		},
	]);
	const [a] = q.webhookProcessors;
	await whenLive(a.url, path);
	const mn = sim.platforms.minapp;
	const before = mn.sent.length;
	const res = await fetch(`${a.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: '{}',
	});
	expect(res.status).toBe(200);
	const link = await until(
		() =>
			mn.sent
				.slice(before)
				.map((m) => m.link?.url)
				.find(Boolean),
		'the minapp question',
	);
	expect(new URL(link).origin).toBe(a.url); // production URLs point at the webhook processor
	const executionId = new URL(link).pathname.split('/')[2];
	const statusOf = async () =>
		(await executions(wf.id)).find((e) => String(e.id) === executionId)?.status;
	await until(async () => (await statusOf()) === 'waiting', 'the execution to wait');
	const page = await fetch(link);
	expect([page.status, (await page.text()).includes('Deploy from the queue?')]).toEqual([
		200,
		true,
	]);
	expect(await statusOf()).toBe('waiting');
	const answered = await fetch(link, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'choice=approve',
	});
	expect(answered.status).toBe(200);
	const reported = await until(
		() =>
			sim.platforms.fly.sent
				.filter((m) => m.group_id === 'queue-report')
				.map((m) => JSON.parse(m.data.content))
				.find((r) => String(r.exec) === executionId),
		'the report',
		60_000,
	);
	expect(reported.out).toMatchObject({ approved: true, via: 'page' });
	await until(async () => (await statusOf()) === 'success', 'the execution to finish');
});

test('a rotated minapp secret works at once on every webhook processor; the old one and a deleted credential stop verifying within the 5 s cache', async () => {
	const mn = sim.platforms.minapp;
	const [a, b] = q.webhookProcessors;
	const url = (wp) => `${wp.url}/webhook/queue-minapp/minapp`;
	const deliver = async (wp, text, secretOverride) => {
		mn.webhookUrl = url(wp);
		return (
			await mn.inject({
				conversationId: 'wr_group_dev',
				text,
				...(secretOverride === undefined ? {} : { secretOverride }),
			})
		).delivery.status;
	};
	const old = mn.secret;
	for (const wp of [a, b]) expect(await deliver(wp, 'before the rotation')).toBe(200); // both processors hold the old copy
	mn.secret = 'sim-minapp-secret-rotated-0002';
	const { id, name } = cred.minappApi.minappApi;
	await q.main.request('PATCH', `/rest/credentials/${id}`, {
		name,
		type: 'minappApi',
		data: { ...creds.minappApi, secret: mn.secret },
	});
	for (const wp of [a, b]) expect(await deliver(wp, 'with the new secret')).toBe(200);
	for (const wp of [a, b])
		await until(
			async () => (await deliver(wp, 'with the old secret', old)) === 403,
			'the old secret to be refused',
			30_000,
			250,
		);
	await q.main.request('DELETE', `/rest/credentials/${id}`);
	for (const wp of [a, b])
		await until(
			async () => (await deliver(wp, 'after the deletion')) !== 200,
			'the deleted credential to stop verifying',
			30_000,
			250,
		);
	report.credentials = { rotated: 'new secret accepted at once on both processors' };
});

test("no token, secret or session appears in any process's log or in the executions stored in PostgreSQL", async () => {
	const { text, executions: count } = await runRecord(q.main);
	const all = `${text}\n${q.logs()}`;
	expect(count).toBeGreaterThanOrEqual(30);
	expect(all).toContain('echo: queued 39'); // the scan provably reads execution data
	expect(
		leaks(all, {
			...simulatorSecrets(sim, creds),
			'minapp secret before the rotation': creds.minappApi.secret,
		}),
	).toEqual([]);
});

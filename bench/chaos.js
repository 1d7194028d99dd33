#!/usr/bin/env node
'use strict';
// `npm run chaos`: fault drills in real n8n against the simulator's fault injection. Sends under
// injected failures, n8n killed (SIGKILL) while a long-poll trigger works through a stream, hostile
// webhook floods, and a secret scan of everything the drills produced. Prints a report and exits
// non-zero when a target is missed. `--size=small` is the reduced run CI uses (test/e2e/chaos).
const crypto = require('crypto');
const { startRig, until, flood, tally } = require('./harness');
const { leaks, runRecord, simulatorSecrets } = require('../test/helpers/secrets');
const { dist, nodeType } = require('../test/helpers/packages');

const SIZES = {
	full: { sends: 300, updates: 1000, hostile: 10_000 },
	small: { sends: 60, updates: 200, hostile: 300 },
};

/** Every fault the simulator can inject, spread over a run's sends. */
const FAULTS = (platform, path) => [
	{
		platform,
		path,
		times: 3,
		status: 429,
		body:
			platform === 'mpChat'
				? {
						ok: false,
						error_code: 429,
						description: 'Too Many Requests: retry after 1',
						parameters: { retry_after: 1 },
					}
				: { code: 42900, message: 'rate limited' },
		headers: { 'Retry-After': '1' },
	},
	{ platform, path, times: 2, status: 500 },
	{ platform, path, times: 2, status: 502 },
	{ platform, path, times: 2, status: 503 },
	{ platform, path, times: 2, drop: 'before' },
	{ platform, path, times: 3, drop: 'after' },
	{ platform, path, times: 2, delayMs: 3000 },
];

/** Sends through a node under every fault: each item ends delivered exactly once or reported failed. */
async function sendsUnderFaults(rig, n, label, node, path, textOf) {
	const { sim } = rig;
	const platform = node.type.endsWith('.fly') ? 'fly' : 'mpChat';
	await rig.bulkWorkflow(`chaos-${label}`, { ...node, onError: 'continueRegularOutput' });
	await rig.runBulk(`chaos-${label}`, [{ chat: '1', n: -1 }]); // live before the faults
	sim.faults.push(...FAULTS(platform, path));
	const input = Array.from({ length: n }, (_, i) => ({ chat: String(2000 + (i % 10)), n: i }));
	const { out } = await rig.runBulk(`chaos-${label}`, input);
	const injected = sim.faults.length;
	sim.faults = [];
	const expected = input.map((i) => `${label} ${i.n}`);
	const received = sim.platforms[platform].sent.map(textOf);
	const count = (k) => received.filter((t) => t === k).length;
	const r = {
		items: n,
		okDelivered: 0,
		failedNotDelivered: 0,
		failedButDelivered: 0,
		lost: 0,
		duplicated: 0,
		faultsLeft: injected,
		errors: [],
	};
	expected.forEach((k, i) => {
		const failed = Boolean(out[i]?.error);
		const c = count(k);
		if (c > 1) r.duplicated++;
		if (failed) {
			r.errors.push(String(out[i].error));
			if (c === 0) r.failedNotDelivered++;
			else r.failedButDelivered++; // the answer was lost after the platform acted: reported, never resent
		} else if (c === 1) r.okDelivered++;
		else if (c === 0) r.lost++;
	});
	r.met =
		r.lost === 0 &&
		r.duplicated === 0 &&
		out.length === n &&
		(platform !== 'fly' || r.failedNotDelivered + r.failedButDelivered === 0);
	return r;
}

/** n8n SIGKILLed while the MPChat trigger echoes a stream of updates, then started again. */
async function killDuringLongPoll(rig, n) {
	const { sim, n8n, cred } = rig;
	const mp = sim.platforms.mpChat;
	await rig.chain('chaos-poll', [
		{
			name: 'Trigger',
			type: nodeType('mpChatTrigger'),
			webhookId: 'chaos-poll',
			credentials: cred.mpChatApi,
			parameters: { updates: ['message'], options: { batchSize: 20 } },
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
	const texts = Array.from({ length: n }, (_, i) => `stream ${i}`);
	const echoed = () => mp.sent.map((m) => m.text).filter((t) => t.startsWith('echo: stream '));
	for (const [i, t] of texts.entries()) mp.inject({ chatId: String(3000 + (i % 25)), text: t });
	await until(() => echoed().length >= Math.floor(n / 3), 'a third of the stream', 180_000);
	const atKill = echoed().length;
	const deliveredAtKill = mp.queue.delivered;
	await n8n.restart({ signal: 'SIGKILL' });
	// Done when the platform has nothing left and no echo has arrived for 5 s.
	let last = -1;
	let quietSince = Date.now();
	await until(
		() => {
			const now = echoed().length;
			if (now !== last) [last, quietSince] = [now, Date.now()];
			return mp.queue.pending.length === 0 && Date.now() - quietSince > 5000;
		},
		'the stream to finish after the restart',
		300_000,
		100,
	);
	const t = tally(
		texts.map((x) => `echo: ${x}`),
		echoed(),
	);
	return {
		updates: n,
		batchSize: 20,
		echoedAtKill: atKill,
		deliveredToN8nAtKill: deliveredAtKill,
		processed: t.delivered,
		repeated: t.duplicated,
		skipped: t.missing,
		met: t.duplicated === 0 && t.missing <= 20,
	};
}

/** A flood of hostile requests at each webhook trigger: all 4xx, no execution, n8n still serving. */
async function hostileFloods(rig, n) {
	const { sim, n8n, cred, creds } = rig;
	const { signUpdate: signFlyUpdate } = require('../simulator/flySignature'); // signed as the simulator signs for Fly
	const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));
	const fly = await rig.chain('hostile-fly', [
		{
			name: 'Trigger',
			type: nodeType('flyTrigger'),
			webhookId: 'hostile-fly',
			credentials: cred.flyApi,
			parameters: { updates: [] },
		},
	]);
	const biInk = await rig.chain('hostile-biink', [
		{
			name: 'Trigger',
			type: nodeType('biInkTrigger'),
			webhookId: 'hostile-biink',
			credentials: cred.biInkApi,
			parameters: { events: [] },
		},
	]);
	const minapp = await rig.chain('hostile-minapp', [
		{
			name: 'Trigger',
			type: nodeType('minappTrigger'),
			webhookId: 'hostile-minapp',
			credentials: cred.minappApi,
			parameters: {},
		},
	]);
	const flySecret = sim.platforms.fly.defaultSecret();
	const now = () => Math.floor(Date.now() / 1000);
	const signed = (extra = {}) => {
		const u = {
			update_id: crypto.randomInt(1e9),
			type: 'message',
			message: {
				id: 'm',
				chat: { id: 'c', type: 'private' },
				sender: { id: 'u', name: 'x' },
				msgType: 'text',
				data: { content: 'hi' },
				date: now(),
			},
			bot: { id: 'fly_bot_1' },
			timestamp: now(),
			nonce: crypto.randomBytes(8).toString('hex'),
			...extra,
		};
		u.signature = signFlyUpdate(u, flySecret);
		return JSON.stringify(u);
	};
	const seed = signed(); // one real delivery: it runs once, then every replay of it is refused
	const biInkSecret = biInkWebhookSecret(creds.biInkApi.accessToken, biInk.id, biInk.nodes[0].id);
	const big = 'x'.repeat(1100 * 1024);
	const json = 'application/json';
	const KINDS = {
		fly: [
			() => [
				'hostile-fly/fly',
				json,
				JSON.stringify({
					...JSON.parse(signed()),
					signature: crypto.randomBytes(32).toString('hex'),
				}),
			],
			() => ['hostile-fly/fly', json, seed],
			() => ['hostile-fly/fly', json, signed({ timestamp: now() - 3600 })],
			() => ['hostile-fly/fly', json, '{"update_id": 1, "type":'],
			() => ['hostile-fly/fly', json, '["not", "an", "update"]'],
			() => ['hostile-fly/fly', 'text/plain', signed()],
			(i) =>
				i % 50 === 0
					? ['hostile-fly/fly', json, JSON.stringify({ pad: big })]
					: ['hostile-fly/fly', json, '{}'],
		],
		biInk: [
			() => ['hostile-biink/bi-ink', json, '{"event_type":"private_message","content":"x"}'],
			() => [
				'hostile-biink/bi-ink?secret=forged0000000000000000000000000',
				json,
				'{"event_type":"private_message"}',
			],
			() => [`hostile-biink/bi-ink?secret=${biInkSecret}`, json, '{"event_type":'],
			() => [`hostile-biink/bi-ink?secret=${biInkSecret}`, 'text/plain', 'event_type=x'],
			() => [`hostile-biink/bi-ink?secret=${biInkSecret}`, json, '[1]'],
			(i) => [
				`hostile-biink/bi-ink?secret=${biInkSecret}`,
				json,
				i % 50 === 0 ? JSON.stringify({ pad: big }) : '"string"',
			],
		],
		minapp: [
			() => [
				'hostile-minapp/minapp',
				json,
				JSON.stringify({ msgtype: 'text', text: { content: 'x' } }),
			],
			() => [
				'hostile-minapp/minapp',
				json,
				JSON.stringify({ secret: 'guessed', msgtype: 'text', text: { content: 'x' } }),
			],
			() => [
				'hostile-minapp/minapp',
				'text/plain',
				JSON.stringify({ secret: creds.minappApi.secret }),
			],
			() => ['hostile-minapp/minapp', json, '{"secret":'],
			(i) => [
				'hostile-minapp/minapp',
				json,
				i % 50 === 0 ? JSON.stringify({ secret: creds.minappApi.secret, pad: big }) : '[]',
			],
		],
	};
	await n8n.webhookWhenLive('hostile-fly/fly', { headers: { 'Content-Type': json }, body: seed });
	for (const p of ['hostile-biink/bi-ink', 'hostile-minapp/minapp'])
		await n8n.webhookWhenLive(p, { headers: { 'Content-Type': json }, body: '{}' });
	await n8n.settledExecutions(fly.id, 1, 'the seed delivery to run');
	const report = {};
	for (const [platform, kinds] of Object.entries(KINDS)) {
		const { statuses } = await flood(n8n.url, n, 16, (i) => kinds[i % kinds.length](i));
		report[platform] = { requests: n, statuses };
	}
	// Still serving: a real delivery to each trigger starts a run.
	const ok = [
		(
			await fetch(`${n8n.url}/webhook/hostile-fly/fly`, {
				method: 'POST',
				headers: { 'Content-Type': json },
				body: signed(),
			})
		).status,
		(
			await fetch(`${n8n.url}/webhook/hostile-biink/bi-ink?secret=${biInkSecret}`, {
				method: 'POST',
				headers: { 'Content-Type': json },
				body: '{"event_type":"private_message","sender_id":"u","content":"hi","message_type":"text"}',
			})
		).status,
		(
			await fetch(`${n8n.url}/webhook/hostile-minapp/minapp`, {
				method: 'POST',
				headers: { 'Content-Type': json },
				body: JSON.stringify({
					secret: creds.minappApi.secret,
					msgtype: 'text',
					conversation_id: 'c',
					text: { content: 'hi' },
				}),
			})
		).status,
	];
	report.stillServing = ok;
	// Counted once settled: the real deliveries were sent after the floods, so once their runs are
	// listed and finished, any run a hostile request had started is listed too (n8n creates a run
	// before it answers its request). n8n's `count` leaves out runs still going: lists are counted.
	const unexpectedRuns = async (wf, valid) =>
		(await n8n.settledExecutions(wf.id, valid, `the real deliveries to ${wf.name} to run`)).length -
		valid;
	report.executions = {
		fly: await unexpectedRuns(fly, 2),
		biInk: await unexpectedRuns(biInk, 1),
		minapp: await unexpectedRuns(minapp, 1),
	};
	const all4xx = Object.keys(KINDS).every((k) =>
		Object.keys(report[k].statuses).every((s) => s >= 400 && s < 500),
	);
	report.met =
		all4xx && Object.values(report.executions).every((c) => c === 0) && ok.every((s) => s === 200);
	return report;
}

async function runDrills(size = 'full', { log = (m) => console.error(`[chaos] ${m}`) } = {}) {
	const n = SIZES[size];
	const rig = await startRig();
	const secrets = simulatorSecrets(rig.sim);
	const report = { size, ...n };
	try {
		log(`sends under faults: ${n.sends} MPChat sends`);
		report.mpChatSends = await sendsUnderFaults(
			rig,
			n.sends,
			'mp',
			{
				type: nodeType('mpChat'),
				credentials: rig.cred.mpChatApi,
				parameters: {
					resource: 'message',
					operation: 'sendText',
					chatId: '={{ $json.chat }}',
					text: '={{ "mp " + $json.n }}',
				},
			},
			'sendMessage',
			(m) => m.text,
		);
		log(`sends under faults: ${n.sends} Fly sends (client_msg_id)`);
		report.flySends = await sendsUnderFaults(
			rig,
			n.sends,
			'fly',
			{
				type: nodeType('fly'),
				credentials: rig.cred.flyApi,
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'ids',
					userId: '={{ $json.chat }}',
					msgType: 'text',
					content: '={{ "fly " + $json.n }}',
				},
			},
			'/send',
			(m) => m.data?.content,
		);
		log(`hostile webhooks: ${n.hostile} requests per trigger`);
		report.hostile = await hostileFloods(rig, n.hostile);
		log(`SIGKILL during a long poll of ${n.updates} updates`);
		report.killed = await killDuringLongPoll(rig, n.updates);
		const { text } = await runRecord(rig.n8n);
		const errors = [...report.mpChatSends.errors, ...report.flySends.errors].join('\n');
		report.secretScan = {
			leaks: leaks(`${text}\n${errors}`, { ...secrets, ...simulatorSecrets(rig.sim) }),
			scannedChars: text.length + errors.length,
		};
		report.secretScan.met = report.secretScan.leaks.length === 0;
	} finally {
		await rig.close();
	}
	for (const k of ['mpChatSends', 'flySends'])
		report[k].errors = [...new Set(report[k].errors)].slice(0, 5);
	report.met = ['mpChatSends', 'flySends', 'hostile', 'killed', 'secretScan'].every(
		(k) => report[k]?.met,
	);
	return report;
}

module.exports = { runDrills };

if (require.main === module) {
	const size = (process.argv.find((a) => a.startsWith('--size=')) ?? '--size=full').split('=')[1];
	runDrills(size)
		.then((r) => {
			console.log(JSON.stringify(r, null, 2));
			console.log(r.met ? 'all drill targets met' : 'a drill target was MISSED');
			process.exit(r.met ? 0 : 1);
		})
		.catch((e) => {
			console.error(`[chaos] failed: ${e.stack}`);
			process.exit(1);
		});
}

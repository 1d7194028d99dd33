#!/usr/bin/env node
'use strict';
// `npm run bench`: the package's claims measured in real n8n against the simulator, each beside a
// baseline measured in the same run (n8n's own nodes, or the platform's limit). Prints a table of
// figures and ratios; `--only=1,3` picks benchmarks, `--size=N` scales item counts (default 1000),
// `--repeat=N` measures each benchmark N times (default 3) and reports the median with the spread
// (min–max), `--queue` runs benchmarks 1 and 3 in one process and then in n8n's queue mode.
// Benchmark 6 starts no n8n (worker-like Node processes with the compiled core).
const { fork } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startRig, until, flood, percentile, fmt, tally } = require('./harness');
const { dist, nodeType } = require('../test/helpers/packages');
const { startSimulator } = require('../test/helpers/simulator');

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const only = args.only ? args.only.split(',').map(Number) : [1, 2, 3, 4, 5, 6];
const SIZE = Number(args.size || 1000);
const LATENCY_N = Number(args.latency || 100);
const UPLOAD_MB = Number(args.uploadMb || 512);
const REPEAT = Math.max(1, Number(args.repeat || 3));
// BENCH_N8N_ENV='{"N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE":"true"}' measures n8n under other settings.
const benchEnv = JSON.parse(process.env.BENCH_N8N_ENV || '{}');
const rows = [];
const row = (bench, what, figure, baseline, ratio, target, met) =>
	rows.push({
		bench,
		what,
		figure,
		baseline,
		ratio,
		target,
		met: met === undefined ? '' : met ? 'yes' : 'NO',
	});
const log = (m) => console.error(`[bench] ${m}`);

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** "median (min–max)" of one figure over the repetitions: one noisy sample is not a figure. */
const spread = (xs, digits = 2, unit = '') =>
	xs.length === 1
		? `${fmt(xs[0], digits)}${unit}`
		: `${fmt(median(xs), digits)}${unit} (${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)})`;
const sum = (rs, k) => rs.reduce((a, r) => a + r[k], 0);

const items = (n, chats) =>
	Array.from({ length: n }, (_, i) => ({ chat: String(1000 + (i % chats)), n: i }));

async function bulkUnderLimit(rig) {
	const { sim, cred } = rig;
	const mp = sim.platforms.mpChat;
	const floorMs = (SIZE / mp.limitPerSecond) * 1000;
	mp.ignoreUnknownFields = true; // the Telegram node adds fields MPChat does not document
	// Texts carry the repetition, so one run's sends are never counted as another's duplicates.
	const run = async (label, node, rep) => {
		const pathName = `bulk-${label}`;
		const input = items(SIZE, 50).map((i) => ({ ...i, r: rep }));
		const before = sim.stats.mpChat429;
		log(
			`1. ${SIZE} MPChat sends with ${label}, run ${rep + 1} of ${REPEAT} (limit ${mp.limitPerSecond}/s${rig.queue ? ', queue mode: 2 executions at once, one per worker' : ''})`,
		);
		let out;
		let ms;
		if (rig.queue) {
			// Each worker runs one execution at a time: two halves at once land on both workers.
			const t0 = performance.now();
			const halves = await Promise.all(
				[input.slice(0, SIZE / 2), input.slice(SIZE / 2)].map((h) => rig.runBulk(pathName, h)),
			);
			ms = performance.now() - t0;
			out = halves.flatMap((h) => h.out);
		} else {
			({ out, ms } = await rig.runBulk(pathName, input));
		}
		const texts = mp.sent.map((m) => m.text);
		const t = tally(
			input.map((i) => `${label} ${rep} ${i.n}`),
			texts,
		);
		const errors = [
			...new Set(out.filter((o) => o.error).map((o) => String(o.error).slice(0, 120))),
		];
		if (errors.length) log(`1. ${label} errors: ${errors.slice(0, 3).join(' | ')}`);
		return {
			...t,
			failed: out.filter((o) => o.error).length,
			r429: sim.stats.mpChat429 - before,
			ms,
		};
	};
	const repeated = async (label, node) => {
		await rig.bulkWorkflow(`bulk-${label}`, { ...node, onError: 'continueRegularOutput' });
		const rs = [];
		for (let rep = 0; rep < REPEAT; rep++) rs.push(await run(label, node, rep));
		return rs;
	};
	const text = (label) => `={{ "${label} " + $json.r + " " + $json.n }}`;
	const ours = await repeated('ours', {
		type: nodeType('mpChat'),
		credentials: cred.mpChatApi,
		parameters: {
			resource: 'message',
			operation: 'sendText',
			chatId: '={{ $json.chat }}',
			text: text('ours'),
		},
	});
	const counts = (rs) =>
		`delivered ${sum(rs, 'delivered')}, failed ${sum(rs, 'failed')}, duplicated ${sum(rs, 'duplicated')}, 429s ${sum(rs, 'r429')} (${rs.length} × ${SIZE})`;
	const clean = (rs) => rs.every((r) => r.failed === 0 && r.duplicated === 0 && r.missing === 0);
	const seconds = (rs) =>
		spread(
			rs.map((r) => r.ms / 1000),
			1,
			' s',
		);
	const ratios = (rs) => rs.map((r) => r.ms / floorMs);
	if (rig.queue) {
		row(
			'1 bulk send, 30 req/s, queue mode',
			`MPChat node on 2 workers (Processes Sharing This Token = 2): ${counts(ours)}`,
			seconds(ours),
			`floor ${fmt(floorMs / 1000, 1)} s`,
			`${spread(ratios(ours), 2, '×')} floor`,
			'0 failed, 0 dup, ≤ 1.25× floor, 429s ≤ 2 %',
			clean(ours) && median(ratios(ours)) <= 1.25 && sum(ours, 'r429') <= 0.02 * SIZE * ours.length,
		);
		return;
	}
	const tg = await repeated('telegram', {
		type: 'n8n-nodes-base.telegram',
		typeVersion: 1.2,
		credentials: cred.telegramApi,
		parameters: {
			resource: 'message',
			operation: 'sendMessage',
			chatId: '={{ $json.chat }}',
			text: text('telegram'),
			additionalFields: { appendAttribution: false },
		},
	});
	row(
		'1 bulk send, 30 req/s',
		`MPChat node: ${counts(ours)}`,
		seconds(ours),
		`floor ${fmt(floorMs / 1000, 1)} s`,
		`${spread(ratios(ours), 2, '×')} floor`,
		'0 failed, 0 dup, ≤ 1.10× floor',
		clean(ours) && median(ratios(ours)) <= 1.1,
	);
	row(
		'1 bulk send, 30 req/s',
		`n8n Telegram node: ${counts(tg)}`,
		seconds(tg),
		`floor ${fmt(floorMs / 1000, 1)} s`,
		`${spread(ratios(tg), 2, '×')} floor`,
		'',
		undefined,
	);
}

async function overheadWithoutLimit(rig) {
	const { sim, cred, creds } = rig;
	const ours = {
		type: nodeType('biInk'),
		credentials: cred.biInkApi,
		parameters: {
			resource: 'message',
			operation: 'send',
			sendTo: 'ids',
			userId: '={{ $json.chat }}',
			messageType: 'text',
			content: '={{ "ours " + $json.r + " " + $json.n }}',
		},
	};
	const request = (parameters) => ({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${creds.biInkApi.baseUrl}/bot/sendmessage`,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${creds.biInkApi.accessToken}` }],
			},
			sendBody: true,
			options: {},
			...parameters,
		},
	});
	// The same two expressions per item as our node's chat and text fields: each expression is an
	// evaluation in n8n's isolate (about a third of a send's time), so the node's own overhead shows.
	const http = request({
		bodyParameters: {
			parameters: [
				{ name: 'target_user_id', value: '={{ $json.chat }}' },
				{ name: 'message_type', value: 'text' },
				{ name: 'content', value: '={{ "http " + $json.r + " " + $json.n }}' },
			],
		},
	});
	// The whole body in one expression: what the HTTP Request node allows and a node with fields cannot.
	const http1 = request({
		specifyBody: 'json',
		jsonBody:
			'={{ JSON.stringify({ target_user_id: $json.chat, message_type: "text", content: "http1 " + $json.r + " " + $json.n }) }}',
	});
	const result = { http: [], http1: [], ours: [] };
	const nodes = { http, http1, ours };
	for (const label of Object.keys(nodes)) {
		await rig.bulkWorkflow(`overhead-${label}`, nodes[label]);
		await rig.runBulk(
			`overhead-${label}`,
			items(20, 5).map((i) => ({ ...i, r: 'warm' })),
		); // warm-up: first-run costs stay out of the figure
	}
	// They alternate, so a slow phase of the machine weighs on every side of a ratio.
	for (let rep = 0; rep < REPEAT; rep++) {
		const input = items(SIZE, 50).map((i) => ({ ...i, r: rep }));
		for (const label of Object.keys(nodes)) {
			log(`2. ${SIZE} bi.ink sends with ${label}, run ${rep + 1} of ${REPEAT}`);
			const { ms } = await rig.runBulk(`overhead-${label}`, input);
			const t = tally(
				input.map((i) => `${label} ${rep} ${i.n}`),
				sim.platforms.biInk.sent.map((m) => m.content),
			);
			result[label].push({ ms, perSecond: SIZE / (ms / 1000), ...t });
		}
	}
	const ratios = (base) => result.ours.map((r, i) => r.perSecond / result[base][i].perSecond);
	const rate = (rs) =>
		spread(
			rs.map((r) => r.perSecond),
			0,
			' items/s',
		);
	row(
		'2 per-item overhead',
		`bi.ink node vs HTTP Request node, two expressions per item each (delivered ${sum(result.ours, 'delivered')} / ${sum(result.http, 'delivered')} of ${REPEAT} × ${SIZE})`,
		rate(result.ours),
		rate(result.http),
		spread(ratios('http'), 2, '×'),
		'≥ 1.0×',
		median(ratios('http')) >= 1 && result.ours.every((r) => r.missing === 0),
	);
	row(
		'2 per-item overhead',
		`bi.ink node vs HTTP Request node with its whole body in one expression (delivered ${sum(result.http1, 'delivered')})`,
		rate(result.ours),
		rate(result.http1),
		spread(ratios('http1'), 2, '×'),
		'',
		undefined,
	);
}

async function triggerLatency(rig, { withMinimal = false } = {}) {
	const { sim, cred, creds } = rig;
	const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));
	const echo = (platform, trigger, reply) =>
		rig.chain(`latency-${platform}`, [
			{ name: 'Trigger', webhookId: `latency-${platform}`, ...trigger },
			{ name: 'Reply', ...reply },
		]);
	const text = '={{ "echo: " + $json.event.text }}';
	const cases = [
		[
			'MPChat Trigger (long poll)',
			'mpChat',
			async () =>
				echo(
					'mpchat',
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
							text,
						},
					},
				),
			(m) => m.text,
		],
		[
			'Fly Polling Trigger (long poll)',
			'fly',
			async () =>
				echo(
					'flypoll',
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
							content: text,
						},
					},
				),
			(m) => m.data.content,
		],
		[
			'bi.ink Trigger (webhook)',
			'biInk',
			async () => {
				const wf = await echo(
					'biink',
					{
						type: nodeType('biInkTrigger'),
						typeVersion: 1.1,
						credentials: cred.biInkApi,
						parameters: { events: [] },
					},
					{
						type: nodeType('biInk'),
						credentials: cred.biInkApi,
						parameters: {
							resource: 'message',
							operation: 'send',
							sendTo: 'eventChat',
							messageType: 'text',
							content: text,
						},
					},
				);
				sim.platforms.biInk.webhookUrl = `${rig.webhookBase}/webhook/latency-biink/bi-ink?secret=${biInkWebhookSecret(creds.biInkApi.accessToken, wf.id, wf.nodes[0].id)}`;
			},
			(m) => m.content,
		],
		[
			'minapp Trigger (webhook)',
			'minapp',
			async () => {
				await echo(
					'minapp',
					{
						type: nodeType('minappTrigger'),
						typeVersion: 1.1,
						credentials: cred.minappApi,
						parameters: {},
					},
					{
						type: nodeType('minapp'),
						credentials: cred.minappApi,
						parameters: {
							resource: 'message',
							operation: 'send',
							conversation: { __rl: true, mode: 'id', value: '={{ $json.event.chat.id }}' },
							msgtype: 'text',
							content: text,
						},
					},
				);
				sim.platforms.minapp.webhookUrl = `${rig.webhookBase}/webhook/latency-minapp/minapp`;
			},
			(m) => m.text?.content,
		],
		[
			'Fly Trigger (signed webhook)',
			'fly',
			async () => {
				await echo(
					'flyhook',
					{
						type: nodeType('flyTrigger'),
						typeVersion: 1.1,
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
							content: text,
						},
					},
				);
				sim.platforms.fly.webhookUrl = `${rig.webhookBase}/webhook/latency-flyhook/fly`;
			},
			(m) => m.data.content,
		],
	];
	// The least a community trigger can be, with the baseline's HTTP Request node: what n8n adds to
	// any start node that is not its own Webhook node (only where bench/minimal-nodes is loaded).
	const reply = (content) => ({
		name: 'Reply',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${creds.biInkApi.baseUrl}/bot/sendmessage`,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${creds.biInkApi.accessToken}` }],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: content,
			options: {},
		},
	});
	if (withMinimal)
		cases.push([
			"minimal community webhook trigger + HTTP Request (bi.ink): n8n's share",
			'biInk',
			async () => {
				await rig.chain('latency-minimal', [
					{
						name: 'Minimal',
						type: 'CUSTOM.minimalWebhook',
						typeVersion: 1.1,
						webhookId: 'latency-minimal',
						parameters: {},
					},
					reply(
						'={{ JSON.stringify({ target_user_id: $json.sender_id, message_type: "text", content: "echo: " + $json.content }) }}',
					),
				]);
				sim.platforms.biInk.webhookUrl = `${rig.webhookBase}/webhook/latency-minimal/minimal`;
			},
			(m) => m.content,
		]);
	// Baseline of the same run: n8n's own Webhook node and HTTP Request node doing the bi.ink echo.
	cases.push([
		'baseline: n8n Webhook + HTTP Request (bi.ink)',
		'biInk',
		async () => {
			await rig.chain('latency-generic', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: 'latency-generic',
					parameters: { httpMethod: 'POST', path: 'latency-generic', options: {} },
				},
				reply(
					'={{ JSON.stringify({ target_user_id: $json.body.sender_id, message_type: "text", content: "echo: " + $json.body.content }) }}',
				),
			]);
			sim.platforms.biInk.webhookUrl = `${rig.webhookBase}/webhook/latency-generic`;
		},
		(m) => m.content,
	]);
	const medians = {};
	for (const [label, platform, setup, textOf] of cases) {
		await setup();
		const p = sim.platforms[platform];
		const inject = (t) =>
			p.inject(
				{ chatId: '501', userId: platform === 'mpChat' ? '501' : 'u_501', text: t },
				sim.baseUrls()[platform],
			);
		// Until the workflow is live, the first message may not be taken: warm up with retries.
		await until(
			async () => {
				const t = `warm ${label} ${crypto.randomUUID()}`;
				const r = await inject(t);
				if (r?.delivery && r.delivery.status !== 200) return false;
				return await until(
					() => p.sent.some((m) => textOf(m) === `echo: ${t}`),
					'warm-up',
					10_000,
				).catch(() => false);
			},
			`${label} to go live`,
			120_000,
		);
		// REPEAT rounds of LATENCY_N messages; each round gives a median and a p95.
		const rounds = [];
		for (let rep = 0; rep < REPEAT; rep++) {
			log(`3. ${LATENCY_N} messages through ${label}, round ${rep + 1} of ${REPEAT}`);
			const times = [];
			for (let i = 0; i < LATENCY_N; i++) {
				const t = `lat ${label} ${rep} ${i}`;
				const t0 = performance.now();
				await inject(t);
				await until(() => p.sent.some((m) => textOf(m) === `echo: ${t}`), `reply ${i}`, 30_000, 1);
				times.push(performance.now() - t0);
			}
			times.sort((a, b) => a - b);
			rounds.push({ median: percentile(times, 50), p95: percentile(times, 95) });
		}
		const median50 = median(rounds.map((r) => r.median));
		const medianP95 = median(rounds.map((r) => r.p95));
		medians[label] = rounds.map((r) => r.median);
		const figure = `median ${spread(medians[label], 0, ' ms')}, p95 ${spread(
			rounds.map((r) => r.p95),
			0,
			' ms',
		)}`;
		const base = medians['baseline: n8n Webhook + HTTP Request (bi.ink)'];
		if (label.startsWith('baseline')) {
			row(
				'3 trigger latency',
				label,
				figure,
				'(n8n polling triggers: checked every ≥ 1 min)',
				'',
				'',
				undefined,
			);
			for (const r of rows.filter(
				(x) => x.bench === '3 trigger latency' && x.ratio === 'pending',
			)) {
				r.ratio = `${fmt(median(medians[r.what]) / median(base))}× baseline median`;
			}
		} else if (label.startsWith('minimal')) {
			row(
				'3 trigger latency',
				label,
				figure,
				'n8n Webhook + HTTP Request (row below)',
				'pending',
				'',
				undefined,
			);
		} else {
			row(
				'3 trigger latency',
				label,
				figure,
				'n8n Webhook + HTTP Request (row below)',
				'pending',
				'median < 300 ms, p95 < 1 s',
				median50 < 300 && medianP95 < 1000,
			);
		}
		if (platform === 'fly' && p.webhookUrl) p.webhookUrl = '';
	}
}

/** Peak RSS of a process over an action: VmHWM after resetting it (clear_refs 5), minus RSS before. */
async function peakGrowth(pid, action) {
	const status = () => fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status())[1]);
	fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
	const before = kb('VmRSS');
	await action();
	return (kb('VmHWM') - before) / 1024;
}

async function uploadMemory(rig, dir) {
	const { n8n, cred, sim } = rig;
	const file = path.join(dir, 'big.bin');
	log(`4. writing a ${UPLOAD_MB} MB file`);
	const fd = fs.openSync(file, 'w');
	const chunk = crypto.randomBytes(1024 * 1024);
	for (let i = 0; i < UPLOAD_MB; i++) fs.writeSync(fd, chunk);
	fs.closeSync(fd);
	const read = {
		name: 'Read',
		type: 'n8n-nodes-base.readWriteFile',
		parameters: { operation: 'read', fileSelector: file, options: {} },
	};
	const webhook = (p) => ({
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: p,
		parameters: { httpMethod: 'POST', path: p, responseMode: 'lastNode', options: {} },
	});
	await rig.chain('upload-read', [webhook('upload-read'), read]);
	await rig.chain('upload-ours', [
		webhook('upload-ours'),
		read,
		{
			name: 'Upload',
			type: nodeType('biInk'),
			credentials: cred.biInkApi,
			parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
		},
	]);
	const call = async (p) => {
		const res = await n8n.webhookWhenLive(p, {
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		});
		const text = await res.text();
		if (res.status !== 200) throw new Error(`${p}: ${res.status} ${text.slice(0, 300)}`);
		return JSON.parse(text);
	};
	await call('upload-read'); // warm-up
	const runs = [];
	for (let rep = 0; rep < REPEAT; rep++) {
		log(`4. reading the file into the binary store (baseline), run ${rep + 1} of ${REPEAT}`);
		const readOnly = await peakGrowth(n8n.child.pid, () => call('upload-read'));
		log(`4. reading it and uploading it to bi.ink, run ${rep + 1} of ${REPEAT}`);
		let out;
		const upload = await peakGrowth(n8n.child.pid, async () => {
			out = await call('upload-ours');
		});
		const journal = sim.journal.filter((r) => r.path === '/bot/uploadfile').at(-1);
		runs.push({
			readOnly,
			upload,
			size: journal?.multipart?.files?.file?.size,
			fileId: Boolean(out.file_id),
		});
	}
	const intact = runs.every((r) => r.size === UPLOAD_MB * 1048576 && r.fileId);
	const uploads = runs.map((r) => r.upload);
	row(
		'4 upload memory',
		`bi.ink upload of ${UPLOAD_MB} MB (${runs.length} uploads, each received whole with a file_id: ${intact ? 'yes' : 'NO'})`,
		`+${spread(uploads, 0, ' MB')} peak RSS`,
		`read only: +${spread(
			runs.map((r) => r.readOnly),
			0,
			' MB',
		)}`,
		`${spread(
			runs.map((r) => r.upload - r.readOnly),
			0,
			' MB',
		)} over baseline`,
		'< 64 MB',
		median(uploads) < 64 && Math.max(...uploads) < 64 && intact,
	);
	fs.rmSync(file);
}

async function signatureCost(rig) {
	const { n8n, cred, sim } = rig;
	const { signUpdate: signFlyUpdate } = require('../simulator/flySignature'); // signed as the simulator signs for Fly
	const N = Math.max(1, Math.round(SIZE * 0.4));
	const secret = sim.platforms.fly.defaultSecret();
	// Fresh bodies for every round: a nonce is accepted once, and timestamps must be in the window.
	let nextUpdate = 10_000;
	const signedBodies = (n) =>
		Array.from({ length: n }, () => {
			const i = nextUpdate++;
			const u = {
				update_id: i,
				type: 'message',
				message: {
					id: `m${i}`,
					chat: { id: 'c1', type: 'private' },
					sender: { id: 'u1', name: 'n' },
					msgType: 'text',
					data: { content: `hello ${i}` },
					date: Math.floor(Date.now() / 1000),
				},
				bot: { id: 'fly_bot_1' },
				timestamp: Math.floor(Date.now() / 1000),
				nonce: crypto.randomBytes(8).toString('hex'),
			};
			u.signature = signFlyUpdate(u, secret);
			return JSON.stringify(u);
		});
	const flyTrigger = (id, typeVersion) => [
		{
			name: 'Trigger',
			type: nodeType('flyTrigger'),
			typeVersion,
			webhookId: id,
			credentials: cred.flyApi,
			parameters: { updates: [] },
		},
	];
	await rig.chain('sig-fly', flyTrigger('sig-fly', 1.1), { saveDataSuccessExecution: 'none' });
	// Version 1, which workflows made before 1.1 keep: n8n evaluates an expression before each of its requests.
	await rig.chain('sig-fly-v1', flyTrigger('sig-fly-v1', 1), { saveDataSuccessExecution: 'none' });
	await rig.chain(
		'sig-generic',
		[
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: 'sig-generic',
				parameters: { httpMethod: 'POST', path: 'sig-generic', options: {} },
			},
		],
		{ saveDataSuccessExecution: 'none' },
	);
	const blast = (p, list) =>
		flood(n8n.url, list.length, Number(args.concurrency || 8), (i) => [
			p,
			'application/json',
			list[i],
		]);
	// The least a community trigger can be (bench/minimal-nodes), without and with an execute() that
	// records a value in static data: what n8n adds for a start node that is not its own Webhook node.
	await rig.chain(
		'sig-minimal',
		[
			{
				name: 'Minimal',
				type: 'CUSTOM.minimalWebhook',
				typeVersion: 1.1,
				webhookId: 'sig-minimal',
				parameters: {},
			},
		],
		{ saveDataSuccessExecution: 'none' },
	);
	await rig.chain(
		'sig-minimal-run',
		[
			{
				name: 'Minimal',
				type: 'CUSTOM.minimalWebhookWithRun',
				typeVersion: 1.1,
				webhookId: 'sig-minimal-run',
				parameters: {},
			},
		],
		{ saveDataSuccessExecution: 'none' },
	);
	await rig.chain(
		'sig-minimal-cred',
		[
			{
				name: 'Minimal',
				type: 'CUSTOM.minimalWebhookWithCredential',
				typeVersion: 1.1,
				webhookId: 'sig-minimal-cred',
				credentials: cred.flyApi,
				parameters: {},
			},
		],
		{ saveDataSuccessExecution: 'none' },
	);
	await n8n.webhookWhenLive('sig-minimal-cred/minimal', {
		headers: { 'Content-Type': 'application/json' },
		body: '{}',
	});
	await n8n.webhookWhenLive('sig-minimal/minimal', {
		headers: { 'Content-Type': 'application/json' },
		body: '{}',
	});
	await n8n.webhookWhenLive('sig-minimal-run/minimal', {
		headers: { 'Content-Type': 'application/json' },
		body: '{}',
	});
	await n8n.webhookWhenLive('sig-generic', {
		headers: { 'Content-Type': 'application/json' },
		body: '{}',
	});
	await n8n.webhookWhenLive('sig-fly/fly', {
		headers: { 'Content-Type': 'application/json' },
		body: signedBodies(1)[0],
	});
	await n8n.webhookWhenLive('sig-fly-v1/fly', {
		headers: { 'Content-Type': 'application/json' },
		body: signedBodies(1)[0],
	});
	const r = { fly: [], flyV1: [], generic: [], minimal: [], minimalRun: [], minimalCred: [] };
	const statuses = { fly: {}, generic: {} };
	for (let rep = 0; rep < REPEAT; rep++) {
		const bodies = signedBodies(N);
		log(
			`5. ${N} signed Fly deliveries and the same bodies to n8n's Webhook node, round ${rep + 1} of ${REPEAT}`,
		);
		for (const [key, p] of [
			['fly', 'sig-fly/fly'],
			['generic', 'sig-generic'],
			['minimal', 'sig-minimal/minimal'],
			['minimalRun', 'sig-minimal-run/minimal'],
			['minimalCred', 'sig-minimal-cred/minimal'],
			['flyV1', 'sig-fly-v1/fly'],
		]) {
			// The two Fly workflows are two nodes with replay guards of their own: the same bodies pass both.
			const out = await blast(p, bodies);
			r[key].push(out.perSecond);
			if (statuses[key])
				for (const [code, n] of Object.entries(out.statuses))
					statuses[key][code] = (statuses[key][code] ?? 0) + n;
		}
	}
	const ratios = (key) => r[key].map((x, i) => x / r.generic[i]);
	const rate = (key) => spread(r[key], 0, ' req/s');
	row(
		'5 signature cost',
		"minimal community webhook trigger, body as item (bench/minimal-nodes): n8n sets up an expression isolate for its request, not for its Webhook node's",
		rate('minimal'),
		rate('generic'),
		spread(ratios('minimal'), 2, '×'),
		'',
		undefined,
	);
	row(
		'5 signature cost',
		'the same with an execute() that writes one value of static data (a static-data save per delivery)',
		rate('minimalRun'),
		rate('generic'),
		spread(ratios('minimalRun'), 2, '×'),
		'',
		undefined,
	);
	row(
		'5 signature cost',
		"the same with a credential on the node, never read (n8n checks a workflow's credentials on each run)",
		rate('minimalCred'),
		rate('generic'),
		spread(ratios('minimalCred'), 2, '×'),
		'',
		undefined,
	);
	row(
		'5 signature cost',
		'Fly Trigger version 1 (workflows made before 1.1): n8n evaluates an expression in a new isolate before each request',
		rate('flyV1'),
		rate('generic'),
		spread(ratios('flyV1'), 2, '×'),
		'',
		undefined,
	);
	row(
		'5 signature cost',
		`Fly Trigger 1.1 (verify + replay guard) vs Webhook node; answers ${JSON.stringify(statuses.fly)} / ${JSON.stringify(statuses.generic)}`,
		rate('fly'),
		rate('generic'),
		spread(ratios('fly'), 2, '×'),
		'≥ 0.90×',
		median(ratios('fly')) >= 0.9 && Object.keys(statuses.fly).join() === '200',
	);
}

/**
 * 6: three processes send with one MPChat token, each through the compiled request core, against
 * the simulator's 30/s window: "Processes Sharing This Token" set too low (1) beside set right
 * (3), in the same run. Counts what the platform received and the 429s in each 10 s.
 */
async function sharedToken() {
	const PROCESSES = 3;
	const perProcess = Math.max(1, Math.round(SIZE / 2));
	const sim = await startSimulator();
	const mp = sim.platforms.mpChat;
	const results = { 1: [], 3: [] };
	try {
		const runOnce = async (sharedBy, rep) => {
			const label = `share${sharedBy}r${rep}`;
			const workers = Array.from({ length: PROCESSES }, () =>
				fork(path.join(__dirname, 'token-share-worker.js'), {
					stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
				}),
			);
			// A worker's next message, or a failure if it exits first (nothing then waits forever).
			const reply = (w) =>
				new Promise((resolve, reject) => {
					w.once('message', resolve);
					w.once('exit', (code) =>
						reject(new Error(`a benchmark 6 worker exited with code ${code}`)),
					);
				});
			await Promise.all(workers.map(reply));
			log(
				`6. ${PROCESSES} processes × ${perProcess} MPChat sends, Processes Sharing This Token = ${sharedBy}, run ${rep + 1} of ${REPEAT}`,
			);
			const before = sim.stats.mpChat429;
			// 429s per second of the run, read from the simulator's counter.
			const perSecond = [];
			let last = before;
			const t0 = performance.now();
			const sample = () => {
				perSecond.push(sim.stats.mpChat429 - last);
				last = sim.stats.mpChat429;
			};
			const sampler = setInterval(sample, 1000);
			const reports = await Promise.all(
				workers.map((w, i) => {
					const done = reply(w);
					w.send({
						credentials: { ...sim.creds().mpChatApi, sharedBy },
						label: `${label} p${i}`,
						count: perProcess,
					});
					return done;
				}),
			);
			clearInterval(sampler);
			sample();
			const ms = performance.now() - t0;
			const buckets = [];
			for (let i = 0; i < perSecond.length; i += 10)
				buckets.push(perSecond.slice(i, i + 10).reduce((a, b) => a + b, 0));
			const lastAt = perSecond.findLastIndex((n) => n > 0) + 1;
			const expected = [];
			for (let i = 0; i < PROCESSES; i++)
				for (let n = 0; n < perProcess; n++) expected.push(`${label} p${i} ${n}`);
			const t = tally(
				expected,
				mp.sent.map((m) => m.text),
			);
			for (const r of reports) if (r.errors.length) log(`6. errors: ${r.errors.join(' | ')}`);
			return {
				...t,
				failed: reports.reduce((a, r) => a + r.failed, 0),
				r429: sim.stats.mpChat429 - before,
				buckets,
				lastAt,
				ms,
			};
		};
		for (let rep = 0; rep < REPEAT; rep++) {
			// Alternating, so a slow phase of the machine weighs on both.
			for (const sharedBy of [1, 3]) results[sharedBy].push(await runOnce(sharedBy, rep));
		}
	} finally {
		await sim.close();
	}
	const floorMs = ((PROCESSES * perProcess) / mp.limitPerSecond) * 1000;
	const seconds = (rs) =>
		spread(
			rs.map((r) => r.ms / 1000),
			1,
			' s',
		);
	const counts = (rs) =>
		`delivered ${sum(rs, 'delivered')}, failed ${sum(rs, 'failed')}, duplicated ${sum(rs, 'duplicated')}, 429s ${sum(rs, 'r429')} (${rs.length} × ${PROCESSES} × ${perProcess}); 429s per 10 s: ${rs.map((r) => r.buckets.join(' ')).join(' / ')}; last 429 in second ${rs.map((r) => `${r.lastAt} of ${Math.ceil(r.ms / 1000)}`).join(', ')}`;
	// The 429s stopped: none in the last 10 s of a run (its last second counted from when it ended).
	const stopped = (r) => r.lastAt <= Math.ceil(r.ms / 1000) - 10;
	const clean = (rs) => rs.every((r) => r.failed === 0 && r.duplicated === 0 && r.missing === 0);
	const ratio = results[1].map((r, i) => r.ms / results[3][i].ms);
	row(
		'6 one token, 3 processes',
		`Processes Sharing This Token = 1 (too low): ${counts(results[1])}`,
		seconds(results[1]),
		`N = 3 (row below): ${seconds(results[3])}`,
		`${spread(ratio, 2, '×')} N = 3`,
		'0 failed, 0 dup, no 429 in the last 10 s of each run',
		clean(results[1]) && results[1].every(stopped),
	);
	row(
		'6 one token, 3 processes',
		`Processes Sharing This Token = 3 (right): ${counts(results[3])}`,
		seconds(results[3]),
		`floor ${fmt(floorMs / 1000, 1)} s`,
		`${spread(
			results[3].map((r) => r.ms / floorMs),
			2,
			'×',
		)} floor`,
		'',
		undefined,
	);
}

async function main() {
	// `--queue`: benchmarks 1 and 3 in one process, then again in queue mode, in the same run.
	const picked = 'queue' in args ? only.filter((n) => n === 1 || n === 3) : only;
	const started = new Date();
	if (picked.includes(6)) await sharedToken();
	if (!picked.some((n) => n <= 5)) return printTable(started);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-bench-'));
	const rig = await startRig({
		env: {
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_RESTRICT_FILE_ACCESS_TO: dir,
			N8N_LOG_LEVEL: 'warn',
			N8N_CUSTOM_EXTENSIONS: path.join(__dirname, 'minimal-nodes'),
			...benchEnv,
		},
	});
	try {
		if (picked.includes(1)) await bulkUnderLimit(rig);
		if (picked.includes(2)) await overheadWithoutLimit(rig);
		if (picked.includes(3)) await triggerLatency(rig, { withMinimal: true });
		if (picked.includes(4)) await uploadMemory(rig, dir);
		if (picked.includes(5)) await signatureCost(rig);
	} finally {
		await rig.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
	if ('queue' in args) {
		log('queue mode: PostgreSQL, Redis, main + 2 workers + 1 webhook processor');
		const q = await startRig({ queue: true, env: { N8N_LOG_LEVEL: 'warn' } });
		const firstQueueRow = rows.length;
		try {
			if (picked.includes(1)) await bulkUnderLimit(q);
			if (picked.includes(3)) await triggerLatency(q);
		} finally {
			await q.close();
		}
		for (const r of rows.slice(firstQueueRow))
			if (!r.bench.includes('queue')) r.bench += ', queue mode';
	}
	printTable(started);
}

function printTable(started) {
	console.log(
		`\nn8n 2.40.7 (Node 24) · ${os.cpus().length} × ${os.cpus()[0].model.trim()} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · ${started.toISOString().slice(0, 10)} · size ${SIZE} · each figure the median of ${REPEAT} runs (min–max)\n`,
	);
	console.log('| Benchmark | What | Figure | Baseline (same run) | Ratio | Target | Met |');
	console.log('| --- | --- | --- | --- | --- | --- | --- |');
	for (const r of rows)
		console.log(
			`| ${r.bench} | ${r.what} | ${r.figure} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met} |`,
		);
}

main().catch((e) => {
	console.error(`[bench] failed: ${e.stack}`);
	process.exit(1);
});

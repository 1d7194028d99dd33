#!/usr/bin/env node
'use strict';
// `npm run bench`: the package's claims measured in real n8n against the simulator, each beside a
// baseline measured in the same run (n8n's own nodes, or the platform's limit). Prints a table of
// figures and ratios; `--only=1,3` picks benchmarks, `--size=N` scales item counts (default 1000),
// `--queue` runs benchmarks 1 and 3 in one process and then in n8n's queue mode.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startRig, until, flood, percentile, fmt, tally } = require('./harness');

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const only = args.only ? args.only.split(',').map(Number) : [1, 2, 3, 4, 5];
const SIZE = Number(args.size || 1000);
const LATENCY_N = Number(args.latency || 200);
const UPLOAD_MB = Number(args.uploadMb || 512);
const rows = [];
const row = (bench, what, figure, baseline, ratio, target, met) => rows.push({ bench, what, figure, baseline, ratio, target, met: met === undefined ? '' : met ? 'yes' : 'NO' });
const log = (m) => console.error(`[bench] ${m}`);

const items = (n, chats) => Array.from({ length: n }, (_, i) => ({ chat: String(1000 + (i % chats)), n: i }));

async function bulkUnderLimit(rig) {
	const { sim, cred } = rig;
	const mp = sim.platforms.mpChat;
	const input = items(SIZE, 50);
	const floorMs = (SIZE / mp.limitPerSecond) * 1000;
	mp.ignoreUnknownFields = true; // the Telegram node adds fields MPChat does not document
	const run = async (label, node) => {
		const pathName = `bulk-${label}`;
		await rig.bulkWorkflow(pathName, { ...node, onError: 'continueRegularOutput' });
		const before = sim.stats.mpChat429;
		log(`1. ${SIZE} MPChat sends with ${label} (limit ${mp.limitPerSecond}/s${rig.queue ? ', queue mode: 2 executions at once, one per worker' : ''})`);
		let out;
		let ms;
		if (rig.queue) {
			// Each worker runs one execution at a time: two halves at once land on both workers.
			const t0 = performance.now();
			const halves = await Promise.all([input.slice(0, SIZE / 2), input.slice(SIZE / 2)].map((h) => rig.runBulk(pathName, h)));
			ms = performance.now() - t0;
			out = halves.flatMap((h) => h.out);
		} else {
			({ out, ms } = await rig.runBulk(pathName, input));
		}
		const texts = mp.sent.map((m) => m.text);
		const t = tally(input.map((i) => `${label} ${i.n}`), texts);
		const errors = [...new Set(out.filter((o) => o.error).map((o) => String(o.error).slice(0, 120)))];
		if (errors.length) log(`1. ${label} errors: ${errors.slice(0, 3).join(' | ')}`);
		return { ...t, failed: out.filter((o) => o.error).length, r429: sim.stats.mpChat429 - before, ms };
	};
	const ours = await run('ours', { type: 'n8n-nodes-imbots.mpChat', credentials: cred.mpChatApi, parameters: { resource: 'message', operation: 'sendText', chatId: '={{ $json.chat }}', text: '={{ "ours " + $json.n }}' } });
	if (rig.queue) {
		const r = ours;
		row('1 bulk send, 30 req/s, queue mode', `MPChat node on 2 workers (Processes Sharing This Token = 2): delivered ${r.delivered}, failed ${r.failed}, duplicated ${r.duplicated}, 429s ${r.r429}`, `${fmt(r.ms / 1000, 1)} s`, `floor ${fmt(floorMs / 1000, 1)} s`, `${fmt(r.ms / floorMs)}× floor`, '0 failed, 0 dup, ≤ 1.25× floor, 429s ≤ 2 %', r.failed === 0 && r.duplicated === 0 && r.missing === 0 && r.ms <= 1.25 * floorMs && r.r429 <= 0.02 * SIZE);
		return;
	}
	const tg = await run('telegram', { type: 'n8n-nodes-base.telegram', typeVersion: 1.2, credentials: cred.telegramApi, parameters: { resource: 'message', operation: 'sendMessage', chatId: '={{ $json.chat }}', text: '={{ "telegram " + $json.n }}', additionalFields: { appendAttribution: false } } });
	for (const [name, r] of [['MPChat node', ours], ['n8n Telegram node', tg]]) {
		row('1 bulk send, 30 req/s', `${name}: delivered ${r.delivered}, failed ${r.failed}, duplicated ${r.duplicated}, 429s ${r.r429}`, `${fmt(r.ms / 1000, 1)} s`, `floor ${fmt(floorMs / 1000, 1)} s`, `${fmt(r.ms / floorMs)}× floor`, name === 'MPChat node' ? '0 failed, 0 dup, ≤ 1.10× floor' : '', name === 'MPChat node' ? r.failed === 0 && r.duplicated === 0 && r.missing === 0 && r.ms <= 1.1 * floorMs : undefined);
	}
}

async function overheadWithoutLimit(rig) {
	const { sim, cred, creds } = rig;
	const input = items(SIZE, 50);
	const ours = { type: 'n8n-nodes-imbots.biInk', credentials: cred.biInkApi, parameters: { resource: 'message', operation: 'send', sendTo: 'ids', userId: '={{ $json.chat }}', messageType: 'text', content: '={{ "ours " + $json.n }}' } };
	const http = {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${creds.biInkApi.baseUrl}/bot/sendmessage`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${creds.biInkApi.accessToken}` }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ target_user_id: $json.chat, message_type: "text", content: "http " + $json.n }) }}',
			options: {},
		},
	};
	const result = {};
	for (const [label, node] of [['http', http], ['ours', ours]]) {
		await rig.bulkWorkflow(`overhead-${label}`, node);
		await rig.runBulk(`overhead-${label}`, items(20, 5)); // warm-up: first-run costs stay out of the figure
		log(`2. ${SIZE} bi.ink sends with ${label}`);
		const { ms } = await rig.runBulk(`overhead-${label}`, input);
		const t = tally(input.map((i) => `${label} ${i.n}`), sim.platforms.biInk.sent.map((m) => m.content));
		result[label] = { ms, perSecond: SIZE / (ms / 1000), ...t };
	}
	const ratio = result.ours.perSecond / result.http.perSecond;
	row('2 per-item overhead', `bi.ink node vs HTTP Request node (delivered ${result.ours.delivered} / ${result.http.delivered})`, `${fmt(result.ours.perSecond, 0)} items/s`, `${fmt(result.http.perSecond, 0)} items/s`, `${fmt(ratio)}×`, '≥ 0.90×', ratio >= 0.9 && result.ours.missing === 0);
}

async function triggerLatency(rig) {
	const { sim, cred, creds } = rig;
	const { biInkWebhookSecret } = require('../dist/nodes/BiInk/webhookSecret');
	const echo = (platform, trigger, reply) =>
		rig.chain(`latency-${platform}`, [
			{ name: 'Trigger', webhookId: `latency-${platform}`, ...trigger },
			{ name: 'Reply', ...reply },
		]);
	const text = '={{ "echo: " + $json.event.text }}';
	const cases = [
		['MPChat Trigger (long poll)', 'mpChat', async () => echo('mpchat', { type: 'n8n-nodes-imbots.mpChatTrigger', credentials: cred.mpChatApi, parameters: { updates: ['message'] } }, { type: 'n8n-nodes-imbots.mpChat', credentials: cred.mpChatApi, parameters: { resource: 'message', operation: 'sendText', chatId: '={{ $json.event.chat.id }}', text } }), (m) => m.text],
		['Fly Polling Trigger (long poll)', 'fly', async () => echo('flypoll', { type: 'n8n-nodes-imbots.flyPollingTrigger', credentials: cred.flyApi, parameters: { updates: ['message'] } }, { type: 'n8n-nodes-imbots.fly', credentials: cred.flyApi, parameters: { resource: 'message', operation: 'send', sendTo: 'eventChat', msgType: 'text', content: text } }), (m) => m.data.content],
		['bi.ink Trigger (webhook)', 'biInk', async () => {
			const wf = await echo('biink', { type: 'n8n-nodes-imbots.biInkTrigger', credentials: cred.biInkApi, parameters: { events: [] } }, { type: 'n8n-nodes-imbots.biInk', credentials: cred.biInkApi, parameters: { resource: 'message', operation: 'send', sendTo: 'eventChat', messageType: 'text', content: text } });
			sim.platforms.biInk.webhookUrl = `${rig.webhookBase}/webhook/latency-biink/bi-ink?secret=${biInkWebhookSecret(creds.biInkApi.accessToken, wf.id, wf.nodes[0].id)}`;
		}, (m) => m.content],
		['minapp Trigger (webhook)', 'minapp', async () => {
			await echo('minapp', { type: 'n8n-nodes-imbots.minappTrigger', credentials: cred.minappApi, parameters: {} }, { type: 'n8n-nodes-imbots.minapp', credentials: cred.minappApi, parameters: { resource: 'message', operation: 'send', conversation: { __rl: true, mode: 'id', value: '={{ $json.event.chat.id }}' }, msgtype: 'text', content: text } });
			sim.platforms.minapp.webhookUrl = `${rig.webhookBase}/webhook/latency-minapp/minapp`;
		}, (m) => m.text?.content],
		['Fly Trigger (signed webhook)', 'fly', async () => {
			await echo('flyhook', { type: 'n8n-nodes-imbots.flyTrigger', credentials: cred.flyApi, parameters: { updates: ['message'] } }, { type: 'n8n-nodes-imbots.fly', credentials: cred.flyApi, parameters: { resource: 'message', operation: 'send', sendTo: 'eventChat', msgType: 'text', content: text } });
			sim.platforms.fly.webhookUrl = `${rig.webhookBase}/webhook/latency-flyhook/fly`;
		}, (m) => m.data.content],
	];
	// Baseline of the same run: n8n's own Webhook node and HTTP Request node doing the bi.ink echo.
	cases.push(['baseline: n8n Webhook + HTTP Request (bi.ink)', 'biInk', async () => {
		await rig.chain('latency-generic', [
			{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: 'latency-generic', parameters: { httpMethod: 'POST', path: 'latency-generic', options: {} } },
			{ name: 'Reply', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters: { method: 'POST', url: `${creds.biInkApi.baseUrl}/bot/sendmessage`, sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${creds.biInkApi.accessToken}` }] }, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify({ target_user_id: $json.body.sender_id, message_type: "text", content: "echo: " + $json.body.content }) }}', options: {} } },
		]);
		sim.platforms.biInk.webhookUrl = `${rig.webhookBase}/webhook/latency-generic`;
	}, (m) => m.content]);
	const medians = {};
	for (const [label, platform, setup, textOf] of cases) {
		await setup();
		const p = sim.platforms[platform];
		const inject = (t) => p.inject({ chatId: '501', userId: platform === 'mpChat' ? '501' : 'u_501', text: t }, sim.baseUrls()[platform]);
		// Until the workflow is live, the first message may not be taken: warm up with retries.
		await until(async () => {
			const t = `warm ${label} ${crypto.randomUUID()}`;
			const r = await inject(t);
			if (r?.delivery && r.delivery.status !== 200) return false;
			return await until(() => p.sent.some((m) => textOf(m) === `echo: ${t}`), 'warm-up', 10_000).catch(() => false);
		}, `${label} to go live`, 120_000);
		log(`3. ${LATENCY_N} messages through ${label}`);
		const times = [];
		for (let i = 0; i < LATENCY_N; i++) {
			const t = `lat ${label} ${i}`;
			const t0 = performance.now();
			await inject(t);
			await until(() => p.sent.some((m) => textOf(m) === `echo: ${t}`), `reply ${i}`, 30_000, 1);
			times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);
		const median = percentile(times, 50);
		const p95 = percentile(times, 95);
		medians[label] = median;
		const base = medians['baseline: n8n Webhook + HTTP Request (bi.ink)'];
		if (label.startsWith('baseline')) {
			row('3 trigger latency', label, `median ${fmt(median, 0)} ms, p95 ${fmt(p95, 0)} ms`, '(n8n polling triggers: checked every ≥ 1 min)', '', '', undefined);
			for (const r of rows.filter((x) => x.bench === '3 trigger latency' && x.ratio === 'pending')) r.ratio = `${fmt(medians[r.what] / base)}× baseline median`;
		} else {
			row('3 trigger latency', label, `median ${fmt(median, 0)} ms, p95 ${fmt(p95, 0)} ms`, 'n8n Webhook + HTTP Request (row below)', 'pending', 'median < 300 ms, p95 < 1 s', median < 300 && p95 < 1000);
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
	const read = { name: 'Read', type: 'n8n-nodes-base.readWriteFile', parameters: { operation: 'read', fileSelector: file, options: {} } };
	const webhook = (p) => ({ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: p, parameters: { httpMethod: 'POST', path: p, responseMode: 'lastNode', options: {} } });
	await rig.chain('upload-read', [webhook('upload-read'), read]);
	await rig.chain('upload-ours', [webhook('upload-ours'), read, { name: 'Upload', type: 'n8n-nodes-imbots.biInk', credentials: cred.biInkApi, parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' } }]);
	const call = async (p) => {
		const res = await n8n.webhookWhenLive(p, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
		const text = await res.text();
		if (res.status !== 200) throw new Error(`${p}: ${res.status} ${text.slice(0, 300)}`);
		return JSON.parse(text);
	};
	await call('upload-read'); // warm-up
	log('4. reading the file into the binary store (baseline)');
	const readOnly = await peakGrowth(n8n.child.pid, () => call('upload-read'));
	log('4. reading it and uploading it to bi.ink');
	let out;
	const upload = await peakGrowth(n8n.child.pid, async () => {
		out = await call('upload-ours');
	});
	const journal = sim.journal.filter((r) => r.path === '/bot/uploadfile').at(-1);
	const size = journal?.multipart?.files?.file?.size;
	row('4 upload memory', `bi.ink upload of ${UPLOAD_MB} MB (received ${fmt(size / 1048576, 0)} MB, file_id ${out.file_id ? 'ok' : 'missing'})`, `+${fmt(upload, 0)} MB peak RSS`, `read only: +${fmt(readOnly, 0)} MB`, `${fmt(upload - readOnly, 0)} MB over baseline`, '< 64 MB', upload < 64 && size === UPLOAD_MB * 1048576);
	fs.rmSync(file);
}

async function signatureCost(rig) {
	const { n8n, cred, sim } = rig;
	const { signUpdate: signFlyUpdate } = require('../simulator/flySignature'); // signed as the simulator signs for Fly
	const N = SIZE * 2;
	const secret = sim.platforms.fly.defaultSecret();
	const bodies = Array.from({ length: N }, (_, i) => {
		const u = { update_id: 10_000 + i, type: 'message', message: { id: `m${i}`, chat: { id: 'c1', type: 'private' }, sender: { id: 'u1', name: 'n' }, msgType: 'text', data: { content: `hello ${i}` }, date: Math.floor(Date.now() / 1000) }, bot: { id: 'fly_bot_1' }, timestamp: Math.floor(Date.now() / 1000), nonce: crypto.randomBytes(8).toString('hex') };
		u.signature = signFlyUpdate(u, secret);
		return JSON.stringify(u);
	});
	await rig.chain('sig-fly', [{ name: 'Trigger', type: 'n8n-nodes-imbots.flyTrigger', webhookId: 'sig-fly', credentials: cred.flyApi, parameters: { updates: [] } }], { saveDataSuccessExecution: 'none' });
	await rig.chain('sig-generic', [{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: 'sig-generic', parameters: { httpMethod: 'POST', path: 'sig-generic', options: {} } }], { saveDataSuccessExecution: 'none' });
	const blast = (p, list) => flood(n8n.url, list.length, Number(args.concurrency || 8), (i) => [p, 'application/json', list[i]]);
	// The same Webhook node in a workflow that also holds a credential (an unconnected node that
	// never runs): n8n checks credential permissions before every execution of such a workflow.
	const withCred = await n8n.createWorkflow({
		name: 'sig-generic-cred',
		nodes: [
			{ id: 'w', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'sig-generic-cred', parameters: { httpMethod: 'POST', path: 'sig-generic-cred', options: {} } },
			{ id: 'f', name: 'Unused Fly', type: 'n8n-nodes-imbots.fly', typeVersion: 1, position: [0, 200], credentials: cred.flyApi, parameters: { resource: 'signature', operation: 'verify' } },
		],
		connections: {},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' },
	});
	await n8n.activate(withCred);
	await n8n.webhookWhenLive('sig-generic-cred', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
	await n8n.webhookWhenLive('sig-generic', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
	await n8n.webhookWhenLive('sig-fly/fly', { headers: { 'Content-Type': 'application/json' }, body: bodies[N - 1] });
	log(`5. ${N - 1} signed Fly deliveries and the same bodies to n8n's Webhook node`);
	const fly = await blast('sig-fly/fly', bodies.slice(0, N - 1));
	const generic = await blast('sig-generic', bodies.slice(0, N - 1));
	const genericCred = await blast('sig-generic-cred', bodies.slice(0, N - 1));
	const ratio = fly.perSecond / generic.perSecond;
	row('5 signature cost', 'Webhook node in a workflow holding a credential (n8n then checks credential permissions before each run)', `${fmt(genericCred.perSecond, 0)} req/s`, `${fmt(generic.perSecond, 0)} req/s`, `${fmt(genericCred.perSecond / generic.perSecond)}×`, '', undefined);
	row('5 signature cost', `Fly Trigger (verify + replay guard) vs Webhook node; answers ${JSON.stringify(fly.statuses)} / ${JSON.stringify(generic.statuses)}`, `${fmt(fly.perSecond, 0)} req/s`, `${fmt(generic.perSecond, 0)} req/s`, `${fmt(ratio)}×`, '≥ 0.90×', ratio >= 0.9 && Object.keys(fly.statuses).join() === '200');
}

async function main() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-bench-'));
	// `--queue`: benchmarks 1 and 3 in one process, then again in queue mode, in the same run.
	const picked = 'queue' in args ? only.filter((n) => n === 1 || n === 3) : only;
	const rig = await startRig({ env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: dir, N8N_LOG_LEVEL: 'warn' } });
	const started = new Date();
	try {
		if (picked.includes(1)) await bulkUnderLimit(rig);
		if (picked.includes(2)) await overheadWithoutLimit(rig);
		if (picked.includes(3)) await triggerLatency(rig);
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
		for (const r of rows.slice(firstQueueRow)) if (!r.bench.includes('queue')) r.bench += ', queue mode';
	}
	console.log(`\nn8n 2.40.7 (Node 24) · ${os.cpus().length} × ${os.cpus()[0].model.trim()} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · ${started.toISOString().slice(0, 10)} · size ${SIZE}\n`);
	console.log('| Benchmark | What | Figure | Baseline (same run) | Ratio | Target | Met |');
	console.log('| --- | --- | --- | --- | --- | --- | --- |');
	for (const r of rows) console.log(`| ${r.bench} | ${r.what} | ${r.figure} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met} |`);
}

main().catch((e) => {
	console.error(`[bench] failed: ${e.stack}`);
	process.exit(1);
});

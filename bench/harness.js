'use strict';
// The real-n8n rig shared by `npm run bench` and `npm run chaos`: the simulator in this process,
// the pinned n8n (cached install) with the five packed packages, an owner, one credential per
// platform (ours and n8n's own where a baseline needs it), and helpers to build and call workflows.
const { packPackages, startN8n } = require('../test/helpers/n8n');
const { startSimulator } = require('../test/helpers/simulator');
const { until } = require('../test/helpers/until');
const { startQueue } = require('../test/helpers/queue');
const crypto = require('crypto');

/**
 * The simulator and n8n: one process, or with `queue` n8n's queue mode (PostgreSQL, Redis, main,
 * 2 workers running one execution each, a webhook processor: test/helpers/queue.js). Production
 * webhooks go to `webhookBase` (the webhook processor in queue mode).
 */
async function startRig({ env = {}, queue = false } = {}) {
	const sim = await startSimulator();
	// BENCH_N8N_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles n8n itself.
	const profile = process.env.BENCH_N8N_NODE_OPTIONS
		? { NODE_OPTIONS: process.env.BENCH_N8N_NODE_OPTIONS }
		: {};
	let n8n;
	let webhookBase;
	let closeN8n = async () => {};
	try {
		if (queue) {
			const setup = await startQueue({
				workers: 2,
				webhookProcessors: 1,
				concurrency: 1,
				env: { ...profile, ...env, N8N_DEFAULT_BINARY_DATA_MODE: 'database' },
			});
			closeN8n = () => setup.close();
			n8n = setup.main;
			webhookBase = setup.webhookProcessors[0].url;
		} else {
			n8n = await startN8n({
				tarballs: packPackages(),
				env: { N8N_LOG_LEVEL: 'info', ...profile, ...env },
			});
			closeN8n = () => n8n.cleanup();
			await n8n.setupOwner();
			webhookBase = n8n.url;
		}
	} catch (e) {
		// A rig that did not start leaves nothing listening (a leaked server keeps jest alive).
		await closeN8n();
		await sim.close();
		throw e;
	}
	const creds = sim.creds();
	// In queue mode two workers send with the MPChat token: each takes half (README, Queue mode).
	const cred = await n8n.createCredentials(
		queue ? { ...creds, mpChatApi: { ...creds.mpChatApi, sharedBy: 2 } } : creds,
	);
	// n8n's Telegram node pointed at the MPChat simulator (MPChat's API is Telegram-shaped).
	const tg = await n8n.createCredential('telegramApi', {
		accessToken: creds.mpChatApi.accessToken,
		baseUrl: creds.mpChatApi.baseUrl,
	});
	cred.telegramApi = { telegramApi: { id: tg.id, name: tg.name } };

	let seq = 0;
	/** Creates and activates a workflow from a chain of nodes (each runs after the one before). */
	async function chain(name, nodes, settings = {}) {
		seq++;
		// 36-character node IDs: PostgreSQL (queue mode) holds n8n to them.
		const full = nodes.map((n, i) => ({
			id: crypto.randomUUID(),
			typeVersion: 1,
			position: [i * 220, 0],
			...n,
		}));
		const connections = {};
		for (let i = 0; i + 1 < full.length; i++)
			connections[full[i].name] = { main: [[{ node: full[i + 1].name, type: 'main', index: 0 }]] };
		const wf = await n8n.createWorkflow({
			name: `${name} ${seq}`,
			nodes: full,
			connections,
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', ...settings },
		});
		await n8n.activate(wf);
		return wf;
	}

	/** A workflow started by POST /webhook/<path> with {items: [...]}: one item per entry reaches `node`. */
	async function bulkWorkflow(path, node) {
		return await chain(path, [
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
			{ name: 'Send', ...node },
		]);
	}

	/** Runs a bulk workflow; resolves with its output items and the wall time in ms. */
	async function runBulk(path, items) {
		const t0 = performance.now();
		const res = await n8n.webhookWhenLive(
			path,
			{ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items }) },
			60_000,
			webhookBase,
		);
		const text = await res.text();
		const ms = performance.now() - t0;
		if (res.status !== 200)
			throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
		return { out: JSON.parse(text), ms };
	}

	async function close() {
		await closeN8n();
		await sim.close();
	}

	return { sim, n8n, webhookBase, queue, creds, cred, chain, bulkWorkflow, runBulk, close };
}

/**
 * Sends `count` webhook requests to n8n, `concurrency` at a time; `requestFor(i)` gives
 * [path, content type, body]. Returns the answers' statuses counted and the rate.
 */
async function flood(n8nUrl, count, concurrency, requestFor) {
	const statuses = {};
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const [p, type, body] = requestFor(next++);
				const res = await fetch(`${n8nUrl}/webhook/${p}`, {
					method: 'POST',
					headers: { 'Content-Type': type },
					body,
				});
				await res.arrayBuffer();
				statuses[res.status] = (statuses[res.status] ?? 0) + 1;
			}
		}),
	);
	return { statuses, perSecond: count / ((performance.now() - t0) / 1000) };
}

const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

/** Counts, per expected key, how often the platform received it. */
function tally(expected, received) {
	const counts = new Map(expected.map((k) => [k, 0]));
	for (const k of received) if (counts.has(k)) counts.set(k, counts.get(k) + 1);
	const values = [...counts.values()];
	return {
		delivered: values.filter((c) => c >= 1).length,
		duplicated: values.filter((c) => c > 1).length,
		missing: values.filter((c) => c === 0).length,
	};
}

module.exports = { startRig, until, flood, percentile, fmt, tally };

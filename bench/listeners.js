#!/usr/bin/env node
'use strict';
// `npm run bench:listeners`: what one long-poll loop per bot costs its listeners (issue 28). In one
// real n8n against the simulator, K workflows (MPChat Trigger → Send Text) listen to one MPChat
// bot, each through a credential of its own with the same token; a message is sent, and its
// latency is the time until every one of the K workflows has replied. K = 1 is the baseline,
// measured in the same run, between the others: rounds go 1, 2, 5, 1, 2, 5, … and each figure is
// the median over its rounds. `--messages=N` per round (default 30), `--rounds=N` (default 3).
const { startRig, until, percentile, fmt } = require('./harness');
const { nodeType } = require('../test/helpers/packages');

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const MESSAGES = Number(args.messages || 30);
const ROUNDS = Number(args.rounds || 3);
const SIZES = [1, 2, 5];
const log = (m) => console.error(`[bench] ${m}`);
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => percentile(sorted(xs), 50);

async function main() {
	const rig = await startRig({ env: { N8N_LOG_LEVEL: 'warn' } });
	const { n8n, sim } = rig;
	const mp = sim.platforms.mpChat;
	try {
		const workflows = [];
		for (let k = 0; k < Math.max(...SIZES); k++) {
			const c = await n8n.createCredential('mpChatApi', sim.creds().mpChatApi, `bench bot ${k}`);
			const credential = { mpChatApi: { id: c.id, name: c.name } };
			workflows.push(
				await n8n.createWorkflow({
					name: `listener ${k}`,
					nodes: [
						{
							id: `l${k}-t`,
							name: 'Trigger',
							type: nodeType('mpChatTrigger'),
							typeVersion: 1,
							position: [0, 0],
							credentials: credential,
							parameters: { updates: ['message'] },
						},
						{
							id: `l${k}-r`,
							name: 'Reply',
							type: nodeType('mpChat'),
							typeVersion: 1,
							position: [220, 0],
							credentials: credential,
							parameters: {
								resource: 'message',
								operation: 'sendText',
								chatId: '={{ $json.event.chat.id }}',
								text: `={{ "${k}|" + $json.event.text }}`,
							},
						},
					],
					connections: { Trigger: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
				}),
			);
		}
		const repliedBy = (text) =>
			new Set(
				mp.sent
					.map((m) => m.text)
					.filter((t) => typeof t === 'string' && t.endsWith(`|${text}`))
					.map((t) => t.split('|')[0]),
			);
		const active = new Set();
		let seq = 0;
		/** Sends until K workflows answer the same message: all of them are listening. */
		const warmUp = async (k) => {
			for (let tries = 0; tries < 60; tries++) {
				const text = `warm-${seq++}`;
				mp.inject({ chatId: '9001', text });
				await until(() => repliedBy(text).size >= 1, 'a warm-up reply', 60_000);
				const got = await until(
					() => (repliedBy(text).size >= k ? repliedBy(text).size : null),
					'every listener',
					3_000,
				).catch(() => 0);
				if (got >= k) return;
			}
			throw new Error(`${k} workflows never listened together`);
		};
		const setSize = async (k) => {
			for (let i = 0; i < workflows.length; i++) {
				const want = i < k;
				if (want && !active.has(i)) {
					const wf = await n8n.request('GET', `/rest/workflows/${workflows[i].id}`);
					await n8n.activate(wf);
					active.add(i);
				} else if (!want && active.has(i)) {
					await n8n.request('POST', `/rest/workflows/${workflows[i].id}/deactivate`, {});
					active.delete(i);
				}
			}
			await warmUp(k);
		};
		const samples = Object.fromEntries(SIZES.map((k) => [k, []]));
		for (let round = 1; round <= ROUNDS; round++) {
			for (const k of SIZES) {
				log(`round ${round}: ${k} workflow(s) on one bot`);
				await setSize(k);
				for (let m = 0; m < MESSAGES; m++) {
					const text = `r${round}k${k}m${m}`;
					const started = Date.now();
					mp.inject({ chatId: '9001', text });
					await until(() => repliedBy(text).size >= k, `${k} replies to ${text}`, 60_000);
					samples[k].push(Date.now() - started);
				}
			}
		}
		const base = median(samples[1]);
		console.log(
			'\n| Benchmark | What | Figure | Baseline (same run) | Ratio | Target | Met |\n| --- | --- | --- | --- | --- | --- | --- |',
		);
		for (const k of SIZES.slice(1)) {
			const figure = median(samples[k]);
			const ratio = figure / base;
			const target = k === 2 ? '≤ 1.10×' : '';
			console.log(
				`| 7 one bot, ${k} workflows | message → every workflow's reply (MPChat Trigger → Send Text; ${ROUNDS} rounds × ${MESSAGES} messages) | median ${fmt(figure, 0)} ms, p95 ${fmt(percentile(sorted(samples[k]), 95), 0)} ms | 1 workflow: median ${fmt(base, 0)} ms, p95 ${fmt(percentile(sorted(samples[1]), 95), 0)} ms | ${fmt(ratio)}× | ${target} | ${k === 2 ? (ratio <= 1.1 ? 'yes' : 'NO') : ''} |`,
			);
		}
		console.log(
			`\nLong polls held open at once, whole run: ${mp.queue.peakWaiting} (1: one loop served every workflow)`,
		);
	} finally {
		await rig.close();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});

#!/usr/bin/env node
'use strict';
// `npm run build && node bench/ai-agent.js`: an n8n AI Agent behind the bi.ink Trigger, in real
// n8n against the simulator and its scripted model (simulator/model.js), beside the plain echo
// workflow of the same trigger in the same run. Prints two table rows for docs/benchmarks.md:
// time from a user's message to the agent's reply (median and p95 per round, the median of the
// rounds with min–max), and how many of N scripted tool calls reached the platform exactly once
// and came back to the agent as the tool's output. `--messages=N` (per workflow and round,
// default 50), `--repeat=N` (rounds, default 3), `--calls=N` (default and most 100).
const os = require('os');
const { startRig, until, percentile, fmt } = require('./harness');

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const MESSAGES = Number(args.messages || 50);
const REPEAT = Math.max(1, Number(args.repeat || 3));
// At most 100: the tool-call runs are counted from one page of n8n's execution list.
const CALLS = Math.min(100, Number(args.calls || 100));
const log = (m) => console.error(`[bench ai] ${m}`);
const median = (xs) =>
	percentile(
		[...xs].sort((a, b) => a - b),
		50,
	);
const spread = (xs) =>
	`${fmt(median(xs), 0)} ms (${fmt(Math.min(...xs), 0)}–${fmt(Math.max(...xs), 0)})`;

async function main() {
	const rig = await startRig({ env: { N8N_LOG_LEVEL: 'warn' } });
	const { sim, cred, creds, n8n } = rig;
	const { dist, nodeType } = require('../test/helpers/packages');
	const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));
	const bi = sim.platforms.biInk;
	const started = new Date();
	try {
		const trigger = {
			name: 'Trigger',
			type: nodeType('biInkTrigger'),
			typeVersion: 1.1,
			credentials: cred.biInkApi,
			parameters: { events: ['private_message'] },
		};
		const send = (content, chat = '$json') => ({
			type: nodeType('biInk'),
			credentials: cred.biInkApi,
			parameters: {
				resource: 'message',
				operation: 'send',
				sendTo: 'eventChat',
				chatId: `={{ ${chat}.event.chat.id }}`,
				chatType: `={{ ${chat}.event.chat.type }}`,
				messageType: 'text',
				content,
			},
		});
		const echo = await rig.chain('bench-echo', [
			{ ...trigger, webhookId: 'bench-echo' },
			{ name: 'Reply', ...send('={{ "echo: " + $json.event.text }}') },
		]);

		// Trigger → AI Agent (every default: n8n's OpenAI Chat Model on the Responses API, Simple Memory) → Reply; one tool.
		const id = (n) => `ai-bench-node-${n}`.padEnd(36, '0');
		const nodes = [
			{ ...trigger, id: id('t'), position: [0, 0], webhookId: 'bench-ai' },
			{
				id: id('a'),
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [240, 0],
				parameters: {},
			},
			{
				id: id('m'),
				name: 'Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [160, 240],
				credentials: cred.openAiApi,
				parameters: {},
			},
			{
				id: id('k'),
				name: 'Memory',
				type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
				typeVersion: 1.4,
				position: [280, 240],
				parameters: {},
			},
			{
				id: id('s'),
				name: 'Send text',
				type: nodeType('biInkTool'),
				typeVersion: 1,
				position: [400, 240],
				credentials: cred.biInkApi,
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'eventChat',
					messageType: 'text',
					content: "={{ $fromAI('text', 'What to send', 'string') }}",
				},
			},
			{
				id: id('r'),
				name: 'Reply',
				typeVersion: 1,
				position: [480, 0],
				...send('={{ $json.output }}', "$('Trigger').item.json"),
			},
		];
		const link = (node, type) => ({ [type]: [[{ node, type, index: 0 }]] });
		const ai = await n8n.createWorkflow({
			name: 'bench-ai',
			nodes,
			connections: {
				Trigger: link('AI Agent', 'main'),
				Model: link('AI Agent', 'ai_languageModel'),
				Memory: link('AI Agent', 'ai_memory'),
				'Send text': link('AI Agent', 'ai_tool'),
				'AI Agent': link('Reply', 'main'),
			},
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		});
		await n8n.activate(ai);
		const hook = (wf, path) =>
			`${rig.webhookBase}/webhook/${path}/bi-ink?secret=${biInkWebhookSecret(creds.biInkApi.accessToken, wf.id, wf.nodes[0].id)}`;
		const urls = { echo: hook(echo, 'bench-echo'), ai: hook(ai, 'bench-ai') };

		/** One message from a user; resolves with the ms until the bot's reply `expected` reached the chat. */
		const exchange = async (user, text, expected) => {
			const before = bi.sent.length;
			const t0 = performance.now();
			const { delivery } = await bi.inject({ userId: user, text });
			if (delivery.status !== 200) return null;
			const reply = await until(
				() => bi.sent.slice(before).find((m) => m.target_user_id === user && expected(m.content)),
				`the reply to "${text}"`,
				30_000,
				1,
			).catch(() => null);
			return reply ? { ms: performance.now() - t0, reply } : null;
		};
		const setRules = (rules) => sim.control('POST', '/model/rules', rules);

		// Live once a warm-up message is answered (activation publishes asynchronously).
		for (const [which, expected] of [
			['echo', (c) => c === 'echo: warm'],
			['ai', (c) => c?.startsWith('You said "warm"')],
		]) {
			bi.webhookUrl = urls[which];
			await until(
				async () => await exchange(`warm_${which}`, 'warm', expected),
				`the ${which} workflow to go live`,
				120_000,
			);
		}

		const rounds = { echo: [], ai: [] };
		for (let rep = 0; rep < REPEAT; rep++) {
			for (const which of ['echo', 'ai']) {
				bi.webhookUrl = urls[which];
				log(`${MESSAGES} messages to the ${which} workflow, round ${rep + 1} of ${REPEAT}`);
				const times = [];
				for (let i = 0; i < MESSAGES; i++) {
					const text = `m ${rep} ${i}`;
					const expected =
						which === 'echo'
							? (c) => c === `echo: ${text}`
							: (c) => c?.startsWith(`You said "${text}"`);
					const out = await exchange(`user_${i % 10}`, text, expected);
					if (!out) throw new Error(`${which}: no reply to "${text}"`);
					times.push(out.ms);
				}
				times.sort((a, b) => a - b);
				rounds[which].push({ median: percentile(times, 50), p95: percentile(times, 95) });
			}
		}

		bi.webhookUrl = urls.ai;
		await setRules([
			{ when: '^call (\\d+)$', reply: { tool: 'Send_text', arguments: { text: 'tool call $1' } } },
		]);
		log(`${CALLS} scripted tool calls`);
		// n8n lists the newest run first; the tool-call runs are the ones after it.
		const newest = (await n8n.executions(ai.id)).results[0].id;
		let answered = 0;
		const callTimes = [];
		for (let i = 0; i < CALLS; i++) {
			const out = await exchange(`caller_${i % 10}`, `call ${i}`, (c) =>
				c?.startsWith('Send_text answered: '),
			);
			if (!out) continue;
			answered++;
			// The tool's own output came back to the model (an error would read [{"error": …}]).
			const result = JSON.parse(out.reply.content.slice('Send_text answered: '.length));
			if (Array.isArray(result) && typeof result[0]?.message_id === 'string')
				callTimes.push(out.ms);
			else log(`call ${i}: the tool answered ${out.reply.content}`);
		}
		const filter = encodeURIComponent(JSON.stringify({ workflowId: ai.id }));
		const runs = await until(
			async () => {
				const list = (
					await n8n.request('GET', `/rest/executions?limit=100&firstId=${newest}&filter=${filter}`)
				).results;
				return (
					list.length >= CALLS &&
					list.every((e) => !['new', 'running', 'waiting'].includes(e.status)) &&
					list
				);
			},
			`the ${CALLS} tool-call runs to be listed and finished`,
			120_000,
		);
		const failedRuns = runs.filter((e) => e.status !== 'success').length;
		const sentOnce = Array.from(
			{ length: CALLS },
			(_, i) => bi.sent.filter((m) => m.content === `tool call ${i}`).length === 1,
		).filter(Boolean).length;
		const okCalls = callTimes.length;

		const ratio = (a, b) => fmt(median(a) / median(b));
		console.log(
			`\nn8n 2.40.7 (Node 24) · ${os.cpus().length} × ${os.cpus()[0].model.trim()} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · ${started.toISOString().slice(0, 10)} · ${REPEAT} rounds × ${MESSAGES} messages per workflow · ${CALLS} tool calls\n`,
		);
		console.log('| Benchmark | What | Figure | Baseline (same run) | Ratio | Target | Met |');
		console.log('| --- | --- | --- | --- | --- | --- | --- |');
		const med = (which, k) => rounds[which].map((r) => r[k]);
		console.log(
			`| 6 AI agent | bi.ink Trigger → AI Agent (scripted model, Responses API; Simple Memory; 10 chats) → Send: message to reply | median ${spread(med('ai', 'median'))}, p95 ${spread(med('ai', 'p95'))} | echo workflow (bi.ink Trigger → Send): median ${spread(med('echo', 'median'))}, p95 ${spread(med('echo', 'p95'))} | ${ratio(med('ai', 'median'), med('echo', 'median'))}× echo median |  |  |`,
		);
		console.log(
			`| 6 AI agent | ${CALLS} scripted tool calls (bi.ink Tool, \`$fromAI\` text): sent exactly once ${sentOnce}, tool output back to the model ${okCalls}, agent answered ${answered}, runs ${runs.length} of which failed ${failedRuns} | ${okCalls} / ${CALLS} succeeded; message to reply median ${fmt(median(callTimes), 0)} ms | (the model is scripted: its choice of tool is not measured) |  | ${CALLS} / ${CALLS} | ${okCalls === CALLS && sentOnce === CALLS && failedRuns === 0 ? 'yes' : 'NO'} |`,
		);
	} finally {
		await rig.close();
	}
}

main().catch((e) => {
	console.error(`[bench ai] failed: ${e.stack}`);
	process.exit(1);
});

#!/usr/bin/env node
'use strict';
// `npm start`: the demo. Builds the five packages, starts the platform simulator, installs (first
// run) and starts the pinned n8n with the five packages in a project-local data folder
// (.n8n-data, git ignored), creates the owner, one credential per platform (the simulator's, or
// your account where its token variable is set: scripts/demo.js) and the example workflows
// (examples/*.json), and activates them. Ctrl-C stops everything. `npm start -- --queue` runs the same demo on n8n's
// queue mode (test/helpers/queue.js: PostgreSQL, Redis, main, 2 workers, a webhook processor).
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, '.n8n-data');
const SIM_PORT = Number(process.env.SIM_PORT || 8787);
const N8N_PORT = Number(process.env.N8N_PORT || 5678);
// The address platforms reach n8n's webhooks at: loopback for the simulator, yours for real ones.
const PUBLIC_URL = (process.env.WEBHOOK_URL || `http://127.0.0.1:${N8N_PORT}`).replace(/\/$/, '');
const QUEUE = process.argv.includes('--queue');
const say = (m) => console.log(`[start] ${m}`);

async function main() {
	say('building the five packages');
	execFileSync('npm', ['run', 'build', '--silent'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});

	// Required after the build: the simulator signs Fly webhooks with the built core.
	const { createSimulator } = require('../simulator/server');
	const { packPackages, startN8n, N8n } = require('../test/helpers/n8n');
	const { dist } = require('../test/helpers/packages');
	const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));
	const {
		DEMO_MODEL_RULES,
		credentialPlan,
		ensureCredentials,
		ensureExamples,
		webhookUrls,
	} = require('./demo');

	require('../simulator/updates').UpdateQueue.firstId = Date.now();
	const sim = await createSimulator().listen(SIM_PORT);
	sim.model.rules = DEMO_MODEL_RULES;
	say(
		`platform simulator on ${sim.url} (and the AI example's scripted model on ${sim.baseUrls().model})`,
	);

	say(
		'n8n 2.40.7: installing on first run (about 4 minutes and 3 GB, progress below), then cached in ~/.cache/n8n-nodes-imbots',
	);
	const ensure = spawnSync('bash', [path.join(ROOT, 'scripts/ensure-n8n.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	if (ensure.status !== 0) throw new Error('installing n8n failed (see above)');

	fs.mkdirSync(DATA, { recursive: true });
	const logFile = fs.createWriteStream(path.join(DATA, 'n8n.log'), { flags: 'a' });
	let n8n;
	let hooksBase = `http://127.0.0.1:${N8N_PORT}`;
	let stopN8n;
	if (QUEUE) {
		say(
			`queue mode: PostgreSQL 17, Redis, n8n main on port ${N8N_PORT} + 2 workers + 1 webhook processor (log: .n8n-data/n8n.log; a fresh database each start)`,
		);
		const { startQueue } = require('../test/helpers/queue');
		const q = await startQueue({
			workers: 2,
			webhookProcessors: 1,
			tarballs: packPackages(),
			main: { port: N8N_PORT },
			onLog: (s) => logFile.write(s),
		});
		n8n = q.main;
		hooksBase = q.webhookProcessors[0].url;
		stopN8n = () => q.close();
		for (const p of [q.main, ...q.workers, ...q.webhookProcessors]) p.log = '';
	} else {
		say(`starting n8n on port ${N8N_PORT} (log: .n8n-data/n8n.log)`);
		n8n = await startN8n({
			userFolder: DATA,
			tarballs: packPackages(),
			port: N8N_PORT,
			env: { N8N_LOG_LEVEL: 'info', WEBHOOK_URL: `${PUBLIC_URL}/` },
			onLog: (s) => logFile.write(s),
		});
		stopN8n = () => n8n.stop();
	}
	n8n.log = '';

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the simulator');
		await stopN8n();
		await sim.close();
		logFile.end();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	try {
		await n8n.setupOwner();
	} catch {
		await n8n.login(); // second run: the owner exists
	}

	const plan = credentialPlan(sim.credentialData());
	// Two workers send with the MPChat token: each takes half of its rate (docs/queue-mode.md).
	if (QUEUE) plan.mpChatApi.data = { ...plan.mpChatApi.data, sharedBy: 2 };
	const refs = await ensureCredentials(n8n, plan);
	for (const c of Object.values(plan)) {
		if (c.source === 'simulator') {
			say(`${c.platform}: the simulator`);
			continue;
		}
		const test = await n8n.testCredential({
			id: refs[c.type].id,
			name: c.name,
			type: c.type,
			data: c.data,
		});
		say(
			`${c.platform}: your account (${c.envVar}); credential test: ${test.status === 'OK' ? 'OK' : `FAILED: ${test.message}`}`,
		);
	}
	const flows = await ensureExamples(n8n, refs, (wf) => say(`workflow "${wf.name}" active`));
	const local = webhookUrls(hooksBase, flows, plan, biInkWebhookSecret);
	const urls = webhookUrls(PUBLIC_URL, flows, plan, biInkWebhookSecret);
	const simulated = (type) => plan[type].source === 'simulator';
	if (simulated('biInkApi')) sim.platforms.biInk.webhookUrl = local.biInk;
	if (simulated('minappApi')) sim.platforms.minapp.webhookUrl = local.minapp;

	const talk = [
		simulated('mpChatApi') &&
			'  npm run say -- mpChat "hello, I am Ann"   (an AI agent answers, and remembers the chat)',
		simulated('mpChatApi') &&
			'  npm run say -- mpChat "photo https://example.com/cat.png"   npm run say -- mpChat "announce Release 2.1" (asks first)',
		simulated('flyApi') && '  npm run say -- fly "hello"            npm run say -- fly --image',
		simulated('biInkApi') &&
			'  npm run say -- biInk "hello"          npm run say -- biInk --press yes',
		simulated('minappApi') && '  npm run say -- minapp "hello"',
		simulated('botTalkApi') &&
			'  npm run say -- botTalk "deploy done"  (calls the push-and-reminder workflow)',
		'  npm run say -- mcp                    (an MCP client: lists the five tools; then call one)',
		simulated('biInkApi') &&
			simulated('minappApi') &&
			'  npm run say -- deploy v2.1             then: npm run say -- biInk --press approve; npm run say -- answer minapp "notes"',
	].filter(Boolean);
	const yours = [
		(!simulated('mpChatApi') || !simulated('flyApi')) &&
			'  MPChat and Fly (long polling) need no public URL: write to your bots.',
		!simulated('biInkApi') && `  bi.ink: set your bot's webhook to ${urls.biInk}`,
		!simulated('minappApi') && `  minapp: set the callback URL to ${urls.minapp}`,
		!simulated('botTalkApi') && `  BotTalk: POST {"title","content"} to ${urls.botTalk}`,
	].filter(Boolean);
	if (yours.length && !process.env.WEBHOOK_URL)
		yours.push(
			'  (webhooks from a real platform need a public address: set WEBHOOK_URL, e.g. a tunnel, before npm start)',
		);

	console.log(`
n8n is ready: http://127.0.0.1:${N8N_PORT}
  login ${N8n.OWNER.email} / ${N8n.OWNER.password}
  platform simulator: ${sim.url} (no accounts, no network)
  the chats as a user sees them: ${sim.url}/_sim/chat?platform=mpChat (or biInk, fly, minapp)
  MCP server for any MCP client: http://127.0.0.1:${N8N_PORT}/mcp/imbots (docs/ai-agents.md)
${talk.length ? `\nTalk to the bots as a user (in another terminal):\n${talk.join('\n')}\n` : ''}${yours.length ? `\nYour accounts:\n${yours.join('\n')}\n` : ''}
Ctrl-C stops n8n and the simulator; the next npm start reuses the install and the data.`);
}

main().catch((e) => {
	console.error(`[start] failed: ${e.message}`);
	process.exit(1);
});

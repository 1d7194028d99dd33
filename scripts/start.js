#!/usr/bin/env node
'use strict';
// `npm start`: the demo. Builds the package, starts the platform simulator, installs (first run)
// and starts the pinned n8n with this package in a project-local data folder (.n8n-data, git
// ignored), creates the owner, one credential per platform pointing at the simulator and the
// example echo bots (examples/*.json), and activates them. Ctrl-C stops everything.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, '.n8n-data');
const SIM_PORT = Number(process.env.SIM_PORT || 8787);
const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const say = (m) => console.log(`[start] ${m}`);

async function main() {
	say('building the package');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

	// Required after the build: the simulator signs Fly webhooks with the built core.
	const { createSimulator } = require('../simulator/server');
	const { packPackage, startN8n, N8n } = require('../test/helpers/n8n');
	const { biInkWebhookSecret } = require('../dist/nodes/BiInk/webhookSecret');

	require('../simulator/updates').UpdateQueue.firstId = Date.now();
	const sim = await createSimulator().listen(SIM_PORT);
	say(`platform simulator on ${sim.url}`);

	say('n8n 2.40.7: installing on first run (about 4 minutes, progress below), then cached in ~/.cache/n8n-nodes-imbots');
	const ensure = spawnSync('bash', [path.join(ROOT, 'scripts/ensure-n8n.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
	if (ensure.status !== 0) throw new Error('installing n8n failed (see above)');

	fs.mkdirSync(DATA, { recursive: true });
	const logFile = fs.createWriteStream(path.join(DATA, 'n8n.log'), { flags: 'a' });
	say(`starting n8n on port ${N8N_PORT} (log: .n8n-data/n8n.log)`);
	const n8n = await startN8n({ userFolder: DATA, tarball: packPackage(), port: N8N_PORT, env: { N8N_LOG_LEVEL: 'info' }, onLog: (s) => logFile.write(s) });
	n8n.log = '';

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the simulator');
		await n8n.stop();
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

	const simCreds = sim.credentialData();
	const existingCreds = await n8n.request('GET', '/rest/credentials');
	const credIds = {};
	for (const [type, data] of Object.entries(simCreds)) {
		const name = `${type} (simulator)`;
		const found = existingCreds.find((c) => c.name === name);
		credIds[type] = found ? found.id : (await n8n.createCredential(type, data, name)).id;
	}

	const existingFlows = await n8n.request('GET', '/rest/workflows');
	const flows = {};
	for (const file of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort()) {
		const wf = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
		for (const node of wf.nodes) for (const [type, ref] of Object.entries(node.credentials ?? {})) ref.id = credIds[type];
		let saved = existingFlows.find((w) => w.name === wf.name);
		saved = saved ? await n8n.request('GET', `/rest/workflows/${saved.id}`) : await n8n.createWorkflow(wf);
		if (!saved.active) await n8n.activate(saved);
		flows[file] = saved;
		say(`workflow "${wf.name}" active`);
	}

	const base = `http://127.0.0.1:${N8N_PORT}/webhook`;
	const biink = flows['biink-echo.json'];
	sim.platforms.biInk.webhookUrl = `${base}/biink-echo-hook/bi-ink?secret=${biInkWebhookSecret(simCreds.biInkApi.accessToken, biink.id, 'biink-echo-trigger')}`;
	sim.platforms.minapp.webhookUrl = `${base}/minapp-echo-hook/minapp`;

	console.log(`
n8n is ready: http://127.0.0.1:${N8N_PORT}
  login ${N8n.OWNER.email} / ${N8n.OWNER.password}
  platforms: the simulator on ${sim.url} (no accounts, no network)

Talk to the bots as a user (in another terminal):
  npm run say -- mpChat "hello"
  npm run say -- fly "hello"
  npm run say -- biInk "hello"
  npm run say -- minapp "hello"

Ctrl-C stops n8n and the simulator; the next npm start reuses the install and the data.`);
}

main().catch((e) => {
	console.error(`[start] failed: ${e.message}`);
	process.exit(1);
});

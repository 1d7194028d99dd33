#!/usr/bin/env node
'use strict';
// `npm run compat`: the compatibility matrix, measured. For each n8n version (and the Node it
// needs) it installs that n8n into the cache (scripts/ensure-n8n.sh honours N8N_VERSION and
// N8N_NODE_MAJOR), then runs the smoke e2e files against it: the five packages load, every
// credential test and a streamed upload (one call per action node's credential), one round trip per
// trigger, and Send and Wait links (unsigned, tampered and earlier-question links answer nothing);
// then the AI files, reported apart (which n8n the AI and Human-in-the-loop features need).
// Prints one row per version. `--only=1.123.81` picks versions.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const TARGETS = [
	{ n8n: '2.40.7', node: 24, note: 'pinned (the whole suite runs on it)' },
	{ n8n: '2.41.1', node: 24, note: 'newest 2.x that installs from this registry' },
	{
		n8n: '2.41.3',
		node: 24,
		note: 'newest 2.x on the registry, with 21 overrides (its own pins this registry lacks, each to the newest patch below)',
		// Found by trying the install until it resolved: each missing pin replaced by the newest
		// published version below it. Most are 2.41.1's, so this is a mix n8n never released.
		overrides: {
			'@n8n/agents': '0.26.1',
			'@n8n/ai-node-sdk': '0.31.1',
			'@n8n/ai-utilities': '0.34.1',
			'@n8n/ai-workflow-builder': '1.41.1',
			'@n8n/api-types': '1.41.0',
			'@n8n/backend-common': '1.41.1',
			'@n8n/backend-network': '1.15.1',
			'@n8n/blob-storage': '1.9.1',
			'@n8n/chat-hub': '1.34.0',
			'@n8n/client-oauth2': '1.23.1',
			'@n8n/config': '2.39.0',
			'@n8n/decorators': '1.41.0',
			'@n8n/engine': '0.21.0',
			'@n8n/instance-ai': '1.26.1',
			'@n8n/mcp-apps': '0.18.0',
			'@n8n/n8n-nodes-langchain': '2.41.1',
			'@n8n/node-engine-compatibility': '0.9.1',
			'@n8n/task-runner': '2.41.1',
			'@n8n/telemetry': '1.9.0',
			'n8n-core': '2.41.1',
			'n8n-editor-ui': '2.41.0',
		},
	},
	{ n8n: '1.123.81', node: 22, note: 'last 1.x (needs Node 22; xlsx from the registry)' },
];
const SMOKE = [
	'test/e2e/package-loads.e2e.test.js',
	'test/e2e/actions.e2e.test.js',
	'test/e2e/triggers.e2e.test.js',
	'test/e2e/send-and-wait-links.e2e.test.js',
	'test/e2e/save-before-answer.e2e.test.js',
];
// The AI features, reported apart: the agent with Tool and Human-in-the-loop variants, Reply in
// the Triggering Chat behind an agent, and the Tool variants behind the MCP Server Trigger.
const AI = [
	'test/e2e/ai-agent.e2e.test.js',
	'test/e2e/reply-in-chat.e2e.test.js',
	'test/e2e/mcp.e2e.test.js',
];
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const picked = args.only ? TARGETS.filter((t) => args.only.split(',').includes(t.n8n)) : TARGETS;

const rows = [];
for (const t of picked) {
	const env = {
		...process.env,
		N8N_VERSION: t.n8n,
		N8N_NODE_MAJOR: String(t.node),
		...(t.overrides && { N8N_OVERRIDES: JSON.stringify(t.overrides) }),
	};
	console.error(`[compat] n8n ${t.n8n} on Node ${t.node}: installing (cached after the first run)`);
	const started = Date.now();
	const install = spawnSync('bash', [path.join(ROOT, 'scripts/ensure-n8n.sh')], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	process.stderr.write(install.stderr);
	if (install.status !== 0) {
		const reason =
			install.stderr.split('\n').find((l) => /npm error notarget No matching|FAILED/.test(l)) ?? '';
		rows.push({
			...t,
			result: 'does not install here',
			detail: `after ${Math.round((Date.now() - started) / 1000)} s: ${reason.replace(/^npm error /, '')}`,
		});
		continue;
	}
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-compat-')), 'results.json');
	console.error(`[compat] n8n ${t.n8n}: smoke tests`);
	spawnSync(
		'npx',
		[
			'jest',
			'--runInBand',
			'--selectProjects',
			'e2e',
			'--json',
			`--outputFile=${out}`,
			'--runTestsByPath',
			...SMOKE,
			...AI,
		],
		{ cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] },
	);
	if (!fs.existsSync(out)) {
		rows.push({ ...t, result: 'smoke tests did not run', detail: '' });
		continue;
	}
	const r = JSON.parse(fs.readFileSync(out, 'utf8'));
	const tally = (files) => {
		const results = r.testResults.filter((f) =>
			files.some((file) => f.name.endsWith(file.replace(/^test\//, ''))),
		);
		const all = results.flatMap((f) => f.assertionResults);
		const failed = all.filter((a) => a.status === 'failed').map((a) => a.title);
		// A file that failed before its tests (n8n refused the workflow) has no assertions.
		const broken = results.filter((f) => !f.assertionResults.length).map((f) => f.name);
		return {
			result: `${all.length - failed.length} passed, ${failed.length + broken.length} failed`,
			detail: [...failed.slice(0, 4), ...broken.map((n) => path.basename(n))].join('; '),
		};
	};
	const smoke = tally(SMOKE);
	const ai = tally(AI);
	rows.push({
		...t,
		result: smoke.result,
		detail: smoke.detail,
		ai: ai.result,
		aiDetail: ai.detail,
	});
}
console.log(
	'\n| n8n | Node | | Smoke (packages load, credential tests, upload, trigger round trips, Send and Wait links) | Failed | AI (agent, tools, Human in the loop, reply in chat, MCP) | Failed |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows)
	console.log(
		`| ${r.n8n} | ${r.node} | ${r.note} | ${r.result} | ${r.detail} | ${r.ai ?? ''} | ${r.aiDetail ?? ''} |`,
	);

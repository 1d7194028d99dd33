#!/usr/bin/env node
'use strict';
// `npm run compat`: the compatibility matrix, measured. For each n8n version (and the Node it
// needs) it installs that n8n into the cache (scripts/ensure-n8n.sh honours N8N_VERSION and
// N8N_NODE_MAJOR), then runs the smoke e2e files against it: the five packages load, every
// credential test and a streamed upload (one call per action node's credential), one round trip per
// trigger, and Send and Wait links (unsigned, tampered and earlier-question links answer nothing).
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
		note: 'newest 2.x on the registry (its own @n8n/* pins are missing here)',
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
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const picked = args.only ? TARGETS.filter((t) => args.only.split(',').includes(t.n8n)) : TARGETS;

const rows = [];
for (const t of picked) {
	const env = { ...process.env, N8N_VERSION: t.n8n, N8N_NODE_MAJOR: String(t.node) };
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
		],
		{ cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] },
	);
	if (!fs.existsSync(out)) {
		rows.push({ ...t, result: 'smoke tests did not run', detail: '' });
		continue;
	}
	const r = JSON.parse(fs.readFileSync(out, 'utf8'));
	const failedNames = r.testResults.flatMap((f) =>
		f.assertionResults.filter((a) => a.status === 'failed').map((a) => a.title),
	);
	rows.push({
		...t,
		result: `${r.numPassedTests} passed, ${r.numFailedTests} failed`,
		detail: failedNames.slice(0, 4).join('; '),
	});
}
console.log(
	'\n| n8n | Node | | Smoke (packages load, credential tests, upload, trigger round trips, Send and Wait links) | Failed tests |',
);
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows)
	console.log(`| ${r.n8n} | ${r.node} | ${r.note} | ${r.result} | ${r.detail} |`);

#!/usr/bin/env node
'use strict';
// `npm run scan`: the checks n8n's official scanner (@n8n/scan-community-package 0.32.0,
// scanner/scanner.mjs) runs before a package is verified, on what `npm pack` would publish.
// The scanner lints two things with one ESLint config: the published tarball's compiled .js and
// package.json, and the provenance-attested source (package.json, nodes/, credentials/). Its
// provenance check needs a published version, so it is not run here. Like the scanner, inline
// eslint-disable comments are ignored, and an error fails. Unlike it, a warning fails too, unless
// the line above it disables that rule with a reason (`-- why`): the scanner shows such a warning
// but does not block on it, and `n8n-node lint` honours the same comment.
// Needs a built dist/ (`npm run scan` builds first).
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

/** The scanner's buildScanConfig, rule for rule; the plugins are pinned to the scanner's versions. */
async function scanConfig() {
	const { defineConfig } = require('eslint/config');
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	const parser = require('@typescript-eslint/parser');
	const nodesBase = require('eslint-plugin-n8n-nodes-base');
	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': nodesBase } },
		{ files: ['package.json'], rules: { ...nodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...nodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...nodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser } },
		{ files: ['**/*.ts'], languageOptions: { parser } },
	);
}

/** Files under dir (relative paths), skipping node_modules, that `keep` accepts. */
function listFiles(dir, keep, rel = '') {
	const out = [];
	for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
		const p = rel ? `${rel}/${entry.name}` : entry.name;
		if (entry.isDirectory()) {
			if (entry.name !== 'node_modules') out.push(...listFiles(dir, keep, p));
		} else if (keep(p)) out.push(p);
	}
	return out;
}

// The scanner's file sets: the tarball leg is `**/*.js` + `package.json`; the source leg is
// `package.json` + `{nodes,credentials}/**/*.{js,ts,json}` (package-lock.json is never linted).
const tarballFiles = (p) => p === 'package.json' || p.endsWith('.js');
const sourceFiles = (p) => p === 'package.json' || /^(nodes|credentials)\/.*\.(js|ts|json)$/.test(p);

async function lint(dir, keep) {
	const { ESLint } = require('eslint');
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanConfig() });
	const files = listFiles(dir, keep).map((f) => path.join(dir, f));
	if (files.length === 0) throw new Error(`no files to lint in ${dir}`);
	const results = await eslint.lintFiles(files);
	const justified = [];
	for (const r of results) {
		const lines = fs.readFileSync(r.filePath, 'utf8').split('\n');
		r.messages = r.messages.filter((m) => {
			const above = lines[m.line - 2] ?? '';
			if (m.severity !== 1 || !new RegExp(`eslint-disable-next-line .*${m.ruleId}.* -- \\S`).test(above)) return true;
			justified.push(`${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId}: ${above.split(' -- ').pop().trim()}`);
			return false;
		});
		r.errorCount = r.messages.filter((m) => m.severity === 2).length;
		r.warningCount = r.messages.length - r.errorCount;
	}
	const findings = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	return { files: files.length, findings, justified, report };
}

function unpackTarball(tmp) {
	const out = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' });
	const tarball = path.join(tmp, out.trim().split('\n').pop());
	const dir = path.join(tmp, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return dir;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-scan-'));
	try {
		const legs = [
			['packed tarball (compiled .js, package.json)', await lint(unpackTarball(tmp), tarballFiles)],
			['source (package.json, nodes/, credentials/)', await lint(ROOT, sourceFiles)],
		];
		let total = 0;
		for (const [name, r] of legs) {
			process.stdout.write(`${name}: ${r.files} files, ${r.findings} findings\n${r.report}`);
			for (const j of r.justified) process.stdout.write(`  justified warning (does not block the scanner): ${j}\n`);
			total += r.findings;
		}
		process.stdout.write(`scan: ${total} findings\n`);
		return total === 0 ? 0 : 1;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

module.exports = { lint, tarballFiles, sourceFiles };

if (require.main === module) main().then(
	(code) => process.exit(code),
	(err) => {
		process.stderr.write(`scan failed: ${err.stack || err}\n`);
		process.exit(2);
	},
);

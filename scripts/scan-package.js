#!/usr/bin/env node
'use strict';
// `npm run scan`: the checks n8n's official scanner (@n8n/scan-community-package 0.32.0,
// scanner/scanner.mjs) runs before a package is verified, on what `npm pack` would publish, for
// each of the five packages on its own (`npm run scan -- n8n-nodes-fly` scans one).
// The scanner lints two things with one ESLint config: the published tarball's compiled .js and
// package.json, and the provenance-attested source (package.json, nodes/, credentials/). Its
// provenance check needs a published version, so it is not run here. Like the scanner, inline
// eslint-disable comments are ignored, and an error fails. Unlike it, a warning fails too, unless
// the line above it disables that rule with a reason (`-- why`): the scanner shows such a warning
// but does not block on it, and `n8n-node lint` honours the same comment.
// The source leg follows the package's nodes/shared link, so the core each package ships is
// linted as that package's source. Needs the packages built (`npm run scan` builds first).
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGES_DIR = path.join(ROOT, 'packages');

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

/** Files under dir (relative paths), through links, skipping node_modules, that `keep` accepts. */
function listFiles(dir, keep, rel = '') {
	const out = [];
	for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
		const p = rel ? `${rel}/${entry.name}` : entry.name;
		const isDir =
			entry.isDirectory() ||
			(entry.isSymbolicLink() && fs.statSync(path.join(dir, p)).isDirectory());
		if (isDir) {
			if (entry.name !== 'node_modules') out.push(...listFiles(dir, keep, p));
		} else if (keep(p)) out.push(p);
	}
	return out;
}

// The scanner's file sets: the tarball leg is `**/*.js` + `package.json`; the source leg is
// `package.json` + `{nodes,credentials}/**/*.{js,ts,json}` (package-lock.json is never linted).
const tarballFiles = (p) => p === 'package.json' || p.endsWith('.js');
const sourceFiles = (p) =>
	p === 'package.json' || /^(nodes|credentials)\/.*\.(js|ts|json)$/.test(p);

async function lint(dir, keep) {
	const { ESLint } = require('eslint');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanConfig(),
	});
	const files = listFiles(dir, keep).map((f) => path.join(dir, f));
	if (files.length === 0) throw new Error(`no files to lint in ${dir}`);
	const results = await eslint.lintFiles(files);
	const justified = [];
	for (const r of results) {
		const lines = fs.readFileSync(r.filePath, 'utf8').split('\n');
		r.messages = r.messages.filter((m) => {
			const above = lines[m.line - 2] ?? '';
			if (
				m.severity !== 1 ||
				!new RegExp(`eslint-disable-next-line .*${m.ruleId}.* -- \\S`).test(above)
			)
				return true;
			justified.push(
				`${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId}: ${above.split(' -- ').pop().trim()}`,
			);
			return false;
		});
		r.errorCount = r.messages.filter((m) => m.severity === 2).length;
		r.warningCount = r.messages.length - r.errorCount;
	}
	const findings = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	return { files: files.length, findings, justified, report };
}

/** Packs the package the way `npm publish` would and unpacks it; returns the folder and tarball stats. */
function unpackTarball(pkgDir, tmp) {
	const [info] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
			cwd: pkgDir,
			encoding: 'utf8',
		}),
	);
	const dir = path.join(tmp, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', path.join(tmp, info.filename), '-C', dir, '--strip-components=1']);
	return { dir, size: info.size, entries: info.entryCount };
}

/** The package folders to scan: all of packages/, or those named on the command line. */
function packageDirs(names = []) {
	const all = fs
		.readdirSync(PACKAGES_DIR)
		.filter((d) => fs.existsSync(path.join(PACKAGES_DIR, d, 'package.json')))
		.sort();
	for (const n of names)
		if (!all.includes(n)) throw new Error(`no package ${n} in packages/ (${all.join(', ')})`);
	return (names.length ? names : all).map((d) => path.join(PACKAGES_DIR, d));
}

async function scanPackage(pkgDir) {
	if (!fs.existsSync(path.join(pkgDir, 'dist')))
		throw new Error(`${path.relative(ROOT, pkgDir)}/dist is missing: run \`npm run build\` first`);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-scan-'));
	try {
		const tarball = unpackTarball(pkgDir, tmp);
		const legs = [
			['packed tarball (compiled .js, package.json)', await lint(tarball.dir, tarballFiles)],
			['source (package.json, nodes/, credentials/)', await lint(pkgDir, sourceFiles)],
		];
		return { tarball, legs, findings: legs.reduce((n, [, r]) => n + r.findings, 0) };
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

async function main(names) {
	let total = 0;
	for (const pkgDir of packageDirs(names)) {
		const name = path.basename(pkgDir);
		const { tarball, legs, findings } = await scanPackage(pkgDir);
		process.stdout.write(`== ${name} (tarball ${tarball.size} bytes, ${tarball.entries} files)\n`);
		for (const [leg, r] of legs) {
			process.stdout.write(`${leg}: ${r.files} files, ${r.findings} findings\n${r.report}`);
			for (const j of r.justified)
				process.stdout.write(`  justified warning (does not block the scanner): ${j}\n`);
		}
		process.stdout.write(`scan ${name}: ${findings} findings\n`);
		total += findings;
	}
	process.stdout.write(`scan: ${total} findings\n`);
	return total === 0 ? 0 : 1;
}

module.exports = { lint, tarballFiles, sourceFiles, listFiles, packageDirs };

if (require.main === module)
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(err) => {
			process.stderr.write(`scan failed: ${err.stack || err}\n`);
			process.exit(2);
		},
	);

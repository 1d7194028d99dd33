#!/usr/bin/env node
'use strict';
// `npm run check`: what n8n's review asks of a package beyond lint and scan, on each built package
// alone (`npm run check -- n8n-nodes-fly` checks one):
// - the code that ships (dist/**/*.js, the core included) reads no environment variable and
//   touches no file system: n8n Cloud runs community nodes where neither is allowed;
// - what a user reads is English: no CJK character in the shipped code and codex files (the UI
//   strings: node and credential descriptions, messages; tsc drops comments), in the package's
//   README or in its package.json. A platform's literal protocol value that needs such a
//   character is written as a \u escape in the source, which the compiled code keeps as written.
// Exit 1 on any finding, listing each as file:line.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGES_DIR = path.join(ROOT, 'packages');

const CODE_RULES = [
	['environment variable', /\bprocess\s*(?:\.\s*env\b|\[\s*['"`]env['"`]\s*\])/],
	[
		'file system',
		/\b(?:require|import)\s*\(\s*['"`](?:node:)?fs(?:\/promises)?['"`]\s*\)|\bfrom\s+['"`](?:node:)?fs(?:\/promises)?['"`]/,
	],
];
// CJK ideographs and extensions, kana, Hangul, CJK and full-width punctuation.
const CJK =
	/[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Files under dir (relative paths), recursively. */
function listFiles(dir, rel = '') {
	if (!fs.existsSync(path.join(dir, rel))) return [];
	return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
		const p = rel ? `${rel}/${e.name}` : e.name;
		return e.isDirectory() ? listFiles(dir, p) : [p];
	});
}

/** Each line of `file` that matches `re`, as a finding. */
function scan(dir, file, rule, re) {
	return fs
		.readFileSync(path.join(dir, file), 'utf8')
		.split('\n')
		.flatMap((text, i) =>
			re.test(text) ? [{ file, line: i + 1, rule, text: text.trim().slice(0, 160) }] : [],
		);
}

/** The findings for one package folder (its dist/ must be built). */
function checkPackage(dir) {
	const dist = listFiles(path.join(dir, 'dist')).map((f) => `dist/${f}`);
	if (!dist.some((f) => f.endsWith('.js')))
		throw new Error(`${dir}/dist has no .js: run \`npm run build\` first`);
	const code = dist.filter((f) => f.endsWith('.js'));
	const read = [
		...dist.filter((f) => f.endsWith('.js') || f.endsWith('.json')),
		'README.md',
		'package.json',
	];
	const findings = [
		...code.flatMap((f) => CODE_RULES.flatMap(([rule, re]) => scan(dir, f, rule, re))),
		...read.flatMap((f) => scan(dir, f, 'not English (CJK character)', CJK)),
	];
	return { files: new Set([...code, ...read]).size, findings };
}

/** The package folders: all of packages/, or those named. */
function packageDirs(names = []) {
	const all = fs
		.readdirSync(PACKAGES_DIR)
		.filter((d) => fs.existsSync(path.join(PACKAGES_DIR, d, 'package.json')))
		.sort();
	for (const n of names)
		if (!all.includes(n)) throw new Error(`no package ${n} in packages/ (${all.join(', ')})`);
	return (names.length ? names : all).map((d) => path.join(PACKAGES_DIR, d));
}

module.exports = { checkPackage, packageDirs, CJK };

if (require.main === module) {
	let total = 0;
	for (const dir of packageDirs(process.argv.slice(2))) {
		const { files, findings } = checkPackage(dir);
		for (const f of findings)
			console.log(`  ${path.basename(dir)}/${f.file}:${f.line} ${f.rule}: ${f.text}`);
		console.log(
			`check ${path.basename(dir)}: ${files} files, ${findings.length} findings (environment variables, file system, English)`,
		);
		total += findings.length;
	}
	console.log(`check: ${total} findings`);
	process.exit(total === 0 ? 0 : 1);
}

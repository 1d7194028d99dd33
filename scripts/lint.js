#!/usr/bin/env node
'use strict';
// `npm run lint`: `n8n-node lint` (n8n Cloud's rules, strict mode) in each package folder, as n8n's
// tooling runs it, then the same configuration (the root eslint.config.mjs is n8n's template too)
// on the core in core/: ESLint does not follow a package's nodes/shared link, so the core
// is linted once, here. n8n Cloud accepts no warning either, so a warning fails as an error does.
// `npm run lint -- --fix` fixes what can be fixed; `npm run lint -- n8n-nodes-fly` lints one package,
// `npm run lint -- core` the core alone.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const fix = args.includes('--fix');
const CORE = 'core';
const all = fs
	.readdirSync(path.join(ROOT, 'packages'))
	.filter((d) => fs.existsSync(path.join(ROOT, 'packages', d, 'package.json')))
	.sort();
const named = args.filter((a) => !a.startsWith('--'));
for (const n of named) {
	if (n !== CORE && !all.includes(n)) {
		console.error(`no package ${n} in packages/ (${all.join(', ')}), nor ${CORE}`);
		process.exit(2);
	}
}
const targets = named.length ? named : [...all, CORE];

/** Errors and warnings in ESLint's summary line ("✖ 3 problems (1 error, 2 warnings)"); 0 when it has none. */
function counts(output) {
	const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
	const m = plain.match(/(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/);
	return m ? { errors: Number(m[2]), warnings: Number(m[3]) } : { errors: 0, warnings: 0 };
}

function run(what, cmd, cmdArgs, cwd) {
	const r = spawnSync(cmd, cmdArgs, {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	const output = `${r.stdout}${r.stderr}`;
	const { errors, warnings } = counts(output);
	const ok = r.status === 0 && errors === 0 && warnings === 0;
	if (!ok) process.stdout.write(output);
	console.log(
		`lint ${what}: ${ok ? 'OK, ' : ''}${errors} errors, ${warnings} warnings${r.status !== 0 && errors === 0 ? ` (exit ${r.status})` : ''}`,
	);
	return ok;
}

let failed = 0;
for (const target of targets) {
	const ok =
		target === CORE
			? run(
					`the core (${CORE})`,
					'npx',
					['eslint', '--max-warnings', '0', ...(fix ? ['--fix'] : []), CORE],
					ROOT,
				)
			: run(
					target,
					'npx',
					['n8n-node', 'lint', ...(fix ? ['--fix'] : [])],
					path.join(ROOT, 'packages', target),
				);
	if (!ok) failed++;
}
process.exit(failed ? 1 : 0);

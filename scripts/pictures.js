#!/usr/bin/env node
'use strict';
// `npm run pictures`: runs the pictures e2e (test/e2e/pictures.e2e.test.js) with its pictures
// written to docs/images/, where the READMEs and docs/ link them, instead of .e2e-artifacts/. The
// variable is set here rather than in package.json, so the command reads the same in every shell.
const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const r = spawnSync(
	process.execPath,
	[
		require.resolve('jest/bin/jest'),
		'--runInBand',
		'--selectProjects',
		'e2e',
		'--runTestsByPath',
		'test/e2e/pictures.e2e.test.js',
		...process.argv.slice(2),
	],
	{
		cwd: ROOT,
		stdio: 'inherit',
		env: { ...process.env, IMBOTS_PICTURES_DIR: path.join(ROOT, 'docs', 'images') },
	},
);
process.exit(r.status ?? 1);

'use strict';
// The inherited-ignore-scripts trap: under `npm test`/`npm start`, npm exports the project's
// .npmrc to every child as npm_config_ignore_scripts=true. A nested `npm rebuild` then builds
// nothing and still exits 0 — which once left n8n without sqlite3 on every fresh machine.
// scripts/build-native.sh is the step ensure-n8n.sh builds n8n's native modules with; it must
// build whatever npm configuration it inherited. A tiny Node-API addon stands in for sqlite3.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

jest.setTimeout(5 * 60 * 1000);

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/native-addon');
const TRAP = { ...process.env, npm_config_ignore_scripts: 'true' };

/** A project with the probe addon installed but not built, as `npm install --ignore-scripts` leaves it. */
function projectWithUnbuiltAddon() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-native-'));
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ private: true, dependencies: { 'imbots-native-probe': '1.0.0' } }),
	);
	fs.cpSync(FIXTURE, path.join(dir, 'node_modules/imbots-native-probe'), { recursive: true });
	return dir;
}

/** Loads the addon in a fresh Node process: its answer, or the loader's error. */
function load(dir) {
	const r = spawnSync(
		process.execPath,
		[
			'-e',
			'console.log(require(process.argv[1]).answer())',
			path.join(dir, 'node_modules/imbots-native-probe'),
		],
		{ encoding: 'utf8' },
	);
	return r.status === 0
		? r.stdout.trim()
		: `failed: ${r.stderr.split('\n').find((l) => /Error/.test(l))}`;
}

const dirs = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test('the trap is real: a nested npm rebuild that inherits ignore-scripts exits 0 and builds nothing', () => {
	const dir = projectWithUnbuiltAddon();
	dirs.push(dir);
	const r = spawnSync('npm', ['rebuild', 'imbots-native-probe'], {
		cwd: dir,
		env: TRAP,
		encoding: 'utf8',
	});
	expect(r.status).toBe(0);
	expect(load(dir)).toMatch(/^failed: .*Cannot find module/);
});

test('build-native.sh builds the module under the same inherited setting, and the module loads', () => {
	const dir = projectWithUnbuiltAddon();
	dirs.push(dir);
	const headers = path.dirname(path.dirname(process.execPath));
	const r = spawnSync(
		'bash',
		[
			path.join(ROOT, 'scripts/build-native.sh'),
			dir,
			process.execPath,
			headers,
			'imbots-native-probe',
		],
		{ env: TRAP, encoding: 'utf8' },
	);
	expect({ status: r.status, stderr: r.stderr.slice(-2000) }).toEqual({
		status: 0,
		stderr: expect.any(String),
	});
	expect(load(dir)).toBe('42');
});

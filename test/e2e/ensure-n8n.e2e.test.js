'use strict';
// scripts/ensure-n8n.sh never trusts its marker file: a cached n8n whose native module does not
// load is rebuilt and verified (under the inherited ignore-scripts=true that npm gives `npm test`),
// and one that cannot be rebuilt fails with ensure-n8n's own instructions. Each case runs on a
// small copy of the cache: the real node-24 and sqlite3's sources, without sqlite3's build.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureN8n, ROOT } = require('../helpers/n8n');

jest.setTimeout(10 * 60 * 1000);

const N8N_VERSION = '2.40.7';
const made = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The package directories (under `root`, a node_modules folder) that `start` needs at run time (itself and its dependencies, transitively). */
function closure(root, start) {
	const seen = new Set();
	const visit = (dir) => {
		if (seen.has(dir)) return;
		seen.add(dir);
		const { dependencies = {} } = JSON.parse(
			fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
		);
		for (const dep of Object.keys(dependencies)) {
			// Node's lookup: the nearest node_modules/<dep> from this package up to the tree's root.
			for (let at = dir; at.length >= path.dirname(root).length; at = path.dirname(at)) {
				if (path.basename(at) === 'node_modules') continue;
				const candidate = path.join(at, 'node_modules', dep);
				if (fs.existsSync(path.join(candidate, 'package.json'))) {
					visit(candidate);
					break;
				}
			}
		}
	};
	visit(start);
	return [...seen].filter((d) => ![...seen].some((o) => o !== d && d.startsWith(`${o}/`)));
}

/** A cache marked complete whose n8n has sqlite3's sources but no build of them. */
function cacheWithUnbuiltSqlite() {
	const { node, n8n } = ensureN8n();
	const realModules = path.resolve(path.dirname(n8n), '../..');
	const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-cache-'));
	made.push(cache);
	const nodeDir = path.resolve(path.dirname(node), '../../..');
	if (path.basename(nodeDir) === 'node-24') fs.symlinkSync(nodeDir, path.join(cache, 'node-24'));
	const dir = path.join(cache, `n8n-${N8N_VERSION}`);
	for (const pkg of closure(realModules, path.join(realModules, 'sqlite3'))) {
		const rel = path.relative(realModules, pkg);
		fs.cpSync(pkg, path.join(dir, 'node_modules', rel), {
			recursive: true,
			filter: (src) => !/^sqlite3\/build(\/|$)/.test(path.relative(realModules, src)),
		});
	}
	fs.mkdirSync(path.join(dir, 'node_modules/n8n'));
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ private: true, dependencies: { sqlite3: '*' } }),
	);
	fs.writeFileSync(path.join(dir, '.complete'), 'installed in 1 s, 1M\n');
	return { cache, dir, node };
}

const ensure = (cache) =>
	spawnSync('bash', [path.join(ROOT, 'scripts/ensure-n8n.sh')], {
		env: { ...process.env, IMBOTS_CACHE: cache, npm_config_ignore_scripts: 'true' },
		encoding: 'utf8',
	});
const verify = (node, dir) =>
	spawnSync(node, [path.join(ROOT, 'scripts/verify-n8n.js'), dir], { encoding: 'utf8' });

test('a cached install whose sqlite3 does not load is rebuilt, verified, and trusted afterwards', () => {
	const { cache, dir, node } = cacheWithUnbuiltSqlite();
	expect(verify(node, dir).stdout).toMatch(/cannot load sqlite3/);
	const first = ensure(cache);
	expect({ status: first.status, log: first.stderr }).toEqual({
		status: 0,
		log: expect.stringMatching(/cannot boot \(Node v\d+\.\d+\.\d+ cannot load sqlite3[^]*repaired/),
	});
	expect(first.stdout).toMatch(/^NODE=.*\nN8N=.*n8n-2\.40\.7\/node_modules\/n8n\/bin\/n8n\n$/);
	expect(verify(node, dir).status).toBe(0);
	const second = ensure(cache);
	expect([second.status, second.stderr]).toEqual([0, '']);
});

test('a cached install that cannot be rebuilt fails with what to do, not with an n8n database error', () => {
	const { cache, dir } = cacheWithUnbuiltSqlite();
	fs.rmSync(path.join(dir, 'node_modules/sqlite3/binding.gyp'));
	const r = ensure(cache);
	expect(r.status).toBe(1);
	expect(r.stdout).toBe('');
	expect(r.stderr).toMatch(
		/FAILED: n8n's native modules still do not load after a rebuild|FAILED: building sqlite3 failed/,
	);
	expect(r.stderr).toContain(`delete ${dir}`);
	expect(r.stderr).not.toMatch(/SQLite package has not been found/);
});

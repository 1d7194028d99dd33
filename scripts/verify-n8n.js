'use strict';
// Proves an n8n install can boot with the Node running this script: loads, from n8n's own
// resolution paths, each native module n8n requires at start. `--list` prints their names instead
// (for `npm rebuild`). Exit 1 with the module and the loader's error when one does not load.
const path = require('path');

// n8n 2.x loads sqlite3 (TypeORM's SQLite driver) at start; the other native modules it ships
// are optional or only loaded by features (task runners, some nodes) that the boot does not need.
const NATIVE_AT_BOOT = ['sqlite3'];

const [dir, flag] = process.argv.slice(2);
if (flag === '--list') {
	console.log(NATIVE_AT_BOOT.join(' '));
	process.exit(0);
}
const n8nDir = path.join(dir, 'node_modules', 'n8n');
const problems = [];
for (const name of NATIVE_AT_BOOT) {
	try {
		const resolved = require.resolve(name, { paths: [n8nDir] });
		const mod = require(resolved);
		// sqlite3 loads its binding lazily in some versions: touch it so a missing build shows here.
		if (name === 'sqlite3') new mod.Database(':memory:').close();
	} catch (e) {
		problems.push(`${name}: ${String(e.message).split('\n')[0]}`);
	}
}
if (problems.length) {
	console.log(`Node ${process.version} cannot load ${problems.join('; ')}`);
	process.exit(1);
}

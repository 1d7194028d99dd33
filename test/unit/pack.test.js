'use strict';
// `npm run pack` (scripts/pack.js): one folder with exactly the five tarballs `npm publish` would
// upload, each named and holding its own package, an older tarball of the same package replaced,
// and nothing packed while a package is unbuilt. Needs `npm run build` first, as every unit test.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pack } = require('../../scripts/pack');
const { PACKAGES } = require('../helpers/packages');

let out;
beforeEach(() => {
	out = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-pack-test-'));
});
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

test('writes the five tarballs into one folder, each holding its package, and replaces older ones', () => {
	fs.writeFileSync(path.join(out, 'n8n-nodes-mpchat-0.0.1.tgz'), 'an older build');
	fs.writeFileSync(path.join(out, 'notes.txt'), 'not ours');
	const files = pack({ out });
	const expected = PACKAGES.map((p) => `${p.name}-${p.version}.tgz`).sort();
	expect(files.map((f) => path.basename(f)).sort()).toEqual(expected);
	expect(
		fs
			.readdirSync(out)
			.filter((f) => f.endsWith('.tgz'))
			.sort(),
	).toEqual(expected);
	expect(fs.existsSync(path.join(out, 'notes.txt'))).toBe(true);
	for (const { name, version } of PACKAGES) {
		const tarball = path.join(out, `${name}-${version}.tgz`);
		const pkg = JSON.parse(
			execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
		);
		expect([pkg.name, pkg.version]).toEqual([name, version]);
		const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
		expect([name, listed.some((f) => f.startsWith('package/dist/nodes/'))]).toEqual([name, true]);
	}
});

test('packs nothing while a package is unbuilt, and names it', () => {
	const packagesDir = path.join(out, 'packages');
	fs.mkdirSync(path.join(packagesDir, 'n8n-nodes-x'), { recursive: true });
	fs.writeFileSync(
		path.join(packagesDir, 'n8n-nodes-x', 'package.json'),
		JSON.stringify({ name: 'n8n-nodes-x', version: '1.0.0' }),
	);
	const dest = path.join(out, 'dist-packages');
	expect(() => pack({ out: dest, packagesDir })).toThrow(
		/not built \(no dist\/\): n8n-nodes-x: run `npm run build` first/,
	);
	expect(fs.existsSync(dest)).toBe(false);
});

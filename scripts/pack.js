#!/usr/bin/env node
'use strict';
// `npm run pack`: the five packages' tarballs, exactly what `npm publish` would upload, in one
// folder (dist-packages/ by default; `npm run pack -- some/folder` picks another). They install
// into n8n before the packages are on npm (`npm install <tarball>` in ~/.n8n/nodes:
// docs/self-hosted.md), and the release workflow attaches them to the GitHub release.
// Tarballs of these packages already in the folder are removed first, so the folder never holds
// two versions of one package. Packs what is built (`npm run pack` builds first); scripts are not
// run (--ignore-scripts), as no package has any to run.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGES_DIR = path.join(ROOT, 'packages');
const DEFAULT_OUT = path.join(ROOT, 'dist-packages');

/** Every package folder under `packagesDir`, with its package.json read. */
function packagesIn(packagesDir = PACKAGES_DIR) {
	return fs
		.readdirSync(packagesDir)
		.map((d) => path.join(packagesDir, d))
		.filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
		.sort()
		.map((dir) => ({
			dir,
			...JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
		}));
}

/**
 * Packs every package in `packagesDir` into `out` with one `npm pack`, and returns the tarballs'
 * paths. Fails before packing when a package has no dist/ (a tarball without its code would
 * install and load nothing).
 */
function pack({ out = DEFAULT_OUT, packagesDir = PACKAGES_DIR } = {}) {
	const packages = packagesIn(packagesDir);
	const unbuilt = packages.filter((p) => !fs.existsSync(path.join(p.dir, 'dist')));
	if (unbuilt.length)
		throw new Error(
			`not built (no dist/): ${unbuilt.map((p) => p.name).join(', ')}: run \`npm run build\` first`,
		);
	fs.mkdirSync(out, { recursive: true });
	for (const file of fs.readdirSync(out))
		if (packages.some((p) => file.startsWith(`${p.name}-`) && file.endsWith('.tgz')))
			fs.rmSync(path.join(out, file));
	const packed = JSON.parse(
		execFileSync(
			'npm',
			[
				'pack',
				'--json',
				'--ignore-scripts',
				'--pack-destination',
				path.resolve(out),
				...packages.flatMap((p) => ['--workspace', p.dir]),
			],
			{ cwd: path.dirname(packagesDir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
		),
	);
	return packed.map((p) => path.join(out, p.filename));
}

module.exports = { pack, packagesIn };

if (require.main === module) {
	try {
		// npm runs scripts in the repository's root; a folder given is read from where npm was called.
		const from = process.env.INIT_CWD ?? process.cwd();
		const files = pack({
			out: process.argv[2] ? path.resolve(from, process.argv[2]) : DEFAULT_OUT,
		});
		for (const f of files) console.log(path.relative(process.cwd(), f));
	} catch (error) {
		console.error(`npm run pack: ${error.message}`);
		process.exit(1);
	}
}

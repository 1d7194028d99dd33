#!/usr/bin/env node
'use strict';
// `node scripts/check-release.js v1.2.3`: the five packages are published in lockstep, so a
// release tag must name the version of every package in packages/. Exit 1, naming each package
// whose version differs, otherwise.
const fs = require('fs');
const path = require('path');

const PACKAGES_DIR = path.resolve(__dirname, '../packages');

/** The packages whose version is not the tag's, as "name version" strings. */
function mismatches(tag, dir = PACKAGES_DIR) {
	const out = [];
	for (const d of fs.readdirSync(dir).sort()) {
		const file = path.join(dir, d, 'package.json');
		if (!fs.existsSync(file)) continue;
		const { name, version } = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (`v${version}` !== tag) out.push(`${name} ${version}`);
	}
	return out;
}

module.exports = { mismatches };

if (require.main === module) {
	const tag = process.argv[2] ?? '';
	const wrong = mismatches(tag);
	if (!/^v\d+\.\d+\.\d+/.test(tag) || wrong.length) {
		console.error(
			`The tag "${tag}" must be v<version> of every package; these differ: ${wrong.join(', ') || '(none; the tag is not a version)'}`,
		);
		process.exit(1);
	}
	console.log(`${tag}: every package in packages/ has version ${tag.slice(1)}`);
}

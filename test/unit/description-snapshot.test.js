'use strict';
// The node descriptions and credential fields n8n reads from each built package stay as recorded
// in test/fixtures/descriptions/: the core builds them for all five packages, so a change there
// must not alter any package unseen. When a change is meant to alter what n8n sees, rewrite the
// fixtures (`node test/helpers/descriptions.js --write` after a build) and review their diff.
const fs = require('fs');
const { PACKAGES } = require('../helpers/packages');
const { packageView, fixturePath } = require('../helpers/descriptions');

test.each(PACKAGES.map((p) => [p.name, p]))(
	'%s: descriptions and credential fields are as recorded',
	async (_, pkg) => {
		const expected = JSON.parse(fs.readFileSync(fixturePath(pkg), 'utf8'));
		const built = JSON.parse(JSON.stringify(await packageView(pkg)));
		expect(Object.keys(built.nodes).sort()).toEqual(Object.keys(expected.nodes).sort());
		for (const name of Object.keys(expected.nodes))
			expect([name, built.nodes[name]]).toEqual([name, expected.nodes[name]]);
		expect(built.credentials).toEqual(expected.credentials);
	},
);

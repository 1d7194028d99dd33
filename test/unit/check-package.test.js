'use strict';
// The package check (scripts/check-package.js): shipped code reads no environment variable and
// touches no file system, and the UI strings, codex files and README are English. It passes on the
// five built packages and names each kind of violation in a package made to have them.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { checkPackage } = require('../../scripts/check-package');
const { PACKAGES } = require('../helpers/packages');

test.each(PACKAGES.map((p) => [p.name, p.dir]))(
	'%s: no environment, no file system, English only',
	(_, dir) => {
		const { files, findings } = checkPackage(dir);
		expect(files).toBeGreaterThan(30);
		expect(findings).toEqual([]);
	},
);

describe('a package that breaks each rule', () => {
	let dir;
	const write = (rel, text) => {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), text);
	};
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-check-test-'));
		write('package.json', JSON.stringify({ name: 'n8n-nodes-x', description: 'Sends messages' }));
		write('README.md', '# n8n-nodes-x\n\nSends messages.\n');
		write(
			'dist/nodes/X/clean.js',
			'"use strict";\n// a process that reads its environment is not allowed\nexports.name = "Sends \\u53d1\\u9001 messages";\nconst fsLike = require("./fs");\n',
		);
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
	const rules = () => checkPackage(dir).findings.map((f) => `${f.file}:${f.line} ${f.rule}`);

	test('a clean package has no finding (words and \\u escapes are not violations)', () => {
		expect(rules()).toEqual([]);
	});

	test('environment variables, in any spelling, are findings', () => {
		write(
			'dist/nodes/X/env.js',
			'"use strict";\nconst a = process.env.TOKEN;\nconst b = process["env"];\n',
		);
		expect(rules()).toEqual([
			'dist/nodes/X/env.js:2 environment variable',
			'dist/nodes/X/env.js:3 environment variable',
		]);
	});

	test('file system modules, required or imported, are findings', () => {
		write(
			'dist/nodes/shared/io.js',
			'"use strict";\nconst fs = require("fs");\nconst p = require(\'node:fs/promises\');\nimport("fs").then(() => {});\n',
		);
		expect(rules()).toEqual([
			'dist/nodes/shared/io.js:2 file system',
			'dist/nodes/shared/io.js:3 file system',
			'dist/nodes/shared/io.js:4 file system',
		]);
	});

	test('Chinese in a UI string, a codex file, the README or package.json is a finding', () => {
		write('dist/nodes/X/X.node.js', '"use strict";\nexports.d = { displayName: "发送消息" };\n');
		write('dist/nodes/X/X.node.json', '{ "categories": ["通信"] }\n');
		write('README.md', '# n8n-nodes-x\n\n中文说明\n');
		write(
			'package.json',
			JSON.stringify({ name: 'n8n-nodes-x', description: 'Sends messages，fast' }),
		);
		expect(rules().sort()).toEqual([
			'README.md:3 not English (CJK character)',
			'dist/nodes/X/X.node.js:2 not English (CJK character)',
			'dist/nodes/X/X.node.json:1 not English (CJK character)',
			'package.json:1 not English (CJK character)',
		]);
	});
});

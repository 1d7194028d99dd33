'use strict';
// The scan gate (scripts/scan-package.js) must fail on what n8n's scanner blocks, and let through
// only a warning whose rule is disabled on the line above with a reason.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { PACKAGES } = require('../helpers/packages');

// In a child node: the community-nodes plugin is ESM-only, which Jest's module loader cannot import.
const SCRIPT = path.join(__dirname, '../../scripts/scan-package.js');
const lint = async (dir, files) =>
	JSON.parse(
		execFileSync(
			process.execPath,
			[
				'-e',
				`const s = require(${JSON.stringify(SCRIPT)}); s.lint(${JSON.stringify(dir)}, s.${files}).then((r) => console.log(JSON.stringify(r)))`,
			],
			{ encoding: 'utf8' },
		),
	);
const tarballFiles = 'tarballFiles';
const sourceFiles = 'sourceFiles';

let dir;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-scan-test-'));
	fs.copyFileSync(path.join(PACKAGES[0].dir, 'package.json'), path.join(dir, 'package.json'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (rel, text) => {
	fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
	fs.writeFileSync(path.join(dir, rel), text);
};
const rules = (r) => [...r.report.matchAll(/(?:error|warning)\s+.*?\s(\S+)$/gm)].map((m) => m[1]);

test('a console call in the packed .js is a finding, and an inline disable does not hide it', async () => {
	write('dist/nodes/X/clean.js', '"use strict";\nexports.x = 1;\n');
	write(
		'dist/nodes/X/helpers.js',
		'"use strict";\n// eslint-disable-next-line no-console -- debugging\nconsole.log("hi");\n',
	);
	const r = await lint(dir, tarballFiles);
	expect(r.files).toBe(3); // package.json and both .js files
	expect(r.findings).toBe(1);
	expect(rules(r)).toEqual(['no-console']);
});

test('a warning counts unless the line above disables its rule with a reason', async () => {
	const cred = (comment) => `import type { ICredentialType, INodeProperties } from 'n8n-workflow';
export class XApi implements ICredentialType {
	name = 'xApi';
	displayName = 'X API';
	documentationUrl = 'https://example.com/x';
	icon = { light: 'file:x.svg', dark: 'file:x.dark.svg' } as const;
	properties: INodeProperties[] = [
		${comment}
		{ displayName: 'Handle', name: 'handle', type: 'string', typeOptions: { password: true }, default: '' },
	];
	test = { request: { url: '/me' } };
}
`;
	write('credentials/x.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
	write('credentials/x.dark.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
	write('credentials/XApi.credentials.ts', cred('// no comment'));
	const bare = await lint(dir, sourceFiles);
	expect(rules(bare)).toContain('@n8n/community-nodes/credential-unnecessary-password');

	write(
		'credentials/XApi.credentials.ts',
		cred('// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password'),
	);
	const noReason = await lint(dir, sourceFiles);
	expect(rules(noReason)).toContain('@n8n/community-nodes/credential-unnecessary-password');

	write(
		'credentials/XApi.credentials.ts',
		cred(
			'// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- it is a secret',
		),
	);
	const justified = await lint(dir, sourceFiles);
	expect(rules(justified)).not.toContain('@n8n/community-nodes/credential-unnecessary-password');
	expect(justified.findings).toBe(bare.findings - 1);
	expect(justified.justified).toEqual([
		expect.stringContaining(
			'credentials/XApi.credentials.ts:9 @n8n/community-nodes/credential-unnecessary-password: it is a secret',
		),
	]);
});

'use strict';
// What users install: metadata n8n and the marketplace require, no runtime dependencies, and a
// tarball that ships only dist/, README, LICENSE and package.json.
const { execFileSync } = require('child_process');
const path = require('path');
const pkg = require('../../package.json');

const ROOT = path.resolve(__dirname, '../..');

test('package.json is a strict community node package with no runtime dependencies', () => {
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.license).toBe('MIT');
	expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	expect(pkg.files).toEqual(['dist']);
	for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(require('fs').existsSync(path.join(ROOT, f))).toBe(true);
});

test('npm pack ships only dist/, README, LICENSE and package.json', () => {
	const [info] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
	const files = info.files.map((f) => f.path);
	const outside = files.filter((f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(f));
	expect(outside).toEqual([]);
	expect(files).toContain('dist/nodes/shared/request.js');
	expect(files).toContain('dist/nodes/MpChat/mpChat.svg');
	expect(files.some((f) => /simulator|test\/|bench/.test(f))).toBe(false);
});

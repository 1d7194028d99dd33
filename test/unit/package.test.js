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
	expect(files).toContain('dist/nodes/MpChat/mpChat.dark.svg');
	expect(files.some((f) => /simulator|test\/|bench/.test(f))).toBe(false);
});

describe('publishing from GitHub Actions', () => {
	const fs = require('fs');
	const read = (f) => fs.readFileSync(path.join(ROOT, '.github/workflows', f), 'utf8');

	test('CI runs .ci/run on pull requests and pushes', () => {
		const ci = read('ci.yml');
		expect(ci).toMatch(/^on:\n(?:\s+.*\n)*?\s+pull_request:/m);
		expect(ci).toMatch(/^on:\n(?:\s+.*\n)*?\s+push:/m);
		expect(ci).toMatch(/^\s+- run: \.ci\/run$/m);
	});

	test('a version tag publishes with npm provenance, after the CI checks, with an OIDC token', () => {
		const pub = read('publish.yml');
		expect(pub).toMatch(/^on:\n\s+push:\n\s+tags: \['v\*'\]$/m);
		expect(pub).toMatch(/^\s+- run: \.ci\/run$/m);
		const publishJob = pub.slice(pub.indexOf('\n  publish:'));
		expect(publishJob).toMatch(/^\s+needs: test$/m);
		expect(publishJob).toMatch(/^\s+permissions:\n\s+contents: read\n\s+id-token: write$/m);
		expect(publishJob).toMatch(/^\s+- run: npm publish --provenance --access public\n\s+env:\n\s+NODE_AUTH_TOKEN: \$\{\{ secrets\.\w+ \}\}$/m);
		expect(publishJob).toMatch(/registry-url: https:\/\/registry\.npmjs\.org/);
	});

	test('repository, homepage, bugs and author name one GitHub repository', () => {
		const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
		expect(repo).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
		expect(pkg.homepage).toBe(`${repo}#readme`);
		expect(pkg.bugs.url).toBe(`${repo}/issues`);
		expect(repo.startsWith(`${pkg.author.url}/`)).toBe(true);
		expect(pkg.author.name).toBeTruthy();
	});
});

'use strict';
// What users install: five packages, one per platform, each with the metadata n8n and the
// marketplace require, no runtime dependencies, only its own platform, and a tarball that ships
// only dist/, README, LICENSE and package.json. Needs a build (`npm run build`).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const root = require('../../package.json');
const { PACKAGES, ROOT } = require('../helpers/packages');

const REPO = root.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const each = PACKAGES.map((p) => [p.name, p]);
/** How each platform's name is written in code and UI text. */
const PLATFORM_NAMES = {
	mpChat: /\bmpchat\b/i,
	biInk: /bi\.ink|\bbiink\b/i,
	fly: /\bfly\b/i,
	minapp: /\bminapp\b/i,
	botTalk: /\bbottalk\b/i,
};

test('the root is a private workspace of the five packages, which share one version', () => {
	expect(root.private).toBe(true);
	expect(root.workspaces).toEqual(['packages/*']);
	const folders = fs
		.readdirSync(path.join(ROOT, 'packages'))
		.filter((f) => fs.existsSync(path.join(ROOT, 'packages', f, 'package.json')));
	expect(folders.sort()).toEqual(PACKAGES.map((p) => path.basename(p.dir)).sort());
	expect(PACKAGES.map((p) => p.name).sort()).toEqual([
		'n8n-nodes-biink',
		'n8n-nodes-bottalk',
		'n8n-nodes-fly',
		'n8n-nodes-minapp',
		'n8n-nodes-mpchat',
	]);
	expect(new Set(PACKAGES.map((p) => p.version)).size).toBe(1);
});

describe.each(each)('%s', (name, { dir, pkg, nodes, credential, platform }) => {
	test('is a strict community node package with no runtime dependencies', () => {
		expect(pkg.name).toBe(path.basename(dir));
		expect(pkg.name).toMatch(/^n8n-nodes-[a-z0-9-]+$/);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.devDependencies).toBeUndefined();
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.engines).toEqual(root.engines);
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.scripts).toEqual({ build: 'n8n-node build', lint: 'n8n-node lint' });
		for (const f of ['README.md', 'LICENSE'])
			expect([f, fs.existsSync(path.join(dir, f))]).toEqual([f, true]);
		expect(fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
	});

	test('declares only its own platform: one credential, its nodes, files that exist after the build', () => {
		expect(pkg.n8n.credentials).toHaveLength(1);
		for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect([f, fs.existsSync(path.join(dir, f))]).toEqual([f, true]);
		const load = (f) => new (Object.values(require(path.join(dir, f)))[0])();
		expect(load(pkg.n8n.credentials[0]).name).toBe(credential);
		expect(pkg.n8n.nodes.map((f) => load(f).description.name)).toEqual(nodes);
		for (const f of pkg.n8n.nodes) {
			for (const c of load(f).description.credentials ?? [])
				expect([f, c.name]).toEqual([f, credential]);
		}
		expect(nodes.every((n) => n.startsWith(platform))).toBe(true);
	});

	test('the credential\'s authenticate is a method, which n8n\'s spread copy drops, so n8n adds no "Custom API Call" choice', () => {
		const cred = new (Object.values(require(path.join(dir, pkg.n8n.credentials[0])))[0])();
		expect(typeof cred.authenticate).toBe('function');
		expect({ ...cred }.authenticate).toBeUndefined();
	});

	test('repository (with its folder), homepage, bugs and author name this GitHub repository', () => {
		expect(pkg.repository).toEqual({
			type: 'git',
			url: `${REPO}.git`,
			directory: `packages/${name}`,
		});
		expect(REPO).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
		expect(pkg.homepage).toBe(`${REPO}/tree/main/packages/${name}#readme`);
		expect(pkg.bugs.url).toBe(`${REPO}/issues`);
		expect(REPO.startsWith(`${pkg.author.url}/`)).toBe(true);
		expect(pkg.author.name).toBeTruthy();
	});

	test('npm pack ships only dist/, README, LICENSE and package.json, with the core it uses and no other platform', () => {
		const [info] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: dir,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		);
		expect(info.name).toBe(name);
		const files = info.files.map((f) => f.path);
		expect(
			files.filter(
				(f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(f),
			),
		).toEqual([]);
		expect(files).toContain('dist/nodes/shared/request.js');
		for (const f of pkg.n8n.nodes) expect(files).toContain(f);
		const own = path.dirname(pkg.n8n.nodes[0]);
		expect(
			files.filter(
				(f) =>
					f.startsWith('dist/nodes/') &&
					!f.startsWith(`${own}/`) &&
					!f.startsWith('dist/nodes/shared/'),
			),
		).toEqual([]);
		expect(
			files.filter(
				(f) =>
					f.startsWith('dist/credentials/') && !f.startsWith(path.dirname(pkg.n8n.credentials[0])),
			),
		).toEqual([]);
		expect(files.filter((f) => f.startsWith('dist/credentials/') && f.endsWith('.js'))).toEqual(
			pkg.n8n.credentials,
		);
		expect(files.some((f) => /simulator|test\/|bench|\.tsbuildinfo$/.test(f))).toBe(false);
		// The core compiles in only what the package's code imports: Fly's signature check ships with Fly alone.
		expect([
			name,
			files.includes('dist/nodes/shared/signature.js'),
			files.includes('dist/nodes/shared/pythonCompat.js'),
		]).toEqual([name, platform === 'fly', platform === 'fly']);
	});

	test('its built code and codex files name no other platform', () => {
		const walk = (d) =>
			fs
				.readdirSync(d, { withFileTypes: true })
				.flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
		const found = [];
		for (const file of walk(path.join(dir, 'dist')).filter((f) => /\.(js|json)$/.test(f))) {
			const text = fs.readFileSync(file, 'utf8');
			for (const [other, re] of Object.entries(PLATFORM_NAMES))
				if (other !== platform && re.test(text))
					found.push(`${path.relative(dir, file)}: ${other}`);
		}
		expect(found).toEqual([]);
	});
});

test('the core names no platform: no file under core/ imports a platform folder or a credential', () => {
	const offenders = [];
	const walk = (d) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else if (
				/\.ts$/.test(e.name) &&
				/from '\.\.?\/(\.\.\/)*(credentials|[A-Z]\w+)\//.test(fs.readFileSync(p, 'utf8'))
			)
				offenders.push(path.relative(ROOT, p));
		}
	};
	walk(path.join(ROOT, 'core'));
	expect(offenders).toEqual([]);
	for (const { dir } of PACKAGES)
		expect(fs.readlinkSync(path.join(dir, 'nodes/shared'))).toBe('../../../core');
});

describe('publishing from GitHub Actions', () => {
	const read = (f) => fs.readFileSync(path.join(ROOT, '.github/workflows', f), 'utf8');

	test('CI runs .ci/run on pull requests and pushes', () => {
		const ci = read('ci.yml');
		expect(ci).toMatch(/^on:\n(?:\s+.*\n)*?\s+pull_request:/m);
		expect(ci).toMatch(/^on:\n(?:\s+.*\n)*?\s+push:/m);
		expect(ci).toMatch(/^\s+- run: \.ci\/run$/m);
	});

	test('a version tag publishes every package with npm provenance, after the CI checks, with an OIDC token', () => {
		const pub = read('publish.yml');
		expect(pub).toMatch(/^on:\n\s+push:\n\s+tags: \['v\*'\]$/m);
		expect(pub).toMatch(/^\s+- run: \.ci\/run$/m);
		const publishJob = pub.slice(pub.indexOf('\n  publish:'));
		expect(publishJob).toMatch(/^\s+needs: test$/m);
		expect(publishJob).toMatch(/^\s+permissions:\n\s+contents: read\n\s+id-token: write$/m);
		expect(publishJob).toMatch(
			/^\s+- run: npm publish --workspaces --provenance --access public\n\s+env:\n\s+NODE_AUTH_TOKEN: \$\{\{ secrets\.\w+ \}\}$/m,
		);
		expect(publishJob).toMatch(/registry-url: https:\/\/registry\.npmjs\.org/);
		// Lockstep: the tag is checked against every package before anything is published.
		const check = publishJob.indexOf('run: node scripts/check-release.js "$GITHUB_REF_NAME"');
		expect(check).toBeGreaterThan(0);
		expect(check).toBeLessThan(publishJob.indexOf('npm publish'));
	});

	test("after publishing, a job of its own attaches the build's five tarballs to the GitHub release, the only job that may write", () => {
		const pub = read('publish.yml');
		const publishJob = pub.slice(pub.indexOf('\n  publish:'), pub.indexOf('\n  release:'));
		const releaseJob = pub.slice(pub.indexOf('\n  release:'));
		expect(pub.slice(0, pub.indexOf('\njobs:'))).toMatch(/^permissions:\n\s+contents: read$/m);
		expect(pub.match(/contents: write/g)).toHaveLength(1);
		// The tarballs are packed from the build the unit tests ran on, before npm publish.
		const packed = publishJob.indexOf('run: node scripts/pack.js');
		expect(packed).toBeGreaterThan(publishJob.indexOf('run: npm run build'));
		expect(packed).toBeLessThan(publishJob.indexOf('npm publish'));
		expect(publishJob).toMatch(
			/uses: actions\/upload-artifact@v\d+\n\s+with:\n\s+name: dist-packages/,
		);
		expect(releaseJob).toMatch(/^\s+needs: publish$/m);
		expect(releaseJob).toMatch(/^\s+permissions:\n\s+contents: write$/m);
		expect(releaseJob).toMatch(
			/uses: actions\/download-artifact@v\d+\n\s+with:\n\s+name: dist-packages/,
		);
		expect(releaseJob).toMatch(/gh release upload "\$GITHUB_REF_NAME" dist-packages\/\*\.tgz/);
	});

	test('a release tag must be the version of every package', () => {
		const { mismatches } = require('../../scripts/check-release');
		const tag = `v${PACKAGES[0].version}`;
		expect(mismatches(tag)).toEqual([]);
		expect(mismatches('v9.9.9')).toHaveLength(PACKAGES.length);
		const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'imbots-release-'));
		try {
			for (const [i, p] of PACKAGES.entries()) {
				fs.mkdirSync(path.join(dir, p.name));
				fs.writeFileSync(
					path.join(dir, p.name, 'package.json'),
					JSON.stringify({ name: p.name, version: i === 2 ? '0.0.1' : p.version }),
				);
			}
			expect(mismatches(tag, dir)).toEqual([`${PACKAGES[2].name} 0.0.1`]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

'use strict';
// The README and docs/ as a reader follows them: every relative link and #anchor resolves, the
// credentials' documentation links land on a heading, the README's first screen has what the
// marketplace reader needs, and the Chinese page names every operation the nodes have.
const fs = require('fs');
const path = require('path');
const pkg = require('../../package.json');
const { PACKAGES } = require('../helpers/packages');

const ROOT = path.resolve(__dirname, '../..');
/** The built files every package's n8n section declares, as absolute paths. */
const declared = (kind) => PACKAGES.flatMap((p) => p.pkg.n8n[kind].map((f) => path.join(p.dir, f)));
const DOCS = path.join(ROOT, 'docs');
const pages = ['README.md', ...fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
// Code blocks and inline code are not links.
const prose = (md) => md.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(md) {
	const seen = new Map();
	const anchors = new Set();
	for (const [, title] of md.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
		const base = title.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		anchors.add(n ? `${base}-${n}` : base);
	}
	return anchors;
}

test('the anchor rule matches GitHub on headings of this kind', () => {
	expect([...anchorsOf('# Demo (`npm start`)\n## Webhook triggers (Fly, bi.ink, minapp)\n## 中文说明\n## Setup\n## Setup\n')]).toEqual([
		'demo-npm-start',
		'webhook-triggers-fly-biink-minapp',
		'中文说明',
		'setup',
		'setup-1',
	]);
});

const links = pages.flatMap((page) =>
	[...prose(read(page)).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => ({ page, target: m[1] })).filter((l) => !/^[a-z]+:/i.test(l.target)),
);

test('README and docs link to each other, with relative links', () => {
	expect(pages.length).toBeGreaterThanOrEqual(12);
	expect(links.length).toBeGreaterThan(20);
	for (const page of pages.filter((p) => p !== 'README.md')) expect([page, links.some((l) => path.join(path.dirname(l.page), l.target.split('#')[0]) === page)]).toEqual([page, true]);
});

test('every relative link and #anchor in README.md and docs/*.md resolves', () => {
	const broken = links.filter(({ page, target }) => {
		const [file, anchor] = target.split('#');
		const dest = file ? path.join(path.dirname(page), decodeURI(file)) : page;
		if (!fs.existsSync(path.join(ROOT, dest))) return true;
		return anchor !== undefined && !(dest.endsWith('.md') && anchorsOf(read(dest)).has(decodeURIComponent(anchor)));
	});
	expect(broken).toEqual([]);
});

test("each credential's documentation link is this repository's docs/credentials.md, at its platform's heading", () => {
	const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
	const anchors = anchorsOf(read('docs/credentials.md'));
	for (const file of declared('credentials')) {
		const { documentationUrl } = new (Object.values(require(file))[0])();
		const [url, anchor] = documentationUrl.split('#');
		expect([file, url, anchors.has(anchor)]).toEqual([file, `${repo}/blob/main/docs/credentials.md`, true]);
	}
});

test("the README's first screen: the Chinese page, the two commands, install, five credentials, a first workflow, the docs", () => {
	const readme = read('README.md');
	const lines = readme.split('\n');
	expect(lines.slice(0, 5).join('\n')).toContain('](docs/README.zh-CN.md)');
	expect(lines.slice(0, 15).join('\n')).toMatch(/npm ci && npm start[\s\S]*npm ci && npm test/);
	expect(readme).not.toMatch(/^## 中文说明/m);
	expect(readme).toMatch(/^## Install in n8n$/m);
	const credentials = readme.slice(readme.indexOf('## Credentials'), readme.indexOf('\n## ', readme.indexOf('## Credentials') + 1));
	for (const platform of ['MPChat', 'bi.ink', 'Fly', 'minapp', 'BotTalk']) expect(credentials).toMatch(new RegExp(`^\\| ${platform.replace('.', '\\.')} \\|.*\\|.*\\|.*\\S.*\\|$`, 'm'));
	expect(readme).toMatch(/^## Your first workflow \(3 steps\)\n\n1\. [\s\S]*\n2\. [\s\S]*\n3\. /m);
	expect(lines.length).toBeLessThan(120);
});

test('the Chinese page names every operation of every action node', () => {
	const zh = read('docs/README.zh-CN.md');
	const missing = [];
	for (const file of declared('nodes')) {
		const { description } = new (Object.values(require(file))[0])();
		const resources = description.properties.find((p) => p.name === 'resource');
		if (!resources) continue;
		const start = zh.indexOf(`**${description.displayName}**（\`${description.name}\``);
		const section = zh.slice(start, zh.indexOf('\n\n', start));
		if (start < 0) missing.push(description.displayName);
		for (const op of description.properties.filter((p) => p.name === 'operation')) {
			const resource = resources.options.find((o) => o.value === op.displayOptions.show.resource[0]).name;
			for (const o of op.options) {
				// A line like "- Reminder → List / Create / Enable / Disable：…" or "- Reminder → Delete ⚠️：…".
				const names = (l) => l.split('：')[0].replace(' ⚠️', '').split(/ → | \/ /);
				const listed = section.split('\n').some((l) => l.startsWith(`- ${resource} → `) && names(l).includes(o.name));
				if (!listed) missing.push(`${description.displayName} ${resource} → ${o.name}`);
			}
		}
	}
	expect(missing).toEqual([]);
});

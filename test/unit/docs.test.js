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
const pages = [
	'README.md',
	...fs
		.readdirSync(DOCS)
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
];
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
// Code blocks and inline code are not links.
const prose = (md) => md.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(md) {
	const seen = new Map();
	const anchors = new Set();
	for (const [, title] of md.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
		const base = title
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		anchors.add(n ? `${base}-${n}` : base);
	}
	return anchors;
}

test('the anchor rule matches GitHub on headings of this kind', () => {
	expect([
		...anchorsOf(
			'# Demo (`npm start`)\n## Webhook triggers (Fly, bi.ink, minapp)\n## 中文说明\n## Setup\n## Setup\n',
		),
	]).toEqual([
		'demo-npm-start',
		'webhook-triggers-fly-biink-minapp',
		'中文说明',
		'setup',
		'setup-1',
	]);
});

const links = pages.flatMap((page) =>
	[...prose(read(page)).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
		.map((m) => ({ page, target: m[1] }))
		.filter((l) => !/^[a-z]+:/i.test(l.target)),
);

test('README and docs link to each other, with relative links', () => {
	expect(pages.length).toBeGreaterThanOrEqual(12);
	expect(links.length).toBeGreaterThan(20);
	for (const page of pages.filter((p) => p !== 'README.md'))
		expect([
			page,
			links.some((l) => path.join(path.dirname(l.page), l.target.split('#')[0]) === page),
		]).toEqual([page, true]);
});

test('every relative link and #anchor in README.md and docs/*.md resolves', () => {
	const broken = links.filter(({ page, target }) => {
		const [file, anchor] = target.split('#');
		const dest = file ? path.join(path.dirname(page), decodeURI(file)) : page;
		if (!fs.existsSync(path.join(ROOT, dest))) return true;
		return (
			anchor !== undefined &&
			!(dest.endsWith('.md') && anchorsOf(read(dest)).has(decodeURIComponent(anchor)))
		);
	});
	expect(broken).toEqual([]);
});

test("each credential's documentation link is this repository's docs/credentials.md, at its platform's heading", () => {
	const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
	const anchors = anchorsOf(read('docs/credentials.md'));
	for (const file of declared('credentials')) {
		const { documentationUrl } = new (Object.values(require(file))[0])();
		const [url, anchor] = documentationUrl.split('#');
		expect([file, url, anchors.has(anchor)]).toEqual([
			file,
			`${repo}/blob/main/docs/credentials.md`,
			true,
		]);
	}
});

test('the README is the hub: the Chinese page, the two commands, the five packages, the docs; the npm name check is in development.md', () => {
	const readme = read('README.md');
	const lines = readme.split('\n');
	expect(lines.slice(0, 5).join('\n')).toContain('](docs/README.zh-CN.md)');
	expect(lines.slice(0, 15).join('\n')).toMatch(/npm ci && npm start[\s\S]*npm ci && npm test/);
	expect(readme).not.toMatch(/^## 中文说明/m);
	// One row per package: its npm name, linked to its README, and what it holds, as n8n names it.
	for (const { dir, name, pkg: pj } of PACKAGES) {
		const row = lines.find((l) =>
			l.startsWith(`| [\`${name}\`](${path.relative(ROOT, dir)}/README.md) |`),
		);
		expect([name, row !== undefined]).toEqual([name, true]);
		const credential = new (Object.values(require(path.join(dir, pj.n8n.credentials[0])))[0])();
		const held = [
			`${credential.displayName} credential`,
			...pj.n8n.nodes.map((file) => describeNode(dir, file).displayName),
		];
		for (const what of held) expect([name, what, row.includes(what)]).toEqual([name, what, true]);
	}
	// A maintainers' note, kept with the release notes in docs/development.md.
	expect(read('docs/development.md')).toMatch(
		/`npm view NAME` answered 404[^.]*each of the five names[^.]*on \d{4}-\d{2}-\d{2}/,
	);
	expect(readme).toContain('Settings → Community Nodes → Install');
	const list = readme.slice(readme.indexOf('\n## Documentation\n'));
	for (const page of fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')))
		expect([page, list.includes(`](docs/${page})`)]).toEqual([page, true]);
	expect(lines.length).toBeLessThan(100);
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
			const resource = resources.options.find(
				(o) => o.value === op.displayOptions.show.resource[0],
			).name;
			for (const o of op.options) {
				// A line like "- Reminder → List / Create / Enable / Disable：…" or "- Reminder → Delete ⚠️：…".
				const names = (l) =>
					l
						.split('：')[0]
						.replace(' ⚠️', '')
						.split(/ → | \/ /);
				const listed = section
					.split('\n')
					.some((l) => l.startsWith(`- ${resource} → `) && names(l).includes(o.name));
				if (!listed) missing.push(`${description.displayName} ${resource} → ${o.name}`);
			}
		}
	}
	expect(missing).toEqual([]);
});

// One source for each figure: what was measured (ratios, rates, latencies, counts of 429s out of a
// run) is written in docs/benchmarks.md alone, and every other page links there. A page that keeps
// its own copy goes stale the day the benchmark is run again (three pages once gave three 429
// counts). Limits are not figures: a platform's documented rate, the pacing it implies, caps the
// code enforces.
const FIGURE_PAGES = [
	...pages.filter((p) => p !== 'docs/benchmarks.md'),
	...PACKAGES.map((p) => path.relative(ROOT, path.join(p.dir, 'README.md'))),
];
const FIGURES = [
	['a ratio', /\d(?:\.\d+)?\s?×(?!\s?\d)|\d(?:\.\d+)?\s*倍/],
	[
		'a rate',
		/(?<!\w)\d[\d.,]*\s*(?:(?:req|requests|items|deliveries|messages|sends|pushes|calls)\s*)?\/\s*(?:s|sec|h)\b|\d[\d.,]*\s+(?:[a-z-]+\s+){0,2}(?:a|per)\s+second\b|\d[\d.,]*\s*(?:次|条|个)\s*\/\s*秒/,
	],
	[
		'a latency or cost',
		/\d[\d.,]*\s*(?:ms|毫秒)\b|\d[\d.,]*\s*毫秒|\b(?:median|p95|p99)\b[^.\n]{0,30}\d|中位数[^。\n]{0,20}\d/i,
	],
	['a count of 429s', /\d[\d,]*\s*(?:×\s*)?429s?\b|\b429s?\s+\d/],
	['a count out of a run', /\b\d[\d,]*\s+(?:in|of)\s+\d{1,3}(?:,\d{3})+\b/],
];
/** Limits from the platforms' documents and the code, which read like figures but are not measured. */
const NOT_FIGURES = [
	/\b30 requests\/s\b/g, // MPChat's documented limit per token
	/\b30\/s\b/g,
	/\b29\/s\b/g, // the pace that stays under it
	/\b100 pushes\/h\b/g, // BotTalk's documented limit per SendKey
	/\b\d+ requests\/s per second\b/g, // how fast the pacer climbs back after a 429 (a constant)
	/\b166 deliveries a second\b/g, // the Fly Trigger's nonce cap over its 600 s
	/\b45\s+verified deliveries a second\b/g, // Verify Signature's row cap over its 600 s
	/\b(?:29|30) 次\/秒/g,
];

/** Each figure on a page, as "page:line: what (text)". */
function figuresIn(page) {
	return read(page)
		.split('\n')
		.flatMap((line, i) => {
			const text = NOT_FIGURES.reduce((t, re) => t.replace(re, ''), line);
			return FIGURES.filter(([, re]) => re.test(text)).map(
				([what]) => `${page}:${i + 1}: ${what} (${line.trim().slice(0, 100)})`,
			);
		});
}

test('the figure rule finds figures, and passes limits and plain numbers', () => {
	const found = (line) => {
		const text = NOT_FIGURES.reduce((t, re) => t.replace(re, ''), line);
		return FIGURES.filter(([, re]) => re.test(text)).map(([what]) => what);
	};
	expect(found('at 1.06× the floor')).toEqual(['a ratio']);
	expect(found('吞吐为 0.56 倍')).toEqual(['a ratio']);
	expect(found('version 1 takes 29 deliveries a second where 1.1 takes 70')).toEqual(['a rate']);
	expect(found('605 items/s against 540')).toEqual(['a rate']);
	expect(found('median 69 ms, p95 72 ms')).toEqual(['a latency or cost']);
	expect(found('延迟中位数约 45–90 毫秒')).toEqual(['a latency or cost']);
	expect(found('3 × 429 (0.3 %)')).toEqual(['a count of 429s']);
	expect(found('almost never meet a 429 (2 in 1,000 in the benchmark)')).toEqual([
		'a count out of a run',
	]);
	expect(found("MPChat's 30 requests/s, paced to 29/s; BotTalk 100 pushes/h")).toEqual([]);
	expect(
		found(
			'2 × 150 sends on 2 workers; BotTalk 42901; a 300 s window; up to 100,000 nonces; 429 waits',
		),
	).toEqual([]);
	expect(found('`POST /api/v1/s/bot/updates`')).toEqual([]);
});

test('figures are written in docs/benchmarks.md alone: every other page links there', () => {
	expect(FIGURE_PAGES).toEqual(
		expect.arrayContaining([
			'README.md',
			'docs/README.zh-CN.md',
			'docs/shared-core.md',
			'packages/n8n-nodes-mpchat/README.md',
		]),
	);
	expect(figuresIn('docs/benchmarks.md').length).toBeGreaterThan(20);
	expect(FIGURE_PAGES.flatMap(figuresIn)).toEqual([]);
});

/** A node's description as built (`npm run build` first), with its resource names by value. */
function describeNode(dir, file) {
	const built = new (Object.values(require(path.join(dir, file)))[0])();
	return built.description;
}

/** nodes.md's sections: each "## " or "### " heading with the text up to the next heading. */
function sectionsOf(md) {
	return [...md.matchAll(/^#{2,3} (.+)\n([\s\S]*?)(?=^#{2,3} |(?![\s\S]))/gm)].map(
		([, title, body]) => ({ title, body }),
	);
}

test('docs/nodes.md lists every operation of every action node and every field and option of every trigger', () => {
	const sections = sectionsOf(read('docs/nodes.md'));
	const missing = [];
	let checked = 0;
	for (const { dir, pkg } of PACKAGES) {
		for (const file of pkg.n8n.nodes) {
			const description = describeNode(dir, file);
			const section = sections.find((s) => s.title.includes(`(\`${description.name}\`)`));
			if (!section) {
				missing.push(`no section "${description.displayName} (\`${description.name}\`)"`);
				continue;
			}
			const rows = section.body.split('\n').filter((l) => l.startsWith('| '));
			const resources = description.properties.find((p) => p.name === 'resource');
			if (resources) {
				// A row like "| Reminder → List / Create / Enable / Disable | …".
				for (const op of description.properties.filter((p) => p.name === 'operation')) {
					const resource = resources.options.find(
						(o) => o.value === op.displayOptions.show.resource[0],
					).name;
					for (const o of op.options) {
						checked++;
						const listed = rows.some(
							(r) =>
								r.startsWith(`| ${resource} → `) &&
								r
									.split(' | ')[0]
									.slice(2)
									.split(/ → | \/ /)
									.includes(o.name),
						);
						if (!listed) missing.push(`${description.displayName}: ${resource} → ${o.name}`);
					}
				}
				continue;
			}
			// A trigger: a row "| <field or option> | …" for each field (not notices) and each option.
			const fields = description.properties.filter((p) => p.type !== 'notice');
			const names = fields.flatMap((p) =>
				p.type === 'collection' ? p.options.map((o) => o.displayName) : [p.displayName],
			);
			for (const name of names) {
				checked++;
				if (!rows.some((r) => r.startsWith(`| ${name} |`)))
					missing.push(`${description.displayName}: ${name}`);
			}
		}
	}
	expect(missing).toEqual([]);
	expect(checked).toBeGreaterThan(60);
});

// The package READMEs, as npm shows them: alone. So every link that leaves the package is an
// absolute GitHub URL into this repository, and the file (and heading) it names must exist here.
// Each has what a marketplace reader needs, and every operation and trigger its package holds.
const REPO = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const BLOB = `${REPO}/blob/main/`;
const { CJK } = require('../../scripts/check-package');
const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));

describe.each(PACKAGES.map((p) => [p.name, p]))('%s README.md', (name, { dir, pkg: pj }) => {
	const md = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
	const targets = [...prose(md).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
	const descriptions = pj.n8n.nodes.map((file) => describeNode(dir, file));
	const action = descriptions.find((d) => d.properties.some((p) => p.name === 'resource'));

	test('links only with absolute URLs, and each link into this repository resolves', () => {
		expect(targets.filter((t) => !/^https?:\/\//.test(t))).toEqual([]);
		const broken = targets
			.filter((t) => t.startsWith(BLOB))
			.filter((t) => {
				const [file, anchor] = t.slice(BLOB.length).split('#');
				if (!fs.existsSync(path.join(ROOT, file))) return true;
				return anchor !== undefined && !(file.endsWith('.md') && anchorsOf(read(file)).has(anchor));
			});
		expect(broken).toEqual([]);
		for (const page of [
			'docs/self-hosted.md',
			'docs/ai-agents.md',
			'docs/benchmarks.md',
			'docs/credentials.md',
			'docs/nodes.md',
		]) {
			if (page === 'docs/benchmarks.md' && name === 'n8n-nodes-bottalk') continue; // no figures measured for BotTalk
			expect([page, targets.some((t) => t.startsWith(BLOB + page))]).toEqual([page, true]);
		}
	});

	test('English only, install by its name, its credential fields, compatibility', () => {
		expect(md.split('\n').filter((l) => CJK.test(l))).toEqual([]);
		expect(md).toContain(`Settings → Community Nodes → Install*, package name \`${name}\``);
		const credential = new (Object.values(require(path.join(dir, pj.n8n.credentials[0])))[0])();
		expect(md).toMatch(
			new RegExp(`^## Credential: ${credential.displayName.replace('.', '\\.')}$`, 'm'),
		);
		for (const field of credential.properties.filter((p) => p.type !== 'hidden'))
			expect([field.displayName, md.includes(`\n| ${field.displayName} |`)]).toEqual([
				field.displayName,
				true,
			]);
		expect(md).toMatch(/n8n 2\.40\.x and 2\.41\.x on Node 24\*\* and \*\*n8n 1\.123\.x on Node 22/);
		expect(targets).toContain(`${BLOB}docs/development.md#compatibility-matrix-npm-run-compat`);
	});

	test("pictures: raw URLs of files in docs/images (npm shows no other), its own node's and credential's among them", () => {
		const RAW = `${REPO.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/`;
		// The npm version badge is the one picture from elsewhere.
		const badge = `https://img.shields.io/npm/v/${name}`;
		expect(md).toContain(`[![npm version](${badge})](https://www.npmjs.com/package/${name})`);
		const images = [...prose(md).matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)]
			.map(([, alt, url]) => ({ alt, url }))
			.filter(({ url }) => url !== badge);
		for (const { alt, url } of images) {
			expect([url, url.startsWith(`${RAW}docs/images/`)]).toEqual([url, true]);
			expect([url, fs.existsSync(path.join(ROOT, url.slice(RAW.length)))]).toEqual([url, true]);
			expect([url, alt.length > 10]).toEqual([url, true]); // says what it shows
		}
		const short = name.replace('n8n-nodes-', '');
		const shown = images.map((i) => path.basename(i.url));
		expect(shown).toEqual(
			expect.arrayContaining([
				`node-operations-${short}.png`,
				`credential-${short}.png`,
				'send-and-wait-chat.png',
				'send-and-wait-page.png',
			]),
		);
		if (descriptions.length > 1) expect(shown).toContain(`trigger-output-${short}.png`);
		// Near the top: the picture comes before Install.
		expect(md.indexOf(`node-operations-${short}.png`)).toBeLessThan(md.indexOf('\n## Install\n'));
	});

	test('every operation of its action node, each trigger, a first workflow, its examples, AI agent use', () => {
		const rows = md.split('\n').filter((l) => l.startsWith('| '));
		const resources = action.properties.find((p) => p.name === 'resource');
		const missing = [];
		for (const op of action.properties.filter((p) => p.name === 'operation')) {
			const resource = resources.options.find(
				(o) => o.value === op.displayOptions.show.resource[0],
			).name;
			for (const o of op.options) {
				if (
					!rows.some(
						(r) =>
							r.startsWith(`| ${resource} → `) &&
							r
								.split(' | ')[0]
								.slice(2)
								.split(/ → | \/ /)
								.includes(o.name),
					)
				)
					missing.push(`${resource} → ${o.name}`);
			}
		}
		expect(missing).toEqual([]);
		for (const trigger of descriptions.filter((d) => d !== action))
			expect(md).toMatch(new RegExp(`^## ${trigger.displayName.replace('.', '\\.')}\\b`, 'm'));
		expect(md).toMatch(/^## Your first workflow \(3 steps\)\n\n1\. [\s\S]*\n2\. [\s\S]*\n3\. /m);
		const ours = EXAMPLES.filter((f) =>
			JSON.parse(read(`examples/${f}`)).nodes.some((n) => n.type.startsWith(`${name}.`)),
		);
		expect(ours.length).toBeGreaterThan(0);
		for (const f of ours) expect(targets).toContain(`${BLOB}examples/${f}`);
		for (const word of [
			'chatInput',
			'sessionId',
			`\`${action.name}Tool\``,
			`\`${action.name}HitlTool\``,
		])
			expect([word, md.includes(word)]).toEqual([word, true]);
	});
});

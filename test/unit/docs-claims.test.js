'use strict';
// Four promises the docs once made beyond what the code does (issue 27, items 12-15), each checked
// against the code, on every page a reader meets: README.md, docs/*.md and the package READMEs.
// The numbers come from the built core, so a changed retry policy fails here until the docs say it.
const fs = require('fs');
const path = require('path');
const { PACKAGES, core } = require('../helpers/packages');

const ROOT = path.resolve(__dirname, '../..');
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const PACKAGE_READMES = PACKAGES.map((p) => path.relative(ROOT, path.join(p.dir, 'README.md')));
const PAGES = [
	'README.md',
	...fs
		.readdirSync(path.join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
	...PACKAGE_READMES,
];
const { DEFAULT_RETRY } = require(core('retry', 'mpChat'));

/** Markdown paragraphs and list items, each joined to one line, so a claim broken over lines is one. */
function passages(md) {
	return md
		.split(/\n(?=\s*\n|\s*[-*] |\s*\d+\. |#)/)
		.map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
		.filter(Boolean);
}

/** "page: passage" for every passage on every page that `match` picks. */
function where(match, pages = PAGES) {
	return pages.flatMap((page) =>
		passages(read(page))
			.filter(match)
			.map((p) => `${page}: ${p.slice(0, 160)}`),
	);
}

test('the passage splitter keeps a sentence broken over lines whole and list items apart', () => {
	expect(passages('- a restart or a\n  crash neither repeats\n- next\n\npara\ngraph')).toEqual([
		'- a restart or a crash neither repeats',
		'- next',
		'para graph',
	]);
});

describe('12: a long-poll trigger can lose the one batch a crash interrupts', () => {
	test('the code says so', () => {
		expect(read('core/longPoll.ts').replace(/\s*\n\s*\*\s*/g, ' ')).toMatch(
			/What can still be lost is the one batch between the platform's answer and n8n creating its run: a crash/,
		);
	});

	test('no page promises that a crash neither repeats nor skips an update', () => {
		expect(
			where((p) => /neither repeats nor skips|崩溃[^。]*不重复|崩溃[^。]*不遗漏/i.test(p)),
		).toEqual([]);
	});

	test('every page that says where the offset is saved also says what a crash loses', () => {
		const saving = (p) =>
			/offset (?:is|was) (?:saved|written)|offset \(last `update_id` \+ 1|offset 在交给 n8n 之前写入/.test(
				p,
			);
		const pagesSaying = PAGES.filter((page) => passages(read(page)).some(saving));
		expect(pagesSaying).toEqual(
			expect.arrayContaining([
				'docs/triggers.md',
				'docs/README.zh-CN.md',
				'packages/n8n-nodes-mpchat/README.md',
				'packages/n8n-nodes-fly/README.md',
			]),
		);
		const crashLoses =
			/crash(?:es)?[^.]*\b(?:loses|be lost)\b|one batch can be lost|崩溃[^。]*丢失/;
		const silent = pagesSaying.filter(
			(page) => !passages(read(page)).some((p) => crashLoses.test(p)),
		);
		expect(silent).toEqual([]);
	});
});

describe('13: a 429 is retried a bounded number of times, then fails', () => {
	const attempts = DEFAULT_RETRY.maxAttempts;
	const seconds = DEFAULT_RETRY.maxRetryAfterMs / 1000;

	test('the policy the docs describe', () => {
		expect(Number.isInteger(attempts) && attempts > 1).toBe(true);
		expect(Number.isInteger(seconds) && seconds > 0).toBe(true);
	});

	test('no page says a 429 is never failed', () => {
		expect(where((p) => /429/.test(p) && /never failed|never fails|不会失败/i.test(p))).toEqual([]);
	});

	test.each([
		[
			'docs/shared-core.md',
			new RegExp(`${attempts} attempts in all[^.]*;[^.]*more than ${seconds} s, fails`),
		],
		[
			'docs/queue-mode.md',
			new RegExp(`${attempts} attempts in all[^.]*more than ${seconds} s, it fails`),
		],
		[
			'docs/README.zh-CN.md',
			new RegExp(`最多共尝试 ${attempts} 次[^。]*超过 ${seconds} 秒[^。]*失败`),
		],
	])('%s states the attempts and the longest wait', (page, claim) => {
		expect(where((p) => /429/.test(p) && claim.test(p), [page])).toHaveLength(1);
	});
});

describe('14: n8n 2.x reads N8N_WEBHOOK_URL, n8n 1.x only WEBHOOK_URL', () => {
	const older = /(?<!N8N_)WEBHOOK_URL/;

	test('every page that names N8N_WEBHOOK_URL names WEBHOOK_URL too', () => {
		const oneSided = PAGES.filter((page) => {
			const md = read(page);
			return md.includes('N8N_WEBHOOK_URL') && !older.test(md);
		});
		expect(oneSided).toEqual([]);
	});

	test.each(PACKAGE_READMES)('%s says which version reads which', (page) => {
		expect(
			where(
				(p) =>
					/`N8N_WEBHOOK_URL` on n8n 2\.x/.test(p) &&
					/`WEBHOOK_URL` on n8n 1\.x \(1\.123 reads only `WEBHOOK_URL`/.test(p),
				[page],
			),
		).toHaveLength(1);
	});
});

describe('15: Send and Wait and the Human in the loop tool need a public URL', () => {
	test('no page says n8n needs no public URL at all', () => {
		expect(
			where((p) => /n8n (?:needs|requires) no public (?:URL|address)|n8n\s*无需公网地址/i.test(p)),
		).toEqual([]);
	});

	test.each(PACKAGE_READMES)('%s says the answer links need one', (page) => {
		expect(
			where(
				(p) =>
					/^- \*\*Public URL:\*\*/.test(p) &&
					/Send and Wait for Response/.test(p) &&
					/Human in the loop/.test(p) &&
					/answer links open n8n's waiting webhook/.test(p),
				[page],
			),
		).toHaveLength(1);
	});
});

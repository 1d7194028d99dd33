'use strict';
// What an AI agent and a marketplace reviewer read, from the built packages (dist/): every action
// node is usable as a tool, every operation says what it does and what it needs, every operation
// that destroys something says it cannot be undone, and the UI is in English.
const fs = require('fs');
const path = require('path');
const { PACKAGES } = require('../helpers/packages');

/** The built files every package's n8n section declares, as absolute paths. */
const declared = (kind) => PACKAGES.flatMap((p) => p.pkg.n8n[kind].map((f) => path.join(p.dir, f)));
const load = (file) => {
	const Type = Object.values(require(file))[0];
	return new Type();
};
const nodes = declared('nodes').map((f) => ({ file: f, description: load(f).description }));
const actionNodes = nodes.filter((n) => !n.description.group.includes('trigger'));
const operations = actionNodes.flatMap(({ description }) =>
	description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) =>
			p.options.map((o) => ({
				node: description.displayName,
				resource: p.displayOptions.show.resource[0],
				...o,
			})),
		),
);
const label = (o) => `${o.node} ${o.resource} → ${o.name}`;

test('the five packages have five action nodes and five triggers', () => {
	expect(actionNodes.map((n) => n.description.name).sort()).toEqual([
		'biInk',
		'botTalk',
		'fly',
		'minapp',
		'mpChat',
	]);
	expect(nodes).toHaveLength(10);
});

test.each(actionNodes.map((n) => [n.description.name, n.description]))(
	'%s is usable as an AI tool',
	(_, description) => {
		expect(description.usableAsTool).toBe(true);
	},
);

test('every operation has an action and a description that says what it needs', () => {
	const weak = operations
		.filter((o) => !o.action || !o.description || !/\bNeeds\b/.test(o.description))
		.map(label);
	expect(weak).toEqual([]);
	expect(operations.length).toBeGreaterThanOrEqual(46);
});

test('every operation that deletes or resets says it is permanent and cannot be undone', () => {
	const destructive = operations.filter(
		(o) => /^(delete|reset)/i.test(o.value) || /\b(delete|reset)\b/i.test(o.action),
	);
	expect(destructive.map(label).sort()).toEqual([
		'BotTalk channel → Delete',
		'BotTalk key → Reset',
		'BotTalk reminder → Delete',
		'bi.ink message → Delete',
	]);
	for (const o of destructive)
		expect([label(o), o.description]).toEqual([
			label(o),
			expect.stringMatching(/^Permanently .*cannot be undone/),
		]);
	// And nothing else claims to be irreversible.
	const claims = operations.filter((o) => /cannot be undone/.test(o.description)).map(label);
	expect(claims.sort()).toEqual(destructive.map(label).sort());
});

test('every node and credential has a light and a dark icon that ship in dist/', () => {
	const credentials = declared('credentials').map((f) => ({ file: f, description: load(f) }));
	for (const { file, description } of [...nodes, ...credentials]) {
		const { icon } = description;
		expect([file, Object.keys(icon).sort()]).toEqual([file, ['dark', 'light']]);
		for (const variant of [icon.light, icon.dark]) {
			const svg = path.join(path.dirname(file), variant.replace(/^file:/, ''));
			expect([variant, fs.existsSync(svg)]).toEqual([variant, true]);
			expect(fs.readFileSync(svg, 'utf8')).toMatch(/^<svg /);
		}
		expect(icon.light).not.toBe(icon.dark);
	}
});

test('the node and credential UI is in English', () => {
	const texts = [];
	const walk = (v, where) => {
		if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
		else if (v && typeof v === 'object')
			for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
		else if (typeof v === 'string') texts.push([where, v]);
	};
	for (const { file, description } of nodes) walk(description, file);
	for (const f of declared('credentials')) {
		const c = load(f);
		walk({ displayName: c.displayName, properties: c.properties }, f);
	}
	expect(texts.length).toBeGreaterThan(500);
	// Chinese characters (CJK ideographs and full-width punctuation) have no place in UI strings.
	expect(texts.filter(([, t]) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(t))).toEqual([]);
});

// n8n's AI Workflow Builder (n8n 2.40) finds nodes by builderHint.searchHint and wires them by
// relatedNodes; see docs/ai-agents.md#the-ai-workflow-builder.
const AGENT = '@n8n/n8n-nodes-langchain.agent';
const typeName = (file, description) =>
	`${PACKAGES.find((p) => file.startsWith(p.dir)).name}.${description.name}`;
const ourTypes = new Set(nodes.map(({ file, description }) => typeName(file, description)));
const platformWord = (description) => description.displayName.replace(/ (Polling )?Trigger$/, '');

describe('builderHint', () => {
	test.each(nodes.map(({ file, description }) => [typeName(file, description), description]))(
		'%s says when to use it, names its platform and the chat field to reply to',
		(_, description) => {
			const hint = description.builderHint?.searchHint ?? '';
			expect(hint).toMatch(/^Use (for|to|when) /);
			expect(hint.length).toBeGreaterThan(150);
			expect(hint.length).toBeLessThan(700);
			expect(hint).toContain(platformWord(description));
			if (description.name !== 'botTalk') expect(hint).toContain('event.chat.id');
		},
	);

	test('no hint leaks n8n wire format (what no-builder-hint-leakage forbids), in the built code too', () => {
		for (const { description } of nodes) {
			const text = JSON.stringify(description.builderHint);
			expect([description.name, text]).not.toEqual([
				description.name,
				expect.stringMatching(/={{/),
			]);
			expect([description.name, text]).not.toEqual([
				description.name,
				expect.stringMatching(/\bai_[a-zA-Z]+\b/),
			]);
		}
	});

	test('related nodes exist, triggers and action nodes of a package point at each other, action nodes are agent tools', () => {
		for (const { file, description } of nodes) {
			const related = description.builderHint.relatedNodes.map((r) => r.nodeType);
			for (const r of description.builderHint.relatedNodes) expect(r.relationHint).toBeTruthy();
			expect(related.filter((t) => t !== AGENT && !ourTypes.has(t))).toEqual([]);
			expect(related).toContain(AGENT);
			const pkg = PACKAGES.find((p) => file.startsWith(p.dir));
			const siblings = pkg.nodes
				.filter((n) => n !== description.name)
				.map((n) => `${pkg.name}.${n}`);
			const isTrigger = description.group.includes('trigger');
			// A trigger names its action node (and its other trigger); an action node its triggers.
			expect([description.name, related.filter((t) => t !== AGENT).sort()]).toEqual([
				description.name,
				siblings.sort(),
			]);
			if (!isTrigger) expect(description.builderHint.searchHint).toMatch(/Tool variant.*tool\(\)/);
		}
	});
});

describe('sensitiveOutputFields', () => {
	test('only the outputs that carry a secret-equivalent are declared, as n8n paths (key.key, list[*].key)', () => {
		const declaredFields = Object.fromEntries(
			nodes
				.filter(({ description }) => description.sensitiveOutputFields)
				.map(({ description }) => [description.name, description.sensitiveOutputFields]),
		);
		// Fly: Get Access URLs' files (URL → access URL with its grant; Download's url drops the
		// grant itself). BotTalk: Key → Reset's sendKey with Include New Key in Output on.
		// That these paths exist in real outputs is checked in test/contract/builder-hints.test.js.
		expect(declaredFields).toEqual({ fly: ['files'], botTalk: ['sendKey'] });
		for (const paths of Object.values(declaredFields))
			for (const p of paths) expect(p).toMatch(/^[A-Za-z_]\w*(\[\*\])?(\.[A-Za-z_]\w*(\[\*\])?)*$/);
	});
});

'use strict';
// What n8n 2.40 makes of builderHint and sensitiveOutputFields: its node loader keeps both on every
// node as written, and each declared sensitive path names a field the node really outputs, holding
// the secret, that n8n's redaction (same path rules as n8n 2.40's node-defined-field redaction:
// dot-separated keys, `key[*]` for each element of a list) takes out of the item.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const core = require('n8n-core');
const { setupNodeTests } = require('../helpers/nodes');
const { PACKAGES } = require('../helpers/packages');

const t = setupNodeTests();

/** What n8n 2.40 does to item.json for one declared path. */
function redactPath(obj, segments, i = 0) {
	if (typeof obj !== 'object' || obj === null) return;
	const segment = segments[i];
	if (i === segments.length - 1) {
		if (segment in obj) obj[segment] = { __redacted: true, reason: 'node_defined_field' };
		return;
	}
	if (segment.endsWith('[*]')) {
		const list = obj[segment.slice(0, -3)];
		if (Array.isArray(list)) for (const e of list) redactPath(e, segments, i + 1);
		return;
	}
	redactPath(obj[segment], segments, i + 1);
}
const redacted = (json, paths) => {
	const copy = structuredClone(json);
	for (const p of paths) redactPath(copy, p.split('.'));
	return copy;
};
/** Whether `p` names a field of json (every element of a `[*]` list counts). */
const has = (json, p) => JSON.stringify(redacted(json, [p])) !== JSON.stringify(json);

test("n8n-core 2.40's package loader keeps every node's builderHint and sensitiveOutputFields", async () => {
	const coreDir = path.dirname(require.resolve('n8n-core'));
	const version = JSON.parse(
		fs.readFileSync(path.join(coreDir, '../package.json'), 'utf8'),
	).version;
	expect(version).toMatch(/^2\.40\./);
	let seen = 0;
	for (const { dir, nodes } of PACKAGES) {
		const loader = new core.PackageDirectoryLoader(dir);
		await loader.loadAll();
		for (const name of nodes) {
			const written = loader.nodeTypes[name].type.description;
			const listed = loader.types.nodes.find((d) => d.name === name);
			expect(written.builderHint.searchHint).toBeTruthy();
			// What the editor and the builder's node catalog receive.
			expect([name, listed.builderHint, listed.sensitiveOutputFields]).toEqual([
				name,
				written.builderHint,
				written.sensitiveOutputFields,
			]);
			seen++;
		}
	}
	expect(seen).toBe(10);
});

describe('declared sensitive outputs are real and hold the secret', () => {
	/** The paths node `type` declares, as n8n's loader reads them from the build. */
	async function declared(type) {
		const pkg = PACKAGES.find((p) => p.nodes.includes(type));
		const loader = new core.PackageDirectoryLoader(pkg.dir);
		await loader.loadAll();
		return loader.nodeTypes[type].type.description.sensitiveOutputFields;
	}

	test('Fly: Get Access URLs (files); Download of an access URL keeps the grant out of its output', async () => {
		const paths = await declared('fly');
		const url = t.sim.platforms.fly.addMedia(t.sim.baseUrls().fly, {
			name: 'photo.jpg',
			mimeType: 'image/jpeg',
			bytes: crypto.randomBytes(100),
		});
		const granted = await t.run('fly', {
			resource: 'file',
			operation: 'getAccessUrls',
			urls: url,
			expireSeconds: 60,
		});
		expect(granted.error).toBeUndefined();
		const access = granted.items[0].json.files[url];
		expect(access).toMatch(/[?&]access=/);
		const downloaded = await t.run('fly', {
			resource: 'file',
			operation: 'download',
			url: access,
			urlKind: 'access',
			binaryPropertyName: 'file',
			maxSizeMb: 1,
			allowPrivateAddresses: true,
		});
		expect(downloaded.error).toBeUndefined();
		const outputs = [granted.items[0].json, downloaded.items[0].json];
		const grant = new URL(access).searchParams.get('access');
		expect(JSON.stringify(granted.items[0].json)).toContain(grant);
		expect(JSON.stringify(redacted(granted.items[0].json, paths))).not.toContain(grant);
		// Download drops an access URL's query from its output, so it has nothing to declare.
		expect(JSON.stringify(downloaded.items[0].json)).not.toContain(grant);
		// Each path is one of these real outputs' fields: none is declared for nothing.
		for (const p of paths) expect([p, outputs.some((j) => has(j, p))]).toEqual([p, true]);
		// What is not secret stays readable.
		expect(redacted(downloaded.items[0].json, paths)).toMatchObject({ fileName: 'photo.jpg' });
	});

	test('BotTalk: Key → Reset with Include New Key in Output (sendKey)', async () => {
		const paths = await declared('botTalk');
		const r = await t.run('botTalk', { resource: 'key', operation: 'reset', revealKey: true });
		expect(r.error).toBeUndefined();
		const newKey = t.sim.platforms.botTalk.sendKey;
		const { json } = r.items[0];
		expect(json.sendKey).toBe(newKey);
		for (const p of paths) expect([p, has(json, p)]).toEqual([p, true]);
		const after = redacted(json, paths);
		expect(JSON.stringify(after)).not.toContain(newKey);
		expect(after).toMatchObject({ reset: true, sendKeyMasked: expect.stringContaining('…') });
	});
});

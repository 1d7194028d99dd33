'use strict';
// The five packages, installed from their npm tarballs the way users install them, load in real
// n8n: every node and credential each declares is listed by the running instance under its
// package's name. (Each package alone: packages.e2e.test.js.)
const path = require('path');
const { packPackages, startN8n } = require('../helpers/n8n');
const { PACKAGES } = require('../helpers/packages');

jest.setTimeout(15 * 60 * 1000);

let n8n;

beforeAll(async () => {
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
});

const load = (dir, file) => new (Object.values(require(path.join(dir, file)))[0])();

test("every declared node is listed by n8n under its package's name", async () => {
	const types = (await n8n.nodeTypes()).map((t) => t.name);
	const expected = PACKAGES.flatMap(({ dir, name, pkg }) =>
		pkg.n8n.nodes.map((file) => `${name}.${load(dir, file).description.name}`),
	);
	expect(expected.map((n) => n.split('.')[1]).sort()).toEqual([
		'biInk',
		'biInkTrigger',
		'botTalk',
		'fly',
		'flyPollingTrigger',
		'flyTrigger',
		'minapp',
		'minappTrigger',
		'mpChat',
		'mpChatTrigger',
	]);
	for (const name of expected) expect(types).toContain(name);
});

test('every declared credential type is listed by n8n', async () => {
	const names = (await n8n.credentialTypes()).map((c) => c.name);
	const expected = PACKAGES.flatMap(({ dir, pkg }) =>
		pkg.n8n.credentials.map((file) => load(dir, file).name),
	);
	expect(expected).toEqual(['mpChatApi', 'biInkApi', 'flyApi', 'minappApi', 'botTalkApi']);
	for (const name of expected) expect(names).toContain(name);
});

test('the n8n that runs is the version asked for (N8N_VERSION; npm run compat sets it)', async () => {
	const settings = await n8n.request('GET', '/rest/settings');
	expect(settings.versionCli).toBe(process.env.N8N_VERSION || '2.40.7');
});

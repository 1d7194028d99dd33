'use strict';
// The package, installed from its npm tarball the way users install it, loads in real n8n:
// every node and credential it declares is listed by the running instance.
const { packPackage, startN8n, PKG } = require('../helpers/n8n');

jest.setTimeout(15 * 60 * 1000);

let n8n;

beforeAll(async () => {
	n8n = await startN8n({ tarball: packPackage() });
	await n8n.setupOwner();
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
});

const declared = (list, suffix) => list.map((p) => require('path').basename(p, suffix));

test('every declared node is listed by n8n under the package name', async () => {
	const types = (await n8n.nodeTypes()).map((t) => t.name);
	const expected = PKG.n8n.nodes.map((file) => {
		const cls = require('path').basename(file, '.node.js');
		const mod = require(`../../${file}`);
		return `${PKG.name}.${new mod[cls]().description.name}`;
	});
	expect(expected.map((n) => n.split('.')[1]).sort()).toEqual(
		['biInk', 'biInkTrigger', 'botTalk', 'fly', 'flyPollingTrigger', 'flyTrigger', 'minapp', 'minappTrigger', 'mpChat', 'mpChatTrigger'],
	);
	for (const name of expected) expect(types).toContain(name);
});

test('every declared credential type is listed by n8n', async () => {
	const names = (await n8n.credentialTypes()).map((c) => c.name);
	const expected = declared(PKG.n8n.credentials, '.credentials.js').map((cls) => {
		const mod = require(`../../dist/credentials/${cls}.credentials.js`);
		return new mod[cls]().name;
	});
	expect(expected).toEqual(['mpChatApi', 'biInkApi', 'flyApi', 'minappApi', 'botTalkApi']);
	for (const name of expected) expect(names).toContain(name);
});

test('the n8n that runs is the version asked for (N8N_VERSION; npm run compat sets it)', async () => {
	const settings = await n8n.request('GET', '/rest/settings');
	expect(settings.versionCli).toBe(process.env.N8N_VERSION || '2.40.7');
});

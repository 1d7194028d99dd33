'use strict';
// The action nodes inside a running n8n (Node 24, n8n 2.40.7), installed from the tarballs:
// credential tests against the simulator, and a workflow that streams an upload the way users
// run it (n8n's own axios, filesystem binary store).
const crypto = require('crypto');
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { leaks, runRecord, simulatorSecrets } = require('../helpers/secrets');
const { nodeType } = require('../helpers/packages');
const { WRONG, testRightAndWrong } = require('../helpers/credentialTests');

jest.setTimeout(15 * 60 * 1000);

let n8n;
let sim;
let creds;

beforeAll(async () => {
	sim = await startSimulator();
	creds = sim.creds();
	n8n = await startN8n({
		tarballs: packPackages(),
		env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' },
	});
	await n8n.setupOwner();
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

let uploadedFileId;

test.each(Object.keys(WRONG))(
	"%s: the credential test passes with the simulator's secret and fails clearly with a wrong one",
	async (type) => {
		sim.platforms.mpChat.inject({ chatId: '1', text: 'queued' });
		const pending = sim.platforms.mpChat.queue.pending.length;
		const { right, wrong, refusedByPlatform } = await testRightAndWrong(n8n, sim, type, creds);
		expect(right).toMatchObject({ status: 'OK' });
		expect(wrong.status).toBe('Error');
		// The failure is the platform refusing the wrong secret, not something before the request.
		expect(refusedByPlatform).toBe(true);
		// A credential test never consumes queued updates.
		expect(sim.platforms.mpChat.queue.pending.length).toBe(pending);
	},
);

test("a workflow uploads a webhook's raw body to bi.ink as a streamed multipart file", async () => {
	const cred = await n8n.createCredential('biInkApi', creds.biInkApi);
	const wf = await n8n.createWorkflow({
		name: 'upload e2e',
		nodes: [
			{
				id: 'w',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'upload-e2e',
				parameters: {
					httpMethod: 'POST',
					path: 'upload-e2e',
					responseMode: 'lastNode',
					options: { rawBody: true },
				},
			},
			{
				id: 'b',
				name: 'bi.ink',
				type: nodeType('biInk'),
				typeVersion: 1,
				position: [200, 0],
				credentials: { biInkApi: { id: cred.id, name: cred.name } },
				parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
			},
		],
		connections: { Webhook: { main: [[{ node: 'bi.ink', type: 'main', index: 0 }]] } },
	});
	const activated = await n8n.activate(wf);
	// n8n 2.x answers with the workflow: active, or publishing the version that was sent.
	expect(activated.active === true || activated.activeVersionId === wf.versionId).toBe(true);
	const bytes = crypto.randomBytes(3 * 1024 * 1024);
	const res = await n8n.webhookWhenLive('upload-e2e', {
		headers: { 'Content-Type': 'application/octet-stream' },
		body: bytes,
	});
	const text = await res.text();
	expect([res.status, text.slice(0, 300)]).toEqual([200, expect.any(String)]);
	const out = JSON.parse(text);
	expect(out).toMatchObject({ file_id: expect.stringMatching(/^file_/), fileSize: bytes.length });
	uploadedFileId = out.file_id;
	const upload = sim.journal
		.filter((r) => r.platform === 'biInk' && r.path === '/bot/uploadfile')
		.at(-1);
	expect(upload.multipart.files.file).toMatchObject({
		size: bytes.length,
		sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
	});
});

test("no secret, right or wrong, appears in n8n's log or in any execution's data", async () => {
	const { text } = await runRecord(n8n);
	// The executions' data really is in what is scanned.
	expect(text).toContain(uploadedFileId);
	const wrong = Object.fromEntries(
		Object.entries(WRONG).map(([type, fields]) => [`wrong ${type}`, Object.values(fields)[0]]),
	);
	expect(leaks(text, { ...simulatorSecrets(sim, creds), ...wrong })).toEqual([]);
});

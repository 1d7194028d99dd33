'use strict';
// Smoke file of `npm run compat` (and of the pinned n8n): on whichever n8n runs (N8N_VERSION), a
// Send and Wait answer counts only through the link n8n signed for the question being asked.
// Unsigned and tampered links are refused (n8n 1.x checks signatures only in runs the node marks
// for it); in a loop, the first question's link does not answer the second.
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { nodeType } = require('../helpers/packages');

jest.setTimeout(10 * 60 * 1000);

let n8n;
let sim;
let flyCred;

beforeAll(async () => {
	sim = await startSimulator();
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
	const c = await n8n.createCredential('flyApi', sim.creds().flyApi);
	flyCred = { flyApi: { id: c.id, name: c.name } };
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

/**
 * Webhook → Ask (Fly, Free Text, to group `name`) → Report (a Fly message to group "report" with
 * the execution ID, Report's run index and Ask's output) → Again (If: fewer than `questions`
 * answers so far) → back to Ask.
 */
async function loopWorkflow(name, questions) {
	const wf = await n8n.createWorkflow({
		name,
		nodes: [
			{
				id: `${name}-w`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: name,
				parameters: { httpMethod: 'POST', path: name, responseMode: 'onReceived', options: {} },
			},
			{
				id: `${name}-a`,
				name: 'Ask',
				type: nodeType('fly'),
				typeVersion: 1,
				position: [220, 0],
				credentials: flyCred,
				parameters: {
					resource: 'message',
					operation: 'sendAndWait',
					groupId: name,
					userId: '',
					message: 'Ready to deploy?',
					responseType: 'freeText',
				},
			},
			{
				id: `${name}-r`,
				name: 'Report',
				type: nodeType('fly'),
				typeVersion: 1,
				position: [440, 0],
				credentials: flyCred,
				parameters: {
					resource: 'message',
					operation: 'send',
					groupId: 'report',
					userId: '',
					msgType: 'text',
					content: '={{ JSON.stringify({ exec: $execution.id, run: $runIndex, out: $json }) }}',
				},
			},
			{
				id: `${name}-i`,
				name: 'Again',
				type: 'n8n-nodes-base.if',
				typeVersion: 1,
				position: [660, 0],
				parameters: {
					conditions: {
						number: [{ value1: '={{ $runIndex }}', operation: 'smaller', value2: questions - 1 }],
					},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
			Report: { main: [[{ node: 'Again', type: 'main', index: 0 }]] },
			Again: { main: [[{ node: 'Ask', type: 'main', index: 0 }], []] },
		},
	});
	await n8n.activate(wf);
	return name;
}

const links = (group) =>
	sim.platforms.fly.sent
		.filter((m) => m.group_id === group)
		.map((m) => m.data.content.match(/http\S+$/)?.[0]);
const reports = (executionId) =>
	sim.platforms.fly.sent
		.filter((m) => m.group_id === 'report')
		.map((m) => JSON.parse(m.data.content))
		.filter((r) => String(r.exec) === String(executionId));
const submit = (link, fields) =>
	fetch(link, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});

async function status(executionId) {
	const out = await n8n.executions();
	return (out.results ?? out).find((e) => String(e.id) === String(executionId))?.status;
}

/** The newest question's link in `group` once there are `count`, and its execution waiting. */
async function question(group, count) {
	const link = await until(
		() => links(group).length >= count && links(group)[count - 1],
		`question ${count} in ${group}`,
	);
	const executionId = new URL(link).pathname.split('/')[2];
	// Waiting on this question: saved as waiting after Report ran once per earlier question (the
	// previous wait's status can still be read while the run sends this question).
	await until(
		async () =>
			(await status(executionId)) === 'waiting' &&
			((await n8n.executionRunData(executionId)).Report?.length ?? 0) === count - 1,
		`execution ${executionId} waiting on question ${count}`,
	);
	return { link, executionId };
}

test('unsigned and tampered links are refused; only the signed link answers', async () => {
	const name = await loopWorkflow('saw-links-signed', 1);
	expect(
		(
			await n8n.webhookWhenLive(name, {
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			})
		).status,
	).toBe(200);
	const { link, executionId } = await question(name, 1);
	const unsigned = new URL(link);
	unsigned.searchParams.delete('signature');
	const tampered = new URL(link);
	const sig = tampered.searchParams.get('signature');
	tampered.searchParams.set('signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
	for (const u of [unsigned, tampered]) {
		expect((await fetch(u)).status).toBe(401);
		expect(
			(
				await submit(u.toString(), {
					'field-0': `forged via ${u === unsigned ? 'unsigned' : 'tampered'} link`,
				})
			).status,
		).toBe(401);
	}
	expect((await submit(link, { 'field-0': 'signed answer' })).status).toBe(200);
	await until(
		async () => (await status(executionId)) === 'success',
		`execution ${executionId} done`,
	);
	// The run finished: had a refused link resumed it, its text would be the one reported.
	expect(reports(executionId).map((r) => r.out.data.text)).toEqual(['signed answer']);
});

test("in a loop each question gets its own message; the first question's link does not answer the second", async () => {
	const name = await loopWorkflow('saw-links-loop', 2);
	expect(
		(
			await n8n.webhookWhenLive(name, {
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			})
		).status,
	).toBe(200);
	const first = await question(name, 1);
	expect((await submit(first.link, { 'field-0': 'first' })).status).toBe(200);
	const second = await question(name, 2);
	expect(second.executionId).toBe(first.executionId);
	expect(second.link).not.toBe(first.link);
	// The first link, opened or sent again while the second question waits: already answered.
	expect((await fetch(first.link)).status).toBe(409);
	const stale = await submit(first.link, { 'field-0': 'stale' });
	expect(stale.status).toBe(409);
	expect(await stale.text()).toContain('already answered');
	expect((await submit(second.link, { 'field-0': 'second' })).status).toBe(200);
	await until(
		async () => (await status(first.executionId)) === 'success',
		`execution ${first.executionId} done`,
	);
	expect(reports(first.executionId).map((r) => [r.run, r.out.data.text])).toEqual([
		[0, 'first'],
		[1, 'second'],
	]);
});

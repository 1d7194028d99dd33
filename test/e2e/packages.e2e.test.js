'use strict';
// Each of the five packages stands alone: a fresh n8n with only that package, installed from its
// tarball the way Settings → Community Nodes installs it, lists its node types (and the Tool and
// HitlTool variants n8n makes of action nodes) and its credential, and nothing of the other four; its
// credential test passes with the right secret and fails with a wrong one; a trigger → action
// round trip works against the simulator (BotTalk has no trigger: a webhook starts its action).
// Then all five together: every node type and credential once, each credential serving only its
// own package's nodes. Boot and listing times are recorded (not asserted) in
// .e2e-artifacts/package-load-times.json and printed at the end.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { SEND_AND_WAIT_OPERATION } = require('n8n-workflow');
const { installPackages, packPackages, startN8n, ROOT } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { leaks, runRecord, simulatorSecrets } = require('../helpers/secrets');
const { PACKAGES, dist } = require('../helpers/packages');
const { testRightAndWrong } = require('../helpers/credentialTests');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));

jest.setTimeout(15 * 60 * 1000);

const OURS = new Set(PACKAGES.map((p) => p.name));
/** Our node types in a /types/nodes.json listing, the old single package's included. */
const oursIn = (types) =>
	types
		.map((t) => t.name)
		.filter((n) => OURS.has(n.split('.')[0]) || n.startsWith('n8n-nodes-imbots.'));
const CREDENTIALS = new Set(PACKAGES.map((p) => p.credential));

/**
 * What n8n should list for a package: its nodes, the Tool variant of each node usable as a tool,
 * and the HitlTool variant (approval before an AI agent's tool call) n8n makes of each node that
 * has a Send and Wait operation.
 */
function expectedTypes({ dir, pkg, name }) {
	return pkg.n8n.nodes.flatMap((file) => {
		const { description } = new (Object.values(require(path.join(dir, file)))[0])();
		const sendAndWait = description.properties.some(
			(p) => p.name === 'operation' && p.options?.some((o) => o.value === SEND_AND_WAIT_OPERATION),
		);
		return [
			`${name}.${description.name}`,
			...(description.usableAsTool ? [`${name}.${description.name}Tool`] : []),
			...(sendAndWait && description.webhooks?.length
				? [`${name}.${description.name}HitlTool`]
				: []),
		];
	});
}

let sim;
let creds;
const times = {};

beforeAll(async () => {
	sim = await startSimulator();
	creds = sim.creds();
});

afterAll(async () => {
	if (sim) await sim.close();
	const rows = Object.entries(times).map(
		([what, t]) =>
			`  ${what.padEnd(22)} boot to REST ready ${String(t.bootToRestReadyMs).padStart(6)} ms, /types/nodes.json ${String(t.nodesJsonMs).padStart(5)} ms, ${t.nodeTypes} node types listed`,
	);
	process.stderr.write(
		`[packages] load times in n8n ${process.env.N8N_VERSION || '2.40.7'} (this machine, one run):\n${rows.join('\n')}\n`,
	);
	fs.mkdirSync(path.join(ROOT, '.e2e-artifacts'), { recursive: true });
	fs.writeFileSync(
		path.join(ROOT, '.e2e-artifacts', 'package-load-times.json'),
		`${JSON.stringify(times, null, 2)}\n`,
	);
});

/** A fresh n8n with these packages installed (none: n8n alone), timed from start to REST ready. */
async function bootWith(platforms, label) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-packages-'));
	if (platforms.length) installPackages(userFolder, packPackages(platforms));
	const started = Date.now();
	const n8n = await startN8n({ userFolder });
	const bootToRestReadyMs = Date.now() - started;
	n8n.ownsFolder = true; // removed by cleanup()
	await n8n.setupOwner();
	const listed = Date.now();
	const types = await n8n.nodeTypes();
	times[label] = { bootToRestReadyMs, nodesJsonMs: Date.now() - listed, nodeTypes: types.length };
	return { n8n, types };
}

/** trigger → action, created and activated; returns the saved workflow. */
async function workflow(n8n, name, first, second) {
	const wf = await n8n.createWorkflow({
		name,
		nodes: [
			{
				id: `${name}-1`,
				name: 'First',
				typeVersion: 1,
				position: [0, 0],
				webhookId: `${name}-hook`,
				...first,
			},
			{ id: `${name}-2`, name: 'Second', typeVersion: 1, position: [220, 0], ...second },
		],
		connections: { First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] } },
	});
	await n8n.activate(wf);
	return wf;
}

const live = (url) =>
	until(
		async () =>
			(
				await fetch(url, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: '{}',
				})
			).status !== 404,
		`${url} to go live`,
	);
const echo = '={{ "echo: " + $json.event.text }}';

/** Per platform: one trigger → action round trip (BotTalk: webhook → action) against the simulator. */
const ROUND_TRIP = {
	async mpChat(n8n, type, cred) {
		await workflow(
			n8n,
			'alone-mpchat',
			{ type: type('mpChatTrigger'), credentials: cred, parameters: { updates: ['message'] } },
			{
				type: type('mpChat'),
				credentials: cred,
				parameters: {
					resource: 'message',
					operation: 'sendText',
					chatId: '={{ $json.event.chat.id }}',
					text: echo,
				},
			},
		);
		sim.platforms.mpChat.inject({ chatId: '4242', text: 'alone mpchat' });
		const sent = await until(
			() => sim.platforms.mpChat.sent.find((m) => m.text === 'echo: alone mpchat'),
			'the MPChat echo',
		);
		expect(String(sent.chat_id)).toBe('4242');
	},
	async biInk(n8n, type, cred) {
		const wf = await workflow(
			n8n,
			'alone-biink',
			{ type: type('biInkTrigger'), credentials: cred, parameters: { events: [] } },
			{
				type: type('biInk'),
				credentials: cred,
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'eventChat',
					messageType: 'text',
					content: echo,
				},
			},
		);
		const url = `${n8n.url}/webhook/alone-biink-hook/bi-ink`;
		await live(url);
		sim.platforms.biInk.webhookUrl = `${url}?secret=${biInkWebhookSecret(creds.biInkApi.accessToken, wf.id, 'alone-biink-1')}`;
		const { delivery } = await sim.platforms.biInk.inject({
			userId: 'user_42',
			text: 'alone biink',
		});
		expect(delivery.status).toBe(200);
		const sent = await until(
			() =>
				[...sim.platforms.biInk.messages.values()].find((m) => m.content === 'echo: alone biink'),
			'the bi.ink echo',
		);
		expect(sent.target_user_id).toBe('user_42');
	},
	async fly(n8n, type, cred) {
		await workflow(
			n8n,
			'alone-fly',
			{ type: type('flyTrigger'), credentials: cred, parameters: { updates: ['message'] } },
			{
				type: type('fly'),
				credentials: cred,
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'eventChat',
					msgType: 'text',
					content: echo,
				},
			},
		);
		const url = `${n8n.url}/webhook/alone-fly-hook/fly`;
		await live(url);
		sim.platforms.fly.webhookUrl = url;
		const { delivery } = await sim.platforms.fly.inject({ userId: 'u_42', text: 'alone fly' });
		expect(delivery.status).toBe(200); // signed by the simulator, verified by the package's core
		const sent = await until(
			() => sim.platforms.fly.sent.find((m) => m.data.content === 'echo: alone fly'),
			'the Fly echo',
		);
		expect(sent.to_user_id).toBe('u_42');
	},
	async minapp(n8n, type, cred) {
		await workflow(
			n8n,
			'alone-minapp',
			{ type: type('minappTrigger'), credentials: cred, parameters: { events: [] } },
			{
				type: type('minapp'),
				credentials: cred,
				parameters: {
					resource: 'message',
					operation: 'send',
					conversation: { __rl: true, mode: 'id', value: '={{ $json.event.chat.id }}' },
					msgtype: 'text',
					content: echo,
				},
			},
		);
		const url = `${n8n.url}/webhook/alone-minapp-hook/minapp`;
		await live(url);
		sim.platforms.minapp.webhookUrl = url;
		const { delivery } = await sim.platforms.minapp.inject({
			conversationId: 'wr_group_dev',
			text: 'alone minapp',
		});
		expect(delivery.status).toBe(200);
		const sent = await until(
			() => sim.platforms.minapp.sent.find((m) => m.text?.content === 'echo: alone minapp'),
			'the minapp echo',
		);
		expect(sent.conversation_id).toBe('wr_group_dev');
	},
	async botTalk(n8n, type, cred) {
		const webhook = {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: {
				httpMethod: 'POST',
				path: 'alone-bottalk',
				responseMode: 'lastNode',
				options: {},
			},
		};
		await workflow(n8n, 'alone-bottalk', webhook, {
			type: type('botTalk'),
			credentials: cred,
			parameters: {
				resource: 'push',
				operation: 'send',
				title: '={{ $json.body.title }}',
				content: '={{ $json.body.content }}',
				channel: 'default',
			},
		});
		const res = await n8n.webhookWhenLive('alone-bottalk', {
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ title: 'Alone', content: 'alone bottalk' }),
		});
		expect(res.status).toBe(200);
		expect(sim.platforms.botTalk.sent.at(-1)).toMatchObject({
			title: 'Alone',
			content: 'alone bottalk',
		});
	},
};

describe.each(PACKAGES.map((p) => [p.name, p]))('%s alone in a fresh n8n', (name, p) => {
	let n8n;
	let types;
	const type = (node) => `${name}.${node}`;

	beforeAll(async () => {
		({ n8n, types } = await bootWith([p.platform], name));
	});

	afterAll(async () => {
		if (n8n) await n8n.cleanup();
		for (const platform of ['biInk', 'fly', 'minapp']) sim.platforms[platform].webhookUrl = '';
	});

	test("lists its node types and their Tool and HitlTool variants, and no other package's", () => {
		const expected = expectedTypes(p);
		expect(expected).toEqual(
			expect.arrayContaining([
				...p.nodes.map(type),
				type(`${p.platform}Tool`),
				type(`${p.platform}HitlTool`),
			]),
		);
		expect(oursIn(types).sort()).toEqual(expected.sort());
	});

	// n8n appends "Custom API Call" to the Resource and Operation lists of a node whose credential it
	// thinks can authenticate any request; these nodes have no such operation, so it must not appear.
	test('every Resource and Operation choice it lists is one the node runs: no Custom API Call', () => {
		const choices = types
			.filter((t) => oursIn([t]).length)
			.flatMap((t) =>
				t.properties
					.filter((q) => ['resource', 'operation'].includes(q.name))
					.flatMap((q) => (q.options ?? []).map((o) => `${t.name} ${q.name}=${o.value}`)),
			);
		expect(choices.length).toBeGreaterThan(0);
		expect(choices.filter((c) => c.endsWith('=__CUSTOM_API_CALL__'))).toEqual([]);
	});

	test("lists its credential, and no other package's", async () => {
		const credentials = (await n8n.credentialTypes())
			.map((c) => c.name)
			.filter((c) => CREDENTIALS.has(c));
		expect(credentials).toEqual([p.credential]);
	});

	test('its credential test passes with the right secret and fails with a wrong one', async () => {
		const { right, wrong, refusedByPlatform } = await testRightAndWrong(
			n8n,
			sim,
			p.credential,
			creds,
		);
		expect(right).toMatchObject({ status: 'OK' });
		expect(wrong.status).toBe('Error');
		expect(refusedByPlatform).toBe(true);
	});

	test(
		p.platform === 'botTalk'
			? 'a webhook → action round trip works against the simulator'
			: 'a trigger → action round trip works against the simulator',
		async () => {
			const c = await n8n.createCredential(
				p.credential,
				creds[p.credential],
				`${p.credential} round trip`,
			);
			await ROUND_TRIP[p.platform](n8n, type, { [p.credential]: { id: c.id, name: c.name } });
			const [wf] = (await n8n.request('GET', '/rest/workflows')).filter((w) =>
				w.name.startsWith('alone-'),
			);
			const runs = await n8n.settledExecutions(wf.id, 1);
			expect(runs.map((r) => r.status)).toEqual(['success']);
		},
	);

	test("no token or secret appears in n8n's log or in any execution's data", async () => {
		const { text, executions } = await runRecord(n8n);
		expect(executions).toBeGreaterThan(0);
		expect(leaks(text, simulatorSecrets(sim, creds))).toEqual([]);
	});
});

describe('all five packages together', () => {
	let n8n;
	let types;

	beforeAll(async () => {
		({ n8n, types } = await bootWith(
			PACKAGES.map((p) => p.platform),
			'all five',
		));
	});

	afterAll(async () => {
		if (n8n) await n8n.cleanup();
	});

	test('every node type of every package is listed once, and nothing of the old single package', () => {
		const listed = oursIn(types);
		expect(listed.length).toBe(new Set(listed).size);
		expect(listed.sort()).toEqual(PACKAGES.flatMap(expectedTypes).sort());
		expect(listed.filter((n) => n.startsWith('n8n-nodes-imbots.'))).toEqual([]);
	});

	test("each credential is listed once and serves only its own package's nodes", async () => {
		const credentials = (await n8n.credentialTypes()).filter((c) => CREDENTIALS.has(c.name));
		expect(credentials.map((c) => c.name).sort()).toEqual([...CREDENTIALS].sort());
		for (const c of credentials) {
			const p = PACKAGES.find((x) => x.credential === c.name);
			expect([
				c.name,
				(c.supportedNodes ?? []).filter((n) => OURS.has(n.split('.')[0])).sort(),
			]).toEqual([c.name, p.nodes.map((n) => `${p.name}.${n}`).sort()]);
		}
	});
});

describe('n8n without our packages (the baseline for the load times)', () => {
	test('boots, and lists none of our node types', async () => {
		const { n8n, types } = await bootWith([], 'no package (baseline)');
		try {
			expect(oursIn(types)).toEqual([]);
		} finally {
			await n8n.cleanup();
		}
	});
});

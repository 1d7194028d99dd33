'use strict';
// Every example workflow of `npm start`, set up by the same code (scripts/demo.js) in a running
// n8n against the simulator: a user's message reaches each trigger and the bot's answer reaches
// the platform; the AI assistant (scripted model) with memory, a tool and an approval; the bi.ink
// button and Fly media round trips; BotTalk push and reminder; switching
// a platform to "your account" rewires the existing workflows without duplicating them; and the
// whole run leaves no secret in n8n's log or execution data.
const { execFile } = require('child_process');
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { leaks, runRecord, simulatorSecrets } = require('../helpers/secrets');
const {
	DEMO_MODEL_RULES,
	credentialPlan,
	ensureCredentials,
	ensureExamples,
	readExamples,
	webhookUrls,
} = require('../../scripts/demo');
const { dist } = require('../helpers/packages');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));

jest.setTimeout(15 * 60 * 1000);

let n8n;
let sim;
let plan;
let flows;
let secrets;

beforeAll(async () => {
	sim = await startSimulator();
	// As npm start does: the scripted model's rules for the AI assistant example.
	sim.model.rules = DEMO_MODEL_RULES;
	secrets = simulatorSecrets(sim);
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
	plan = credentialPlan(sim.creds(), {});
	flows = await ensureExamples(n8n, await ensureCredentials(n8n, plan));
	const urls = webhookUrls(n8n.url, flows, plan, biInkWebhookSecret);
	sim.platforms.biInk.webhookUrl = urls.biInk;
	sim.platforms.minapp.webhookUrl = urls.minapp;
	secrets['bi.ink webhook secret'] = new URL(urls.biInk).searchParams.get('secret');
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

const sentBy = (platform) => sim.platforms[platform].sent;

/** `npm run say -- …` against this test's simulator and n8n: what a reader of the docs types. */
const say = (...args) =>
	new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[require.resolve('../../scripts/say.js'), ...args],
			{ env: { ...process.env, SIM_PORT: String(sim.port), N8N_PORT: String(n8n.port) } },
			(error, stdout, stderr) =>
				error ? reject(new Error(`${error.message}\n${stdout}${stderr}`)) : resolve(stdout),
		);
	});

/** Delivers a webhook event once n8n has published the workflow (until then it answers 404). */
async function injectWhenLive(platform, input) {
	return await until(async () => {
		const out = await sim.platforms[platform].inject(input);
		return out.delivery.status !== 404 && out;
	}, `the ${platform} webhook to go live`);
}

test('every example is imported once and active', async () => {
	expect(Object.keys(flows).sort()).toEqual(
		readExamples()
			.map((e) => e.file)
			.sort(),
	);
	for (const wf of Object.values(flows)) expect(wf.active).toBe(true);
});

test('the AI assistant (MPChat), played with npm run say: answers with memory, calls a tool, asks a person before the risky one', async () => {
	expect(await say('mpChat', 'hello, I am Ann')).toContain(
		'mpChat bot → you: You said "hello, I am Ann". Nothing earlier.',
	);
	const photo = await say('mpChat', 'photo', 'https://img.invalid/cat.png');
	expect(photo).toContain(
		'mpChat bot → you: [photo https://img.invalid/cat.png] The photo you asked for',
	);
	expect(photo).toMatch(/mpChat bot → you: Send_photo answered: \[\{"message_id":\d+/);
	expect(await say('mpChat', 'what did I say?')).toContain(
		'Earlier you said: ["hello, I am Ann","photo https://img.invalid/cat.png"].',
	);

	const asked = await say('mpChat', 'announce', 'Release 2.1');
	expect(asked).toContain(
		'mpChat bot → you: The agent wants to run this tool: Post_to_team_channel\n\nInput:\n{\n  "text": "Release 2.1"\n}',
	);
	expect(asked).toContain(
		'buttons: [Post it] [Not now]  (press one: npm run say -- answer mpChat approve|decline)',
	);
	const link = sentBy('mpChat').at(-1).reply_markup.inline_keyboard[0][0].url;
	const waiting = new URL(link).pathname.split('/')[2];
	await until(
		async () =>
			((await n8n.executions()).results ?? []).find((e) => String(e.id) === waiting)?.status ===
			'waiting',
		`execution ${waiting} waiting`,
	);
	const approved = await say('answer', 'mpChat', 'approve');
	expect(approved).toContain('mpChat bot → chat -1001234567890: Release 2.1');
	expect(approved).toMatch(/mpChat bot → you: Post_to_team_channel answered: \[\{"message_id":\d+/);
});

test('minapp echo bot answers a user', async () => {
	const { delivery } = await injectWhenLive('minapp', { text: 'hi minapp' });
	expect(delivery.status).toBe(200);
	await until(
		() => sentBy('minapp').find((m) => m.text?.content === 'echo: hi minapp'),
		'the minapp echo',
	);
});

test('bi.ink button round trip: echo with a keyboard → press → answer → edited message without buttons', async () => {
	const { delivery } = await injectWhenLive('biInk', { userId: 'user_9', text: 'hi bi.ink' });
	expect(delivery.status).toBe(200);
	const reply = await until(
		() => sentBy('biInk').find((m) => m.content?.startsWith('echo: hi bi.ink')),
		'the bi.ink echo',
	);
	expect(reply.target_user_id).toBe('user_9');
	expect(reply.extra.inline_keyboard.flat().map((b) => b.callback_data)).toEqual(['yes', 'no']);

	const { event } = await sim.platforms.biInk.inject({
		userId: 'user_9',
		kind: 'callback',
		callbackData: 'no',
		messageId: reply.message_id,
	});
	const callback = await until(
		() => sim.platforms.biInk.callbacks.get(event.callback_id).answer,
		'the callback answer',
	);
	expect(callback.text).toBe('You chose no');
	await until(() => reply.edited, 'the message edit');
	expect(reply.content).toBe('Thanks! You chose: no');
	expect(reply.extra.inline_keyboard).toEqual([]);
});

test('Fly echo bot: text is echoed; an image is downloaded, described and sent back', async () => {
	await sim.platforms.fly.inject({ userId: 'u_5', text: 'hi fly' });
	await until(() => sentBy('fly').find((m) => m.data.content === 'echo: hi fly'), 'the Fly echo');

	const bytes = Buffer.alloc(3000, 7);
	const { update } = await sim.platforms.fly.inject(
		{
			userId: 'u_5',
			msgType: 'image',
			media: { kind: 'image', name: 'cat.png', mimeType: 'image/png', bytes },
		},
		sim.baseUrls().fly,
	);
	const url = update.message.data.originalUrl;
	const described = await until(
		() => sentBy('fly').find((m) => /^got your image/.test(m.data.content ?? '')),
		'the description',
	);
	expect(described.data.content).toBe('got your image: cat.png, 3 kB, image/png');
	const back = await until(
		() => sentBy('fly').find((m) => m.msg_type === 'image'),
		'the image sent back',
	);
	expect(back).toMatchObject({ to_user_id: 'u_5', data: { originalUrl: url } });
});

test('BotTalk: the webhook pushes to the default channel and creates a reminder', async () => {
	const res = await n8n.webhookWhenLive('bottalk-notify', {
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ title: 'Deploy', content: 'v2 is live', remindAt: '2026-12-01T09:30' }),
	});
	expect(res.status).toBe(200);
	expect(await res.json()).toMatchObject({
		title: 'Follow up: Deploy',
		time: '2026-12-01T09:30',
		type: 'once',
	});
	expect(sentBy('botTalk').at(-1)).toMatchObject({
		channel_id: 1,
		title: 'Deploy',
		content: 'v2 is live',
	});
	expect(sim.platforms.botTalk.reminders.at(-1)).toMatchObject({
		title: 'Follow up: Deploy',
		message: 'v2 is live',
	});
});

test('the MCP server, played with npm run say as an MCP client: the five tools listed, a call reaches the platform exactly', async () => {
	// Published a moment after activation: until then its URL answers 404 "not registered".
	const listed = await until(
		() => say('mcp').catch((e) => (/is not registered/.test(e.message) ? null : Promise.reject(e))),
		'the MCP server to go live',
	);
	for (const tool of [
		'Send_on_MPChat(chatId, text)',
		'Send_on_bi_ink(groupId, text)',
		'Send_on_Fly(userId, text)',
		'Send_on_minapp(conversation, text)',
		'Push_with_BotTalk(title, content)',
	])
		expect(listed).toContain(tool);
	const chat = '-1009007199254740993'; // beyond 2^53: exact only as a string
	const call = JSON.stringify({ chatId: chat, text: 'from an MCP client' });
	expect(await say('mcp', 'Send_on_MPChat', call)).toMatch(/^result: \[\{"message_id"/);
	expect(
		sentBy('mpChat')
			.filter((m) => m.chat_id === chat)
			.map((m) => m.text),
	).toEqual(['from an MCP client']);
	const push = JSON.stringify({ title: 'MCP push', content: 'pushed by a client' });
	expect(await say('mcp', 'Push_with_BotTalk', push)).toMatch(/^result: /);
	expect(
		sentBy('botTalk')
			.filter((m) => m.title === 'MCP push')
			.map((m) => m.content),
	).toEqual(['pushed by a client']);
});

test('a platform switched to "your account" rewires the existing examples, without duplicates', async () => {
	const env = {
		MPCHAT_BOT_TOKEN: sim.creds().mpChatApi.accessToken,
		MPCHAT_BASE_URL: sim.baseUrls().mpChat,
	};
	const next = credentialPlan(sim.creds(), env);
	expect(next.mpChatApi).toMatchObject({ source: 'environment', envVar: 'MPCHAT_BOT_TOKEN' });
	const refs = await ensureCredentials(n8n, next);
	const again = await ensureExamples(n8n, refs);
	expect(again['ai-assistant.json'].id).toBe(flows['ai-assistant.json'].id);
	expect((await n8n.request('GET', '/rest/workflows')).length).toBe(Object.keys(flows).length);
	const mp = await n8n.request('GET', `/rest/workflows/${flows['ai-assistant.json'].id}`);
	expect(
		mp.nodes.filter((n) => n.credentials?.mpChatApi).map((n) => n.credentials.mpChatApi.name),
	).toEqual(Array(5).fill('mpChatApi (your account)'));
	expect(mp.nodes.find((n) => n.credentials?.openAiApi).credentials.openAiApi.name).toBe(
		'openAiApi (simulator)',
	);
	expect(mp.activeVersionId).toBe(mp.versionId);
	sim.platforms.mpChat.inject({ chatId: '10002', text: 'after the switch' });
	await until(
		() => sentBy('mpChat').find((m) => m.text === 'You said "after the switch". Nothing earlier.'),
		'the answer through the new credential',
		60_000,
	);
});

test('approve a deployment, played with npm run say: asked on bi.ink (pressed in the chat), then on minapp (answered by link), then announced', async () => {
	// The webhook goes live asynchronously after activation.
	await n8n.webhookWhenLive('approve-deployment', {
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ version: 'warm-up' }),
	});
	await until(
		() => sentBy('biInk').find((m) => m.content?.startsWith('Deploy warm-up')),
		'the warm-up question',
	);
	expect(await say('deploy', 'v9.9')).toMatch(
		/Deploy v9\.9 to production\?[\s\S]*buttons: \[Deploy\] \[Hold\]/,
	);
	const pressed = await say('biInk', '--press', 'approve');
	expect(pressed).toMatch(/biInk bot answered the press: Deploy ✓/);
	const minappQuestion = await until(
		() =>
			sentBy('minapp').find(
				(m) =>
					m.link?.title === 'Deployment approved by John Doe. Release notes for the announcement?',
			),
		'the minapp question',
	);
	expect(minappQuestion.link.desc).toBe('点此填写 / Answer here');
	expect(await say('answer', 'minapp', 'faster', 'search')).toMatch(
		/→ 200: Thank you Your answer was sent\./,
	);
	await until(
		() =>
			sentBy('biInk').find(
				(m) => m.content === 'Deployment v9.9: going ahead. Notes: faster search',
			),
		'the announcement',
	);
});

test('approve a deployment works whichever way each question is answered: Approve or Decline pressed in the chat or clicked on the page, then the minapp form', async () => {
	const status = async (executionId) =>
		((await n8n.executions(flows['approve-deployment.json'].id)).results ?? []).find(
			(e) => String(e.id) === String(executionId),
		)?.status;
	const ways = [
		{
			how: 'pressed Approve',
			answer: ['biInk', '--press', 'approve'],
			said: /answered the press: Deploy ✓/,
			approved: true,
			by: ' by John Doe',
		},
		{
			how: 'pressed Decline',
			answer: ['biInk', '--press', 'decline'],
			said: /answered the press: Hold ✓/,
			approved: false,
		},
		{
			how: 'clicked Approve on the page',
			answer: ['answer', 'biInk', 'approve'],
			said: /→ 200: Thank you You chose "Deploy"\./,
			approved: true,
			by: '',
		},
		{
			how: 'clicked Decline on the page',
			answer: ['answer', 'biInk', 'decline'],
			said: /→ 200: Thank you You chose "Hold"\./,
			approved: false,
		},
	];
	// Live once n8n has published the webhook; this question stays unanswered.
	await n8n.webhookWhenLive('approve-deployment', {
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ version: 'warm-up-2' }),
	});
	await until(
		() => sentBy('biInk').find((m) => m.content?.startsWith('Deploy warm-up-2')),
		'the warm-up question',
	);
	for (const [i, way] of ways.entries()) {
		const version = `v3.${i}`;
		expect(await say('deploy', version)).toMatch(
			new RegExp(`Deploy ${version.replace('.', '\\.')} to production\\?`),
		);
		// The link is added to the question last: then the execution is about to wait.
		const link = await until(
			() =>
				sentBy('biInk')
					.map(
						(m) =>
							m.content?.startsWith(`Deploy ${version} `) &&
							m.content.match(/http\S+webhook-waiting\S+/)?.[0],
					)
					.find(Boolean),
			`the link in the question (${way.how})`,
		);
		const waiting = new URL(link).pathname.split('/')[2];
		await until(async () => (await status(waiting)) === 'waiting', `execution ${waiting} waiting`);
		// Through real n8n the page keeps its headers (opening it decides nothing).
		const page = await fetch(link);
		expect([
			page.status,
			page.headers.get('x-frame-options'),
			page.headers.get('x-content-type-options'),
		]).toEqual([200, 'DENY', 'nosniff']);
		expect(page.headers.get('content-security-policy')).toMatch(
			/^default-src 'none'; style-src 'sha256-[^']+'; .*frame-ancestors 'none'/,
		);
		const asked = sentBy('minapp').length;
		expect([way.how, await say(...way.answer)]).toEqual([way.how, expect.stringMatching(way.said)]);
		const title = way.approved
			? `Deployment approved${way.by}. Release notes for the announcement?`
			: 'The deployment was not approved. What should the team know?';
		const question = await until(
			() =>
				sentBy('minapp')
					.slice(asked)
					.find((m) => m.link?.title === title),
			`the minapp question after "${way.how}"`,
		);
		expect(new URL(question.link.url).pathname.split('/')[2]).toBe(waiting);
		// The question is sent before the run waits again: answered only once it waits.
		await until(
			async () => (await status(waiting)) === 'waiting',
			`execution ${waiting} waiting for the minapp answer`,
		);
		const notes = `notes for ${version}`;
		expect(await say('answer', 'minapp', notes)).toMatch(/→ 200: Thank you Your answer was sent\./);
		await until(
			() =>
				sentBy('biInk').find(
					(m) =>
						m.content ===
						`Deployment ${version}: ${way.approved ? 'going ahead' : 'on hold'}. Notes: ${notes}`,
				),
			`the announcement after "${way.how}"`,
		);
		await until(
			async () => (await status(waiting)) === 'success',
			`execution ${waiting} (${way.how}) to succeed`,
		);
	}
});

test("no token, secret, SendKey or session appears in n8n's log or in any execution's data", async () => {
	const { text, executions } = await runRecord(n8n);
	expect(executions).toBeGreaterThanOrEqual(8);
	expect(text).toContain('hi bi.ink'); // the executions' data really is in what is scanned
	expect(leaks(text, simulatorSecrets(sim, sim.creds()))).toEqual([]);
	expect(leaks(text, secrets)).toEqual([]);
});

'use strict';
// Send and Wait for Response in a running n8n (installed from the tarball), the simulator and this
// test playing the person: per platform approve, decline, free text, custom form and the time
// limit; bi.ink buttons pressed in the chat and relayed by the bi.ink Trigger; unsigned or
// tampered links and plain GETs decide nothing.
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { leaks, runRecord, simulatorSecrets } = require('../helpers/secrets');
const fs = require('fs');
const path = require('path');
const { launchChromium } = require('../helpers/browser');
const { dist, nodeType } = require('../helpers/packages');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));

const ARTIFACTS = path.join(__dirname, '..', '..', '.e2e-artifacts');

jest.setTimeout(15 * 60 * 1000);

let n8n;
let sim;
let creds;
const cred = {};

beforeAll(async () => {
	sim = await startSimulator();
	creds = sim.creds();
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
	Object.assign(
		cred,
		await n8n.createCredentials(creds, [
			'mpChatApi',
			'biInkApi',
			'flyApi',
			'minappApi',
			'botTalkApi',
		]),
	);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

const TARGET = {
	mpChat: { resource: 'message', chatId: '-1001234567890123456789' },
	biInk: { resource: 'message', groupId: 'group_123', userId: '' },
	fly: { resource: 'message', groupId: 'ops', userId: '' },
	minapp: { resource: 'message', conversation: { __rl: true, mode: 'id', value: 'wr_group_ops' } },
	botTalk: { resource: 'push', title: 'Approval', channel: 'default' },
};

/** The link(s) in the newest question the platform received. */
const LINKS = {
	mpChat: () =>
		sim.platforms.mpChat.sent.at(-1)?.reply_markup?.inline_keyboard?.[0]?.map((b) => b.url),
	biInk: () =>
		[...sim.platforms.biInk.messages.values()]
			.map((m) => m.content?.match(/http\S+webhook-waiting\S+/)?.[0])
			.filter(Boolean)
			.slice(-1),
	fly: () =>
		sim.platforms.fly.sent
			.filter((m) => m.group_id === 'ops')
			.map((m) => m.data.content.match(/http\S+$/)?.[0])
			.slice(-1),
	minapp: () =>
		sim.platforms.minapp.sent
			.map((m) => m.link?.url)
			.filter(Boolean)
			.slice(-1),
	botTalk: () =>
		sim.platforms.botTalk.sent
			.map((m) => m.content.match(/\((http\S+)\)$/)?.[1])
			.filter(Boolean)
			.slice(-1),
};

let seq = 0;
/**
 * A workflow: Webhook → the platform's Send and Wait → Report (a Fly message to group "report"
 * carrying the execution ID, Report's run index and what Send and Wait output). With
 * `questions` above 1, an If after Report sends the run back to Send and Wait until it was
 * answered that many times (a loop).
 */
async function askWorkflow(platform, parameters, { questions = 1 } = {}) {
	const name = `saw-${platform}-${++seq}`;
	const loop = questions > 1;
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
				type: nodeType(platform),
				typeVersion: 1,
				position: [220, 0],
				credentials: cred[`${platform}Api`],
				parameters: {
					...TARGET[platform],
					operation: 'sendAndWait',
					message: `Deploy ${name}?`,
					...parameters,
				},
			},
			{
				id: `${name}-r`,
				name: 'Report',
				type: nodeType('fly'),
				typeVersion: 1,
				position: [440, 0],
				credentials: cred.flyApi,
				parameters: {
					resource: 'message',
					operation: 'send',
					groupId: 'report',
					userId: '',
					msgType: 'text',
					content: '={{ JSON.stringify({ exec: $execution.id, run: $runIndex, out: $json }) }}',
				},
			},
			...(loop
				? [
						{
							id: `${name}-i`,
							name: 'Again',
							type: 'n8n-nodes-base.if',
							typeVersion: 1,
							position: [660, 0],
							parameters: {
								conditions: {
									number: [
										{ value1: '={{ $runIndex }}', operation: 'smaller', value2: questions - 1 },
									],
								},
							},
						},
					]
				: []),
		],
		connections: {
			Webhook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
			...(loop
				? {
						Report: { main: [[{ node: 'Again', type: 'main', index: 0 }]] },
						Again: { main: [[{ node: 'Ask', type: 'main', index: 0 }], []] },
					}
				: {}),
		},
	});
	await n8n.activate(wf);
	return { ...wf, path: name };
}

/** Starts the workflow and returns the question's links once the platform has them, and the execution ID. */
async function ask(platform, wf, marker = 'start') {
	const before = JSON.stringify(LINKS[platform]() ?? []);
	const res = await n8n.webhookWhenLive(wf.path, {
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ marker }),
	});
	expect(res.status).toBe(200);
	const links = await until(() => {
		const now = LINKS[platform]();
		return now?.length && JSON.stringify(now) !== before ? now : undefined;
	}, `the ${platform} question`);
	const executionId = new URL(links[0]).pathname.split('/')[2];
	await until(
		async () => (await status(executionId)) === 'waiting',
		`execution ${executionId} waiting`,
	);
	return { links, executionId };
}

async function status(executionId) {
	const out = await n8n.executions();
	return (out.results ?? out).find((e) => String(e.id) === String(executionId))?.status;
}

const reports = (executionId) =>
	sim.platforms.fly.sent
		.filter((m) => m.group_id === 'report')
		.map((m) => JSON.parse(m.data.content))
		.filter((r) => String(r.exec) === String(executionId));
const report = (executionId, ms) =>
	until(() => reports(executionId)[0], `the report of execution ${executionId}`, ms);
const settled = (executionId) =>
	until(async () => (await status(executionId)) === 'success', `execution ${executionId} done`);
/** A promise the test resolves: holds simulator requests (a fault's `gate`) until let through. */
function gate() {
	let open;
	const promise = new Promise((r) => {
		open = r;
	});
	return { promise, open };
}
const submit = (link, fields) =>
	fetch(link, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});

describe.each(Object.keys(TARGET))('%s', (platform) => {
	test('approval: the page shows the question on GET, then Approve resumes approved and Decline declined', async () => {
		const wf = await askWorkflow(platform, {
			responseType: 'approval',
			approveLabel: 'Ship it',
			declineLabel: 'Hold',
		});
		for (const [choice, approved] of [
			['approve', true],
			['decline', false],
		]) {
			const { links, executionId } = await ask(platform, wf);
			const page = await fetch(links[0]);
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain(`Deploy ${wf.path}?`);
			expect(html).toContain('Ship it');
			expect(html).toContain('Hold');
			// Opening the page decided nothing.
			expect(await status(executionId)).toBe('waiting');
			const answered = await submit(links[0], { choice });
			expect(answered.status).toBe(200);
			expect(await answered.text()).toContain(
				`You chose &quot;${approved ? 'Ship it' : 'Hold'}&quot;`,
			);
			const { out } = await report(executionId);
			expect(out).toMatchObject({ approved, data: {}, via: 'page' });
			expect(Date.parse(out.respondedAt)).not.toBeNaN();
			await until(
				async () => (await status(executionId)) === 'success',
				`execution ${executionId} done`,
			);
			// A second answer changes nothing: n8n shows its "No action required" page.
			const second = await submit(links[0], { choice: approved ? 'decline' : 'approve' });
			expect(await second.text()).toContain('No action required');
			expect(
				sim.platforms.fly.sent.filter(
					(m) => m.group_id === 'report' && JSON.parse(m.data.content).exec === executionId,
				),
			).toHaveLength(1);
		}
	});

	test('free text and custom form: the answers come out by field', async () => {
		const free = await askWorkflow(platform, { responseType: 'freeText' });
		const q1 = await ask(platform, free);
		expect(await (await fetch(q1.links[0])).text()).toContain('<textarea');
		expect((await submit(q1.links[0], { 'field-0': '' })).status).toBe(400);
		expect(await status(q1.executionId)).toBe('waiting');
		expect((await submit(q1.links[0], { 'field-0': '等一下, after lunch' })).status).toBe(200);
		expect((await report(q1.executionId)).out).toMatchObject({
			data: { text: '等一下, after lunch' },
			via: 'page',
		});

		const form = await askWorkflow(platform, {
			responseType: 'customForm',
			defineForm: 'json',
			formJson: JSON.stringify([
				{ fieldLabel: 'Replicas', fieldType: 'number', requiredField: true },
				{ fieldLabel: 'Region', fieldType: 'dropdown', fieldOptions: ['cn-north', 'cn-south'] },
				{ fieldLabel: 'Notify', fieldType: 'checkbox' },
			]),
		});
		const q2 = await ask(platform, form);
		expect((await submit(q2.links[0], { 'field-0': 'three' })).status).toBe(400);
		expect(
			(await submit(q2.links[0], { 'field-0': '3', 'field-1': 'cn-south', 'field-2': 'on' }))
				.status,
		).toBe(200);
		expect((await report(q2.executionId)).out.data).toEqual({
			Replicas: 3,
			Region: 'cn-south',
			Notify: true,
			respondedAt: expect.any(String),
		});
	});
});

test('Limit Wait Time: without an answer every platform resumes with its input items, which carry no answer', async () => {
	const limit = {
		waitOptions: {
			limitWaitTime: {
				values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'seconds' },
			},
		},
	};
	const asked = [];
	for (const platform of Object.keys(TARGET))
		asked.push(await ask(platform, await askWorkflow(platform, limit), `timeout-${platform}`));
	// n8n's wait tracker looks for due executions once a minute.
	for (const [i, platform] of Object.keys(TARGET).entries()) {
		const { out } = await report(asked[i].executionId, 150_000);
		expect(out.body).toEqual({ marker: `timeout-${platform}` });
		expect(out.respondedAt).toBeUndefined();
		expect(out.approved).toBeUndefined();
	}
});

describe('links', () => {
	test('unsigned or tampered links are refused, and a plain GET never approves', async () => {
		const wf = await askWorkflow('fly', {});
		const { links, executionId } = await ask('fly', wf);
		const url = new URL(links[0]);
		const sig = url.searchParams.get('signature');
		const tampered = new URL(url);
		tampered.searchParams.set('signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
		const unsigned = new URL(url);
		unsigned.searchParams.delete('signature');
		const otherParams = new URL(url);
		otherParams.searchParams.set('choice', 'approve');
		for (const u of [tampered, unsigned, otherParams]) {
			expect((await fetch(u)).status).toBe(401);
			expect((await submit(u.toString(), { choice: 'approve' })).status).toBe(401);
		}
		// Link-preview fetchers: GET, HEAD-like GETs with odd headers, repeated.
		for (let i = 0; i < 3; i++)
			expect(
				(await fetch(links[0], { headers: { 'User-Agent': 'TelegramBot (like TwitterBot)' } }))
					.status,
			).toBe(200);
		expect(await status(executionId)).toBe('waiting');
		expect(
			sim.platforms.fly.sent.filter(
				(m) => m.group_id === 'report' && JSON.parse(m.data.content).exec === executionId,
			),
		).toHaveLength(0);
		await submit(links[0], { choice: 'approve' });
		expect((await report(executionId)).out.approved).toBe(true);
	});
});

describe('bi.ink buttons in the chat', () => {
	let echo;
	const echoRuns = async () => ((await n8n.executions(echo.id)).results ?? []).length;
	/** The message once rewritten with a decision (which also empties its keyboard). */
	const decidedMessage = (id) => {
		const m = sim.platforms.biInk.messages.get(id);
		return m.extra?.inline_keyboard?.length === 0 && m;
	};
	// A copy: the simulator's message changes when the bot edits it.
	const buttons = () =>
		structuredClone(
			[...sim.platforms.biInk.messages.values()]
				.filter((m) => m.extra?.inline_keyboard?.length)
				.at(-1),
		);
	const pressAs = async (message, index, userId, userName = 'Ann Boss') => {
		const { event, delivery } = await sim.platforms.biInk.inject({
			kind: 'callback',
			groupId: 'group_123',
			userId,
			userName,
			messageId: message.message_id,
			callbackData: message.extra.inline_keyboard[0][index].callback_data,
		});
		expect(delivery.status).toBe(200);
		return () => sim.platforms.biInk.callbacks.get(event.callback_id).answer;
	};

	beforeAll(async () => {
		// The bot's one webhook: a bi.ink Trigger workflow (an echo bot).
		echo = await n8n.createWorkflow({
			name: 'biink-bot',
			nodes: [
				{
					id: 'bot-t',
					name: 'Trigger',
					type: nodeType('biInkTrigger'),
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'biink-bot',
					credentials: cred.biInkApi,
					parameters: { events: [] },
				},
				{
					id: 'bot-r',
					name: 'Reply',
					type: nodeType('biInk'),
					typeVersion: 1,
					position: [220, 0],
					credentials: cred.biInkApi,
					parameters: {
						resource: 'message',
						operation: 'send',
						sendTo: 'eventChat',
						messageType: 'text',
						content: '={{ "echo: " + $json.event.text }}',
					},
				},
			],
			connections: { Trigger: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
		});
		await n8n.activate(echo);
		const secret = biInkWebhookSecret(creds.biInkApi.accessToken, echo.id, 'bot-t');
		await n8n.webhookWhenLive(`biink-bot/bi-ink?secret=${secret}`, {
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ event_type: 'member_joined' }),
		});
		sim.platforms.biInk.webhookUrl = `${n8n.url}/webhook/biink-bot/bi-ink?secret=${secret}`;
	});

	test('a press resumes the execution, is answered, the message loses its buttons; later presses change nothing and start no workflow', async () => {
		const wf = await askWorkflow('biInk', { approveLabel: 'Ship it' });
		const { executionId } = await ask('biInk', wf);
		const message = buttons();
		const runsBefore = await echoRuns();
		const answer = await pressAs(message, 0, 'user_7');
		expect(await until(answer, 'the answer to the press')).toMatchObject({ text: 'Ship it ✓' });
		const { out } = await report(executionId);
		expect(out).toMatchObject({
			approved: true,
			respondedBy: { id: 'user_7', name: 'Ann Boss' },
			via: 'chatButton',
		});
		// The edit follows n8n's acceptance of the answer, beside the presser's notice.
		const edited = await until(() => decidedMessage(message.message_id), 'the message edit');
		expect(edited.extra).toEqual({ inline_keyboard: [] });
		expect(edited.content).toBe(`Deploy ${wf.path}?\n\n✅ Ship it by Ann Boss`);
		// The same button pressed again (a stale client): already answered, nothing resumes twice.
		const again = await pressAs(message, 1, 'user_7');
		expect(await until(again, 'the answer to the second press')).toMatchObject({
			text: 'This was already answered.',
		});
		// A forged button: refused by the trigger.
		const forged = {
			...message,
			extra: {
				inline_keyboard: [
					[
						{
							text: 'x',
							callback_data: `${message.extra.inline_keyboard[0][0].callback_data.slice(0, -3)}AAA`,
						},
					],
				],
			},
		};
		expect(
			await until(await pressAs(forged, 0, 'user_7'), 'the answer to the forged press'),
		).toMatchObject({ text: 'This button is not valid.' });
		// Every press was answered (so the trigger had finished with it): none started the bot's workflow.
		expect(await echoRuns()).toBe(runsBefore);
		expect(
			sim.platforms.fly.sent.filter(
				(m) => m.group_id === 'report' && JSON.parse(m.data.content).exec === executionId,
			),
		).toHaveLength(1);
		// An ordinary message still runs the bot.
		await sim.platforms.biInk.inject({
			groupId: 'group_123',
			userId: 'user_7',
			text: 'still here',
		});
		await until(
			() =>
				[...sim.platforms.biInk.messages.values()].find((m) => m.content === 'echo: still here'),
			'the echo',
		);
	});

	test('Decline by the only allowed user, after someone else was told "not allowed" and nothing changed', async () => {
		const wf = await askWorkflow('biInk', { waitOptions: { allowedUserIds: 'user_boss' } });
		const before = sim.platforms.biInk.messages.size;
		await n8n.webhookWhenLive(wf.path, {
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		});
		const message = await until(
			() => sim.platforms.biInk.messages.size > before && buttons(),
			'the question with buttons',
		);
		expect(message.extra.inline_keyboard[0]).toHaveLength(2);
		// Buttons only: a link could not tell who opened it.
		expect(message.content).toBe(`Deploy ${wf.path}?`);
		const runs = await n8n.executions(wf.id);
		const executionId = (runs.results ?? runs)[0].id;
		await until(async () => (await status(executionId)) === 'waiting', 'waiting');
		const runsBefore = await echoRuns();
		const intruder = await pressAs(message, 0, 'user_7', 'Mallory');
		expect(await until(intruder, 'the answer to the intruder')).toMatchObject({
			text: 'You are not allowed to answer this.',
			show_alert: true,
		});
		expect(await status(executionId)).toBe('waiting');
		expect(sim.platforms.biInk.messages.get(message.message_id).extra).toEqual(message.extra);
		const boss = await pressAs(message, 1, 'user_boss');
		expect(await until(boss, 'the answer to the boss')).toMatchObject({ text: 'Decline ✓' });
		expect((await report(executionId)).out).toMatchObject({
			approved: false,
			respondedBy: { id: 'user_boss' },
		});
		// Both presses were answered, so the trigger had finished with them: neither started the bot's workflow.
		expect(await echoRuns()).toBe(runsBefore);
	});

	test('in a loop, a button of the first question answers nothing once the second is asked', async () => {
		const wf = await askWorkflow('biInk', { approveLabel: 'Ship it' }, { questions: 2 });
		const { executionId } = await ask('biInk', wf);
		const first = buttons();
		expect(await until(await pressAs(first, 0, 'user_7'), 'the first answer')).toMatchObject({
			text: 'Ship it ✓',
		});
		const second = await until(
			() => buttons()?.message_id !== first.message_id && buttons(),
			'the second question',
		);
		// Waiting on the second question: saved as waiting once Report has run once. The first wait's
		// status alone can still be read while the run sends the second question.
		await until(
			async () =>
				(await status(executionId)) === 'waiting' &&
				(await n8n.executionRunData(executionId)).Report?.length === 1,
			'waiting on the second question',
		);
		// A stale client still shows the first message's buttons.
		expect(await until(await pressAs(first, 1, 'user_7'), 'the stale press')).toMatchObject({
			text: 'This was already answered.',
		});
		expect(await status(executionId)).toBe('waiting');
		expect(
			await until(await pressAs(second, 1, 'user_8', 'Bob'), 'the second answer'),
		).toMatchObject({ text: 'Decline ✓' });
		await settled(executionId);
		expect(reports(executionId).map((r) => [r.run, r.out.approved, r.out.respondedBy.id])).toEqual([
			[0, true, 'user_7'],
			[1, false, 'user_8'],
		]);
	});

	/**
	 * Holds every message edit until both answers were either held there too (which happens only
	 * when each was taken as the decision before n8n resumed the run with either) or answered.
	 */
	async function atOnce(answerBoth) {
		const edits = gate();
		const fault = { platform: 'biInk', path: '/bot/editmessage', times: 2, gate: edits.promise };
		sim.faults.push(fault);
		let answered = false;
		const both = answerBoth().finally(() => {
			answered = true;
		});
		try {
			await until(
				() => fault.hits === 2 || answered,
				'both answers held at the message edit, or both answered',
			);
		} finally {
			edits.open();
		}
		const results = await both;
		return {
			results,
			edits: () => fault.hits,
			done: () => sim.faults.includes(fault) && sim.faults.splice(sim.faults.indexOf(fault), 1),
		};
	}

	test('two presses at once: one decides, the other is told "already answered", and the message shows the decision the run got', async () => {
		const wf = await askWorkflow('biInk', { approveLabel: 'Ship it' });
		const { executionId } = await ask('biInk', wf);
		const message = buttons();
		const race = await atOnce(() =>
			Promise.all([pressAs(message, 0, 'user_a', 'Ann'), pressAs(message, 1, 'user_b', 'Bob')]),
		);
		const told = await Promise.all(
			race.results.map((answer) => until(answer, 'the answer to a press')),
		);
		await settled(executionId);
		const { out } = await report(executionId);
		const winner = out.approved ? 0 : 1;
		expect(out.respondedBy.id).toBe(['user_a', 'user_b'][winner]);
		expect(told[winner].text).toBe(['Ship it ✓', 'Decline ✓'][winner]);
		expect(told[1 - winner].text).toBe('This was already answered.');
		const edited = await until(() => decidedMessage(message.message_id), 'the message edit');
		expect(edited.content).toBe(
			`Deploy ${wf.path}?\n\n${['✅ Ship it by Ann', '❌ Decline by Bob'][winner]}`,
		);
		// Both presses were answered and the run ended: the losing one never edited the message.
		expect(race.edits()).toBe(1);
		race.done();
	});

	test('two page answers at once: one is told its choice, the other is not, and the message shows the decision the run got', async () => {
		const wf = await askWorkflow('biInk', {
			approveLabel: 'Ship it',
			waitOptions: { chatButtons: false },
		});
		const { links, executionId } = await ask('biInk', wf);
		const messageId = new URL(links[0]).searchParams.get('m');
		const race = await atOnce(() =>
			Promise.all(
				['approve', 'decline'].map(async (choice) => {
					const res = await submit(links[0], { choice });
					return { status: res.status, text: await res.text() };
				}),
			),
		);
		await settled(executionId);
		const { out } = await report(executionId);
		const chosen = race.results.filter((r) => r.status === 200 && r.text.includes('You chose'));
		expect(chosen).toHaveLength(1);
		expect(chosen[0].text).toContain(
			out.approved ? 'You chose &quot;Ship it&quot;' : 'You chose &quot;Decline&quot;',
		);
		const edited = await until(() => decidedMessage(messageId), 'the message edit');
		expect(edited.content).toBe(
			`Deploy ${wf.path}?\n\n${out.approved ? '✅ Ship it' : '❌ Decline'}`,
		);
		expect(race.edits()).toBe(1);
		race.done();
	});
});

describe('a person in a browser', () => {
	let browser;
	beforeAll(async () => {
		browser = await launchChromium();
		fs.mkdirSync(ARTIFACTS, { recursive: true });
	});
	afterAll(async () => {
		if (browser) await browser.close();
	});

	test('opens the bi.ink link, sees the question, clicks the button, and the execution resumes approved', async () => {
		const wf = await askWorkflow('biInk', {
			approveLabel: 'Ship it',
			declineLabel: 'Hold',
			waitOptions: { pageTitle: 'Production deployment' },
		});
		const { links, executionId } = await ask('biInk', wf);
		const page = await browser.newPage({ viewport: { width: 720, height: 480 } });
		await page.goto(links[0]);
		expect(await page.textContent('h1')).toBe('Production deployment');
		await page.screenshot({ path: path.join(ARTIFACTS, 'send-and-wait-approval.png') });
		expect(await status(executionId)).toBe('waiting');
		await page.click('button:has-text("Ship it")');
		await page.waitForSelector('text=You chose "Ship it".');
		expect((await report(executionId)).out).toMatchObject({ approved: true, via: 'page' });
		// Answered from the page: the message was rewritten too (its link names it) and lost its buttons.
		const message = await until(
			() =>
				[...sim.platforms.biInk.messages.values()].find((m) =>
					m.content.startsWith(`Deploy ${wf.path}?\n\n✅`),
				),
			'the message edit',
		);
		expect(message).toMatchObject({
			content: `Deploy ${wf.path}?\n\n✅ Ship it`,
			extra: { inline_keyboard: [] },
		});
		await page.close();
	});

	test('fills in the minapp custom form; the browser refuses to send it without a required field', async () => {
		const wf = await askWorkflow('minapp', {
			responseType: 'customForm',
			formFields: {
				values: [
					{ fieldLabel: 'Replicas', fieldType: 'number', requiredField: true },
					{ fieldLabel: 'Region', fieldType: 'dropdown', fieldOptions: 'cn-north, cn-south' },
					{ fieldLabel: 'Reason', fieldType: 'textarea' },
				],
			},
			waitOptions: { submitLabel: 'Send' },
		});
		const { links, executionId } = await ask('minapp', wf);
		const page = await browser.newPage({ viewport: { width: 720, height: 640 } });
		await page.goto(links[0]);
		await page.click('button:has-text("Send")');
		expect(await page.$eval('#field-0', (el) => el.validity.valueMissing)).toBe(true);
		await page.fill('#field-0', '4');
		await page.selectOption('#field-1', 'cn-north');
		await page.fill('#field-2', 'Peak traffic expected');
		await page.screenshot({ path: path.join(ARTIFACTS, 'send-and-wait-form.png') });
		await page.fill('#field-2', '双十一 traffic');
		await page.click('button:has-text("Send")');
		await page.waitForSelector('text=Your answer was sent.');
		expect((await report(executionId)).out.data).toEqual({
			Replicas: 4,
			Region: 'cn-north',
			Reason: '双十一 traffic',
			respondedAt: expect.any(String),
		});
		await page.close();
	});
});

test('an answer given after n8n restarted resumes the execution: nothing was kept in memory', async () => {
	const wf = await askWorkflow('fly', { responseType: 'freeText' });
	const { links, executionId } = await ask('fly', wf);
	// Parked for good before the restart: its wait time is stored with it (n8n's recovery at start
	// keeps a run waiting only when its stored execution has one).
	await until(
		async () => (await n8n.request('GET', `/rest/executions/${executionId}`)).waitTill,
		`execution ${executionId}'s wait time to be stored`,
	);
	await n8n.restart();
	expect(await status(executionId)).toBe('waiting');
	expect((await submit(links[0], { 'field-0': 'after the restart' })).status).toBe(200);
	expect((await report(executionId)).out.data).toEqual({
		text: 'after the restart',
		respondedAt: expect.any(String),
	});
});

test("no token, secret or SendKey appears in n8n's log or in any execution's data", async () => {
	const { text, executions } = await runRecord(n8n);
	expect(executions).toBeGreaterThanOrEqual(20);
	expect(text).toContain('after the restart'); // the executions' data really is in what is scanned
	expect(leaks(text, simulatorSecrets(sim))).toEqual([]);
});

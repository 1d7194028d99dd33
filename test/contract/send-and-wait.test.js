'use strict';
// Send and Wait for Response in n8n's engine: what each platform is sent, that the execution is
// parked, and the resume webhook (GET shows, POST decides; in-chat presses need the bot's proof).
const { core, dist } = require('../helpers/packages');
const crypto = require('crypto');
const { setupNodeTests } = require('../helpers/nodes');
const engine = require('../helpers/engine');
const { encodePressRef, decodePressRef, provePress, PRESS_PREFIX } = require(
	core('sendAndWait/pressRef', 'biInk'),
);

const t = setupNodeTests();
jest.setTimeout(30_000);

// n8n-core derives its URL-signing secret from the encryption key (engine.js sets it); computed
// here independently, as n8n's waiting-webhook check does.
const HMAC_SECRET = crypto
	.createHash('sha256')
	.update(`hmac-signature:${process.env.N8N_ENCRYPTION_KEY}`)
	.digest('hex');
function signedByN8n(href) {
	const url = new URL(href);
	const given = url.searchParams.get('signature');
	url.searchParams.delete('signature');
	return (
		given ===
		crypto.createHmac('sha256', HMAC_SECRET).update(`${url.pathname}${url.search}`).digest('hex')
	);
}
const URL_RE = /http:\/\/localhost:5678\/webhook-waiting\/\S+/;
const wait = (extra) => ({
	operation: 'sendAndWait',
	message: 'Deploy v2 to production?',
	...extra,
});
const waitTillOf = (r) => r.run.waitTill;

describe('sending the question', () => {
	test('MPChat: one URL button per choice, each a signed resume URL opening the page with that choice', async () => {
		const r = await t.run(
			'mpChat',
			wait({ resource: 'message', chatId: '12345678901234567890', approveLabel: 'Ship it' }),
		);
		expect(r.error).toBeUndefined();
		expect(waitTillOf(r)).toEqual(new Date('3000-01-01T00:00:00.000Z'));
		const req = t.last('mpChat');
		expect(req.path).toMatch(/\/sendMessage$/);
		// The 20-digit chat ID travels as its decimal string, exactly.
		expect(req.text).toContain('"chat_id":"12345678901234567890"');
		const buttons = req.body.reply_markup.inline_keyboard[0];
		expect(buttons.map((b) => b.text)).toEqual(['Ship it', 'Decline']);
		expect(buttons.map((b) => new URL(b.url).searchParams.get('choice'))).toEqual([
			'approve',
			'decline',
		]);
		for (const b of buttons) {
			expect(new URL(b.url).pathname).toBe('/webhook-waiting/exec-1/n');
			expect(signedByN8n(b.url)).toBe(true);
		}
		// Pass-through items while waiting: the answer replaces them on resume.
		expect(r.items).toHaveLength(1);
	});

	test("without an execution to pause (a tool behind n8n's MCP Server Trigger): refused with a clear error, nothing sent", async () => {
		for (const [type, parameters] of [
			['mpChat', wait({ resource: 'message', chatId: '42' })],
			['biInk', wait({ resource: 'message', sendTo: 'ids', groupId: 'g1', userId: '' })],
			['fly', wait({ resource: 'message', sendTo: 'ids', groupId: '', userId: 'u1' })],
			[
				'minapp',
				wait({ resource: 'message', conversation: { __rl: true, mode: 'id', value: 'wr_1' } }),
			],
			['botTalk', wait({ resource: 'push', title: 'Deploy?' })],
		]) {
			const r = await t.run(type, parameters, { executionId: null });
			expect(r.error?.message).toBe(
				'Send and Wait for Response needs a workflow execution to pause, and this call has none',
			);
			expect(r.error.description).toMatch(/MCP Server Trigger/);
			expect(t.requests(type)).toEqual([]);
		}
	});

	test('MPChat with "Edit Message After Answer": sent plain, then given buttons whose URLs name the message', async () => {
		const r = await t.run(
			'mpChat',
			wait({
				resource: 'message',
				chatId: '42',
				responseType: 'freeText',
				waitOptions: { editAfterAnswer: true, linkLabel: 'Answer' },
			}),
		);
		expect(r.error).toBeUndefined();
		const [sent, edit] = t.requests('mpChat');
		expect(sent.body).toEqual({ chat_id: 42, text: 'Deploy v2 to production?' });
		expect(edit.path).toMatch(/\/editMessageText$/);
		const [button] = edit.body.reply_markup.inline_keyboard[0];
		expect(button.text).toBe('Answer');
		const q = new URL(button.url).searchParams;
		expect([q.get('c'), q.get('m')]).toEqual(['42', String(edit.body.message_id)]);
		expect(signedByN8n(button.url)).toBe(true);
	});

	test('bi.ink: Approve/Decline buttons carry a reference only this bot token opens, rebuilding the signed resume URL', async () => {
		const r = await t.run('biInk', wait({ resource: 'message', groupId: 'group_123', userId: '' }));
		expect(r.error).toBeUndefined();
		const [sent, edit] = t.requests('biInk');
		expect(sent.path).toBe('/bot/sendmessage');
		const keyboard = sent.body.extra.inline_keyboard;
		expect(keyboard[0].map((b) => b.text)).toEqual(['Approve', 'Decline']);
		// Edit Message After Answer is on by default for bi.ink: the link is added once the message has its ID.
		expect(sent.body.content).toBe('Deploy v2 to production?');
		expect(edit.path).toBe('/bot/editmessage');
		expect(edit.body.extra).toEqual(sent.body.extra);
		const link = edit.body.content.match(URL_RE)[0];
		expect(new URL(link).searchParams.get('m')).toBe(edit.body.message_id);
		expect(signedByN8n(link)).toBe(true);
		const token = t.creds.biInkApi.accessToken;
		const refs = keyboard[0].map((b) => decodePressRef(b.callback_data, token));
		expect(refs.map((x) => x.choice)).toEqual(['approve', 'decline']);
		for (const ref of refs) {
			expect([ref.executionId, ref.nodeId, ref.question]).toEqual(['exec-1', 'n', '0']);
			expect(
				signedByN8n(
					`http://localhost:5678/webhook-waiting/exec-1/n?q=0&signature=${ref.signature}`,
				),
			).toBe(true);
		}
		expect(decodePressRef(keyboard[0][0].callback_data, 'another-token')).toBeUndefined();
	});

	test('bi.ink with an allow-list: buttons only, no link (a link cannot tell who opened it)', async () => {
		const r = await t.run(
			'biInk',
			wait({
				resource: 'message',
				userId: 'user_1',
				groupId: '',
				waitOptions: { allowedUserIds: 'user_1, user_2' },
			}),
		);
		expect(r.error).toBeUndefined();
		const reqs = t.requests('biInk');
		expect(reqs).toHaveLength(1);
		expect(reqs[0].body.content).toBe('Deploy v2 to production?');
		expect(reqs[0].body.extra.inline_keyboard[0]).toHaveLength(2);
	});

	test('Fly: text with the link; the client_msg_id is the same for a retried send of one question, another for any other question', async () => {
		const params = wait({
			resource: 'message',
			groupId: 'g1',
			userId: '',
			responseType: 'freeText',
		});
		const idOf = async (options) => {
			const run = await t.run('fly', params, options);
			expect(run.error).toBeUndefined();
			return t.last('fly').body.client_msg_id;
		};
		const id = await idOf({});
		// The same question sent again (Retry On Fail runs the node again in the same run).
		expect(await idOf({})).toBe(id);
		// Another execution, and the next question of this one (the node's second run in a loop).
		expect(await idOf({ executionId: 'exec-2' })).not.toBe(id);
		expect(await idOf({ runIndex: 1 })).not.toBe(id);
		await idOf({});
		const req = t.last('fly');
		expect(req.body.msg_type).toBe('text');
		expect(req.body.group_id).toBe('g1');
		expect(req.body.data.content).toMatch(
			/^Deploy v2 to production\?\n\nRespond here: http:\/\/localhost:5678\/webhook-waiting\/exec-1\/n\?q=0&signature=[0-9a-f]{64}$/,
		);
		expect(signedByN8n(req.body.data.content.match(URL_RE)[0])).toBe(true);
	});

	test('in a loop each question has its own links and buttons, and is recorded as the one waiting', async () => {
		const r = await t.run(
			'biInk',
			wait({ resource: 'message', groupId: 'group_123', userId: '' }),
			{ runIndex: 2 },
		);
		expect(r.error).toBeUndefined();
		expect(r.run.data.executionData.contextData['node:Node']).toEqual({
			sendAndWaitQuestion: '2',
			sendAndWaitAllowed: '{"allowed":null}',
		});
		const [sent, edit] = t.requests('biInk');
		const link = new URL(edit.body.content.match(URL_RE)[0]);
		expect(link.searchParams.get('q')).toBe('2');
		expect(signedByN8n(link.href)).toBe(true);
		const ref = decodePressRef(
			sent.body.extra.inline_keyboard[0][0].callback_data,
			t.creds.biInkApi.accessToken,
		);
		expect(ref.question).toBe('2');
		expect(
			signedByN8n(`http://localhost:5678/webhook-waiting/exec-1/n?q=2&signature=${ref.signature}`),
		).toBe(true);
		const mp = await t.run('mpChat', wait({ resource: 'message', chatId: '42' }), { runIndex: 1 });
		expect(mp.error).toBeUndefined();
		for (const b of t.last('mpChat').body.reply_markup.inline_keyboard[0])
			expect(new URL(b.url).searchParams.get('q')).toBe('1');
	});

	test("n8n 1.x: the run is marked so n8n checks the links' signature (n8n 2.x checks every Send and Wait link)", async () => {
		// n8n 1.123's own implementation of the mark (on every node context), which n8n 2.x does not have.
		const { ExecuteContext } = require('n8n-core');
		expect(ExecuteContext.prototype.setSignatureValidationRequired).toBeUndefined();
		ExecuteContext.prototype.setSignatureValidationRequired =
			function setSignatureValidationRequired() {
				if (this.runExecutionData) this.runExecutionData.validateSignature = true;
			};
		try {
			for (const [type, parameters] of [
				['fly', { resource: 'message', groupId: 'g1', userId: '' }],
				['biInk', { resource: 'message', groupId: 'group_123', userId: '' }],
				['mpChat', { resource: 'message', chatId: '42' }],
				['minapp', { resource: 'message', conversation: { mode: 'id', value: 'wr_group_ops' } }],
				['botTalk', { resource: 'push', title: 'x', channel: 'default' }],
			]) {
				const r = await t.run(type, wait(parameters));
				expect(r.error).toBeUndefined();
				expect([type, r.run.data.validateSignature]).toEqual([type, true]);
			}
		} finally {
			delete ExecuteContext.prototype.setSignatureValidationRequired;
		}
		// Without the method (n8n 2.x) the question is still sent.
		expect(
			(await t.run('fly', wait({ resource: 'message', groupId: 'g1', userId: '' }))).error,
		).toBeUndefined();
	});

	test('the allow-list and In-Chat Buttons are offered only where they do something (hidden, n8n also drops them from the parameters)', () => {
		const { description } = require(
			dist('biInk', 'nodes/BiInk/actions/message/sendAndWait.operation'),
		);
		const options = description.find((p) => p.name === 'waitOptions').options;
		const byName = Object.fromEntries(options.map((o) => [o.name, o]));
		const { NodeHelpers } = require('n8n-workflow');
		const shown = (name, responseType, waitOptions) =>
			NodeHelpers.displayParameterPath(
				{ responseType, waitOptions },
				byName[name],
				'waitOptions',
				null,
			);
		expect(
			['approval', 'freeText', 'customForm'].map((rt) => shown('chatButtons', rt, {})),
		).toEqual([true, false, false]);
		expect(
			['approval', 'freeText', 'customForm'].map((rt) => shown('allowedUserIds', rt, {})),
		).toEqual([true, false, false]);
		expect(shown('allowedUserIds', 'approval', { chatButtons: true })).toBe(true);
		expect(shown('allowedUserIds', 'approval', { chatButtons: false })).toBe(false);
	});

	test('minapp: a link card whose URL is the signed resume URL', async () => {
		const r = await t.run(
			'minapp',
			wait({
				resource: 'message',
				conversation: { mode: 'id', value: 'wr_group_ops' },
				waitOptions: { linkLabel: '点此审批' },
			}),
		);
		expect(r.error).toBeUndefined();
		const req = t.last('minapp');
		expect(req.query.conversation_id).toBe('wr_group_ops');
		expect(req.body).toMatchObject({
			msgtype: 'link',
			link: { title: 'Deploy v2 to production?', desc: '点此审批' },
		});
		expect(signedByN8n(req.body.link.url)).toBe(true);
	});

	test('BotTalk: the push content ends with the link; a push no channel delivered fails instead of waiting forever', async () => {
		const r = await t.run(
			'botTalk',
			wait({ resource: 'push', title: 'Approval', channel: 'default' }),
		);
		expect(r.error).toBeUndefined();
		const req = t.last('botTalk');
		expect(req.body.title).toBe('Approval');
		const [, url] = req.body.desp.match(/^Deploy v2 to production\?\n\n\[Respond here\]\((\S+)\)$/);
		expect(signedByN8n(url)).toBe(true);
		t.sim.platforms.botTalk.channels.forEach((c) => {
			c.fail = true;
		});
		const failed = await t.run(
			'botTalk',
			wait({ resource: 'push', title: 'Approval', channel: 'all' }),
		);
		expect(failed.error.message).toMatch(/全部推送失败|no channel/);
		expect(waitTillOf(failed)).toBeUndefined();
	});

	test('many items: one question, sent once', async () => {
		const r = await t.run('fly', wait({ resource: 'message', groupId: 'g1', userId: '' }), {
			items: [{ json: { a: 1 } }, { json: { a: 2 } }, { json: { a: 3 } }],
		});
		expect(r.error).toBeUndefined();
		expect(t.requests('fly')).toHaveLength(1);
	});

	test('Limit Wait Time: after an interval, at a date; a date in the past fails naming the field and sends nothing', async () => {
		const before = Date.now();
		const r = await t.run(
			'fly',
			wait({
				resource: 'message',
				groupId: 'g1',
				userId: '',
				waitOptions: {
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' },
					},
				},
			}),
		);
		const till = new Date(waitTillOf(r)).getTime();
		expect(till).toBeGreaterThanOrEqual(before + 7_200_000);
		expect(till).toBeLessThanOrEqual(Date.now() + 7_200_000);
		const at = await t.run(
			'fly',
			wait({
				resource: 'message',
				groupId: 'g1',
				userId: '',
				waitOptions: {
					limitWaitTime: {
						values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2999-05-01T10:00:00Z' },
					},
				},
			}),
		);
		expect(new Date(waitTillOf(at)).toISOString()).toBe('2999-05-01T10:00:00.000Z');
		t.sim.reset();
		const past = await t.run(
			'fly',
			wait({
				resource: 'message',
				groupId: 'g1',
				userId: '',
				waitOptions: {
					limitWaitTime: {
						values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2001-01-01T00:00:00Z' },
					},
				},
			}),
		);
		expect(past.error.message).toMatch(/Limit Wait Time: Max Date and Time is in the past/);
		expect(t.requests('fly')).toHaveLength(0);
	});

	test('a custom form defined with bad JSON fails naming the field and sends nothing', async () => {
		const r = await t.run(
			'minapp',
			wait({
				resource: 'message',
				conversation: { mode: 'id', value: 'c' },
				responseType: 'customForm',
				defineForm: 'json',
				formJson: '[{"fieldLabel": "Size", "fieldType": "slider"}]',
			}),
		);
		expect(r.error.message).toMatch(/Form Fields \(JSON\): field "Size" has fieldType "slider"/);
		expect(t.requests('minapp')).toHaveLength(0);
	});
});

describe('answering (the resume webhook)', () => {
	const hook = (type, parameters, options) => {
		const credType = `${type}Api`;
		return engine.callWebhook({
			type,
			parameters: wait(parameters),
			credentials: { [credType]: t.creds[credType] },
			nodeId: 'node-1',
			query: { signature: 'a'.repeat(64) },
			...options,
		});
	};
	const decided = (r) => r.result.workflowData?.[0]?.[0]?.json;

	test('a GET (a person opening the link, or a link-preview bot) only shows the page: it never decides', async () => {
		for (const query of [{}, { choice: 'approve' }, { choice: 'approve', approved: 'true' }]) {
			const r = await hook(
				'fly',
				{ resource: 'message', approveLabel: 'Ship <it>' },
				{ method: 'GET', query: { signature: 'x', ...query } },
			);
			expect(r.result).toEqual({ noWebhookResponse: true });
			expect(r.res.statusCode).toBe(200);
			expect(r.res.body).toContain('<form method="post" action="">');
			expect(r.res.body).toContain('Ship &lt;it&gt;');
			expect(r.res.body).not.toContain('<it>');
		}
	});

	test('POST with Approve resumes approved; with Decline, declined; anything else re-shows the page and decides nothing', async () => {
		const yes = await hook('minapp', { resource: 'message' }, { body: { choice: 'approve' } });
		expect(decided(yes)).toMatchObject({ approved: true, data: {}, via: 'page' });
		expect(Date.parse(decided(yes).respondedAt)).not.toBeNaN();
		// n8n sends the page, once it resumed the run with this answer.
		expect(yes.result.noWebhookResponse).toBeUndefined();
		expect(yes.result.webhookResponse).toContain('You chose &quot;Approve&quot;');
		expect(yes.res.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(
			decided(await hook('minapp', { resource: 'message' }, { body: { choice: 'decline' } })),
		).toMatchObject({ approved: false });
		const single = await hook(
			'minapp',
			{ resource: 'message', approvalType: 'single' },
			{ body: { choice: 'decline' } },
		);
		expect(single.result.workflowData).toBeUndefined();
		expect(single.res.statusCode).toBe(400);
		expect(
			(await hook('minapp', { resource: 'message' }, { body: {} })).result.workflowData,
		).toBeUndefined();
	});

	test('MPChat "Edit Message After Answer": the page\'s answer rewrites the message its signed link names, without buttons', async () => {
		const sent = await t.run('mpChat', {
			resource: 'message',
			operation: 'sendText',
			chatId: '42',
			text: 'x',
		});
		const messageId = String(sent.items[0].json.message_id);
		const r = await hook(
			'mpChat',
			{ resource: 'message', waitOptions: { editAfterAnswer: true } },
			{ query: { signature: 'x', c: '42', m: messageId }, body: { choice: 'decline' } },
		);
		expect(decided(r)).toMatchObject({ approved: false });
		await r.send(200);
		const edit = t.last('mpChat');
		expect(edit.path).toMatch(/\/editMessageText$/);
		expect(edit.body).toEqual({
			chat_id: 42,
			message_id: Number(messageId),
			text: 'Deploy v2 to production?\n\n❌ Decline',
			reply_markup: { inline_keyboard: [] },
		});
		// Off (MPChat's default): nothing is edited.
		const before = t.requests('mpChat').length;
		const off = await hook(
			'mpChat',
			{ resource: 'message' },
			{ query: { signature: 'x', c: '42', m: messageId }, body: { choice: 'approve' } },
		);
		expect(decided(off)).toMatchObject({ approved: true });
		await off.send(200);
		expect(t.requests('mpChat')).toHaveLength(before);
	});

	test('the message is rewritten only once n8n accepted the answer: never before, never when n8n refused it', async () => {
		const sent = await t.run('mpChat', {
			resource: 'message',
			operation: 'sendText',
			chatId: '42',
			text: 'x',
		});
		const messageId = String(sent.items[0].json.message_id);
		const answer = () =>
			hook(
				'mpChat',
				{ resource: 'message', waitOptions: { editAfterAnswer: true } },
				{ query: { signature: 'x', c: '42', m: messageId }, body: { choice: 'approve' } },
			);
		const before = t.requests('mpChat').length;
		const refused = await answer();
		expect(decided(refused)).toMatchObject({ approved: true });
		expect(t.requests('mpChat')).toHaveLength(before);
		// n8n 2.x answers 500 when another answer resumed the run first.
		await refused.send(500);
		expect(t.requests('mpChat')).toHaveLength(before);
		const accepted = await answer();
		expect(t.requests('mpChat')).toHaveLength(before);
		await accepted.send(200);
		expect(t.requests('mpChat')).toHaveLength(before + 1);
		expect(t.last('mpChat').body.text).toBe('Deploy v2 to production?\n\n✅ Approve');
	});

	test("in a loop, a link of an earlier question answers nothing; the current question's link decides", async () => {
		const asked = await t.run('fly', wait({ resource: 'message', groupId: 'g1', userId: '' }), {
			runIndex: 1,
		});
		const waiting = { nodeName: 'Node', runExecutionData: asked.run.data };
		for (const method of ['GET', 'POST']) {
			for (const query of [{ q: '0' }, {}, { q: '2' }]) {
				const stale = await hook(
					'fly',
					{ resource: 'message' },
					{ ...waiting, method, query: { signature: 'x', ...query }, body: { choice: 'approve' } },
				);
				expect(stale.result).toEqual({ noWebhookResponse: true });
				expect(stale.res.statusCode).toBe(409);
				expect(stale.res.body).toContain('This question was already answered');
			}
		}
		const current = await hook(
			'fly',
			{ resource: 'message' },
			{ ...waiting, query: { signature: 'x', q: '1' }, body: { choice: 'approve' } },
		);
		expect(decided(current)).toMatchObject({ approved: true });
		expect(
			(
				await hook(
					'fly',
					{ resource: 'message' },
					{ ...waiting, method: 'GET', query: { signature: 'x', q: '1' } },
				)
			).res.statusCode,
		).toBe(200);
	});

	test('Free Text: the text is the answer; an empty one is refused', async () => {
		const r = await hook(
			'botTalk',
			{ resource: 'push', responseType: 'freeText' },
			{ body: { 'field-0': '  looks good, ship it  ' } },
		);
		expect(decided(r)).toMatchObject({ data: { text: '  looks good, ship it  ' }, via: 'page' });
		expect(decided(r).approved).toBeUndefined();
		const empty = await hook(
			'botTalk',
			{ resource: 'push', responseType: 'freeText' },
			{ body: { 'field-0': '   ' } },
		);
		expect(empty.result.workflowData).toBeUndefined();
		expect(empty.res.statusCode).toBe(400);
	});

	test('Custom Form (fields in the UI and as JSON): typed values by label; invalid values re-show the form with the error', async () => {
		const fields = {
			values: [
				{ fieldLabel: 'Replicas', fieldType: 'number', requiredField: true },
				{ fieldLabel: 'Region', fieldType: 'dropdown', fieldOptions: 'cn-north, cn-south' },
				{ fieldLabel: 'Notify', fieldType: 'checkbox' },
				{ fieldLabel: 'Contact', fieldType: 'email' },
			],
		};
		const ui = {
			resource: 'message',
			responseType: 'customForm',
			defineForm: 'fields',
			formFields: fields,
		};
		const ok = await hook('fly', ui, {
			body: {
				'field-0': '3',
				'field-1': 'cn-south',
				'field-2': 'on',
				'field-3': 'ops@example.com',
			},
		});
		expect(decided(ok).data).toEqual({
			Replicas: 3,
			Region: 'cn-south',
			Notify: true,
			Contact: 'ops@example.com',
			respondedAt: decided(ok).respondedAt,
		});
		const bad = await hook('fly', ui, {
			body: { 'field-0': 'three', 'field-1': 'us-east', 'field-3': 'ops' },
		});
		expect(bad.result.workflowData).toBeUndefined();
		expect(bad.res.statusCode).toBe(400);
		expect(bad.res.body).toContain('Replicas must be a number');
		expect(bad.res.body).toContain('Region must be one of cn-north, cn-south');
		expect(bad.res.body).toContain('Contact must be an email address');
		const json = {
			resource: 'message',
			responseType: 'customForm',
			defineForm: 'json',
			formJson: JSON.stringify([
				{ fieldLabel: 'Reason', fieldType: 'textarea', requiredField: true },
				{ fieldLabel: 'When', fieldType: 'date' },
			]),
		};
		expect(
			decided(await hook('fly', json, { body: { 'field-0': 'hotfix', 'field-1': '2026-12-01' } }))
				.data,
		).toMatchObject({ Reason: 'hotfix', When: '2026-12-01' });
		expect(
			(await hook('fly', json, { body: { 'field-1': '2026-12-01' } })).result.workflowData,
		).toBeUndefined();
	});

	describe('bi.ink in-chat presses relayed by the trigger', () => {
		const SIG = 'b'.repeat(64);
		const token = () => t.creds.biInkApi.accessToken;
		const claim = (extra = {}, tokenUsed = token()) =>
			provePress(tokenUsed, SIG, {
				choice: 'approve',
				senderId: 'user_1',
				senderName: 'Ann',
				messageId: 'msg_1',
				callbackId: 'cb_1',
				...extra,
			});
		const press = (parameters, body) =>
			hook(
				'biInk',
				{ resource: 'message', ...parameters },
				{ query: { signature: SIG }, body: { press: body } },
			);

		test('a genuine press resumes with who answered, answers the trigger, and rewrites the message without buttons', async () => {
			await t.run('biInk', {
				resource: 'message',
				operation: 'send',
				groupId: 'group_123',
				userId: '',
				messageType: 'text',
				content: 'x',
			});
			const r = await press({ approveLabel: 'Ship' }, claim());
			expect(decided(r)).toMatchObject({
				approved: true,
				respondedBy: { id: 'user_1', name: 'Ann' },
				via: 'chatButton',
			});
			// n8n sends the outcome to the trigger once it resumed the run with this press.
			expect(r.result.webhookResponse).toEqual({ outcome: 'approved', label: 'Ship' });
			await r.send(200);
			const edit = t.last('biInk');
			expect(edit.body).toEqual({
				message_id: 'msg_1',
				content: 'Deploy v2 to production?\n\n✅ Ship by Ann',
				extra: { inline_keyboard: [] },
			});
			const declined = await press({}, claim({ choice: 'decline' }));
			expect(decided(declined)).toMatchObject({ approved: false });
		});

		test('a forged or altered press changes nothing', async () => {
			for (const forged of [
				claim({}, 'not-the-bot-token'),
				{ ...claim(), senderId: 'user_2' },
				{ ...claim(), choice: 'decline' },
				{ ...claim(), proof: undefined },
			]) {
				const r = await press({}, forged);
				expect(r.result).toEqual({ noWebhookResponse: true });
				expect(r.res.statusCode).toBe(403);
			}
			expect(t.requests('biInk')).toHaveLength(0);
		});

		test('a press on a button of an earlier question (a loop) answers nothing', async () => {
			const asked = await t.run(
				'biInk',
				wait({ resource: 'message', groupId: 'group_123', userId: '' }),
				{ runIndex: 1 },
			);
			const waiting = { nodeName: 'Node', runExecutionData: asked.run.data };
			const stale = await hook(
				'biInk',
				{ resource: 'message' },
				{ ...waiting, query: { signature: SIG, q: '0' }, body: { press: claim() } },
			);
			expect(stale.result).toEqual({ noWebhookResponse: true });
			expect([stale.res.statusCode, stale.res.body]).toEqual([409, { outcome: 'done' }]);
			const current = await hook(
				'biInk',
				{ resource: 'message' },
				{ ...waiting, query: { signature: SIG, q: '1' }, body: { press: claim() } },
			);
			expect(decided(current)).toMatchObject({ approved: true });
		});

		test('allow-list: a press by anyone else is "not allowed" and the execution keeps waiting; a listed user decides', async () => {
			const params = { waitOptions: { allowedUserIds: 'user_7, user_8' } };
			const other = await press(params, claim());
			expect(other.result).toEqual({ noWebhookResponse: true });
			expect(other.res.body).toEqual({ outcome: 'notAllowed' });
			expect(decided(await press(params, claim({ senderId: 'user_8' })))).toMatchObject({
				approved: true,
				respondedBy: { id: 'user_8' },
			});
			// With an allow-list the page cannot answer: it cannot tell who opened it.
			const page = await hook(
				'biInk',
				{ resource: 'message', ...params },
				{ body: { choice: 'approve' } },
			);
			expect(page.result.workflowData).toBeUndefined();
			expect(page.res.statusCode).toBe(403);
		});

		test('allow-list: the list the question was sent with decides, not the parameter read again when the answer arrives', async () => {
			const ask = (waitOptions) =>
				t.run(
					'biInk',
					wait({ resource: 'message', groupId: 'group_123', userId: '', waitOptions }),
				);
			const answerTo = async (asked, waitOptions, extra) =>
				await hook(
					'biInk',
					{ resource: 'message', ...(waitOptions ? { waitOptions } : {}) },
					{
						nodeName: 'Node',
						runExecutionData: asked.run.data,
						query: { signature: SIG, q: '0' },
						body: { press: claim(extra) },
					},
				);
			const listed = await ask({ allowedUserIds: '={{ "user_7" }}' });
			expect(listed.error).toBeUndefined();
			// The expression comes out empty (or n8n drops the option) when the answer arrives: still only user_7.
			for (const now of [{ allowedUserIds: '' }, undefined]) {
				const other = await answerTo(listed, now);
				expect(other.result).toEqual({ noWebhookResponse: true });
				expect(other.res.body).toEqual({ outcome: 'notAllowed' });
			}
			expect(decided(await answerTo(listed, undefined, { senderId: 'user_7' }))).toMatchObject({
				respondedBy: { id: 'user_7' },
			});
			// Sent to anyone: a list appearing later does not lock the question.
			const open = await ask({});
			expect(decided(await answerTo(open, { allowedUserIds: 'user_9' }))).toMatchObject({
				respondedBy: { id: 'user_1' },
			});
		});

		test('allow-list set but empty when the question is sent: nothing is sent, the error names the option', async () => {
			const r = await t.run(
				'biInk',
				wait({
					resource: 'message',
					groupId: 'group_123',
					userId: '',
					waitOptions: { allowedUserIds: '={{ "" }}' },
				}),
			);
			expect(r.error?.message).toMatch(/Only These User IDs May Answer is set but names nobody/);
			expect(t.requests('biInk')).toHaveLength(0);
		});
	});
});

describe('button references', () => {
	const ref = {
		choice: 'decline',
		executionId: '918273',
		nodeId: '0f8fad5b-d9cb-469f-a165-70867728950e',
		question: '0',
		signature: crypto.randomBytes(32).toString('hex'),
	};

	test("round trip, and short enough for a button (91 characters at most for n8n's execution and node IDs and questions below 128)", () => {
		const data = encodePressRef(ref, 'tok');
		expect(data.startsWith(PRESS_PREFIX)).toBe(true);
		expect(data.length).toBe(89);
		expect(
			encodePressRef({ ...ref, executionId: String(2 ** 32 - 1), question: '127' }, 'tok'),
		).toHaveLength(91);
		expect(
			decodePressRef(encodePressRef({ ...ref, executionId: 'exec-1', nodeId: 'n' }, 'tok'), 'tok'),
		).toEqual({ ...ref, executionId: 'exec-1', nodeId: 'n' });
		expect(decodePressRef(data, 'tok')).toEqual(ref);
		for (const question of ['1', '127', '128', '16384', '999999999'])
			expect(decodePressRef(encodePressRef({ ...ref, question }, 'tok'), 'tok').question).toBe(
				question,
			);
	});

	test('a button sent before questions were named still opens, naming no question', () => {
		// The earlier format: choice, execution ID, node ID, signature, tag; no question.
		const { createHmac } = crypto;
		const key = createHmac('sha256', 'tok').update('imbots send-and-wait press v1').digest();
		const body = Buffer.concat([
			Buffer.from([1, 0x83, 0x0e, 0x03, 0x01, 0xff]),
			Buffer.from(ref.nodeId.replace(/-/g, ''), 'hex'),
			Buffer.from(ref.signature, 'hex'),
		]);
		const old = `n8w1.${Buffer.concat([body, createHmac('sha256', key).update(body).digest().subarray(0, 8)]).toString('base64url')}`;
		expect(decodePressRef(old, 'tok')).toEqual({ ...ref, question: '' });
	});

	test('any altered character, a truncation or another token is refused', () => {
		const data = encodePressRef(ref, 'tok');
		for (let i = PRESS_PREFIX.length; i < data.length; i++) {
			const c = data[i] === 'A' ? 'B' : 'A';
			const altered = data.slice(0, i) + c + data.slice(i + 1);
			// The last base64url character carries 2 padding bits that decoding ignores.
			if (
				Buffer.from(altered.slice(PRESS_PREFIX.length), 'base64url').equals(
					Buffer.from(data.slice(PRESS_PREFIX.length), 'base64url'),
				)
			)
				continue;
			expect(decodePressRef(altered, 'tok')).toBeUndefined();
		}
		expect(decodePressRef(data.slice(0, -4), 'tok')).toBeUndefined();
		expect(decodePressRef(data, 'tok2')).toBeUndefined();
		expect(decodePressRef('n8w1.', 'tok')).toBeUndefined();
	});
});

describe('bi.ink Trigger: presses on Send and Wait buttons', () => {
	const http = require('http');
	const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));
	const { pressIsGenuine } = require(core('sendAndWait/pressRef', 'biInk'));
	const { waitingBase } = require(dist('biInk', 'nodes/BiInk/pressRelay'));
	const SIG = crypto.randomBytes(32).toString('hex');
	const NODE = '0f8fad5b-d9cb-469f-a165-70867728950e';
	// Stands in for n8n's waiting webhook: records what the trigger hands over, answers as told.
	let n8n;
	let received;
	let answer;
	// Answers for the next requests, before `answer` again.
	let nextAnswers;
	beforeAll(async () => {
		n8n = http.createServer((req, res) => {
			let text = '';
			req.on('data', (c) => {
				text += c;
			});
			req.on('end', () => {
				received.push({ method: req.method, url: req.url, body: JSON.parse(text || 'null') });
				const a = nextAnswers.shift() ?? answer;
				res.writeHead(a.status, { 'Content-Type': a.type });
				res.end(a.type === 'application/json' ? JSON.stringify(a.body) : a.body);
			});
		});
		await new Promise((r) => n8n.listen(0, '127.0.0.1', r));
	});
	afterAll(() => new Promise((r) => n8n.close(r)));
	beforeEach(() => {
		received = [];
		nextAnswers = [];
		answer = {
			status: 200,
			type: 'application/json',
			body: { outcome: 'approved', label: 'Ship' },
		};
	});

	const token = () => t.creds.biInkApi.accessToken;
	const press = async (callbackData, extra = {}) => {
		const callbackId = `cb_user_1_${crypto.randomBytes(4).toString('hex')}`;
		t.sim.platforms.biInk.callbacks.set(callbackId, { at: Date.now(), event: {} });
		const body = {
			event_type: 'callback_query',
			message_id: 'msg_5',
			sender_id: 'user_1',
			sender_username: 'ann',
			sender_display_name: 'Ann',
			group_id: 'group_123',
			message_type: 'callback',
			content: callbackData,
			timestamp: 1732636800,
			callback_id: callbackId,
			callback_data: callbackData,
			...extra,
		};
		const r = await engine.callWebhook({
			type: 'biInkTrigger',
			parameters: {
				events: [],
				options: { waitingWebhookBase: `http://127.0.0.1:${n8n.address().port}/webhook-waiting` },
			},
			credentials: { biInkApi: t.creds.biInkApi },
			query: { secret: biInkWebhookSecret(token(), 'wf-trigger', 'trigger-node-1', 1) },
			body,
		});
		const state = await t.sim.control('GET', '/biInk/state');
		return { r, answered: state.callbacks.find((c) => c.id === callbackId).answer };
	};
	const ref = (choice = 'approve', tok = token()) =>
		encodePressRef({ choice, executionId: '77', nodeId: NODE, question: '3', signature: SIG }, tok);

	test('a genuine press is handed to the waiting execution with a proof, answered, and starts no workflow', async () => {
		const { r, answered } = await press(ref());
		expect(r.result.workflowData).toBeUndefined();
		expect(received).toHaveLength(1);
		expect(received[0].method).toBe('POST');
		expect(received[0].url).toBe(`/webhook-waiting/77/${NODE}?q=3&signature=${SIG}`);
		const claim = received[0].body.press;
		expect(claim).toMatchObject({
			choice: 'approve',
			senderId: 'user_1',
			senderName: 'Ann',
			messageId: 'msg_5',
		});
		expect(pressIsGenuine(token(), SIG, claim)).toBe(true);
		expect(answered.text).toBe('Ship ✓');
	});

	test('forged, altered or foreign-token buttons reach nothing and are answered "not valid"', async () => {
		const good = ref('decline');
		const altered = good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21);
		for (const data of [altered, ref('approve', 'other-bot-token'), 'n8w1.AAAA', 'n8w1.']) {
			const { r, answered } = await press(data);
			expect(r.result.workflowData).toBeUndefined();
			expect(answered.text).toBe('This button is not valid.');
		}
		expect(received).toHaveLength(0);
	});

	test('what the waiting execution says is what the presser is told', async () => {
		answer = { status: 200, type: 'application/json', body: { outcome: 'notAllowed' } };
		const notAllowed = await press(ref());
		expect(notAllowed.answered).toMatchObject({
			text: 'You are not allowed to answer this.',
			show_alert: true,
		});
		// n8n answers a press on a finished execution with its "no action required" page.
		answer = { status: 200, type: 'text/html', body: '<html>No action required</html>' };
		expect((await press(ref())).answered.text).toBe('This was already answered.');
		answer = { status: 401, type: 'text/html', body: 'invalid' };
		expect((await press(ref())).answered.text).toBe('This button is not valid.');
		// A button of an earlier question (a loop), and a run that is resuming with another answer.
		for (const [status, body] of [
			[409, { outcome: 'done' }],
			[409, { code: 409, message: 'The execution "77" is running already.' }],
		]) {
			answer = { status, type: 'application/json', body };
			expect((await press(ref())).answered.text).toBe('This was already answered.');
		}
	});

	test('two presses at once: the one n8n failed (500, the run resumes with the other) is asked again and told "already answered"', async () => {
		// What n8n 2.x answers the second of two presses that reached the waiting execution at once, then any later one.
		nextAnswers = [
			{
				status: 500,
				type: 'application/json',
				body: { code: 0, message: 'There was a problem executing the workflow' },
			},
		];
		answer = {
			status: 409,
			type: 'application/json',
			body: { code: 409, message: 'The execution "77" is running already.' },
		};
		const { answered } = await press(ref());
		expect(answered.text).toBe('This was already answered.');
		expect(received).toHaveLength(2);
		expect(received[1]).toEqual(received[0]);
		// A decision is only one with a success status: never told "decided" on an error.
		answer = {
			status: 500,
			type: 'application/json',
			body: { outcome: 'approved', label: 'Ship' },
		};
		expect((await press(ref())).answered.text).toBe(
			'Your answer could not be delivered. Please try again.',
		);
	});

	test('an ordinary button press still starts the workflow', async () => {
		const { r } = await press('confirm');
		expect(r.result.workflowData[0][0].json.event.callback).toMatchObject({ data: 'confirm' });
		expect(received).toHaveLength(0);
	});

	test("the waiting-webhook base is found next to the trigger's own URL", () => {
		expect(waitingBase('http://localhost:5678/webhook/0b1c/bi-ink', '')).toBe(
			'http://localhost:5678/webhook-waiting',
		);
		expect(waitingBase('https://ops.example.com/n8n/webhook-test/0b1c/bi-ink', undefined)).toBe(
			'https://ops.example.com/n8n/webhook-waiting',
		);
		expect(waitingBase('http://x/webhook/a', ' https://n8n.example.com/wait ')).toBe(
			'https://n8n.example.com/wait',
		);
	});
});

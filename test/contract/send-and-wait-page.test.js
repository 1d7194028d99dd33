'use strict';
// Send and Wait's output, options and answer page, in n8n's engine: the item an answer resumes
// with (n8n's own shape under `data`, this package's kept at the top), Append Attribution and
// Page Description, n8n's form field types, the headers every HTML answer carries, and what the
// server refuses to take as a number or a date.
const { core } = require('../helpers/packages');
const crypto = require('crypto');
const { setupNodeTests } = require('../helpers/nodes');
const engine = require('../helpers/engine');
const { provePress } = require(core('sendAndWait/pressRef', 'biInk'));

const t = setupNodeTests();
jest.setTimeout(30_000);

const wait = (extra) => ({
	operation: 'sendAndWait',
	message: 'Deploy v2 to production?',
	...extra,
});
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
const form = (fields) => ({
	resource: 'message',
	responseType: 'customForm',
	defineForm: 'json',
	formJson: JSON.stringify(fields),
});
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("the output: n8n's shape under data, this package's kept at the top", () => {
	test("approval from the page: data.approved and data.respondedAt as n8n's Slack and Telegram give them, and the top-level approved", async () => {
		for (const [choice, approved] of [
			['approve', true],
			['decline', false],
		]) {
			const out = decided(await hook('fly', { resource: 'message' }, { body: { choice } }));
			expect(out).toEqual({
				approved,
				data: { approved, respondedAt: out.respondedAt },
				respondedAt: out.respondedAt,
				via: 'page',
			});
			expect(out.respondedAt).toMatch(ISO);
		}
	});

	test('approval from a bi.ink button press: the same, with who pressed', async () => {
		const SIG = 'b'.repeat(64);
		const claim = provePress(t.creds.biInkApi.accessToken, SIG, {
			choice: 'decline',
			senderId: 'user_1',
			senderName: 'Ann',
			messageId: 'msg_1',
			callbackId: 'cb_1',
		});
		const r = await hook(
			'biInk',
			{ resource: 'message', waitOptions: { editAfterAnswer: false } },
			{ query: { signature: SIG }, body: { press: claim } },
		);
		const out = decided(r);
		expect(out).toEqual({
			approved: false,
			data: { approved: false, respondedAt: out.respondedAt },
			respondedBy: { id: 'user_1', name: 'Ann' },
			respondedAt: out.respondedAt,
			via: 'chatButton',
		});
	});

	test('free text and custom form: data.text or the fields, then data.respondedAt, which a field of that name cannot replace', async () => {
		const free = decided(
			await hook(
				'minapp',
				{ resource: 'message', responseType: 'freeText' },
				{ body: { 'field-0': 'ship it' } },
			),
		);
		expect(free).toEqual({
			data: { text: 'ship it', respondedAt: free.respondedAt },
			respondedAt: free.respondedAt,
			via: 'page',
		});
		const custom = decided(
			await hook('minapp', form([{ fieldLabel: 'Reason' }, { fieldLabel: 'respondedAt' }]), {
				body: { 'field-0': 'hotfix', 'field-1': '1999-01-01' },
			}),
		);
		expect(custom.data).toEqual({ Reason: 'hotfix', respondedAt: custom.respondedAt });
		expect(custom.approved).toBeUndefined();
	});
});

describe("options n8n's Send and Wait has", () => {
	test("Append Attribution: off by default (messages unchanged); on, the message ends with n8n's sentence and the page links to n8n", async () => {
		await t.run('fly', wait({ resource: 'message', groupId: 'g1', userId: '' }));
		expect(t.last('fly').body.data.content).toMatch(
			/^Deploy v2 to production\?\n\nRespond here: http/,
		);
		await t.run(
			'fly',
			wait({
				resource: 'message',
				groupId: 'g1',
				userId: '',
				waitOptions: { appendAttribution: true },
			}),
		);
		expect(t.last('fly').body.data.content).toMatch(
			/^Deploy v2 to production\?\n\nThis message was sent automatically with n8n\n\nRespond here: http/,
		);
		await t.run(
			'mpChat',
			wait({ resource: 'message', chatId: '42', waitOptions: { appendAttribution: true } }),
		);
		expect(t.last('mpChat').body.text).toBe(
			'Deploy v2 to production?\n\nThis message was sent automatically with n8n',
		);

		const plain = await hook('fly', { resource: 'message' }, { method: 'GET' });
		expect(plain.res.body).not.toContain('n8n.io');
		const page = await hook(
			'fly',
			{ resource: 'message', waitOptions: { appendAttribution: true } },
			{ method: 'GET' },
		);
		expect(page.res.body).toContain(
			'This message was sent automatically with <a href="https://n8n.io" rel="noopener noreferrer" target="_blank">n8n</a>',
		);
		// The page shows the question as written, without the sentence.
		expect(page.res.body).toContain('<h1>Deploy v2 to production?</h1><form');
	});

	test("Page Description: shown under the title instead of the message (n8n's \\n and <br> are line breaks); empty, the message", async () => {
		const multi = { resource: 'message', message: 'Deploy v2?\nIt has the search fix.' };
		expect((await hook('fly', multi, { method: 'GET' })).res.body).toContain(
			'<div class="msg">Deploy v2?\nIt has the search fix.</div>',
		);
		const own = await hook(
			'fly',
			{
				...multi,
				waitOptions: { pageDescription: 'Check <b>staging</b> first<br>then decide\\nquickly' },
			},
			{ method: 'GET' },
		);
		expect(own.res.body).toContain(
			'<div class="msg">Check &lt;b&gt;staging&lt;/b&gt; first\nthen decide\nquickly</div>',
		);
		expect(own.res.body).not.toContain('It has the search fix.');
	});
});

describe("n8n's form field types", () => {
	test('password: an input that hides typing, kept as typed (spaces too), never written back into a re-shown form', async () => {
		const params = form([
			{ fieldLabel: 'PIN', fieldType: 'password', requiredField: true },
			{ fieldLabel: 'Replicas', fieldType: 'number' },
		]);
		const page = await hook('fly', params, { method: 'GET' });
		expect(page.res.body).toContain(
			'<input type="password" id="field-0" name="field-0" autocomplete="off" required>',
		);
		expect(decided(await hook('fly', params, { body: { 'field-0': ' s3 cret ' } })).data.PIN).toBe(
			' s3 cret ',
		);
		const bad = await hook('fly', params, { body: { 'field-0': 'hunter2', 'field-1': 'many' } });
		expect(bad.res.statusCode).toBe(400);
		expect(bad.res.body).not.toContain('hunter2');
	});

	test('radio buttons: one of the choices, as a string; anything else is refused', async () => {
		const params = form([
			{
				fieldLabel: 'Size',
				fieldType: 'radio',
				fieldOptions: { values: [{ option: 'S' }, { option: 'M' }] },
				requiredField: true,
			},
		]);
		const page = await hook('fly', params, { method: 'GET' });
		expect(page.res.body).toContain(
			'<fieldset id="field-0"><legend>Size *</legend><label><input type="radio" id="field-0-0" name="field-0" value="S" required>S</label>',
		);
		expect(decided(await hook('fly', params, { body: { 'field-0': 'M' } })).data.Size).toBe('M');
		const bad = await hook('fly', params, { body: { 'field-0': 'XL' } });
		expect(bad.result.workflowData).toBeUndefined();
		expect(bad.res.body).toContain('Size must be one of S, M');
		expect((await hook('fly', params, { body: {} })).res.body).toContain('Size is required');
	});

	test("multi-select: a dropdown with multiselect and a checkbox with choices answer an array, in the choices' order", async () => {
		const params = form([
			{
				fieldLabel: 'Regions',
				fieldType: 'dropdown',
				multiselect: true,
				fieldOptions: ['cn-north', 'cn-south', 'cn-east'],
			},
			{
				fieldLabel: 'Notify',
				fieldType: 'checkbox',
				fieldOptions: { values: [{ option: 'ops' }, { option: 'dev' }, { option: 'qa' }] },
				limitSelection: 'range',
				minSelections: 1,
				maxSelections: 2,
			},
			{ fieldLabel: 'Agree', fieldType: 'checkbox' },
		]);
		const page = (await hook('fly', params, { method: 'GET' })).res.body;
		expect(page).toContain('<select id="field-0" name="field-0" multiple size="3">');
		expect(page).toContain(
			'<label><input type="checkbox" id="field-1-2" name="field-1" value="qa">qa</label>',
		);
		const ok = decided(
			await hook('fly', params, {
				body: { 'field-0': ['cn-east', 'cn-north'], 'field-1': 'dev', 'field-2': 'on' },
			}),
		);
		expect(ok.data).toEqual({
			Regions: ['cn-north', 'cn-east'],
			Notify: ['dev'],
			Agree: true,
			respondedAt: ok.respondedAt,
		});
		const none = decided(await hook('fly', params, { body: {} }));
		expect(none.data).toMatchObject({ Regions: [], Notify: [], Agree: false });
		const tooMany = await hook('fly', params, { body: { 'field-1': ['ops', 'dev', 'qa'] } });
		expect(tooMany.res.body).toContain('Notify allows at most 2 ticked');
		const unknown = await hook('fly', params, { body: { 'field-0': ['cn-west'] } });
		expect(unknown.res.body).toContain('Regions must be chosen from cn-north, cn-south, cn-east');
		// A re-shown form keeps what was ticked.
		expect(tooMany.res.body).toContain('value="dev" checked');
	});

	test("hidden field: not on the page; the output holds the node's value under Field Name, whatever was posted", async () => {
		const params = form([
			{ fieldType: 'hiddenField', fieldName: 'ticket', fieldValue: 'OPS-7' },
			{ fieldLabel: 'Reason' },
		]);
		const page = (await hook('fly', params, { method: 'GET' })).res.body;
		expect(page).not.toContain('OPS-7');
		expect(page).toContain('<label for="field-1">Reason</label>');
		const out = decided(
			await hook('fly', params, { body: { 'field-0': 'FORGED', 'field-1': 'x' } }),
		);
		expect(out.data).toEqual({ ticket: 'OPS-7', Reason: 'x', respondedAt: out.respondedAt });
	});

	test('custom HTML: shown with scripts, handlers, pictures and foreign schemes removed; in the output under Element Name only', async () => {
		const html =
			'<h2 onclick="steal()">Checklist</h2><script>steal()</script><a href="javascript:steal()">x</a><a href="https://wiki.example.com/run">runbook</a><img src="https://cdn.example.com/a.png" onerror="steal()"><style>body{}</style></div></form><iframe src="https://evil.example"></iframe>';
		const named = form([
			{ fieldType: 'html', html, elementName: 'checklist' },
			{ fieldLabel: 'OK', fieldType: 'checkbox' },
		]);
		const page = (await hook('fly', named, { method: 'GET' })).res.body;
		const shown =
			'<h2>Checklist</h2><a rel="noopener noreferrer" target="_blank">x</a><a href="https://wiki.example.com/run" rel="noopener noreferrer" target="_blank">runbook</a>';
		expect(page).toContain(`<div class="html">${shown}</div>`);
		for (const bad of ['steal', 'evil.example', 'body{}', 'cdn.example.com'])
			expect(page).not.toContain(bad);
		const out = decided(
			await hook('fly', named, { body: { 'field-0': '<script>posted</script>', 'field-1': 'on' } }),
		);
		expect(out.data).toEqual({ checklist: shown, OK: true, respondedAt: out.respondedAt });
		const anonymous = decided(
			await hook(
				'fly',
				form([
					{ fieldType: 'html', html: '<p>Read me</p>' },
					{ fieldLabel: 'OK', fieldType: 'checkbox' },
				]),
				{ body: {} },
			),
		);
		expect(Object.keys(anonymous.data)).toEqual(['OK', 'respondedAt']);
	});

	test('n8n-style choices ({ values: [{ option }] }) in Form Fields (JSON) and in Form Fields', async () => {
		const choices = { values: [{ option: 'low' }, { option: 'high, urgent' }] };
		const json = form([{ fieldLabel: 'Priority', fieldType: 'dropdown', fieldOptions: choices }]);
		const ui = {
			resource: 'message',
			responseType: 'customForm',
			defineForm: 'fields',
			formFields: {
				values: [{ fieldLabel: 'Priority', fieldType: 'dropdown', fieldOptions: choices }],
			},
		};
		for (const params of [json, ui]) {
			expect((await hook('fly', params, { method: 'GET' })).res.body).toContain(
				'<option>low</option><option>high, urgent</option>',
			);
			expect(
				decided(await hook('fly', params, { body: { 'field-0': 'high, urgent' } })).data.Priority,
			).toBe('high, urgent');
		}
	});

	test('a field labelled __proto__ is a key of the output like any other', async () => {
		const out = decided(
			await hook('fly', form([{ fieldLabel: '__proto__' }, { fieldLabel: 'constructor' }]), {
				body: { 'field-0': 'a', 'field-1': 'b' },
			}),
		);
		expect(Object.prototype.hasOwnProperty.call(out.data, '__proto__')).toBe(true);
		expect(Object.getOwnPropertyDescriptor(out.data, '__proto__').value).toBe('a');
		expect(Object.getPrototypeOf(out.data)).toBe(Object.prototype);
		expect(JSON.parse(JSON.stringify(out.data))).toEqual(
			JSON.parse(`{"__proto__":"a","constructor":"b","respondedAt":"${out.respondedAt}"}`),
		);
		const missing = await hook('fly', form([{ fieldLabel: '__proto__', requiredField: true }]), {
			body: {},
		});
		expect(missing.res.body).toContain('__proto__ is required');
	});

	test('a hidden field without a name, more selections than choices, or a limit on a single box fails naming the field and sends nothing', async () => {
		const r = await t.run(
			'fly',
			wait({
				resource: 'message',
				groupId: 'g1',
				userId: '',
				...form([
					{
						fieldType: 'checkbox',
						fieldLabel: 'Who',
						fieldOptions: 'a,b',
						limitSelection: 'exact',
						numberOfSelections: 3,
					},
				]),
			}),
		);
		expect(r.error.message).toMatch(
			/Form Fields \(JSON\): field "Who": numberOfSelections is 3 but there are only 2 choices/,
		);
		const single = await t.run(
			'fly',
			wait({
				resource: 'message',
				groupId: 'g1',
				userId: '',
				...form([
					{
						fieldType: 'checkbox',
						fieldLabel: 'Sure',
						limitSelection: 'range',
						minSelections: 1,
						maxSelections: 1,
					},
				]),
			}),
		);
		expect(single.error.message).toMatch(/field "Sure": limitSelection needs fieldOptions/);
		const hidden = await t.run(
			'fly',
			wait({
				resource: 'message',
				groupId: 'g1',
				userId: '',
				...form([{ fieldType: 'hiddenField', fieldValue: 'x' }]),
			}),
		);
		expect(hidden.error.message).toMatch(/hidden field 1 has no fieldName/);
		expect(t.requests('fly')).toHaveLength(0);
	});
});

describe("the page's headers", () => {
	const styleHash = (html) =>
		crypto
			.createHash('sha256')
			.update(html.match(/<style>([\s\S]*?)<\/style>/)[1])
			.digest('base64');
	const expectPageHeaders = (res) => {
		expect(res.headers['x-frame-options']).toBe('DENY');
		expect(res.headers['x-content-type-options']).toBe('nosniff');
		expect(res.headers['referrer-policy']).toBe('no-referrer');
		expect(res.headers['cache-control']).toBe('no-store');
		const csp = res.headers['content-security-policy'];
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("form-action 'self'");
		expect(csp).not.toMatch(/script-src|unsafe/);
		// Nothing but the page's style loads (default-src 'none' covers pictures, media and fonts):
		// a picture from elsewhere would tell its server when and from where the page was opened.
		expect(csp).not.toMatch(/(img|media|font|connect|child|object)-src|http:|https:|\*/);
		// The page's one style element is allowed by its hash.
		expect(csp).toContain(`style-src 'sha256-${styleHash(res.body)}'`);
	};

	test('every HTML answer: the question, a refused form, the thank-you page and the "answer in the chat" page', async () => {
		const shown = await hook('fly', { resource: 'message' }, { method: 'GET' });
		const refused = await hook(
			'fly',
			{ resource: 'message', responseType: 'freeText' },
			{ body: { 'field-0': '' } },
		);
		const thanks = await hook('fly', { resource: 'message' }, { body: { choice: 'approve' } });
		// A decision's page is sent by n8n once it resumed the run with it.
		await thanks.send(200);
		const chatOnly = await hook(
			'biInk',
			{ resource: 'message', waitOptions: { allowedUserIds: 'user_1' } },
			{ method: 'GET' },
		);
		expect([shown, refused, thanks, chatOnly].map((r) => r.res.statusCode)).toEqual([
			200, 400, 200, 403,
		]);
		for (const r of [shown, refused, thanks, chatOnly]) expectPageHeaders(r.res);
		expect(decided(thanks).approved).toBe(true);
		expect(shown.res.body).not.toContain('<script');
	});
});

describe('what the server refuses', () => {
	const field = (fieldType) => form([{ fieldLabel: 'V', fieldType }]);
	const answer = async (fieldType, value) => {
		const r = await hook('fly', field(fieldType), { body: { 'field-0': value } });
		return r.result.workflowData
			? { value: decided(r).data.V }
			: { error: r.res.body.match(/<span class="err">V ([^<]*)<\/span>/)?.[1] };
	};

	test('dates the calendar does not have', async () => {
		for (const bad of [
			'2024-13-45',
			'2023-02-29',
			'2024-04-31',
			'2024-00-10',
			'2024-1-5',
			'20240105',
		])
			expect([bad, await answer('date', bad)]).toEqual([
				bad,
				{ error: 'must be a date (YYYY-MM-DD)' },
			]);
		for (const good of ['2024-02-29', '2026-12-31'])
			expect(await answer('date', good)).toEqual({ value: good });
	});

	test('numbers not written in decimal, too large, or beyond what a number keeps exactly', async () => {
		for (const bad of ['0x1F', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1_000', '1,5', '٣'])
			expect([bad, await answer('number', bad)]).toEqual([bad, { error: 'must be a number' }]);
		expect(await answer('number', '1e400')).toEqual({ error: 'is too large' });
		expect(await answer('number', '12345678901234567890')).toEqual({
			error: 'has more digits than a number keeps exactly (use a text field)',
		});
		for (const [text, n] of [
			['42', 42],
			[' -2.5 ', -2.5],
			['1e3', 1000],
			['.5', 0.5],
			['+7', 7],
			['9007199254740991', 9007199254740991],
		])
			expect([text, await answer('number', text)]).toEqual([text, { value: n }]);
	});
});

describe("Limit Wait Time in the workflow's time zone", () => {
	const at = (value, settings) =>
		t.run(
			'fly',
			wait({
				resource: 'message',
				groupId: 'g1',
				userId: '',
				waitOptions: {
					limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: value } },
				},
			}),
			{ settings },
		);

	test("a date and time from the editor (no offset) is wall time in the workflow's zone; an offset in it is obeyed", async () => {
		expect(
			new Date(
				(await at('2999-05-01T10:00:00', { timezone: 'Asia/Shanghai' })).run.waitTill,
			).toISOString(),
		).toBe('2999-05-01T02:00:00.000Z');
		expect(
			new Date(
				(await at('2999-05-01T10:00:00', { timezone: 'America/New_York' })).run.waitTill,
			).toISOString(),
		).toBe('2999-05-01T14:00:00.000Z');
		expect(
			new Date(
				(await at('2999-12-01T10:00:00', { timezone: 'America/New_York' })).run.waitTill,
			).toISOString(),
		).toBe('2999-12-01T15:00:00.000Z');
		expect(
			new Date(
				(await at('2999-05-01T10:00:00+08:00', { timezone: 'America/New_York' })).run.waitTill,
			).toISOString(),
		).toBe('2999-05-01T02:00:00.000Z');
		const bad = await at('2999-02-30T10:00:00', { timezone: 'Asia/Shanghai' });
		expect(bad.error.message).toMatch(/Limit Wait Time: Max Date and Time is not a valid date/);
		t.sim.reset();
		const zone = await at('2999-05-01T10:00:00', { timezone: 'Mars/Olympus_Mons' });
		expect(zone.error.message).toMatch(
			/Limit Wait Time: the workflow's time zone "Mars\/Olympus_Mons" is unknown: choose one in the workflow's settings/,
		);
		expect(t.requests('fly')).toHaveLength(0);
	});
});

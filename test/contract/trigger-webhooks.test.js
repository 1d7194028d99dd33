'use strict';
// The webhook triggers (Fly signed, bi.ink secret URL, minapp secret body) in n8n-core's real
// WebhookContext: verification before anything starts, bare 4xx answers, events and filters.
const { core, dist } = require('../helpers/packages');
const { setupSimulatorTests } = require('../helpers/nodes');
const engine = require('../helpers/engine');
const { until } = require('../helpers/until');
const { signedByReference } = require('../helpers/flyReference');
// Deliveries are signed as the simulator (standing in for Fly) signs them: an implementation
// apart from the package's verifier, itself checked against the document's Python reference.
const { signUpdate } = require('../../simulator/flySignature');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));
const { nonceDigest, storedNonces } = require(core('signature', 'fly'));
/** The nonce digests a node's static data holds. */
const nonceKeys = (nodeStaticData) => [...storedNonces(nodeStaticData).keys()];

jest.setTimeout(30_000);
const suite = setupSimulatorTests();

const call = (type, credType, options) =>
	engine.callWebhook({
		...options,
		type,
		credentials: { [credType]: { ...suite.creds[credType], ...(options.credentials ?? {}) } },
	});
const started = (r) => Boolean(r.result.workflowData);
const refused = (r, status) => {
	expect(r.result).toEqual({ noWebhookResponse: true });
	expect(r.res.statusCode).toBe(status);
	// No details: the bare reason phrase only.
	expect(r.res.body).toMatch(/^(Bad Request|Unauthorized|Forbidden|Not Found)$/);
};
const events = (r) => r.result.workflowData[0].map((i) => i.json.event);

describe('minapp Trigger', () => {
	const body = (extra = {}) => ({
		secret: suite.creds.minappApi.secret,
		msgtype: 'text',
		conversation_id: 'wr_group_ops',
		sender: 'wm_user_zhangsan',
		text: { content: '你好' },
		...extra,
	});
	const minapp = (options) =>
		call('minappTrigger', 'minappApi', { parameters: { events: [] }, ...options });

	test('a callback with the robot secret starts a run; the secret never reaches the output', async () => {
		const r = await minapp({ body: body() });
		expect(events(r)).toEqual([
			{
				platform: 'minapp',
				type: 'message',
				chat: { id: 'wr_group_ops', type: 'group' },
				sender: { id: 'wm_user_zhangsan', name: 'wm_user_zhangsan' },
				text: '你好',
				attachments: [],
				callback: null,
				messageId: '',
				timestamp: expect.any(Number),
			},
		]);
		expect(JSON.stringify(r.result)).not.toContain(suite.creds.minappApi.secret);
		expect(r.result.workflowData[0][0].json.raw.secret).toBe('***');
	});

	test('a missing secret answers 401, a wrong one 403, and nothing starts', async () => {
		refused(await minapp({ body: body({ secret: undefined }) }), 401);
		refused(await minapp({ body: body({ secret: 'sim-minapp-secret-0002' }) }), 403);
		refused(await minapp({ body: body({ secret: 12345 }) }), 403);
	});

	test('the credential is reused between requests; a changed secret works at once and then retires the old one', async () => {
		const old = suite.creds.minappApi.secret;
		const rotated = { secret: 'sim-minapp-secret-rotated' };
		// A credential of its own: the copy kept for ID 1 is not left holding the rotated secret.
		const own = (options) => minapp({ ...options, credentialId: 'rotation' });
		expect(started(await own({ body: body() }))).toBe(true);
		// Within the cache time the copy of the credential answers: the old secret still passes
		// although the stored credential already holds the new one.
		expect(started(await own({ body: body({ secret: old }), credentials: rotated }))).toBe(true);
		// The new secret is refused by the copy, so the credential is loaded again and decides.
		expect(
			started(await own({ body: body({ secret: rotated.secret }), credentials: rotated })),
		).toBe(true);
		refused(await own({ body: body({ secret: old }), credentials: rotated }), 403);
	});

	test('wrong content type, malformed JSON, a non-object and oversize bodies answer 400', async () => {
		refused(await minapp({ body: body(), headers: { 'content-type': 'text/plain' } }), 400);
		refused(await minapp({ body: '{"secret":', headers: {} }), 400);
		refused(await minapp({ body: '[1,2]' }), 400);
		refused(
			await minapp({
				body: body({ text: { content: 'x'.repeat(3000) } }),
				parameters: { events: [], options: { maxBodyKb: 2 } },
			}),
			400,
		);
	});

	test('image, link and mini-program messages become attachments; the Events filter skips the rest', async () => {
		const image = await minapp({
			body: body({
				msgtype: 'image',
				text: undefined,
				image: { cdn_type: 'url', cdn: 'https://img.invalid/1.png' },
			}),
		});
		expect(events(image)[0].attachments).toEqual([
			{ kind: 'image', url: 'https://img.invalid/1.png' },
		]);
		const link = await minapp({
			body: body({ msgtype: 'link', link: { title: 'T', url: 'https://x.invalid' } }),
		});
		expect(events(link)[0]).toMatchObject({
			text: 'T',
			attachments: [{ kind: 'link', url: 'https://x.invalid', name: 'T' }],
		});
		const mp = await minapp({
			body: body({
				msgtype: 'miniprogram',
				miniprogram: { appid: 'wx1', title: 'Mini', page_path: 'pages/a' },
			}),
		});
		expect(events(mp)[0].attachments).toEqual([
			{ kind: 'miniprogram', name: 'Mini', url: 'pages/a' },
		]);
		const skipped = await minapp({ body: body(), parameters: { events: ['image'] } });
		expect(skipped.result).toEqual({});
	});
});

describe('bi.ink Trigger', () => {
	const secret = (version = 1) =>
		biInkWebhookSecret(suite.creds.biInkApi.accessToken, 'wf-trigger', 'trigger-node-1', version);
	const event = (extra = {}) => ({
		event_type: 'private_message',
		message_id: 'msg_1',
		sender_id: 'user_1',
		sender_username: 'john',
		sender_display_name: 'John Doe',
		group_id: '',
		group_username: '',
		group_title: '',
		message_type: 'text',
		content: '/start',
		timestamp: 1732636800,
		callback_id: '',
		callback_data: '',
		...extra,
	});
	const biink = (options) =>
		call('biInkTrigger', 'biInkApi', {
			parameters: { events: [] },
			query: { secret: secret() },
			...options,
		});

	test('a request with the secret starts a run with the normalized event', async () => {
		const r = await biink({ body: event() });
		expect(events(r)).toEqual([
			{
				platform: 'biInk',
				type: 'message',
				chat: { id: 'user_1', type: 'private' },
				sender: { id: 'user_1', name: 'John Doe' },
				text: '/start',
				attachments: [],
				callback: null,
				messageId: 'msg_1',
				timestamp: 1732636800,
			},
		]);
		const group = await biink({
			body: event({ event_type: 'group_message', group_id: 'group_123' }),
		});
		expect(events(group)[0].chat).toEqual({ id: 'group_123', type: 'group' });
		// The secret may come in a header instead of the query string.
		expect(
			started(await biink({ body: event(), query: {}, headers: { 'X-Webhook-Secret': secret() } })),
		).toBe(true);
	});

	test('no secret answers 401, a wrong or old one 403, before the body is even read', async () => {
		refused(await biink({ body: event(), query: {} }), 401);
		refused(await biink({ body: event(), query: { secret: secret().slice(0, -1) + 'x' } }), 403);
		refused(
			await biink({
				body: event(),
				query: { secret: secret() },
				parameters: { events: [], options: { secretVersion: 2 } },
			}),
			403,
		);
		refused(await biink({ body: 'not json', query: {} }), 401);
	});

	test('the secret differs per trigger node and per bot token', () => {
		const a = biInkWebhookSecret('tok', 'wf', 'node-a');
		expect(a).toMatch(/^[\w-]{32}$/);
		expect(biInkWebhookSecret('tok', 'wf', 'node-b')).not.toBe(a);
		expect(biInkWebhookSecret('tok2', 'wf', 'node-a')).not.toBe(a);
		expect(biInkWebhookSecret('tok', 'wf', 'node-a', 2)).not.toBe(a);
	});

	test('malformed, wrong-type and oversize bodies with the right secret answer 400', async () => {
		refused(await biink({ body: '{"event_type":' }), 400);
		refused(
			await biink({
				body: event(),
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			}),
			400,
		);
		refused(
			await biink({
				body: event({ content: 'x'.repeat(5000) }),
				parameters: { events: [], options: { maxBodyKb: 4 } },
			}),
			400,
		);
	});

	test('opening the test URL in a browser shows the production URL with its secret, in the editor only', async () => {
		const r = await biink({
			method: 'GET',
			webhookName: 'setup',
			mode: 'manual',
			query: {},
			body: '',
		});
		expect(r.res.body).not.toContain(secret());
		const url = new URL(r.result.workflowData[0][0].json.setup.productionUrl);
		expect(url.searchParams.get('secret')).toBe(secret());
		expect(url.pathname).toBe('/webhook/hook-1/bi-ink');
		// In production the setup URL reveals nothing.
		refused(
			await biink({ method: 'GET', webhookName: 'setup', mode: 'webhook', query: {}, body: '' }),
			404,
		);
	});

	test('button presses can be answered automatically before the workflow runs', async () => {
		const { event: cb } = await suite.sim.platforms.biInk.inject({
			kind: 'callback',
			userId: 'user_1',
			callbackData: 'confirm',
		});
		const r = await biink({
			body: cb,
			parameters: {
				events: ['callback_query'],
				options: { autoAnswer: true, answerText: '收到', answerAlert: true },
			},
		});
		expect(events(r)[0]).toMatchObject({
			type: 'callback_query',
			callback: { id: cb.callback_id, data: 'confirm' },
			text: '',
		});
		expect(r.result.workflowData[0][0].json.autoAnswered).toBe(true);
		expect(suite.sim.platforms.biInk.callbacks.get(cb.callback_id).answer).toMatchObject({
			callback_id: cb.callback_id,
			text: '收到',
			show_alert: true,
		});
		// An unknown callback cannot be answered: the event still starts the run, with the reason.
		const stale = await biink({
			body: { ...cb, callback_id: 'cb_gone' },
			parameters: { events: [], options: { autoAnswer: true } },
		});
		expect(stale.result.workflowData[0][0].json).toMatchObject({
			autoAnswered: false,
			autoAnswerError: expect.stringContaining('answercallback'),
		});
	});

	test("a media message's content is its optional caption (说明,可空): it becomes the text, never a file ID", async () => {
		const captioned = await biink({
			body: event({ message_type: 'image', file_id: 'file_9', content: '看这张图' }),
		});
		expect(events(captioned)[0]).toMatchObject({
			text: '看这张图',
			attachments: [{ kind: 'image', fileId: 'file_9' }],
		});
		const noFileId = await biink({ body: event({ message_type: 'file', content: '报告' }) });
		expect(events(noFileId)[0]).toMatchObject({ text: '报告', attachments: [{ kind: 'file' }] });
		expect(events(noFileId)[0].attachments[0].fileId).toBeUndefined();
		const bare = await biink({
			body: event({ message_type: 'video', file_id: 'file_v', content: '' }),
		});
		expect(events(bare)[0]).toMatchObject({
			text: '',
			attachments: [{ kind: 'video', fileId: 'file_v' }],
		});
	});

	test('event and chat filters', async () => {
		expect(
			(await biink({ body: event(), parameters: { events: ['group_message'] } })).result,
		).toEqual({});
		expect(
			events(
				await biink({
					body: event({ event_type: 'member_joined' }),
					parameters: { events: ['member_joined'] },
				}),
			)[0].type,
		).toBe('member_joined');
		expect(
			(await biink({ body: event(), parameters: { events: [], options: { chatIds: 'user_2' } } }))
				.result,
		).toEqual({});
		expect(
			(
				await biink({
					body: event({ message_type: 'image', file_id: 'file_9', content: '' }),
					parameters: { events: [], options: { messageTypes: ['image'] } },
				})
			).result.workflowData[0][0].json.event.attachments,
		).toEqual([{ kind: 'image', fileId: 'file_9' }]);
	});
});

describe('Fly Trigger', () => {
	// Read when a test runs, after beforeAll started the simulator.
	const defaultSecret = () => suite.sim.platforms.fly.defaultSecret();
	let nonce = 0;
	const now = () => Math.floor(Date.now() / 1000);
	function signed(extra = {}, secret = defaultSecret()) {
		const u = {
			update_id: 42,
			type: 'message',
			message: {
				id: 'in_1',
				chat: { id: 'u_1', type: 'private' },
				sender: { id: 'u_1', name: 'Ann' },
				msgType: 'text',
				data: { content: 'hi' },
			},
			bot: { id: 'fly_bot_1' },
			timestamp: now(),
			nonce: `n-${Date.now()}-${nonce++}`,
			...extra,
		};
		u.signature = signUpdate(u, secret);
		return u;
	}
	const flyHook = (options) =>
		call('flyTrigger', 'flyApi', { parameters: { updates: [] }, ...options });

	test('a signed update starts a run with the normalized event', async () => {
		const r = await flyHook({ body: signed() });
		expect(events(r)).toEqual([
			{
				platform: 'fly',
				type: 'message',
				chat: { id: 'u_1', type: 'private' },
				sender: { id: 'u_1', name: 'Ann' },
				text: 'hi',
				attachments: [],
				callback: null,
				messageId: 'in_1',
				timestamp: expect.any(Number),
			},
		]);
		// The credential's own Webhook Secret replaces the default.
		expect(
			started(
				await flyHook({
					body: signed({}, 'custom-secret'),
					credentials: { webhookSecret: 'custom-secret' },
					credentialId: 'custom-secret',
				}),
			),
		).toBe(true);
	});

	test("payloads signed by the document's Python reference verify: non-ASCII, floats, integers beyond 2^53", async () => {
		const ts = now();
		const raw = `{"update_id":12345678901234567890,"type":"message","bot":{"id":"fly_bot_1"},"timestamp":${ts},"nonce":"py-${ts}","message":{"id":"m","chat":{"id":"9007199254740993","type":"group"},"msgType":"text","data":{"content":"你好 😀","score":1.0,"big":123456789012345678901234567890,"f":1e-7}}}`;
		const body = signedByReference(raw, defaultSecret());
		const out = await flyHook({ body });
		expect(started(out)).toBe(true);
		const [item] = out.result.workflowData[0];
		expect(item.json.event).toMatchObject({
			text: '你好 😀',
			chat: { id: '9007199254740993', type: 'group' },
		});
		expect(item.json.raw.update_id).toBe('12345678901234567890');
		expect(item.json.raw.message.data.big).toBe('123456789012345678901234567890');
		// One changed byte of the payload: refused.
		refused(
			await flyHook({ body: body.replace('😀', '😁').replace(`py-${ts}`, `py2-${ts}`) }),
			401,
		);
	});

	test('forged, expired and future-dated deliveries answer 401; a replayed nonce 403', async () => {
		refused(await flyHook({ body: signed({}, 'not-the-secret') }), 401);
		const tampered = signed();
		tampered.message.data.content = 'tampered';
		refused(await flyHook({ body: tampered }), 401);
		refused(await flyHook({ body: signed({ timestamp: now() - 302 }) }), 401);
		refused(await flyHook({ body: signed({ timestamp: now() + 302 }) }), 401);
		expect(started(await flyHook({ body: signed({ timestamp: now() - 290 }) }))).toBe(true);
		expect(started(await flyHook({ body: signed({ timestamp: now() + 290 }) }))).toBe(true);
		const once = signed();
		const first = await flyHook({ body: once });
		expect(started(first)).toBe(true);
		refused(await flyHook({ body: once }), 403);
		// The nonce is also in the static data n8n saves: a process that never saw it (after a
		// restart) refuses the replay too, and one without that static data would accept it.
		const fresh = (nodeId, staticData) =>
			engine.callWebhook({
				type: 'flyTrigger',
				parameters: { updates: [] },
				credentials: { flyApi: suite.creds.flyApi },
				staticData,
				body: once,
				nodeId,
			});
		expect(
			storedNonces(first.staticData['node:Trigger']).get(nonceDigest(once.nonce)),
		).toBeGreaterThan(now());
		refused(await fresh('restarted-node', first.staticData), 403);
		expect(started(await fresh('other-node', undefined))).toBe(true);
	});

	test('every accepted nonce is in the static data n8n saves, not only the first: replays are refused after a restart', async () => {
		const deliver = (body, nodeId, persisted) =>
			engine.deliverWebhook({
				type: 'flyTrigger',
				parameters: { updates: [] },
				credentials: { flyApi: suite.creds.flyApi },
				persisted,
				body,
				nodeId,
			});
		const deliveries = [signed(), signed(), signed()];
		let persisted; // a new workflow: nothing saved yet
		for (const body of deliveries) {
			const r = await deliver(body, 'persist-node', persisted);
			expect(started(r)).toBe(true);
			persisted = r.persisted;
		}
		expect(nonceKeys(persisted['node:Trigger'])).toEqual(
			expect.arrayContaining(deliveries.map((d) => nonceDigest(d.nonce))),
		);
		// A process that never saw them (n8n restarted) knows them from the static data alone.
		for (const body of deliveries.reverse())
			refused(await deliver(body, 'persist-restarted', persisted), 403);
	});

	test('n8n saves an accepted nonce before it answers, although building the run clears the mark; the run then writes nothing', async () => {
		const deliver = (body, persisted) =>
			engine.deliverWebhook({
				type: 'flyTrigger',
				parameters: { updates: [] },
				credentials: { flyApi: suite.creds.flyApi },
				persisted,
				body,
				nodeId: 'saved-when-answered',
			});
		const first = signed();
		const r = await deliver(first);
		expect(started(r)).toBe(true);
		// What another webhook processor reads from the database once the answer has arrived.
		expect(nonceKeys(r.savedWhenAnswered['node:Trigger'])).toContain(nonceDigest(first.nonce));
		const second = signed();
		const r2 = await deliver(second, r.persisted);
		expect(nonceKeys(r2.savedWhenAnswered['node:Trigger'])).toEqual(
			expect.arrayContaining([first.nonce, second.nonce].map(nonceDigest)),
		);
		// The run loaded a copy that holds its nonce: it saved nothing more.
		expect(r2.run.data.resultData.error).toBeUndefined();
		expect(r2.persisted).toBe(r2.savedWhenAnswered);
	});

	test('a Download Media that outlasts the old 30 s limit still leaves the nonce saved before the answer', async () => {
		const image = signed({
			message: {
				id: 'in_img',
				chat: { id: 'u_1', type: 'private' },
				sender: { id: 'u_1', name: 'Ann' },
				msgType: 'image',
				data: { originalUrl: 'fly-file://slow.png' },
			},
		});
		let release;
		const fault = {
			platform: 'fly',
			path: 'batch_access',
			gate: new Promise((r) => (release = r)),
		};
		suite.sim.faults.push(fault);
		const delivered = engine.deliverWebhook({
			type: 'flyTrigger',
			parameters: { updates: [], options: { downloadMedia: true } },
			credentials: { flyApi: suite.creds.flyApi },
			body: image,
			nodeId: 'slow-download',
			// Saved before (an earlier delivery): the run's workflow is built over the same object.
			persisted: { 'node:Trigger': {} },
		});
		await until(() => fault.hits === 1, 'the download under way');
		// The download takes longer than 30 s: the clock moves on while it is held.
		const realNow = Date.now.bind(Date);
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000);
		try {
			release();
			const r = await delivered;
			expect(started(r)).toBe(true);
			expect(nonceKeys(r.savedWhenAnswered['node:Trigger'])).toContain(nonceDigest(image.nonce));
		} finally {
			clock.mockRestore();
		}
	});

	test('a JSON body of a +json type that n8n left unread (version 1.1) is read and verified', async () => {
		const r = await flyHook({
			body: signed(),
			headers: { 'content-type': 'application/vnd.fly+json' },
			bodyUnread: true,
		});
		expect(started(r)).toBe(true);
		refused(
			await flyHook({
				body: signed({}, 'not-the-secret'),
				headers: { 'content-type': 'application/vnd.fly+json' },
				bodyUnread: true,
			}),
			401,
		);
	});

	test('a nonce over 256 characters answers 400 and starts nothing, though signed', async () => {
		refused(await flyHook({ body: signed({ nonce: 'n'.repeat(257) }) }), 400);
		expect(
			started(await flyHook({ body: signed({ nonce: `${'n'.repeat(240)}${Date.now()}` }) })),
		).toBe(true);
	});

	test('malformed bodies and wrong content types answer 400', async () => {
		refused(await flyHook({ body: '{"update_id":1,' }), 400);
		refused(await flyHook({ body: signed(), headers: { 'content-type': 'text/plain' } }), 400);
		refused(
			await flyHook({
				body: '{"update_id":"1.5","type":"message","timestamp":1,"nonce":"n","signature":"x"}',
			}),
			400,
		);
	});

	describe('the signature covers one payload key: a forged one beside it is refused', () => {
		// What Fly signs: a press, meant for this or another workflow on the same bot.
		const press = {
			id: 'cbq_real',
			data: 'reject',
			from: { id: 'u_1', name: 'Ann' },
			message: { id: 'fly_msg_1', chat: { id: 'u_1', type: 'private' } },
		};
		const forgedPress = { ...press, data: 'approve', from: { id: 'u_boss', name: 'Boss' } };
		/** The signed press moved into `message` (still what the signature covers), a forged one beside it. */
		const forge = (genuine) => {
			const f = { ...genuine, message: genuine.callback_query, callback_query: forgedPress };
			return f;
		};

		test('with a type: 400, no run; the genuine delivery still runs', async () => {
			const genuine = signed({ type: 'callback_query', message: undefined, callback_query: press });
			refused(await flyHook({ body: forge(genuine) }), 400);
			const ok = await flyHook({ body: genuine });
			expect(events(ok)[0]).toMatchObject({
				type: 'callback_query',
				callback: { id: 'cbq_real', data: 'reject' },
				sender: { id: 'u_1' },
			});
		});

		test('without a type: 400, no run; the genuine delivery still runs', async () => {
			const genuine = signed({ type: undefined, message: undefined, callback_query: press });
			refused(await flyHook({ body: forge(genuine) }), 400);
			const ok = await flyHook({ body: genuine });
			expect(events(ok)[0]).toMatchObject({
				type: 'callback_query',
				callback: { id: 'cbq_real', data: 'reject' },
			});
		});

		test('a type naming the key that is not signed: 400; an empty other key is what Fly signs as absent', async () => {
			// Signed: the message (type says callback_query), the press beside it is not covered.
			refused(
				await flyHook({ body: signed({ type: 'callback_query', callback_query: forgedPress }) }),
				400,
			);
			// Signed: the press (`message` is empty, so `message or callback_query` is the press).
			refused(
				await flyHook({ body: signed({ type: 'message', message: {}, callback_query: press }) }),
				400,
			);
			const ok = await flyHook({
				body: signed({ type: undefined, message: {}, callback_query: press }),
			});
			expect(events(ok)[0]).toMatchObject({ type: 'callback_query', callback: { data: 'reject' } });
			const msg = await flyHook({ body: signed({ type: undefined, callback_query: {} }) });
			expect(events(msg)[0]).toMatchObject({ type: 'message', text: 'hi' });
		});
	});

	test('the Updates filter skips what is not wanted (after verification)', async () => {
		const cb = signed({
			type: 'callback_query',
			message: undefined,
			callback_query: {
				id: 'cbq_1',
				data: 'ok',
				from: { id: 'u_1', name: 'Ann' },
				message: { id: 'fly_msg_1', chat: { id: 'u_1', type: 'private' } },
			},
		});
		expect((await flyHook({ body: cb, parameters: { updates: ['message'] } })).result).toEqual({});
		const ok = await flyHook({
			body: signed({
				type: 'callback_query',
				message: undefined,
				callback_query: cb.callback_query,
			}),
			parameters: { updates: ['callback_query'] },
		});
		expect(events(ok)[0]).toMatchObject({
			type: 'callback_query',
			callback: { id: 'cbq_1', data: 'ok' },
		});
	});
});

'use strict';
// Fly node, every operation, in n8n's engine against the simulator.
const crypto = require('crypto');
const { setupNodeTests, everything, readBinary } = require('../helpers/nodes');
const { signedByReference } = require('../helpers/flyReference');
const engine = require('../helpers/engine');
const { dist } = require('../helpers/packages');
// Signed as the simulator signs for Fly: apart from the package's verifier, checked against Python.
const { signUpdate, defaultSecret } = require('../../simulator/flySignature');

const t = setupNodeTests();
const TOKEN = 'sim-fly-token-0001';
const send = (extra) => ({
	resource: 'message',
	operation: 'send',
	groupId: '',
	userId: '',
	msgType: 'text',
	...extra,
});

function signed(
	update,
	{
		secret = defaultSecret(TOKEN),
		timestamp = Math.floor(Date.now() / 1000),
		nonce = crypto.randomBytes(6).toString('hex'),
	} = {},
) {
	const u = {
		update_id: 7,
		type: 'message',
		bot: { id: 'fly_bot_1' },
		timestamp,
		nonce,
		...update,
	};
	u.signature = signUpdate(u, secret);
	return u;
}

describe('Fly node', () => {
	test('Message → Send text to a group, with a derived client_msg_id', async () => {
		const r = await t.run('fly', send({ groupId: 'g_1', content: '你好' }));
		expect(r.error).toBeUndefined();
		const req = t.last('fly');
		expect(req.path).toBe('/api/v1/s/bot/send');
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.body).toEqual({
			msg_type: 'text',
			data: { content: '你好' },
			group_id: 'g_1',
			client_msg_id: expect.stringMatching(/^n8n_[0-9a-f]{40}$/),
		});
		expect(r.items[0].json).toEqual({
			message_id: 'fly_msg_1',
			client_msg_id: req.body.client_msg_id,
			duplicate: false,
			sent: true,
		});
	});

	test('the derived client_msg_id is stable for the same execution, node and item, and differs otherwise', async () => {
		const a = await t.run('fly', send({ userId: 'u_1', content: 'x' }), { executionId: 'e-1' });
		const again = await t.run('fly', send({ userId: 'u_1', content: 'x' }), { executionId: 'e-1' });
		const other = await t.run('fly', send({ userId: 'u_1', content: 'x' }), { executionId: 'e-2' });
		expect(again.items[0].json.client_msg_id).toBe(a.items[0].json.client_msg_id);
		expect(again.items[0].json).toMatchObject({ duplicate: true, sent: false });
		expect(again.items[0].json.notice).toMatch(/did not send this message again/);
		expect(a.items[0].json.sent).toBe(true);
		expect(other.items[0].json.client_msg_id).not.toBe(a.items[0].json.client_msg_id);
		expect(t.sim.platforms.fly.sent).toHaveLength(2);
	});

	test('a lost answer after Fly accepted the message is retried without a second message', async () => {
		t.sim.faults.push({ platform: 'fly', path: '/send', drop: 'after', times: 1 });
		const r = await t.run(
			'fly',
			send({ userId: 'u_1', content: 'once', options: { clientMsgId: 'reply_42' } }),
		);
		expect(r.error).toBeUndefined();
		expect(t.requests('fly').map((q) => q.body.client_msg_id)).toEqual(['reply_42', 'reply_42']);
		expect(t.sim.platforms.fly.sent).toHaveLength(1);
	});

	describe('Client Message ID after a Fly trigger', () => {
		/** Three messages as the Fly Polling Trigger outputs them: two in one chat, one in a group. */
		async function triggerItems() {
			const fly = t.sim.platforms.fly;
			await fly.inject({ userId: 'u_1', text: 'one' });
			await fly.inject({ userId: 'u_1', text: 'two' });
			await fly.inject({ groupId: 'g_1', userId: 'u_2', text: 'three' });
			const trigger = await engine.startTrigger({
				type: 'flyPollingTrigger',
				parameters: {},
				credentials: { flyApi: t.creds.flyApi },
			});
			t.running.push(trigger);
			await trigger.until(() => trigger.items().length === 3);
			return trigger.items().map(({ json }) => ({ json }));
		}
		const reply = (clientMsgId) =>
			send({
				sendTo: 'eventChat',
				content: '={{ "echo: " + $json.event.text }}',
				options: { clientMsgId },
			});
		const optionOf = (name) =>
			new (require(dist('fly', 'nodes/Fly/Fly.node.js')).Fly)().description.properties
				.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('send'))
				.options.find((o) => o.name === name);

		test("the hint's expression gives every reply its own ID, and every reply is sent", async () => {
			const expression = 'reply_{{ $json.raw.update_id }}';
			expect(optionOf('clientMsgId').hint).toContain(expression);
			const r = await t.run('fly', reply(`=${expression}`), { items: await triggerItems() });
			expect(r.error).toBeUndefined();
			const ids = r.items.map((i) => i.json.client_msg_id);
			expect(new Set(ids).size).toBe(3);
			for (const id of ids) expect(id).toMatch(/^reply_\d+$/);
			expect(r.items.map((i) => i.json.sent)).toEqual([true, true, true]);
			expect(t.sim.platforms.fly.sent).toHaveLength(3);
		});

		test('the old example (no top-level update_id: "reply_" for every item) fails the repeats, naming the option', async () => {
			const items = await triggerItems();
			const r = await t.run('fly', reply('=reply_{{ $json.update_id }}'), { items });
			expect(r.error.message).toMatch(
				/^Client Message ID "reply_" is already used by item 0 of this run: Fly sends one message per ID/,
			);
			expect(t.sim.platforms.fly.sent).toHaveLength(1);

			t.sim.reset();
			const kept = await t.run('fly', reply('=reply_{{ $json.update_id }}'), {
				items,
				continueOnFail: true,
			});
			expect(kept.items.map((i) => i.json.sent ?? i.json.error)).toEqual([
				true,
				expect.stringMatching(/^Client Message ID "reply_" is already used by item 0/),
				expect.stringMatching(/^Client Message ID "reply_" is already used by item 0/),
			]);
			expect(t.sim.platforms.fly.sent).toHaveLength(1);
		});

		test('an ID Fly already has (another execution) is answered as a duplicate: the output says it was not sent', async () => {
			const first = await t.run(
				'fly',
				send({ userId: 'u_1', content: 'a', options: { clientMsgId: 'reply_7' } }),
				{ executionId: 'e-1' },
			);
			const second = await t.run(
				'fly',
				send({ userId: 'u_1', content: 'b', options: { clientMsgId: 'reply_7' } }),
				{ executionId: 'e-2' },
			);
			expect(second.error).toBeUndefined();
			expect(first.items[0].json).toMatchObject({ sent: true, duplicate: false });
			expect(second.items[0].json).toMatchObject({
				sent: false,
				duplicate: true,
				client_msg_id: 'reply_7',
				message_id: first.items[0].json.message_id,
			});
			expect(second.items[0].json.notice).toMatch(
				/^Fly did not send this message: it already had one with Client Message ID "reply_7"/,
			);
			expect(t.sim.platforms.fly.sent.map((m) => m.data.content)).toEqual(['a']);
		});

		test("a Split Long Text part's numbered key counts too: another item using it fails", async () => {
			const r = await t.run(
				'fly',
				send({
					userId: 'u_1',
					content: '={{ $json.text }}',
					options: { clientMsgId: '={{ $json.id }}', splitAt: 5 },
				}),
				{ items: [{ json: { id: 'x', text: 'aaaa bbbb' } }, { json: { id: 'x_2', text: 'c' } }] },
			);
			expect(t.requests('fly').map((q) => q.body.client_msg_id)).toEqual(['x', 'x_2']);
			expect(r.error.message).toMatch(
				/^Client Message ID "x_2" is already used by item 0 of this run/,
			);
		});
	});

	test.each([
		[
			'image',
			{ imageUrl: 'https://x/i.png', thumbnailUrl: 'https://x/t.png' },
			{ originalUrl: 'https://x/i.png', thumbnailUrl: 'https://x/t.png' },
		],
		['voice', { voiceUrl: 'https://x/v.amr' }, { url: 'https://x/v.amr' }],
		['video', { videoUrl: 'https://x/v.mp4', thumbnailUrl: '' }, { videoUrl: 'https://x/v.mp4' }],
		[
			'file',
			{ fileUrl: 'https://x/f.pdf', fileName: 'f.pdf' },
			{ url: 'https://x/f.pdf', name: 'f.pdf' },
		],
	])('Message → Send %s', async (msgType, params, data) => {
		const r = await t.run('fly', send({ userId: 'u_2', msgType, ...params }));
		expect(r.error).toBeUndefined();
		expect(t.last('fly').body).toMatchObject({ msg_type: msgType, data, to_user_id: 'u_2' });
		expect(t.last('fly').body.data).toEqual(data);
	});

	test('Update → Get Many', async () => {
		t.sim.platforms.fly.inject({ text: 'one', userId: 'u_5' }, t.sim.baseUrls().fly);
		t.sim.platforms.fly.inject({ text: 'two', groupId: 'g_5' }, t.sim.baseUrls().fly);
		const r = await t.run('fly', {
			resource: 'update',
			operation: 'getMany',
			offset: 0,
			limit: 10,
			timeout: 0,
		});
		expect(r.error).toBeUndefined();
		expect(t.last('fly').body).toEqual({ offset: 0, limit: 10, timeout: 0 });
		expect(
			r.items.map((i) => [i.json.type, i.json.message.data.content, i.json.message.chat.type]),
		).toEqual([
			['message', 'one', 'private'],
			['message', 'two', 'group'],
		]);
		expect(r.items.map((i) => i.json.nextOffset)).toEqual(['3', '3']);
	});

	test('Update → Get Many pages exactly beyond 2^53 with the documented {{ $json.nextOffset }}', async () => {
		const fly = t.sim.platforms.fly;
		fly.queue.nextId = 12345678901234567890n;
		for (const text of ['one', 'two']) await fly.inject({ text }, t.sim.baseUrls().fly);
		const r = await t.run('fly', {
			resource: 'update',
			operation: 'getMany',
			offset: '',
			limit: 1,
			timeout: 0,
		});
		expect(r.items.map((i) => [i.json.update_id, i.json.nextOffset])).toEqual([
			['12345678901234567890', '12345678901234567891'],
		]);
		const r2 = await t.run(
			'fly',
			{
				resource: 'update',
				operation: 'getMany',
				offset: '={{ $json.nextOffset }}',
				limit: 10,
				timeout: 0,
			},
			{ items: [r.items[0]] },
		);
		expect(r2.error).toBeUndefined();
		// Fly's own clients send a Python int: an exact JSON number, however long.
		expect(t.last('fly').text).toContain('"offset":12345678901234567891,');
		expect(r2.items.map((i) => i.json.message.data.content)).toEqual(['two']);
	});

	test('File → Get Access URLs, then Download an access URL to a binary with name and type kept', async () => {
		const bytes = crypto.randomBytes(5000);
		const url = t.sim.platforms.fly.addMedia(t.sim.baseUrls().fly, {
			name: 'photo.jpg',
			mimeType: 'image/jpeg',
			bytes,
		});
		const r = await t.run('fly', {
			resource: 'file',
			operation: 'getAccessUrls',
			urls: `${url}\nhttps://elsewhere.invalid/x`,
			expireSeconds: 60,
		});
		expect(t.last('fly').body).toEqual({
			files: [{ url }, { url: 'https://elsewhere.invalid/x' }],
			expire_seconds: 60,
		});
		const access = r.items[0].json.files[url];
		expect(access).toMatch(/\?access=/);
		expect(r.items[0].json.missing).toEqual(['https://elsewhere.invalid/x']);
		const d = await t.run('fly', {
			resource: 'file',
			operation: 'download',
			url: access,
			urlKind: 'access',
			binaryPropertyName: 'file',
			maxSizeMb: 1,
			allowPrivateAddresses: true,
		});
		expect(d.error).toBeUndefined();
		const b = d.items[0].binary.file;
		expect([b.fileName, b.mimeType]).toEqual(['photo.jpg', 'image/jpeg']);
		// Bytes, as bi.ink Upload reports it, not n8n's display text ("5 kB").
		expect(d.items[0].json.fileSize).toBe(bytes.length);
		const got = await readBinary(b);
		expect([got.length, got.equals(bytes)]).toEqual([bytes.length, true]);
		// The file host never sees the bot token.
		expect(t.last('fly').headers.authorization).toBeUndefined();
		// Nor does the output keep the access grant (the URL's query).
		expect(d.items[0].json.url).toBe(access.split('?')[0]);
		expect(JSON.stringify(d.items[0].json)).not.toMatch(/access=/);
	});

	test('File → Download an original URL asks for access first; the size cap stops big files', async () => {
		const url = t.sim.platforms.fly.addMedia(t.sim.baseUrls().fly, {
			name: 'big.bin',
			mimeType: 'application/octet-stream',
			bytes: Buffer.alloc(2 * 1024 * 1024),
		});
		const ok = await t.run('fly', {
			resource: 'file',
			operation: 'download',
			url,
			urlKind: 'original',
			binaryPropertyName: 'data',
			maxSizeMb: 3,
			allowPrivateAddresses: true,
		});
		expect(ok.error).toBeUndefined();
		expect(t.requests('fly').map((q) => q.path)).toEqual([
			'/api/v1/s/bot/files/batch_access',
			expect.stringMatching(/^\/media\//),
		]);
		const capped = await t.run('fly', {
			resource: 'file',
			operation: 'download',
			url,
			urlKind: 'original',
			binaryPropertyName: 'data',
			maxSizeMb: 1,
			allowPrivateAddresses: true,
		});
		expect(capped.error.message).toBe(
			'The file is 2097152 bytes, over the size cap of 1048576 bytes (option "Max File Size")',
		);
	});

	describe("the document's literal answers: {data} without code or message", () => {
		beforeEach(() => {
			t.sim.platforms.fly.envelope = 'bare';
		});

		test('Update → Get Many reads data.updates', async () => {
			await t.sim.platforms.fly.inject({ text: 'bare one' }, t.sim.baseUrls().fly);
			const r = await t.run('fly', {
				resource: 'update',
				operation: 'getMany',
				offset: '',
				limit: 10,
				timeout: 0,
			});
			expect(r.error).toBeUndefined();
			expect(r.items.map((i) => i.json.message.data.content)).toEqual(['bare one']);
		});

		test('Message → Send returns data; File → Download finds the access URL in data.files', async () => {
			const sent = await t.run(
				'fly',
				send({ userId: 'u_1', content: 'x', options: { clientMsgId: 'bare_1' } }),
			);
			expect(sent.items[0].json).toEqual({
				message_id: 'fly_msg_1',
				client_msg_id: 'bare_1',
				duplicate: false,
				sent: true,
			});
			const bytes = crypto.randomBytes(300);
			const url = t.sim.platforms.fly.addMedia(t.sim.baseUrls().fly, {
				name: 'a.bin',
				mimeType: 'application/octet-stream',
				bytes,
			});
			const d = await t.run('fly', {
				resource: 'file',
				operation: 'download',
				url,
				urlKind: 'original',
				binaryPropertyName: 'data',
				maxSizeMb: 1,
				allowPrivateAddresses: true,
			});
			expect(d.error).toBeUndefined();
			expect((await readBinary(d.items[0].binary.data)).equals(bytes)).toBe(true);
		});

		test('an error answered with {message} only says what Fly said', async () => {
			const r = await t.run('fly', send({ userId: 'u', content: 'x' }), {
				credentials: { accessToken: 'wrong-fly-token-xyz' },
			});
			expect(r.error.message).toBe(
				'Fly POST /api/v1/s/bot/send failed with HTTP 401: unauthorized',
			);
		});
	});

	describe('Signature → Verify', () => {
		const verify = (json, extra = {}) =>
			t.run('fly', {
				resource: 'signature',
				operation: 'verify',
				source: 'text',
				text: json,
				rejectReplays: true,
				...extra,
			});

		test('accepts a valid v1 signature (non-ASCII, floats, IDs beyond 2^53) and rejects a replayed nonce', async () => {
			const ts = Math.floor(Date.now() / 1000);
			const raw = `{"update_id":7,"type":"message","bot":{"id":"fly_bot_1"},"timestamp":${ts},"nonce":"${crypto.randomBytes(6).toString('hex')}","message":{"id":"m","chat":{"id":"c","type":"private"},"data":{"content":"你好 🌍","score":1.0,"big":12345678901234567890123}}}`;
			const resigned = signedByReference(raw, defaultSecret(TOKEN));
			const first = await verify(resigned);
			expect(first.items[0].json).toMatchObject({ signatureValid: true, signatureError: null });
			// A second execution of the same node (its static data not saved yet) still knows the nonce.
			const replay = await verify(resigned);
			expect(replay.items[0].json).toMatchObject({
				signatureValid: false,
				signatureError: 'REPLAYED_NONCE',
			});
			const twice = await t.run(
				'fly',
				{
					resource: 'signature',
					operation: 'verify',
					source: 'json',
					jsonField: 'body',
					rejectReplays: true,
				},
				{
					items: [
						{ json: { body: JSON.parse(resigned.replace('1.0', '1.5')) } },
						{ json: { body: JSON.parse(resigned.replace('1.0', '1.5')) } },
					],
				},
			);
			expect(twice.items.map((i) => i.json.signatureError)).toEqual([
				'SIGNATURE_MISMATCH',
				'SIGNATURE_MISMATCH',
			]);
		});

		test('two executions verifying one delivery at the same time: exactly one accepts it', async () => {
			const body = JSON.stringify(signed({ message: { id: 'concurrent' } }));
			const runs = await Promise.all([verify(body), verify(body), verify(body)]);
			const errors = runs.map((r) => r.items[0].json.signatureError);
			expect(errors.filter((e) => e === null)).toHaveLength(1);
			expect(errors.filter((e) => e === 'REPLAYED_NONCE')).toHaveLength(2);
		});

		test('rejects a forged signature, an expired timestamp and a replay within one run', async () => {
			const good = signed({ message: { id: 'm' } });
			const forged = { ...good, message: { id: 'other' } };
			const old = signed(
				{ message: { id: 'm' } },
				{ timestamp: Math.floor(Date.now() / 1000) - 301 },
			);
			const r = await t.run(
				'fly',
				{
					resource: 'signature',
					operation: 'verify',
					source: 'json',
					jsonField: 'body',
					rejectReplays: true,
				},
				{ items: [good, forged, old, good].map((body) => ({ json: { body } })) },
			);
			expect(r.items.map((i) => [i.json.signatureValid, i.json.signatureError])).toEqual([
				[true, null],
				[false, 'SIGNATURE_MISMATCH'],
				[false, 'REPLAY_WINDOW_EXCEEDED'],
				[false, 'REPLAYED_NONCE'],
			]);
		});

		test('a delivery with a payload beside the signed one is not valid (UNSIGNED_PAYLOAD), with or without a type', async () => {
			const press = { id: 'cbq_real', data: 'reject', from: { id: 'u_1' } };
			const forgedPress = { ...press, data: 'approve', from: { id: 'u_boss' } };
			const typed = signed({ type: 'callback_query', callback_query: press });
			const untyped = signed({ type: undefined, callback_query: press });
			const forge = (g) => ({ ...g, message: g.callback_query, callback_query: forgedPress });
			const r = await t.run(
				'fly',
				{
					resource: 'signature',
					operation: 'verify',
					source: 'json',
					jsonField: 'body',
					rejectReplays: true,
				},
				{
					items: [forge(typed), forge(untyped), typed, untyped].map((body) => ({
						json: { body },
					})),
				},
			);
			expect(r.items.map((i) => [i.json.signatureValid, i.json.signatureError])).toEqual([
				[false, 'UNSIGNED_PAYLOAD'],
				[false, 'UNSIGNED_PAYLOAD'],
				[true, null],
				[true, null],
			]);
		});

		test("uses the credential's webhook secret when set", async () => {
			const body = signed({ message: { id: 'm' } }, { secret: 'my-own-secret' });
			const r = await verify(JSON.stringify(body), {});
			expect(r.items[0].json.signatureValid).toBe(false);
			const r2 = await t.run(
				'fly',
				{
					resource: 'signature',
					operation: 'verify',
					source: 'text',
					text: JSON.stringify(body),
					rejectReplays: false,
				},
				{ credentials: { webhookSecret: 'my-own-secret' } },
			);
			expect(r2.items[0].json.signatureValid).toBe(true);
		});
	});

	describe('parameter mistakes fail before any request, naming the field', () => {
		test.each([
			[
				send({ groupId: 'g', userId: 'u', content: 'x' }),
				'Set either Group ID or User ID, not both',
			],
			// Nothing typed and no Fly trigger event behind the item: the triggering chat is not found.
			[send({ content: 'x' }), '"Reply in the Triggering Chat" found no Fly chat for item 0'],
			[send({ userId: 'u', msgType: 'image', imageUrl: '={{ "" }}' }), 'Image URL is required'],
			[
				send({ userId: 'u', content: 'x', options: { extraData: '{nope' } }),
				/^Extra Data \(JSON\) is not valid JSON/,
			],
			[
				{
					resource: 'file',
					operation: 'download',
					url: 'ftp://x',
					urlKind: 'access',
					binaryPropertyName: 'data',
					maxSizeMb: 1,
				},
				/^URL must start with http/,
			],
		])('%o', async (parameters, message) => {
			const r = await t.run('fly', parameters);
			expect(r.error.message).toMatch(message);
			expect(r.error.name).toBe('NodeOperationError');
			expect(t.requests('fly')).toHaveLength(0);
		});
	});

	test('a wrong token is a clear, redacted error; 5xx on a keyed send is retried safely', async () => {
		const r = await t.run('fly', send({ userId: 'u', content: 'x' }), {
			credentials: { accessToken: 'wrong-fly-token-xyz' },
		});
		expect(r.error.message).toBe(
			'Fly POST /api/v1/s/bot/send failed with HTTP 401 (code 40100): unauthorized',
		);
		expect(everything(r)).not.toContain('wrong-fly-token-xyz');
		t.sim.faults.push({ platform: 'fly', path: '/send', status: 503, times: 1 });
		const ok = await t.run('fly', send({ userId: 'u', content: 'x' }));
		expect(ok.error).toBeUndefined();
		expect(t.sim.platforms.fly.sent).toHaveLength(1);
	});

	describe('File → Download: hostile URLs and hosts', () => {
		const http = require('http');
		const { core } = require('../helpers/packages');
		const { downloadLimits } = require(core('download', 'fly'));
		const servers = [];
		const serve = async (handler, host = '127.0.0.1') => {
			const server = http.createServer((req, res) => {
				server.hits.push(req.url);
				handler(req, res);
			});
			server.hits = [];
			await new Promise((resolve) => server.listen(0, host, resolve));
			servers.push(server);
			return server;
		};
		const origin = (server) =>
			server.address().family === 'IPv6'
				? `http://[${server.address().address}]:${server.address().port}`
				: `http://${server.address().address}:${server.address().port}`;
		afterEach(async () => {
			downloadLimits.deadlineMs = 600_000;
			for (const s of servers.splice(0)) {
				s.closeAllConnections();
				await new Promise((resolve) => s.close(resolve));
			}
		});
		const download = (url, extra = {}) =>
			t.run('fly', {
				resource: 'file',
				operation: 'download',
				url,
				urlKind: 'access',
				binaryPropertyName: 'data',
				maxSizeMb: 1,
				...extra,
			});
		const ok = (req, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end('internal');
		};

		test('an access URL on loopback (127.0.0.1, localhost, [::1]) is refused, naming the option; allowed with it', async () => {
			const v4 = await serve(ok);
			const v6 = await serve(ok, '::1');
			const urls = [
				`${origin(v4)}/latest?access=grant`,
				`http://localhost:${v4.address().port}/latest?access=grant`,
				`${origin(v6)}/latest?access=grant`,
			];
			for (const url of urls) {
				const r = await download(url);
				expect(r.error.message).toMatch(
					/^Download refused: the URL's host (is not a public address \(loopback\)|names this machine \(localhost\)), which a download may reach only with option "Allow Private Addresses" on$/,
				);
				expect(r.error.message).not.toContain('grant');
			}
			expect([v4.hits, v6.hits]).toEqual([[], []]);
			for (const url of urls) {
				const r = await download(url, { allowPrivateAddresses: true });
				expect(r.error).toBeUndefined();
				expect((await readBinary(r.items[0].binary.data)).toString()).toBe('internal');
			}
			expect([v4.hits.length, v6.hits.length]).toEqual([2, 1]);
		});

		test('a malformed filename* is not fatal: the name comes from the URL instead', async () => {
			const server = await serve((req, res) => {
				res.writeHead(200, {
					'content-type': 'application/pdf',
					'content-disposition': "attachment; filename*=UTF-8''%E0%A4%A",
				});
				res.end('%PDF-1.4');
			});
			const r = await download(`${origin(server)}/files/report.pdf`, {
				allowPrivateAddresses: true,
			});
			expect(r.error).toBeUndefined();
			expect(r.items[0].binary.data.fileName).toBe('report.pdf');
		});

		test('a host trickling bytes forever is cut at the overall deadline and its connection closed', async () => {
			downloadLimits.deadlineMs = 300;
			let closed;
			const gone = new Promise((resolve) => (closed = resolve));
			const server = await serve((req, res) => {
				res.writeHead(200, { 'content-type': 'application/octet-stream' });
				// One byte at a time, each well within any idle timeout, never ending.
				const drip = setInterval(() => res.write('x'), 20);
				res.on('close', () => {
					clearInterval(drip);
					closed();
				});
			});
			const r = await download(`${origin(server)}/slow`, { allowPrivateAddresses: true });
			expect(r.error.message).toBe(
				'Download failed: the download took longer than 300 ms and was stopped',
			);
			await gone;
		});

		test('a Max File Size that evaluates to nothing or NaN is refused, naming it, not taken as no limit', async () => {
			const server = await serve(ok);
			for (const maxSizeMb of ['={{ "" }}', '={{ NaN }}', '={{ $json.missing }}']) {
				const r = await download(`${origin(server)}/f`, {
					maxSizeMb,
					allowPrivateAddresses: true,
				});
				expect(r.error.message).toMatch(/^Max File Size \(MB\) must be a positive number, got /);
			}
			expect(server.hits).toEqual([]);
		});
	});
});

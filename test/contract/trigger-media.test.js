'use strict';
// "Download Media" on the triggers whose documents give a way to fetch a received file (Fly's
// batch_access, minapp's image cdn), in n8n-core's real trigger and webhook contexts against the
// simulator's file hosts: every shape the documents allow, exact bytes and MIME types, the size
// cap enforced while the file streams in, and a clear per-item error for a file that cannot be
// fetched. Both go through one mechanism (core/triggerMedia.ts, download.ts).
const crypto = require('crypto');
const { setupSimulatorTests } = require('../helpers/nodes');
const engine = require('../helpers/engine');
const { patternByte } = require('../../simulator/files');

jest.setTimeout(60_000);
const suite = setupSimulatorTests();

const fly = () => suite.sim.platforms.fly;
const minapp = () => suite.sim.platforms.minapp;
const MB = 1024 * 1024;
const PNG = Buffer.concat([
	Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
	crypto.randomBytes(3000),
]);

async function flyTrigger(options) {
	const t = await engine.startTrigger({
		type: 'flyPollingTrigger',
		parameters: { updates: [], options },
		credentials: { flyApi: suite.creds.flyApi },
	});
	suite.running.push(t);
	return t;
}

/** The media file a Fly update points at (what the simulator served of it). */
const flyFile = (item) => fly().mediaFile(item.json.event.attachments[0].url);

describe('Fly: Download Media', () => {
	test('every media type of the document (image, voice, video, file) arrives as binary "data" with its bytes and type; thumbnails stay links', async () => {
		const files = {
			image: { name: 'cat.png', mimeType: 'image/png', bytes: PNG },
			voice: { name: 'hello.amr', mimeType: 'audio/amr', bytes: crypto.randomBytes(1500) },
			video: { name: 'clip.mp4', mimeType: 'video/mp4', bytes: crypto.randomBytes(4000) },
			file: { name: '报告.pdf', mimeType: 'application/pdf', bytes: crypto.randomBytes(900) },
		};
		for (const [kind, media] of Object.entries(files))
			await fly().inject({
				userId: `u_${kind}`,
				media: { kind, ...media },
				thumbnail: kind === 'image' || kind === 'video' ? {} : undefined,
			});
		const t = await flyTrigger({ downloadMedia: true, allowPrivateAddresses: true });
		await t.until(() => t.items().length === 4);
		for (const item of t.items()) {
			const kind = item.json.event.attachments[0].kind;
			expect(item.json.mediaError).toBeUndefined();
			expect(item.binary.data).toMatchObject({
				fileName: files[kind].name,
				mimeType: files[kind].mimeType,
			});
			expect((await engine.readBinary(item.binary.data)).equals(files[kind].bytes)).toBe(true);
		}
		// The thumbnails were in the updates and never fetched.
		const thumbs = t
			.items()
			.map((i) => i.json.raw.message.data.thumbnailUrl)
			.filter(Boolean);
		expect(thumbs).toHaveLength(2);
		for (const url of thumbs) expect(fly().mediaFile(url).requests).toBe(0);
	});

	test('a host that names no type, or only octet-stream: the type comes from the first bytes, then the name', async () => {
		await fly().inject({ media: { kind: 'image', name: 'noext', mimeType: null, bytes: PNG } });
		await fly().inject({
			media: {
				kind: 'voice',
				name: 'v.amr',
				mimeType: 'application/octet-stream',
				bytes: crypto.randomBytes(100),
			},
		});
		const t = await flyTrigger({ downloadMedia: true, allowPrivateAddresses: true });
		await t.until(() => t.items().length === 2);
		expect(t.items().map((i) => i.binary.data.mimeType)).toEqual(['image/png', 'audio/amr']);
	});

	test('a file sent without a length stops downloading at Max Media Size: the connection is closed, not the file buffered', async () => {
		// 256 MB made up as it is sent, with no Content-Length, so only counting can stop it.
		await fly().inject({
			media: {
				kind: 'video',
				name: 'huge.mp4',
				mimeType: 'video/mp4',
				size: 256 * MB,
				chunked: true,
			},
		});
		await fly().inject({ text: 'next' });
		const t = await flyTrigger({ downloadMedia: true, allowPrivateAddresses: true, maxMediaMb: 1 });
		await t.until(() => t.items().length === 2);
		const [huge, next] = t.items();
		expect(huge.binary).toBeUndefined();
		expect(huge.json.mediaError).toBe(
			'Download failed: the file is over the size cap of 1048576 bytes (option "Max Media Size")',
		);
		expect(next.json.event.text).toBe('next');
		// What went out before the hang-up: the cap plus what sockets hold, far from the 256 MB.
		expect(flyFile(huge).sent).toBeLessThan(32 * MB);
		expect(t.errors).toHaveLength(0);
	});

	test('a chunked file under the cap arrives whole', async () => {
		await fly().inject({
			media: {
				kind: 'file',
				name: 'log.txt',
				mimeType: 'text/plain',
				size: 3 * MB + 17,
				chunked: true,
			},
		});
		const t = await flyTrigger({ downloadMedia: true, allowPrivateAddresses: true, maxMediaMb: 4 });
		await t.until(() => t.items().length === 1);
		const data = await engine.readBinary(t.items()[0].binary.data);
		expect(data.length).toBe(3 * MB + 17);
		expect([data[0], data[251], data[3 * MB + 16]]).toEqual([
			patternByte(0),
			patternByte(251),
			patternByte(3 * MB + 16),
		]);
	});

	test('a file the host fails to serve: that item says why, the others arrive', async () => {
		await fly().inject({ media: { kind: 'image', name: 'gone.png', status: 500 } });
		await fly().inject({ media: { kind: 'image', name: 'ok.png', bytes: PNG } });
		const t = await flyTrigger({ downloadMedia: true, allowPrivateAddresses: true });
		await t.until(() => t.items().length === 2);
		const [gone, ok] = t.items();
		expect(gone.binary).toBeUndefined();
		expect(gone.json.mediaError).toMatch(/^Download failed with HTTP 500/);
		// The access grant (in the URL's query) is not in the message.
		expect(gone.json.mediaError).not.toMatch(/access=/);
		expect((await engine.readBinary(ok.binary.data)).equals(PNG)).toBe(true);
	});

	test('off by default: nothing is fetched', async () => {
		await fly().inject({ media: { kind: 'image', bytes: PNG } });
		const t = await flyTrigger({});
		await t.until(() => t.items().length === 1);
		expect(t.items()[0].binary).toBeUndefined();
		expect(flyFile(t.items()[0]).requests).toBe(0);
		expect(suite.sim.journal.filter((r) => r.path.includes('batch_access'))).toHaveLength(0);
	});
});

describe('minapp: Download Media (the image cdn)', () => {
	const hook = async (input, options = { downloadMedia: true, allowPrivateAddresses: true }) => {
		const { event } = await minapp().inject({
			msgtype: 'image',
			conversationId: 'wr_group_ops',
			...input,
		});
		const r = await engine.callWebhook({
			type: 'minappTrigger',
			parameters: { events: [], options },
			credentials: { minappApi: suite.creds.minappApi },
			body: event,
		});
		return r.result.workflowData[0][0];
	};

	test('an image whose cdn is an http(s) URL arrives as binary "data" with its bytes and type', async () => {
		const item = await hook({ media: { name: 'photo.jpg', mimeType: 'image/jpeg', bytes: PNG } });
		expect(item.json.mediaError).toBeUndefined();
		expect(item.json.event.attachments).toEqual([
			{ kind: 'image', url: expect.stringMatching(/\/minapp\/cdn\/c\d+$/) },
		]);
		expect(item.binary.data).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg' });
		expect((await engine.readBinary(item.binary.data)).equals(PNG)).toBe(true);
		// A file host, not the API: the robot secret is never sent there.
		const fetched = suite.sim.journal.filter((r) => r.path.startsWith('/cdn/'));
		expect(fetched).toHaveLength(1);
		expect(JSON.stringify(fetched)).not.toContain(suite.creds.minappApi.secret);
	});

	test('too large: refused by its length, or stopped while streaming; the run still starts with mediaError', async () => {
		const declared = await hook(
			{ media: { size: 2 * MB } },
			{ downloadMedia: true, allowPrivateAddresses: true, maxMediaMb: 1 },
		);
		expect(declared.binary).toBeUndefined();
		expect(declared.json.mediaError).toBe(
			'The file is 2097152 bytes, over the size cap of 1048576 bytes (option "Max Media Size")',
		);
		const chunked = await hook(
			{ media: { size: 256 * MB, chunked: true } },
			{ downloadMedia: true, allowPrivateAddresses: true, maxMediaMb: 1 },
		);
		expect(chunked.json.mediaError).toBe(
			'Download failed: the file is over the size cap of 1048576 bytes (option "Max Media Size")',
		);
		expect(minapp().cdnFile(chunked.json.event.attachments[0].url).sent).toBeLessThan(32 * MB);
	});

	test('a cdn that fails, is empty, or is not an http(s) URL: the item says so, naming cdn_type', async () => {
		expect((await hook({ media: { status: 404 } })).json.mediaError).toMatch(
			/^Download failed with HTTP 404/,
		);
		expect((await hook({ image: { cdn_type: '', cdn: '' } })).json.mediaError).toBe(
			'The image message has no cdn to fetch it from (cdn_type "")',
		);
		expect((await hook({ image: {} })).json.mediaError).toBe(
			'The image message has no cdn to fetch it from (cdn_type "")',
		);
		const key = await hook({
			image: { cdn_type: '2', cdn: '3057020100044b30490201000204a1b2c3d4' },
		});
		expect(key.binary).toBeUndefined();
		expect(key.json.mediaError).toBe(
			'The image\'s cdn is not an http(s) URL (cdn_type "2"); minapp\'s document gives no other way to fetch an image',
		);
		expect(
			(await hook({ image: { cdn_type: 'file', cdn: 'file:///etc/passwd' } })).json.mediaError,
		).toMatch(/not an http\(s\) URL \(cdn_type "file"\)/);
		expect(suite.sim.journal.filter((r) => r.path.startsWith('/cdn/'))).toHaveLength(1);
	});

	test('off by default, and text messages are untouched when on', async () => {
		const off = await hook({ media: { bytes: PNG } }, {});
		expect(off.binary).toBeUndefined();
		expect(off.json.mediaError).toBeUndefined();
		expect(minapp().cdnFile(off.json.event.attachments[0].url).requests).toBe(0);
		const { event } = await minapp().inject({ text: 'hi' });
		const r = await engine.callWebhook({
			type: 'minappTrigger',
			parameters: { events: [], options: { downloadMedia: true, allowPrivateAddresses: true } },
			credentials: { minappApi: suite.creds.minappApi },
			body: event,
		});
		const [text] = r.result.workflowData[0];
		expect(text.binary).toBeUndefined();
		expect(text.json.mediaError).toBeUndefined();
	});
});

describe('Download Media reaches no internal address unless the trigger allows it', () => {
	const http = require('http');
	const os = require('os');
	const dns = require('dns');
	/** A server on an internal address that counts who reached it (what a metadata service would be). */
	const internal = async (host) => {
		const server = http.createServer((req, res) => {
			server.hits.push(req.url);
			res.writeHead(200, { 'content-type': 'image/png' });
			res.end(PNG);
		});
		server.hits = [];
		await new Promise((resolve) => server.listen(0, host, resolve));
		servers.push(server);
		return server;
	};
	const servers = [];
	afterEach(async () => {
		for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
	});
	const hook = async (cdn, options = { downloadMedia: true }) => {
		const { event } = await minapp().inject({
			msgtype: 'image',
			conversationId: 'wr_group_ops',
			image: { cdn_type: '1', cdn },
		});
		const r = await engine.callWebhook({
			type: 'minappTrigger',
			parameters: { events: [], options },
			credentials: { minappApi: suite.creds.minappApi },
			body: event,
		});
		return r.result.workflowData[0][0];
	};
	const OPT_IN = 'which a download may reach only with option "Allow Private Addresses" on';

	test('127.0.0.1, localhost, [::1] and 0x7f.1 are refused before any connection; the opt-in lets them through', async () => {
		const v4 = await internal('127.0.0.1');
		const v6 = await internal('::1');
		const cases = [
			[`http://127.0.0.1:${v4.address().port}/latest`, 'is not a public address (loopback)'],
			[`http://localhost:${v4.address().port}/latest`, 'names this machine (localhost)'],
			[`http://[::1]:${v6.address().port}/latest`, 'is not a public address (loopback)'],
			[`http://0x7f.1:${v4.address().port}/latest`, 'is not a public address (loopback)'],
		];
		for (const [cdn, reason] of cases) {
			const item = await hook(cdn);
			expect(item.binary).toBeUndefined();
			expect(item.json.mediaError).toBe(`Download refused: the URL's host ${reason}, ${OPT_IN}`);
		}
		expect([v4.hits, v6.hits]).toEqual([[], []]);

		for (const [cdn] of cases) {
			const item = await hook(cdn, { downloadMedia: true, allowPrivateAddresses: true });
			expect(item.json.mediaError).toBeUndefined();
			expect((await engine.readBinary(item.binary.data)).equals(PNG)).toBe(true);
		}
		expect([v4.hits.length, v6.hits.length]).toEqual([3, 1]);
	});

	test("a DNS name that resolves to loopback (this machine's host name) is refused before connecting, by n8n's own address check", async () => {
		const name = os.hostname();
		const { address } = await dns.promises.lookup(name, { family: 4 });
		const server = await internal(address);
		const item = await hook(`http://${name}:${server.address().port}/latest`);
		expect(item.binary).toBeUndefined();
		expect(item.json.mediaError).toBe(
			`Download refused: the URL's host resolves to ${address}, not a public address, ${OPT_IN}`,
		);
		expect(server.hits).toEqual([]);
	});

	test('with the opt-in, a redirect is still followed, hop by hop, to the file', async () => {
		const target = await internal('127.0.0.1');
		const redirector = http.createServer((req, res) => {
			res.writeHead(302, { location: `http://127.0.0.1:${target.address().port}/latest` });
			res.end();
		});
		await new Promise((resolve) => redirector.listen(0, '127.0.0.1', resolve));
		servers.push(redirector);
		// Every server here is on loopback, so a refused hop from a public host is tested through a
		// stub client (test/unit/address-policy.test.js).
		const item = await hook(`http://127.0.0.1:${redirector.address().port}/img`, {
			downloadMedia: true,
			allowPrivateAddresses: true,
		});
		expect((await engine.readBinary(item.binary.data)).equals(PNG)).toBe(true);
		expect(target.hits).toEqual(['/latest']);
	});
});

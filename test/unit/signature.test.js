'use strict';
// The Fly v1 signature must agree byte for byte with the document's Python reference, which
// these tests run (python3) as the oracle, on payloads chosen to break naive implementations.
const { core, dist } = require('../helpers/packages');
const { spawnSync } = require('child_process');
const { referenceSignatures } = require('../helpers/flyReference');
const simulatorSigner = require('../../simulator/flySignature');
const simulatorJson = require('../../simulator/json');
const { signFlyUpdate, verifyFlySignedUpdate, NonceGuard, defaultFlyWebhookSecret } = require(
	core('signature', 'fly'),
);
const { secretsEqual } = require(core('secretsEqual', 'fly'));
const { parseJsonLossless } = require(core('json', 'fly'));
const { pythonCanonicalJson } = require(core('pythonCompat', 'fly'));

const SECRET = 'wh-secret-测试';
const NOW = 1732636800;

const pythonReference = (rawBodies) => referenceSignatures(rawBodies, SECRET);

const envelope = (message, extra = '') =>
	`{"update_id":42,"type":"message","bot":{"id":"bot_1"},"timestamp":${NOW},"nonce":"n-1"${extra},"message":${message}}`;

const PAYLOADS = {
	'non-ASCII text and emoji': envelope(
		'{"text":"你好，世界 😀 café","chat":{"id":"g1","type":"group"}}',
	),
	'keys sorted by code point (astral vs BMP)': envelope('{"😀":1,"\uffff":2,"a":3,"B":4,"é":5}'),
	'floats in Python repr': envelope(
		'{"f":[1.0,1e5,1.5E+3,0.1,1e-7,1e-4,1e16,1e15,123456789012345678.0,-0.0,5e-324,1.7976931348623157e308,2.5e-5,100.0e-2]}',
	),
	'integers beyond 2^53 and -0': envelope(
		'{"id":123456789012345678901234567890,"neg":-9007199254740993,"z":-0}',
	),
	'escapes and control characters': envelope(
		'{"s":"line\\nbreak \\"q\\" back\\\\slash \\u0001 \\u001f \\u007f \\u2028 \\/ tab\\t"}',
	),
	'nested arrays, booleans, null': envelope(
		'{"a":[[],{},[null,true,false]],"o":{"z":{"y":[1,{"b":2,"a":1}]}}}',
	),
	'empty message falls through to callback_query':
		'{"update_id":7,"type":"callback_query","bot":{"id":"b"},"timestamp":' +
		NOW +
		',"nonce":"x","message":{},"callback_query":{"id":"cb1","data":"ok"}}',
	'no payload at all':
		'{"update_id":8,"type":"message","bot":{"id":"b"},"timestamp":' + NOW + ',"nonce":"x"}',
	'update_id as padded string, unicode digits, underscores':
		'{"update_id":" ٤٢_1 ","type":"message","bot":{"id":12345678901234567890},"timestamp":"' +
		NOW +
		'","nonce":12.5,"message":{"x":1}}',
	'update_id as float, type as int, bool nonce':
		'{"update_id":41.99,"type":5,"bot":{"id":true},"timestamp":' +
		NOW +
		'.7,"nonce":false,"message":{"x":1}}',
	'type and nonce as containers (Python str())':
		'{"update_id":1,"type":["a",{"k":"it\'s"}],"bot":{"id":null},"timestamp":' +
		NOW +
		',"nonce":{"n":1.0,"é":"\\u0007"},"message":{"x":1}}',
	'duplicate keys: last value wins': envelope('{"k":1,"k":2}'),
	"int() strips Python's whitespace (\\x85, \\u3000, \\u2028)":
		'{"update_id":"\\u0085 42\\u3000","type":"message","bot":{"id":"b"},"timestamp":"' +
		NOW +
		'\\u2028\\t","nonce":"x","message":{"x":1}}',
	'big float exponents': envelope('{"e":[1e22,1e21,9.999999999999999e15,1e400,-1e400]}'),
};

describe('Fly v1 signature agrees with the Python reference', () => {
	const names = Object.keys(PAYLOADS);
	const oracle = pythonReference(names.map((n) => PAYLOADS[n]));

	test.each(names.map((n, i) => [n, i]))('%s', (name, i) => {
		const raw = PAYLOADS[name];
		const expected = oracle[i];
		expect(expected.error).toBeUndefined();
		const update = parseJsonLossless(raw);
		const payload =
			update.get('message') && update.get('message').size
				? update.get('message')
				: update.get('callback_query') || new Map();
		if (name !== 'empty message falls through to callback_query' && name !== 'no payload at all') {
			expect(pythonCanonicalJson(payload)).toBe(expected.canonical);
		}
		expect(signFlyUpdate(update, SECRET)).toBe(expected.signature);
		// The verifier accepts the reference's signature on the exact raw body.
		const signed = raw.replace(/^\{/, `{"signature":"${expected.signature}",`);
		const ts = Number(/"timestamp":"?(\d+)/.exec(raw)[1]);
		expect(verifyFlySignedUpdate(signed, SECRET, ts)).toMatchObject({ ok: true });
	});

	test('updates the reference cannot process never verify', () => {
		const bad = [
			'{"update_id":"1.5","type":"message","timestamp":1,"nonce":"n","signature":"x"}',
			'[1,2]',
			'{"update_id":1,"bot":"str","timestamp":1}',
			// Whitespace to JS trim() but not to Python's int(): a BOM, and the separators \x1c-\x1f.
			'{"update_id":"\\ufeff42","type":"message","timestamp":1,"nonce":"n","signature":"x"}',
			'{"update_id":"42\\u001c","type":"message","timestamp":1,"nonce":"n","signature":"x"}',
		];
		const out = pythonReference(bad);
		expect(out.map((o) => o.error)).toEqual([
			'ValueError',
			'AttributeError',
			'AttributeError',
			'ValueError',
			'ValueError',
		]);
		for (const raw of bad) {
			expect(verifyFlySignedUpdate(raw, SECRET, 1)).toEqual({ ok: false, reason: 'MALFORMED' });
		}
	});
});

describe("the simulator's own signer (independent of the package) agrees with the Python reference", () => {
	const updates = {
		text: {
			update_id: 9,
			type: 'message',
			bot: { id: 'fly_bot_1' },
			timestamp: NOW,
			nonce: 'a1',
			message: {
				id: 'in_1',
				chat: { id: 'u_1', type: 'private' },
				sender: { id: 'u_1', name: '小明 😀' },
				msgType: 'text',
				data: { content: '你好 "q" \\ \u0001' },
				date: NOW,
			},
		},
		'update_id beyond 2^53, astral and BMP keys': {
			update_id: 12345678901234567890n,
			type: 'message',
			bot: { id: 'b' },
			timestamp: NOW,
			nonce: 'a2',
			message: { '😀': 1, '\uffff': 2, é: [true, null, {}], big: 98765432109876543210n },
		},
		callback: {
			update_id: 10,
			type: 'callback_query',
			bot: { id: 'b' },
			timestamp: NOW,
			nonce: 'a3',
			callback_query: {
				id: 'cbq_1',
				data: 'ok',
				from: { id: 'u_1', name: 'Ann' },
				message: { id: 'fly_msg_1', chat: { id: 'u_1', type: 'private' } },
			},
		},
	};
	test.each(Object.keys(updates))('%s', (name) => {
		const u = updates[name];
		const [expected] = pythonReference([simulatorJson.stringifyJson(u)]);
		expect(simulatorSigner.signUpdate(u, SECRET)).toBe(expected.signature);
	});
	test('it refuses what it cannot sign exactly (floats) instead of signing it wrongly', () => {
		expect(() =>
			simulatorSigner.signUpdate({ update_id: 1, message: { score: 1.5 } }, SECRET),
		).toThrow(/integers only/);
	});
});

describe("the secret, as the document's scripts read it (_env() strips Python's whitespace)", () => {
	const pyStrippedSha = (token) => {
		const r = spawnSync(
			'python3',
			[
				'-c',
				'import hashlib,sys; print(hashlib.sha256(sys.stdin.read().strip().encode("utf-8")).hexdigest())',
			],
			{ input: token, encoding: 'utf8' },
		);
		return r.stdout.trim();
	};
	const { FlyApi } = require(dist('fly', 'credentials/FlyApi.credentials'));
	const { flyWebhookSecret } = require(core('signature', 'fly'));

	test.each([['tok-1\n'], [' tok-1\u0085'], ['\u3000tok-1\u001f'], ['tok-1\ufeff']])(
		'token %j: the default secret and the Bearer header use the same stripped token',
		async (token) => {
			const secret = flyWebhookSecret({ accessToken: token, webhookSecret: '' });
			expect(secret).toBe(pyStrippedSha(token));
			const req = await new FlyApi().authenticate(
				{ accessToken: token, baseUrl: 'http://x' },
				{ url: '/y' },
			);
			expect(defaultFlyWebhookSecret(req.headers.Authorization.slice('Bearer '.length))).toBe(
				secret,
			);
		},
	);

	test('a set Webhook Secret is stripped the same way; empty or blank falls back to the token', () => {
		expect(flyWebhookSecret({ accessToken: 't', webhookSecret: ' s3cret\u0085\n' })).toBe('s3cret');
		expect(flyWebhookSecret({ accessToken: 't', webhookSecret: ' \n' })).toBe(pyStrippedSha('t'));
	});
});

describe('verification rules', () => {
	const body = (ts, sig) =>
		`{"update_id":1,"type":"message","bot":{"id":"b"},"timestamp":${ts},"nonce":"n1","signature":"${sig}","message":{"text":"hi"}}`;
	const sigFor = (ts) => signFlyUpdate(parseJsonLossless(body(ts, '')), SECRET);

	test('window edges: exactly 300 s either way passes, 301 s fails', () => {
		for (const skew of [-300, 0, 300])
			expect(verifyFlySignedUpdate(body(NOW + skew, sigFor(NOW + skew)), SECRET, NOW).ok).toBe(
				true,
			);
		for (const skew of [-301, 301])
			expect(verifyFlySignedUpdate(body(NOW + skew, sigFor(NOW + skew)), SECRET, NOW)).toEqual({
				ok: false,
				reason: 'REPLAY_WINDOW_EXCEEDED',
			});
	});
	test('a tampered body, wrong secret or non-ASCII signature fails', () => {
		const good = body(NOW, sigFor(NOW));
		expect(verifyFlySignedUpdate(good.replace('"hi"', '"hI"'), SECRET, NOW)).toEqual({
			ok: false,
			reason: 'SIGNATURE_MISMATCH',
		});
		expect(verifyFlySignedUpdate(good, 'other', NOW)).toEqual({
			ok: false,
			reason: 'SIGNATURE_MISMATCH',
		});
		expect(verifyFlySignedUpdate(body(NOW, 'é'.repeat(64)), SECRET, NOW)).toEqual({
			ok: false,
			reason: 'SIGNATURE_MISMATCH',
		});
		expect(verifyFlySignedUpdate('not json', SECRET, NOW)).toEqual({
			ok: false,
			reason: 'MALFORMED',
		});
	});
	test('a nonce is accepted once within the window, and again after it expires', () => {
		const guard = new NonceGuard(300);
		expect(guard.accept('n1', NOW)).toBe(true);
		expect(guard.accept('n1', NOW + 10)).toBe(false);
		expect(guard.accept('n2', NOW + 10)).toBe(true);
		expect(guard.accept('n1', NOW + 601)).toBe(true);
	});
	test('default secret is sha256-hex of the token; secretsEqual is exact', () => {
		expect(defaultFlyWebhookSecret('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
		);
		expect(secretsEqual('s3cret', 's3cret')).toBe(true);
		expect(secretsEqual('s3cret', 's3cre')).toBe(false);
		expect(secretsEqual('s3cret', undefined)).toBe(false);
	});
});

'use strict';
// Which addresses a download may reach (core/addressPolicy.ts) and how the download applies it to
// every redirect hop (core/download.ts): the classifier on each address family and the odd forms
// WHATWG URL turns into an address, and a download through a stub n8n client, so a redirect can
// come from a public-looking host (on a test machine every real server is on loopback).
const { Readable } = require('stream');
const { core } = require('../helpers/packages');
const { classifyIp, hostRefusal, parseIPv4, parseIPv6 } = require(core('addressPolicy', 'fly'));
const { downloadToBinary } = require(core('download', 'fly'));

describe('classifyIp', () => {
	test.each([
		['0.0.0.0', 'this-network'],
		['0.1.2.3', 'this-network'],
		['10.0.0.1', 'private'],
		['100.64.0.1', 'shared (carrier-grade NAT)'],
		['100.127.255.255', 'shared (carrier-grade NAT)'],
		['127.0.0.1', 'loopback'],
		['127.255.255.254', 'loopback'],
		['169.254.169.254', 'link-local'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.0.0.170', 'IETF protocol assignment'],
		['192.168.0.1', 'private'],
		['198.18.0.1', 'benchmarking'],
		['198.19.255.255', 'benchmarking'],
		['224.0.0.1', 'multicast'],
		['239.255.255.250', 'multicast'],
		['240.0.0.1', 'reserved'],
		['255.255.255.255', 'broadcast'],
	])('IPv4 %s is %s', (ip, reason) => {
		expect(classifyIp(ip)).toBe(reason);
	});

	test.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.128.0.1', '198.20.0.1'])(
		'IPv4 %s is public',
		(ip) => {
			expect(classifyIp(ip)).toBeUndefined();
		},
	);

	test.each([
		['::1', 'loopback'],
		['[::1]', 'loopback'],
		['0:0:0:0:0:0:0:1', 'loopback'],
		['::', 'unspecified'],
		['fe80::1', 'link-local'],
		['fe80::1%eth0', 'link-local'],
		['febf::1', 'link-local'],
		['fc00::1', 'unique local (private)'],
		['fd00:ec2::254', 'unique local (private)'],
		['ff02::1', 'multicast'],
		['fec0::1', 'site-local'],
		['2001:db8::1', 'documentation'],
	])('IPv6 %s is %s', (ip, reason) => {
		expect(classifyIp(ip)).toBe(reason);
	});

	test.each([
		// IPv4-mapped, dotted and in hex groups (WHATWG URL writes the latter).
		['::ffff:127.0.0.1', 'loopback (in IPv6 form)'],
		['::ffff:7f00:1', 'loopback (in IPv6 form)'],
		['[::ffff:a9fe:a9fe]', 'link-local (in IPv6 form)'],
		['::ffff:10.0.0.1', 'private (in IPv6 form)'],
		// IPv4-translated, IPv4-compatible, NAT64 and 6to4.
		['::ffff:0:127.0.0.1', 'loopback (in IPv6 form)'],
		['::127.0.0.1', 'loopback (in IPv6 form)'],
		['64:ff9b::169.254.169.254', 'link-local (in IPv6 form)'],
		['64:ff9b::7f00:1', 'loopback (in IPv6 form)'],
		['2002:7f00:1::', 'loopback (in IPv6 form)'],
		['2002:c0a8:101::1', 'private (in IPv6 form)'],
	])('IPv6 form of an IPv4 address %s is %s', (ip, reason) => {
		expect(classifyIp(ip)).toBe(reason);
	});

	test.each(['2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
		'IPv6 %s is public',
		(ip) => {
			expect(classifyIp(ip)).toBeUndefined();
		},
	);

	test('a name is not an IP address', () => {
		expect(classifyIp('example.com')).toBe('not an IP address');
		expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
		expect(parseIPv6('1::2::3')).toBeUndefined();
		expect(parseIPv4('1.2.3.4.5')).toBeUndefined();
		expect(parseIPv4('256.1.1.1')).toBeUndefined();
	});
});

describe('odd IPv4 forms, as inet_aton and WHATWG URL read them', () => {
	test.each([
		['127.1', 0x7f000001],
		['2130706433', 0x7f000001],
		['0x7f.1', 0x7f000001],
		['0x7f000001', 0x7f000001],
		['0177.0.0.1', 0x7f000001],
		['127.0.1', 0x7f000001],
		['169.254.43518', 0xa9fea9fe],
		['0', 0],
	])('%s', (text, value) => {
		expect(parseIPv4(text)).toBe(value);
		// The refusal holds whichever form reaches the check: raw, or as URL writes it.
		const host = new URL(`http://${text}/`).hostname;
		expect(parseIPv4(host)).toBe(value);
	});
});

describe('hostRefusal (before any connection)', () => {
	test.each([
		['localhost', 'names this machine (localhost)'],
		['LOCALHOST.', 'names this machine (localhost)'],
		['api.localhost', 'names this machine (localhost)'],
		['127.0.0.1', 'is not a public address (loopback)'],
		['[::1]', 'is not a public address (loopback)'],
		['[::ffff:7f00:1]', 'is not a public address (loopback (in IPv6 form))'],
		['169.254.169.254', 'is not a public address (link-local)'],
	])('%s %s', (host, reason) => {
		expect(hostRefusal(host)).toBe(reason);
	});

	test('a public literal or a DNS name passes: only the connection tells where a name leads', () => {
		expect(hostRefusal('8.8.8.8')).toBeUndefined();
		expect(hostRefusal('files.example.com')).toBeUndefined();
	});
});

describe('downloadToBinary through a stub client', () => {
	/** A response from `address` as n8n's client hands it over: the body is the socket's message. */
	const answer = (address, statusCode, headers, bytes = Buffer.alloc(0)) => {
		const body = Readable.from([bytes]);
		body.socket = { remoteAddress: address };
		return { statusCode, headers, body };
	};
	const stub = (answers) => {
		const requests = [];
		const ctx = {
			getNode: () => ({ name: 'Fly', type: 'fly', typeVersion: 1, parameters: {} }),
			helpers: {
				httpRequest: async (options) => {
					requests.push(options);
					return answers.shift()();
				},
				prepareBinaryData: async (data, fileName, mimeType) => {
					const chunks = [];
					for await (const c of data) chunks.push(c);
					return { data: Buffer.concat(chunks).toString('base64'), fileName, mimeType };
				},
			},
		};
		return { ctx, requests };
	};
	const download = (ctx, url, allowPrivate = false) =>
		downloadToBinary(ctx, url, 1024 * 1024, { limitOption: 'Max File Size', allowPrivate });

	test('a redirect from a public host to loopback is refused before the second request', async () => {
		const { ctx, requests } = stub([
			() => answer('93.184.216.34', 302, { location: 'http://127.0.0.1:5678/rest/settings' }),
		]);
		await expect(download(ctx, 'https://files.example.com/a.png')).rejects.toThrow(
			'Download refused: the file host redirected to a host that is not a public address (loopback), which a download may reach only with option "Allow Private Addresses" on',
		);
		expect(requests.map((r) => r.url)).toEqual(['https://files.example.com/a.png']);
		// n8n's client never follows a hop itself: each is checked here first.
		expect(requests[0].disableFollowRedirect).toBe(true);
	});

	test('a redirect to a name that resolves to a private address: nothing of its answer is read', async () => {
		const { ctx, requests } = stub([
			() => answer('93.184.216.34', 301, { location: '//metadata.internal/latest' }),
			() => answer('169.254.169.254', 200, {}, Buffer.from('iam-credentials')),
		]);
		await expect(download(ctx, 'https://files.example.com/a.png')).rejects.toThrow(
			"Download refused: the file host's address (after a redirect) 169.254.169.254 is not a public address (link-local)",
		);
		expect(requests.map((r) => r.url)).toEqual([
			'https://files.example.com/a.png',
			'https://metadata.internal/latest',
		]);
	});

	test("n8n's egress filter (2.x) resolves each hop first: a redirect to a name for a private address is never requested", async () => {
		const { ctx, requests } = stub([
			() => answer('93.184.216.34', 302, { location: 'http://metadata.internal/latest' }),
		]);
		const checked = [];
		ctx.helpers.getSecureEgressFilter = (policy) => ({
			validateUrl: async (url) => {
				checked.push([policy, url]);
				if (!url.includes('metadata.internal')) return { ok: true };
				const error = new Error(
					'The request was blocked because it resolves to a restricted IP address',
				);
				error.name = 'SsrfBlockedIpError';
				error.ip = '169.254.169.254';
				return { ok: false, error };
			},
		});
		await expect(download(ctx, 'https://files.example.com/a.png')).rejects.toThrow(
			'Download refused: the file host redirected to a host that resolves to 169.254.169.254, not a public address',
		);
		expect(requests.map((r) => r.url)).toEqual(['https://files.example.com/a.png']);
		// Enforced whether or not the instance turned SSRF protection on.
		expect(checked).toEqual([
			['enforced', 'https://files.example.com/a.png'],
			['enforced', 'http://metadata.internal/latest'],
		]);
	});

	test('public hops are followed (up to 5) and the file arrives; Allow Private Addresses lets loopback through', async () => {
		const { ctx, requests } = stub([
			() => answer('93.184.216.34', 302, { location: '/b.png' }),
			() => answer('93.184.216.34', 200, { 'content-type': 'image/png' }, Buffer.from('png!')),
		]);
		const { binary, bytes } = await download(ctx, 'https://files.example.com/a.png');
		expect([binary.fileName, binary.mimeType, bytes]).toEqual(['b.png', 'image/png', 4]);
		expect(requests[1].url).toBe('https://files.example.com/b.png');

		const loop = stub([
			() => answer('127.0.0.1', 302, { location: 'http://localhost/c.png' }),
			() => answer('127.0.0.1', 200, {}, Buffer.from('ok')),
		]);
		expect((await download(loop.ctx, 'http://127.0.0.1/a.png', true)).bytes).toBe(2);

		const endless = stub(
			Array.from({ length: 7 }, () => () => answer('93.184.216.34', 302, { location: '/again' })),
		);
		await expect(download(endless.ctx, 'https://files.example.com/a')).rejects.toThrow(
			'Download failed: more than 5 redirects',
		);
		expect(endless.requests).toHaveLength(6);
	});
});

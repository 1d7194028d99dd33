/**
 * Which addresses a download may reach. A URL from a callback is chosen by whoever can produce a
 * callback, so by default it must not reach n8n's own machine, its private network or a cloud
 * metadata service. Pure functions: the download checks the URL's host before connecting and the
 * connected socket's address after DNS resolution (core/download.ts).
 */

/** Why an IPv4 address is not public, or undefined when it is. [network, prefix bits, name] */
const V4_RESERVED: Array<[number, number, string]> = [
	[0x00000000, 8, 'this-network'],
	[0x0a000000, 8, 'private'],
	[0x64400000, 10, 'shared (carrier-grade NAT)'],
	[0x7f000000, 8, 'loopback'],
	[0xa9fe0000, 16, 'link-local'],
	[0xac100000, 12, 'private'],
	[0xc0000000, 24, 'IETF protocol assignment'],
	[0xc0000200, 24, 'documentation'],
	[0xc0a80000, 16, 'private'],
	[0xc6120000, 15, 'benchmarking'],
	[0xc6336400, 24, 'documentation'],
	[0xcb007100, 24, 'documentation'],
	[0xe0000000, 4, 'multicast'],
	[0xf0000000, 4, 'reserved'],
];

function v4Reason(n: number): string | undefined {
	for (const [network, bits, name] of V4_RESERVED) {
		const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
		if ((n & mask) >>> 0 === network) return name;
	}
	return undefined;
}

/**
 * An IPv4 literal as a 32-bit number, in every form WHATWG URL and inet_aton accept: dotted
 * quads, fewer parts (`127.1`), one number (`2130706433`), hex (`0x7f.1`) and octal (`0177.0.0.1`).
 */
export function parseIPv4(text: string): number | undefined {
	const parts = text.replace(/\.$/, '').split('.');
	if (parts.length < 1 || parts.length > 4) return undefined;
	const values: number[] = [];
	for (const part of parts) {
		let value: number;
		if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
		else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
		else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
		else return undefined;
		values.push(value);
	}
	const last = values.pop() as number;
	if (values.some((v) => v > 255)) return undefined;
	if (last >= 256 ** (4 - values.length)) return undefined;
	return values.reduce((sum, v, i) => sum + v * 256 ** (3 - i), 0) + last;
}

/** An IPv6 literal (brackets allowed) as eight 16-bit groups, with an embedded IPv4 tail. */
export function parseIPv6(text: string): number[] | undefined {
	let s = text.replace(/^\[|\]$/g, '').toLowerCase();
	const zone = s.indexOf('%');
	if (zone >= 0) s = s.slice(0, zone);
	if (!s.includes(':')) return undefined;
	const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
	if (v4) {
		// Only a strict dotted quad may close an IPv6 address: rewrite it as its two groups.
		if (!/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(v4[1])) return undefined;
		const n = parseIPv4(v4[1].replace(/(^|\.)0+(\d)/g, '$1$2'));
		if (n === undefined) return undefined;
		s = `${s.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
	}
	const halves = s.split('::');
	if (halves.length > 2) return undefined;
	const group = (h: string) => (h === '' ? [] : h.split(':'));
	const head = group(halves[0]);
	const rest = halves.length === 2 ? group(halves[1]) : [];
	const all = [...head, ...rest];
	if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
	const missing = 8 - all.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const zeros = halves.length === 2 ? new Array<string>(missing).fill('0') : [];
	return [...head, ...zeros, ...rest].map((g) => parseInt(g, 16));
}

function v6Reason(g: number[]): string | undefined {
	const v4At = (i: number) => ((g[i] << 16) >>> 0) + g[i + 1];
	const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
	if (zeroUpTo(7) && g[7] <= 1) return g[7] === 1 ? 'loopback' : 'unspecified';
	// Forms that carry an IPv4 address reach it (mapped, translated, compatible, NAT64, 6to4).
	const embedded = (reason?: string) => (reason ? `${reason} (in IPv6 form)` : undefined);
	if (zeroUpTo(5) && g[5] === 0xffff) return embedded(v4Reason(v4At(6)));
	if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return embedded(v4Reason(v4At(6)));
	if (zeroUpTo(6)) return embedded(v4Reason(v4At(6))) ?? 'IPv4-compatible';
	if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
		return embedded(v4Reason(v4At(6)));
	if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'NAT64 local-use';
	if (g[0] === 0x2002) return embedded(v4Reason(v4At(1)));
	if (g[0] === 0x2001 && g[1] === 0) return 'Teredo';
	if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
	if ((g[0] & 0xfe00) === 0xfc00) return 'unique local (private)';
	if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
	if ((g[0] & 0xffc0) === 0xfec0) return 'site-local';
	if ((g[0] & 0xff00) === 0xff00) return 'multicast';
	if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'discard';
	return undefined;
}

/**
 * Why an IP address literal is not a public address ("loopback", "private"…), undefined when it
 * is public, or 'not an IP address' when the text is a name.
 */
export function classifyIp(text: string): string | undefined {
	const v6 = parseIPv6(text);
	if (v6) return v6Reason(v6);
	const v4 = parseIPv4(text);
	if (v4 !== undefined) return v4 === 0xffffffff ? 'broadcast' : v4Reason(v4);
	return 'not an IP address';
}

export function isIpLiteral(text: string): boolean {
	return parseIPv6(text) !== undefined || parseIPv4(text) !== undefined;
}

/**
 * Why a URL's host may not be reached before any connection is made: an internal address
 * literal, or a name that is the machine itself. Undefined: a public literal, or a DNS name whose
 * address only the connection will tell.
 */
export function hostRefusal(hostname: string): string | undefined {
	const host = hostname
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '')
		.toLowerCase();
	if (host === '' || host === 'localhost' || host.endsWith('.localhost'))
		return 'names this machine (localhost)';
	if (!isIpLiteral(host)) return undefined;
	const reason = classifyIp(host);
	return reason ? `is not a public address (${reason})` : undefined;
}

'use strict';
// Fly's v1 webhook signature, as the simulator (standing in for Fly) signs its deliveries. Written
// from the document, apart from the package's verifier (core/signature.ts), so the two
// check each other; the unit tests hold both to the document's Python reference. It signs only
// what the simulator builds: strings, integers (BigInt beyond 2^53), booleans, null, arrays and
// objects; anything else is refused rather than signed in a way Python would not.
const crypto = require('crypto');

const sha256Hex = (data) => crypto.createHash('sha256').update(data).digest('hex');

/** Python's code-point order of str keys (JS sorts UTF-16 units). */
function byCodePoint(a, b) {
	const x = [...a];
	const y = [...b];
	for (let i = 0; i < Math.min(x.length, y.length); i++) {
		const d = x[i].codePointAt(0) - y[i].codePointAt(0);
		if (d) return d;
	}
	return x.length - y.length;
}

/** json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True) for that subset. */
function canonicalJson(v) {
	if (v === null || v === undefined) return 'null';
	if (typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
	if (typeof v === 'bigint') return v.toString();
	if (typeof v === 'number') {
		if (!Number.isSafeInteger(v)) throw new Error(`the simulator signs integers only, not ${v}`);
		return String(v);
	}
	if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
	if (typeof v === 'object') {
		const keys = Object.keys(v)
			.filter((k) => v[k] !== undefined)
			.sort(byCodePoint);
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
	}
	throw new Error(`cannot sign a ${typeof v}`);
}

/** Python truthiness, for the document's `a or b`. */
const truthy = (v) =>
	!(
		v === undefined ||
		v === null ||
		v === false ||
		v === 0 ||
		v === 0n ||
		v === '' ||
		(Array.isArray(v) && !v.length) ||
		(typeof v === 'object' && v && !Array.isArray(v) && !Object.keys(v).length)
	);
const or = (a, b) => (truthy(a) ? a : b);

/** The document's build_signing_string over the fields of a signed update the simulator built. */
function signingString(u) {
	const payload = or(u.message, or(u.callback_query, {}));
	return [
		String(or(u.update_id, 0)),
		String(or(u.type, '')),
		String(or(or(u.bot, {}).id, '')),
		String(or(u.timestamp, 0)),
		String(or(u.nonce, '')),
		sha256Hex(Buffer.from(canonicalJson(payload), 'utf8')),
	].join('\n');
}

function signUpdate(update, secret) {
	return crypto
		.createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(signingString(update), 'utf8')
		.digest('hex');
}

/** The platform's default webhook secret: sha256-hex of the bot token. */
const defaultSecret = (token) => sha256Hex(Buffer.from(token, 'utf8'));

module.exports = { signUpdate, defaultSecret, canonicalJson };

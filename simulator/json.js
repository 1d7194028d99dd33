'use strict';
// The simulator's big-ID JSON, written apart from the package's (core/json.ts) so that
// each checks the other: integers beyond 2^53 are read as exact decimal strings, and BigInt
// values are written as exact JSON numbers.

/** JSON.parse, except integer tokens beyond 2^53 become decimal strings. */
function parseJson(text) {
	let out = '';
	let i = 0;
	const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
	while (i < text.length) {
		const c = text[i];
		if (c === '"') {
			// Copied as is: digits inside strings are text.
			let j = i + 1;
			while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
			out += text.slice(i, j + 1);
			i = j + 1;
			continue;
		}
		if (c === '-' || (c >= '0' && c <= '9')) {
			number.lastIndex = i;
			const token = number.exec(text)?.[0];
			if (token) {
				const unsafe = !/[.eE]/.test(token) && !Number.isSafeInteger(Number(token));
				out += unsafe ? `"${token}"` : token;
				i += token.length;
				continue;
			}
		}
		out += c;
		i++;
	}
	return JSON.parse(out);
}

// A marker no JSON text of ours contains: a NUL is always written escaped.
const BIGINT = '\u0000bigint:';

/** JSON.stringify that writes BigInt values as exact JSON numbers. */
function stringifyJson(value) {
	// `this[key]` is the value before any toJSON: some libraries give BigInt a toJSON that makes
	// it a string.
	const text = JSON.stringify(value, function (key, v) {
		const raw = this[key];
		return typeof raw === 'bigint' ? `${BIGINT}${raw}` : v;
	});
	return text === undefined ? 'null' : text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

module.exports = { parseJson, stringifyJson };

'use strict';
const { core } = require('../helpers/packages');
const { parseJson, parseJsonLossless, stringifyJson, toIntegerIdString, JsonNumber } = require(
	core('json', 'mpChat'),
);

describe('parseJson keeps IDs beyond 2^53 exact', () => {
	test('unsafe integers become decimal strings, safe ones stay numbers', () => {
		const v = parseJson(
			'{"a":9007199254740993,"b":9007199254740991,"c":-123456789012345678901,"d":[1.5,1e400,12345678901234567.5]}',
		);
		expect(v.a).toBe('9007199254740993');
		expect(v.b).toBe(9007199254740991);
		expect(v.c).toBe('-123456789012345678901');
		expect(v.d).toEqual([1.5, Infinity, 12345678901234567.5]);
	});
	test('digits inside strings are left alone and escapes decode', () => {
		const v = parseJson(
			'{"s":"12345678901234567890 \\"q\\" \\u4e2d\\ud83d\\ude00","n":12345678901234567890}',
		);
		expect(v.s).toBe('12345678901234567890 "q" 中😀');
		expect(v.n).toBe('12345678901234567890');
	});
	test('__proto__ is an own property, as with JSON.parse', () => {
		const v = parseJson('{"__proto__":{"x":1},"id":12345678901234567890}');
		expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
		expect(v.__proto__).toEqual({ x: 1 });
	});
	test.each(['{"a":1,}', '[1 2]', '{"a":01}', '"\u0001"', '{"a":12345678901234567890', 'nul'])(
		'rejects invalid JSON %s',
		(t) => {
			expect(() => parseJson(t + ' 12345678901234567')).toThrow(SyntaxError);
		},
	);
	test('lossless parse keeps number text and key order', () => {
		const v = parseJsonLossless('{"b":1.0,"a":-0,"c":1E+2}');
		expect([...v.keys()]).toEqual(['b', 'a', 'c']);
		expect(v.get('b')).toBeInstanceOf(JsonNumber);
		expect(v.get('b').raw).toBe('1.0');
		expect(v.get('c').raw).toBe('1E+2');
	});
});

describe('stringifyJson writes exact numbers', () => {
	test('bigint and JsonNumber are written as raw JSON numbers', () => {
		expect(
			stringifyJson({
				id: 123456789012345678901n,
				n: new JsonNumber('1.50'),
				s: '9007199254740993',
				u: undefined,
				f: () => 1,
			}),
		).toBe('{"id":123456789012345678901,"n":1.50,"s":"9007199254740993"}');
		expect(stringifyJson([undefined, NaN, new Date(0)])).toBe(
			'[null,null,"1970-01-01T00:00:00.000Z"]',
		);
	});
	test('round trip of a big-ID document is byte-identical', () => {
		const text = '{"update_id":1,"chat":{"id":-1001234567890123456789},"ids":[9007199254740993,2]}';
		const v = parseJson(text);
		const back = stringifyJson(
			JSON.parse(JSON.stringify(v), (k, x) =>
				typeof x === 'string' && /^-?\d{16,}$/.test(x) ? BigInt(x) : x,
			),
		);
		expect(back).toBe(text);
	});
});

describe('toIntegerIdString', () => {
	test('accepts safe integers and decimal strings', () => {
		expect(toIntegerIdString(42, 'Chat ID')).toBe('42');
		expect(toIntegerIdString(' -1001234567890123456789 ', 'Chat ID')).toBe(
			'-1001234567890123456789',
		);
		expect(toIntegerIdString(12345678901234567890n, 'Chat ID')).toBe('12345678901234567890');
	});
	test('refuses numbers that already lost digits, naming the field', () => {
		expect(() => toIntegerIdString(2 ** 53 + 2, 'Chat ID')).toThrow(/Chat ID.*decimal string/);
		expect(() => toIntegerIdString('12a', 'Chat ID')).toThrow(/Chat ID must be an integer ID/);
		expect(() => toIntegerIdString(1.5, 'User ID')).toThrow(/User ID/);
	});
});

describe("the simulator's own big-ID JSON (written apart from the package's) agrees with it", () => {
	const sim = require('../../simulator/json');
	test.each([
		'{"update_id":9007199254740993,"chat":{"id":-1001234567890123456789},"ids":[9007199254740991,2,1.5,1e20],"s":"12345678901234567890 \\" 9007199254740993"}',
		'[12345678901234567890123,{"a":"\\u0041"}]',
	])('%s', (text) => {
		expect(sim.parseJson(text)).toEqual(parseJson(text));
	});
	test('BigInt is written as an exact JSON number by both, even with the BigInt toJSON n8n-workflow installs', () => {
		require('n8n-workflow');
		expect(typeof BigInt.prototype.toJSON).toBe('function');
		const value = { id: 123456789012345678901n, list: [1n, 'x'], s: '9007199254740993' };
		expect(sim.stringifyJson(value)).toBe(stringifyJson(value));
	});
});

/**
 * Big-ID-safe JSON. Platform IDs may exceed 2^53, where a JS `number` silently rounds them, so
 * every JSON text this package reads goes through `parseJson` (unsafe integers become decimal
 * strings) and every body it writes through `stringifyJson` (bigint and raw numbers stay exact).
 */

/** A JSON number kept as the exact text it had on the wire. */
export class JsonNumber {
	constructor(readonly raw: string) {}

	get isInteger(): boolean {
		return !/[.eE]/.test(this.raw);
	}

	valueOf(): number {
		return Number(this.raw);
	}

	toJSON(): number | string {
		return numberFromRaw(this.raw);
	}
}

/** Parsed with every number as a JsonNumber and every object as an insertion-ordered Map. */
export type LosslessJson =
	| null
	| boolean
	| string
	| JsonNumber
	| LosslessJson[]
	| Map<string, LosslessJson>;

const MAX_SAFE_DIGITS = 15; // any integer of 15 digits or fewer is exact in a double

function isUnsafeIntegerText(raw: string): boolean {
	if (/[.eE]/.test(raw)) return false;
	const digits = raw.startsWith('-') ? raw.length - 1 : raw.length;
	if (digits <= MAX_SAFE_DIGITS) return false;
	return !Number.isSafeInteger(Number(raw));
}

function numberFromRaw(raw: string): number | string {
	return isUnsafeIntegerText(raw) ? raw : Number(raw);
}

class Parser {
	private pos = 0;

	constructor(
		private readonly text: string,
		private readonly onNumber: (raw: string) => unknown,
		private readonly makeObject: () => { set(key: string, value: unknown): void; done(): unknown },
	) {}

	parse(): unknown {
		this.ws();
		const value = this.value();
		this.ws();
		if (this.pos !== this.text.length) this.fail('Unexpected data after JSON value');
		return value;
	}

	private fail(message: string): never {
		throw new SyntaxError(`${message} at position ${this.pos}`);
	}

	private ws() {
		const t = this.text;
		while (this.pos < t.length) {
			const c = t.charCodeAt(this.pos);
			if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
			else break;
		}
	}

	private value(): unknown {
		const c = this.text[this.pos];
		if (c === '{') return this.object();
		if (c === '[') return this.array();
		if (c === '"') return this.string();
		if (c === '-' || (c >= '0' && c <= '9')) return this.number();
		if (this.text.startsWith('true', this.pos)) return this.literal('true', true);
		if (this.text.startsWith('false', this.pos)) return this.literal('false', false);
		if (this.text.startsWith('null', this.pos)) return this.literal('null', null);
		return this.fail(c === undefined ? 'Unexpected end of JSON' : `Unexpected token ${c}`);
	}

	private literal(word: string, value: unknown): unknown {
		this.pos += word.length;
		return value;
	}

	private number(): unknown {
		const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
		match.lastIndex = this.pos;
		const m = match.exec(this.text);
		if (!m) return this.fail('Invalid number');
		this.pos += m[0].length;
		return this.onNumber(m[0]);
	}

	private string(): string {
		const t = this.text;
		let i = this.pos + 1;
		let escaped = false;
		for (; i < t.length; i++) {
			const c = t.charCodeAt(i);
			if (c === 0x5c) {
				escaped = true;
				i++;
			} else if (c === 0x22) break;
			else if (c < 0x20) this.fail('Control character in string');
		}
		if (i >= t.length) this.fail('Unterminated string');
		const slice = t.slice(this.pos, i + 1);
		this.pos = i + 1;
		// JSON.parse decodes escapes exactly as the spec says; only strings with escapes need it.
		return escaped ? (JSON.parse(slice) as string) : slice.slice(1, -1);
	}

	private array(): unknown[] {
		this.pos++;
		const out: unknown[] = [];
		this.ws();
		if (this.text[this.pos] === ']') {
			this.pos++;
			return out;
		}
		for (;;) {
			this.ws();
			out.push(this.value());
			this.ws();
			const c = this.text[this.pos++];
			if (c === ']') return out;
			if (c !== ',') this.fail('Expected , or ] in array');
		}
	}

	private object(): unknown {
		this.pos++;
		const obj = this.makeObject();
		this.ws();
		if (this.text[this.pos] === '}') {
			this.pos++;
			return obj.done();
		}
		for (;;) {
			this.ws();
			if (this.text[this.pos] !== '"') this.fail('Expected string key in object');
			const key = this.string();
			this.ws();
			if (this.text[this.pos++] !== ':') this.fail('Expected : after object key');
			this.ws();
			obj.set(key, this.value());
			this.ws();
			const c = this.text[this.pos++];
			if (c === '}') return obj.done();
			if (c !== ',') this.fail('Expected , or } in object');
		}
	}
}

function plainObject() {
	const o: Record<string, unknown> = {};
	return {
		set(key: string, value: unknown) {
			// Own property even for "__proto__", as JSON.parse does.
			Object.defineProperty(o, key, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		},
		done: () => o,
	};
}

function mapObject() {
	const m = new Map<string, unknown>();
	return { set: (k: string, v: unknown) => m.set(k, v), done: () => m };
}

// Any integer that could be unsafe has at least 16 digits in a row.
const LONG_DIGIT_RUN = /\d{16}/;

/** Parses JSON like JSON.parse, except integers beyond 2^53 become exact decimal strings. */
export function parseJson<T = unknown>(text: string): T {
	if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text) as T;
	return new Parser(text, numberFromRaw, plainObject).parse() as T;
}

/** Parses JSON keeping every number's text and every object's key order (for signatures). */
export function parseJsonLossless(text: string): LosslessJson {
	return new Parser(text, (raw) => new JsonNumber(raw), mapObject).parse() as LosslessJson;
}

/** JSON.stringify that writes bigint and JsonNumber values as exact JSON numbers. */
export function stringifyJson(value: unknown): string {
	const out = write(value);
	return out === undefined ? 'null' : out;
}

function write(value: unknown): string | undefined {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'number':
			return Number.isFinite(value) ? JSON.stringify(value) : 'null';
		case 'bigint':
			return value.toString();
		case 'object':
			break;
		default:
			return undefined;
	}
	if (value instanceof JsonNumber) return value.raw;
	const withJson = value as { toJSON?: () => unknown };
	if (typeof withJson.toJSON === 'function') return write(withJson.toJSON());
	if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
	const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
	const parts: string[] = [];
	for (const [k, v] of entries) {
		const s = write(v);
		if (s !== undefined) parts.push(`${JSON.stringify(String(k))}:${s}`);
	}
	return `{${parts.join(',')}}`;
}

/**
 * Validates an integer ID given as a number or a decimal string and returns it as a decimal
 * string. A number beyond 2^53 is refused: it has already lost digits before it got here.
 */
export function toIntegerIdString(value: unknown, field: string): string {
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value)) return String(value);
		throw new Error(
			`${field} must be an integer ID; ${value} is not a safe integer. IDs beyond 2^53 must be given as a decimal string`,
		);
	}
	if (typeof value === 'string') {
		const s = value.trim();
		if (/^-?\d+$/.test(s)) return s;
	}
	throw new Error(
		`${field} must be an integer ID (a whole number or a decimal string), got ${JSON.stringify(value)}`,
	);
}

/**
 * Python semantics the Fly v1 signature depends on. Fly's reference verifier is Python
 * (`json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)`, `or`, `int()`,
 * `str()`), and a signature only matches when we reproduce its bytes exactly.
 */
import { JsonNumber, type LosslessJson } from './json';

/** Thrown where the Python reference would raise: such an update can never verify. */
export class PythonSemanticsError extends Error {}

type Value = LosslessJson | number | bigint | Record<string, unknown> | unknown[] | undefined;

function isMapLike(v: unknown): v is Map<string, unknown> | Record<string, unknown> {
	return (
		v instanceof Map ||
		(typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber))
	);
}

function entriesOf(v: Map<string, unknown> | Record<string, unknown>): Array<[string, unknown]> {
	return v instanceof Map ? [...v.entries()] : Object.entries(v);
}

/** Python's int(text) for a JSON integer token: exact, and "-0" is 0. */
function pyIntText(raw: string): string {
	return BigInt(raw).toString();
}

/** Python's repr()/str() of a float: shortest round-trip digits, Python's layout. */
export function pyFloatRepr(x: number): string {
	if (Number.isNaN(x)) return 'NaN';
	if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
	if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
	const sign = x < 0 ? '-' : '';
	const [mantissa, expText] = Math.abs(x).toExponential().split('e');
	const digits = mantissa.replace('.', '');
	const exp = Number(expText);
	const decpt = exp + 1;
	if (decpt > -4 && decpt <= 16) {
		if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
		if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
		return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
	}
	const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
	const e = String(Math.abs(exp)).padStart(2, '0');
	return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e}`;
}

/** How Python's json module writes a number token it parsed. */
function numberToPython(n: JsonNumber | number | bigint): string {
	if (typeof n === 'bigint') return n.toString();
	if (typeof n === 'number') return Number.isInteger(n) ? BigInt(n).toString() : pyFloatRepr(n);
	return n.isInteger ? pyIntText(n.raw) : pyFloatRepr(Number(n.raw));
}

function compareCodePoints(a: string, b: string): number {
	// Python orders str keys by code point; JS's default sort compares UTF-16 units.
	const ia = a[Symbol.iterator]();
	const ib = b[Symbol.iterator]();
	for (;;) {
		const x = ia.next();
		const y = ib.next();
		if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
		const d = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
		if (d !== 0) return d;
	}
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function dumpString(s: string): string {
	if (LONE_SURROGATE.test(s))
		throw new PythonSemanticsError('lone surrogate cannot be encoded as UTF-8');
	// For well-formed strings JSON.stringify escapes exactly the set ensure_ascii=False escapes.
	return JSON.stringify(s);
}

/** `json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)` */
export function pythonCanonicalJson(v: Value | unknown): string {
	if (v === null || v === undefined) return 'null';
	if (v === true) return 'true';
	if (v === false) return 'false';
	if (typeof v === 'string') return dumpString(v);
	if (typeof v === 'number' || typeof v === 'bigint' || v instanceof JsonNumber)
		return numberToPython(v);
	if (Array.isArray(v)) return `[${v.map((x) => pythonCanonicalJson(x)).join(',')}]`;
	if (isMapLike(v)) {
		const entries = entriesOf(v).sort(([a], [b]) => compareCodePoints(a, b));
		return `{${entries.map(([k, x]) => `${dumpString(k)}:${pythonCanonicalJson(x)}`).join(',')}}`;
	}
	throw new PythonSemanticsError(`unsupported value ${typeof v}`);
}

/** Python truthiness, for the reference's `a or b`. */
export function pyTruthy(v: unknown): boolean {
	if (v === null || v === undefined || v === false) return false;
	if (v === true) return true;
	if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
	if (typeof v === 'number') return v !== 0;
	if (typeof v === 'bigint') return v !== BigInt(0);
	if (v instanceof JsonNumber) return Number(v.raw) !== 0;
	if (v instanceof Map) return v.size > 0;
	if (typeof v === 'object') return Object.keys(v as object).length > 0;
	return true;
}

/** `a or b` */
export function pyOr<T>(a: unknown, b: T): unknown {
	return pyTruthy(a) ? a : b;
}

function unicodeDigitValue(ch: string): number {
	// Unicode decimal digits come in runs that start at zero: count back to the run's start.
	let cp = ch.codePointAt(0) as number;
	const start = cp;
	while (cp > 0 && /\p{Nd}/u.test(String.fromCodePoint(cp - 1))) cp--;
	return (start - cp) % 10;
}

// Python's whitespace (str.isspace()), which differs from JS trim(): \x85 and \x1c-\x1f are
// whitespace, the BOM \ufeff is not. int() strips all of it except \x1c-\x1f.
const INT_SPACE =
	'\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const INT_STRIP = new RegExp(`^[${INT_SPACE}]+|[${INT_SPACE}]+$`, 'g');
const STRIP = new RegExp(`^[${INT_SPACE}\\u001c-\\u001f]+|[${INT_SPACE}\\u001c-\\u001f]+$`, 'g');

/** Python's `s.strip()`. */
export function pyStrip(s: string): string {
	return s.replace(STRIP, '');
}

/** Python's int(x) for JSON-born values, as an exact bigint. */
export function pyInt(v: unknown): bigint {
	if (v === true) return BigInt(1);
	if (v === false) return BigInt(0);
	if (typeof v === 'bigint') return v;
	if (v instanceof JsonNumber) {
		if (v.isInteger) return BigInt(v.raw);
		return pyInt(Number(v.raw));
	}
	if (typeof v === 'number') {
		if (!Number.isFinite(v))
			throw new PythonSemanticsError('cannot convert float infinity or NaN to integer');
		return BigInt(Math.trunc(v));
	}
	if (typeof v === 'string') {
		// int(str): surrounding whitespace, a sign, Unicode decimal digits, single underscores.
		const s = v.replace(INT_STRIP, '');
		const m = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u.exec(s);
		if (!m) throw new PythonSemanticsError(`invalid literal for int(): ${JSON.stringify(v)}`);
		let digits = '';
		for (const ch of m[2]) if (ch !== '_') digits += String(unicodeDigitValue(ch));
		const n = BigInt(digits);
		return m[1] === '-' ? -n : n;
	}
	throw new PythonSemanticsError(`int() argument must be a string or a number, not ${typeof v}`);
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function pyStrRepr(s: string): string {
	const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
	let out = quote;
	for (const ch of s) {
		const cp = ch.codePointAt(0) as number;
		if (ch === quote || ch === '\\') out += `\\${ch}`;
		else if (ch === '\t') out += '\\t';
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
			if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, '0')}`;
			else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
			else out += `\\U${cp.toString(16).padStart(8, '0')}`;
		} else out += ch;
	}
	return out + quote;
}

/** Python's repr() of a JSON-born value (str() of a container uses repr of its parts). */
export function pyRepr(v: unknown): string {
	if (v === null || v === undefined) return 'None';
	if (v === true) return 'True';
	if (v === false) return 'False';
	if (typeof v === 'string') return pyStrRepr(v);
	if (typeof v === 'number' || typeof v === 'bigint' || v instanceof JsonNumber)
		return numberToPython(v);
	if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
	if (isMapLike(v))
		return `{${entriesOf(v)
			.map(([k, x]) => `${pyStrRepr(k)}: ${pyRepr(x)}`)
			.join(', ')}}`;
	throw new PythonSemanticsError(`unsupported value ${typeof v}`);
}

/** Python's str(x). */
export function pyStr(v: unknown): string {
	return typeof v === 'string' ? v : pyRepr(v);
}

/** `d.get(key)` on a JSON object; raises like Python when `d` is not a dict. */
export function pyGet(d: unknown, key: string): unknown {
	if (d instanceof Map) return d.get(key);
	if (isMapLike(d))
		return Object.prototype.hasOwnProperty.call(d, key)
			? (d as Record<string, unknown>)[key]
			: undefined;
	throw new PythonSemanticsError(
		`'${Array.isArray(d) ? 'list' : typeof d}' object has no attribute 'get'`,
	);
}

/**
 * Removes secrets from anything a user or a log may see. Two layers: the exact secret values the
 * credential holds (raw and URL-encoded), and patterns for the places secrets travel (secret-named
 * query parameters and JSON fields, Authorization headers, cookies, plus the platform's own
 * places: Platform.secretPatterns), which also catch secrets we were not told about.
 */
export const REDACTED = '***';

const PATTERNS: Array<[RegExp, string]> = [
	[/\b(secret|key|send_?key|token|access_token|sendkey)=([^&#\s"']+)/gi, `$1=${REDACTED}`],
	[/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
	[/("?(?:authorization|cookie|set-cookie)"?\s*[:=]\s*"?)[^"\n,}]+/gi, `$1${REDACTED}`],
	[
		/("(?:send_key|sendKey|secret|token|bot_token|context_token|accessToken|webhookSecret|sessionCookie)"\s*:\s*")[^"]*/g,
		`$1${REDACTED}`,
	],
];

export class Redactor {
	private readonly literals: string[];

	private readonly patterns: Array<[RegExp, string]>;

	constructor(secrets: Iterable<unknown> = [], patterns: Array<[RegExp, string]> = []) {
		this.patterns = [...patterns, ...PATTERNS];
		const set = new Set<string>();
		for (const s of secrets) {
			if (typeof s !== 'string' || s.length < 4) continue;
			set.add(s);
			set.add(encodeURIComponent(s));
			set.add(JSON.stringify(s).slice(1, -1));
		}
		// Longest first, so a secret containing another is removed whole.
		this.literals = [...set].sort((a, b) => b.length - a.length);
	}

	text(input: string): string {
		let out = input;
		for (const literal of this.literals) out = out.split(literal).join(REDACTED);
		for (const [re, replacement] of this.patterns) out = out.replace(re, replacement);
		return out;
	}

	/** A deep copy with every string redacted (objects, arrays, errors' message/stack). */
	deep<T>(value: T, depth = 0): T {
		if (typeof value === 'string') return this.text(value) as unknown as T;
		if (value === null || typeof value !== 'object' || depth > 8) return value;
		if (Buffer.isBuffer(value)) return `[${value.length} bytes]` as unknown as T;
		if (Array.isArray(value)) return value.map((v) => this.deep(v, depth + 1)) as unknown as T;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			if (typeof v === 'function') continue;
			out[k] = /^(authorization|cookie|set-cookie|x-api-key)$/i.test(k)
				? REDACTED
				: this.deep(v, depth + 1);
		}
		return out as T;
	}
}

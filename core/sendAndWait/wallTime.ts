/**
 * Dates as n8n's editor writes them. A dateTime parameter picked in the editor has no offset
 * ("2026-12-03T18:00:00"): it is wall-clock time in the workflow's time zone, not in the n8n
 * server's. Intl gives the zone's offset, so no date library is needed.
 */

/** Whether year-month-day is a day of the calendar (no 2024-13-45, no 2023-02-29). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
	const d = new Date(0);
	d.setUTCFullYear(year, month - 1, day);
	return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Whether Intl knows `timeZone` (an IANA name such as "Asia/Shanghai", or "UTC"). */
export function isTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** Minutes east of UTC that `timeZone` shows at the instant `ms`. */
function offsetMinutes(ms: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(ms));
	const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const shown = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
	return Math.round((shown - Math.floor(ms / 1000) * 1000) / 60_000);
}

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function zoneMinutes(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const digits = zone.replace(':', '');
	const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
	return digits[0] === '-' ? -minutes : minutes;
}

/**
 * The instant `value` names: an offset or "Z" in it is obeyed; without one it is wall time in
 * `timeZone` (in a daylight-saving gap, the clock time after the jump). Undefined when it is no
 * date, or a day the calendar does not have.
 */
export function instantIn(value: string, timeZone: string): Date | undefined {
	const s = value.trim();
	const iso = ISO.exec(s);
	if (!iso) {
		// Other forms must name their zone (a JavaScript date's text, RFC 2822), or they are ambiguous.
		if (!/\b(GMT|UTC)\b|[+-]\d{4}\b/.test(s)) return undefined;
		const at = new Date(s);
		return Number.isNaN(at.getTime()) ? undefined : at;
	}
	const [year, month, day, hour = 0, minute = 0, second = 0] = iso
		.slice(1, 7)
		.map((x) => (x === undefined ? undefined : Number(x))) as number[];
	if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59)
		return undefined;
	const wall = new Date(0);
	wall.setUTCFullYear(year, month - 1, day);
	wall.setUTCHours(hour, minute, second, Number((iso[7] ?? '0').padEnd(3, '0').slice(0, 3)));
	const asUtc = wall.getTime();
	if (iso[8]) return new Date(asUtc - zoneMinutes(iso[8]) * 60_000);
	// The zone's offset at the guessed instant may differ from the one guessed with, near a
	// daylight-saving change: one correction settles it unless the wall time falls in the gap.
	const guessed = offsetMinutes(asUtc, timeZone);
	const first = asUtc - guessed * 60_000;
	const atFirst = offsetMinutes(first, timeZone);
	if (atFirst === guessed) return new Date(first);
	const corrected = asUtc - atFirst * 60_000;
	if (offsetMinutes(corrected, timeZone) === atFirst) return new Date(corrected);
	return new Date(Math.max(first, corrected));
}

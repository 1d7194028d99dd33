/**
 * Long text as parts no longer than a limit, cut where a reader would pause: between paragraphs,
 * else lines, sentences, clauses, words, and only then anywhere (never inside a character, an emoji
 * or a letter with its accents).
 *
 * Length is counted in UTF-16 code units (JavaScript's `length`): an emoji beyond the Basic
 * Multilingual Plane counts 2, every Chinese character 1. A part within the limit so counted is
 * within it also for a platform that counts code points.
 */

/** Where one part ends and the next begins (the separator between them is dropped). */
interface Cut {
	end: number;
	resume: number;
}

// The boundaries, best first. A match's start ends a part; its end starts the next.
const BOUNDARIES: RegExp[] = [
	// a paragraph: a blank line
	/\n[ \t]*\n\s*/g,
	// a line
	/\n\s*/g,
	// a sentence: .!? followed by a space (after closing quotes or brackets), or 。！？… with or without one
	/(?<=[.!?\u2026]["'\u201d\u2019)\]]*)\s+|(?<=[\u3002\uff01\uff1f][\u201d\u2019\u300d\u300f\uff09\u300b)\]]*)\s*/g,
	// a clause: ,;: followed by a space, or their CJK forms
	/(?<=[,;:])\s+|(?<=[\uff0c\u3001\uff1b\uff1a])\s*/g,
	// a word
	/\s+/g,
];

/** The last boundary of a kind ending a part within the limit (and not at the very start). */
function lastBoundary(text: string, pattern: RegExp, limit: number): Cut | undefined {
	let found: Cut | undefined;
	for (const m of text.matchAll(pattern)) {
		const at = m.index ?? 0;
		if (at > limit) break;
		if (at > 0) found = { end: at, resume: at + m[0].length };
	}
	return found;
}

interface Segments {
	segment(text: string): Iterable<{ index: number; segment: string }>;
}

// Grapheme clusters (an emoji with its modifiers, a letter with its accents) where the runtime
// has Intl.Segmenter (Node 16+); code points otherwise.
const graphemes: Segments | undefined = (() => {
	const Segmenter = (
		Intl as unknown as {
			Segmenter?: new (locale?: string, options?: { granularity: string }) => Segments;
		}
	).Segmenter;
	return Segmenter ? new Segmenter(undefined, { granularity: 'grapheme' }) : undefined;
})();

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The longest prefix within the limit that ends between two characters. */
function hardCut(text: string, limit: number): number {
	let end = 0;
	if (graphemes) {
		for (const { index, segment } of graphemes.segment(text)) {
			if (index + segment.length > limit) break;
			end = index + segment.length;
		}
		if (end > 0) return end;
	}
	// One grapheme longer than the limit (or no segmenter): between code points, never inside one.
	end = limit;
	if (isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end--;
	// A limit of 1 and an emoji first: the emoji whole, over the limit, rather than half of it.
	return end > 0 ? end : isHigh(text.charCodeAt(0)) && isLow(text.charCodeAt(1)) ? 2 : 1;
}

/**
 * Where the first part of `text` ends. A boundary in the second half of the window wins, the
 * better kind first, so parts stay full; else the best boundary anywhere in it; else a hard cut.
 */
function firstCut(text: string, limit: number): Cut {
	let early: Cut | undefined;
	for (const pattern of BOUNDARIES) {
		const cut = lastBoundary(text, pattern, limit);
		if (cut && cut.end > limit / 2) return cut;
		early ??= cut;
	}
	if (early) return early;
	// A grapheme boundary up to the limit depends on no character past the one (2 code units) at it.
	const end = hardCut(text.slice(0, limit + 2), limit);
	return { end, resume: end };
}

/**
 * The end of the window the next cut is looked for in, from `at` (the limit's position, which a
 * part may end at): the character at it whole, and a run of whitespace through it, so every
 * boundary starting within the limit is matched whole, as in the whole rest of the text. Only the
 * window is scanned per part, so the split is linear in the text's length.
 */
function windowEnd(text: string, at: number): number {
	let end = at + 2;
	while (end < text.length && /\s/.test(text[end - 1])) end++;
	return Math.min(end, text.length);
}

/** The parts, in order; `[text]` when it fits or `limit` is 0 (off). Blank parts are dropped. */
export function splitText(text: string, limit: number): string[] {
	if (!(limit > 0) || text.length <= limit) return [text];
	const parts: string[] = [];
	let start = 0;
	while (text.length - start > limit) {
		const window = text.slice(start, windowEnd(text, start + limit));
		const cut = firstCut(window, limit);
		const part = window.slice(0, cut.end);
		if (part.trim() !== '') parts.push(part);
		start += cut.resume;
	}
	const rest = text.slice(start);
	if (rest.trim() !== '') parts.push(rest);
	return parts.length ? parts : [text];
}

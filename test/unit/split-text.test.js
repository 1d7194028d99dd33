'use strict';
// The one splitter every send-text operation uses (core/splitText.ts): parts within the
// limit, in order, cut between paragraphs, else sentences, else words, else between characters;
// CJK text without spaces; never half of a surrogate pair or of an emoji sequence.
const { core } = require('../helpers/packages');
const { splitText } = require(core('splitText', 'fly'));

const squeeze = (s) => s.replace(/\s+/g, '');
const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/** What must hold for any split: nothing lost or reordered but the separators, each part within the limit. */
function check(text, limit) {
	const parts = splitText(text, limit);
	expect(squeeze(parts.join(''))).toBe(squeeze(text));
	for (const p of parts) {
		expect(p.length).toBeLessThanOrEqual(limit);
		expect(p.trim()).not.toBe('');
		expect(isLow(p.charCodeAt(0))).toBe(false);
		expect(isHigh(p.charCodeAt(p.length - 1))).toBe(false);
	}
	return parts;
}

test('off (0), or short enough: the text as it is', () => {
	const text = 'a'.repeat(5000);
	expect(splitText(text, 0)).toEqual([text]);
	expect(splitText('hello  world\n', 13)).toEqual(['hello  world\n']);
});

test('paragraphs first: a blank line wins over sentences when it fills at least half a part', () => {
	const a = 'First paragraph. It has two sentences.';
	const b = 'Second paragraph is here. Also two.';
	const c = 'Third.';
	// Two paragraphs fit (75 characters): the cut is at the second blank line, not after a sentence.
	expect(check(`${a}\n\n${b}\n\n${c}`, 80)).toEqual([`${a}\n\n${b}`, c]);
	// Limit just over one paragraph: each alone.
	expect(check(`${a}\n\n${b}\n\n${c}`, a.length + 1)).toEqual([a, b, c]);
	// A blank line early in the window loses to a sentence end late in it: parts stay full.
	expect(check(`Hi.\n\n${b} ${c}`, 35)).toEqual([
		'Hi.\n\nSecond paragraph is here.',
		'Also two. Third.',
	]);
});

test('a paragraph longer than the limit is cut between sentences, then the next part goes on', () => {
	const s = [
		'The quick brown fox jumps.',
		'It lands well!',
		'Does it run again?',
		'Yes, "it does."',
		'The end.',
	];
	const parts = check(s.join(' '), 45);
	expect(parts).toEqual([
		'The quick brown fox jumps. It lands well!',
		'Does it run again? Yes, "it does." The end.',
	]);
});

test('lines before sentences; a decimal point is no sentence end', () => {
	expect(check('Item one costs 3.50 dollars\nItem two costs 4.25 dollars', 40)).toEqual([
		'Item one costs 3.50 dollars',
		'Item two costs 4.25 dollars',
	]);
	expect(check('Pi is 3.14159 and e is 2.71828 and more words follow here', 30)).toEqual([
		'Pi is 3.14159 and e is 2.71828',
		'and more words follow here',
	]);
});

test('Chinese without spaces: cut after 。！？, else after ，、；, else between characters', () => {
	const text = '今天天气很好。我们去公园散步吧！你觉得怎么样？好的。';
	expect(check(text, 16)).toEqual(['今天天气很好。我们去公园散步吧！', '你觉得怎么样？好的。']);
	expect(check('第一部分，第二部分，第三部分，第四部分', 12)).toEqual([
		'第一部分，第二部分，',
		'第三部分，第四部分',
	]);
	const solid = '汉'.repeat(25);
	expect(check(solid, 10)).toEqual(['汉'.repeat(10), '汉'.repeat(10), '汉'.repeat(5)]);
});

test('words, then a hard cut for a word longer than a part', () => {
	expect(check('alpha beta gamma delta epsilon', 12)).toEqual([
		'alpha beta',
		'gamma delta',
		'epsilon',
	]);
	const url = `https://example.com/${'x'.repeat(40)}`;
	expect(check(`See ${url}`, 20)).toEqual([
		'See',
		url.slice(0, 20),
		url.slice(20, 40),
		url.slice(40),
	]);
});

test('emoji and other characters beyond the BMP are never cut in half, nor emoji sequences', () => {
	const emoji = '😀'.repeat(10); // 20 code units
	const parts = check(emoji, 5);
	expect(parts).toEqual(['😀😀', '😀😀', '😀😀', '😀😀', '😀😀']);
	const family = '👨‍👩‍👧'; // one grapheme, 8 code units
	expect(check(`ab${family}${family}`, 10)).toEqual([`ab${family}`, family]);
	const flags = '🇨🇳🇯🇵🇺🇸'; // three flags of 4 units each
	expect(check(flags, 6)).toEqual(['🇨🇳', '🇯🇵', '🇺🇸']);
	const accents = 'e\u0301'.repeat(6); // é as e + combining accent
	expect(check(accents, 5)).toEqual(['e\u0301e\u0301', 'e\u0301e\u0301', 'e\u0301e\u0301']);
	// 𠀀 (U+20000) is one Chinese character in two code units.
	expect(check('𠀀'.repeat(3), 3)).toEqual(['𠀀', '𠀀', '𠀀']);
});

test('a grapheme longer than the limit is cut between its code points, never inside one', () => {
	const family = '👨‍👩‍👧';
	const parts = splitText(family, 3);
	expect(parts.join('')).toBe(family);
	for (const p of parts) expect(isHigh(p.charCodeAt(p.length - 1))).toBe(false);
	// Limit 1 and an emoji: the emoji whole, the only case a part exceeds the limit.
	expect(splitText('😀a', 1)).toEqual(['😀', 'a']);
});

test('a long mixed answer: every part within the limit, nothing lost, order kept', () => {
	const para = (i) =>
		`段落${i}：这是一个很长的句子，用来测试分割。Sentence ${i} in English, with a clause; and another. 😀 Done!`;
	const text = Array.from({ length: 40 }, (_, i) => para(i)).join('\n\n');
	for (const limit of [7, 50, 100, 333, 1000]) {
		const parts = check(text, limit);
		expect(parts.length).toBeGreaterThan(1);
	}
	// Paragraph-sized limit: one paragraph per part or more, each starting at a paragraph.
	for (const p of check(text, 500)) expect(p.startsWith('段落')).toBe(true);
});

describe('work grows linearly with the text', () => {
	// Characters the splitter's regular expressions look at: each exec scans from lastIndex to its
	// match (or to the end of the string when there is none). Counted, not timed.
	function scanned(run) {
		const exec = RegExp.prototype.exec;
		let chars = 0;
		RegExp.prototype.exec = function (s) {
			const from = this.global || this.sticky ? this.lastIndex : 0;
			const m = exec.call(this, s);
			chars += (m ? m.index + m[0].length : String(s).length) - from;
			return m;
		};
		try {
			run();
		} finally {
			RegExp.prototype.exec = exec;
		}
		return chars;
	}
	// Sentences with no blank line and no line break: every part once looked for a paragraph in all
	// the rest of the text.
	const text = (n) => 'The answer goes on and on, as answers do. '.repeat(n);

	test('4 times the text, about 4 times the work (not 16)', () => {
		const small = scanned(() => splitText(text(500), 200));
		const large = scanned(() => splitText(text(2000), 200));
		expect(small).toBeGreaterThan(0);
		expect(large / small).toBeLessThan(5);
	});

	test('a text without any whitespace (hard cuts only) too', () => {
		const small = scanned(() => splitText('文'.repeat(20_000), 200));
		const large = scanned(() => splitText('文'.repeat(80_000), 200));
		expect(large / small).toBeLessThan(5);
	});
});

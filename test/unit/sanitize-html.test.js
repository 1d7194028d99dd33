'use strict';
// What a Custom HTML form field may show: formatting, links and tables, rebuilt from what was
// parsed, so nothing in it can run, load anything when the page opens, post the form or close the
// page's own elements.
const { core } = require('../helpers/packages');
const { sanitizeHtml } = require(core('sendAndWait/sanitizeHtml', 'mpChat'));

test('formatting passes; attributes outside the short list are dropped', () => {
	expect(
		sanitizeHtml(
			'<p class="x" style="color:red">Hello <b>you</b> &amp; <em>them</em>&nbsp;&#8364;</p>',
		),
	).toBe('<p>Hello <b>you</b> &amp; <em>them</em>&nbsp;&#8364;</p>');
	expect(
		sanitizeHtml(
			'<table><tr><td colspan="2" onclick="x()">a</td><th scope="col" rowspan="x">b</th></tr></table>',
		),
	).toBe('<table><tr><td colspan="2">a</td><th scope="col">b</th></tr></table>');
});

test('nothing loads from elsewhere when the page opens (it would tell the author when and from where it was opened)', () => {
	const cases = {
		'<img src="https://track.example/p.png" alt="P" width="40%">': '',
		'<IMG SRC=https://track.example/p.png>': '',
		'<picture><source srcset="https://track.example/a.webp"><img src="https://track.example/a.png"></picture>':
			'',
		'<video poster="https://track.example/p.png" src="https://track.example/v.mp4">no video</video>':
			'no video',
		'<audio src="https://track.example/a.mp3" autoplay></audio>': '',
		'<link rel="stylesheet" href="https://track.example/s.css">': '',
		'<meta http-equiv="refresh" content="0;url=https://track.example/">': '',
		'<p style="background:url(https://track.example/b.png)">x</p>': '<p>x</p>',
		'<table background="https://track.example/b.png"><tr><td background="https://track.example/c.png">x</td></tr></table>':
			'<table><tr><td>x</td></tr></table>',
		'<style>@import "https://track.example/s.css";</style>': '',
		'<embed src="https://track.example/e"><object data="https://track.example/o"></object>': '',
		'<input type="image" src="https://track.example/i.png">': '',
		'<a href="https://ok.example/" ping="https://track.example/ping">x</a>':
			'<a href="https://ok.example/" rel="noopener noreferrer" target="_blank">x</a>',
	};
	for (const [html, shown] of Object.entries(cases)) {
		expect(sanitizeHtml(html)).toBe(shown);
		if (!html.startsWith('<a ')) expect(sanitizeHtml(html)).not.toContain('track.example');
	}
});

test('scripts, styles, frames, forms and their contents go; handlers and non-web links go', () => {
	expect(sanitizeHtml('a<script>alert(1)</script>b<SCRIPT type="x">alert(2)</script >c')).toBe(
		'abc',
	);
	expect(
		sanitizeHtml(
			'<style>*{display:none}</style><iframe src="https://x"></iframe><textarea>t</textarea><select><option>o</option></select>ok',
		),
	).toBe('ok');
	expect(
		sanitizeHtml(
			'<form action="https://evil"><input name="choice" value="approve"><button>Go</button></form>',
		),
	).toBe('Go');
	for (const href of [
		'javascript:alert(1)',
		'JAVASCRIPT:alert(1)',
		' javascript:x',
		'data:text/html,x',
		'//evil.example',
		'java&#115;cript:x',
		'http://a b',
	]) {
		expect(sanitizeHtml(`<a href="${href}">x</a>`)).toBe(
			'<a rel="noopener noreferrer" target="_blank">x</a>',
		);
	}
	expect(sanitizeHtml('<img src=x onerror=alert(1)>')).toBe('');
	expect(sanitizeHtml('<svg><script>x</script></svg><math>m</math>!')).toBe('!');
	expect(sanitizeHtml('<!-- <script>x</script> -->c<!doctype html><?xml x?>')).toBe('c');
});

test('broken markup is shown as text, never as a tag', () => {
	expect(sanitizeHtml('1 < 2 and 3 > 2, <not a tag, <b')).toBe(
		'1 &lt; 2 and 3 &gt; 2, &lt;not a tag, &lt;b',
	);
	expect(sanitizeHtml('<a href="https://x.example/?a=1&b=2" title=\'say "hi"\'>l</a>')).toBe(
		'<a href="https://x.example/?a=1&amp;b=2" title="say &quot;hi&quot;" rel="noopener noreferrer" target="_blank">l</a>',
	);
	expect(sanitizeHtml('<b onmouseover=alert(1)//>x')).toBe('<b>x</b>');
});

test('only what the field opened can be closed, and whatever it left open is closed', () => {
	expect(sanitizeHtml('</div></form><p>x')).toBe('<p>x</p>');
	expect(sanitizeHtml('<div><p>a<b>b</div>c')).toBe('<div><p>a<b>b</b></p></div>c');
	expect(sanitizeHtml('<ul><li>a<li>b</ul>')).toBe('<ul><li>a<li>b</li></li></ul>');
});

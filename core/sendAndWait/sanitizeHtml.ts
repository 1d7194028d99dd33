/**
 * The HTML a Custom HTML form field may show: a short allow-list of formatting tags and
 * attributes, rebuilt from what was parsed (never passed through), so nothing can run, load a
 * frame or post the form elsewhere. The field's HTML may hold expression results from earlier
 * nodes, that is, text from anyone who wrote to the bot.
 *
 * Nothing in it may load when the page opens: a picture (img, picture/source, video poster,
 * audio, link, a style's url(), a background attribute) fetched from the author's server would
 * tell them when, and from which address, the approver opened the page. No such tag or
 * attribute is on the lists; the page's Content-Security-Policy refuses them again.
 */

const TAGS = new Set([
	'a',
	'b',
	'br',
	'code',
	'div',
	'em',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'hr',
	'i',
	'li',
	'ol',
	'p',
	'pre',
	'span',
	'strong',
	'sub',
	'sup',
	'table',
	'tbody',
	'td',
	'tfoot',
	'th',
	'thead',
	'tr',
	'u',
	'ul',
]);
const VOID = new Set(['br', 'hr']);
/** Elements whose content is code or a widget, not text: dropped with them. */
const DROPPED_WITH_CONTENT = new Set([
	'script',
	'style',
	'textarea',
	'option',
	'select',
	'noscript',
	'template',
	'title',
	'iframe',
	'object',
	'svg',
	'math',
	'xmp',
	'noembed',
	'noframes',
]);
const URL_ATTRS = new Set(['href']);
const NUMBER_ATTRS = new Set(['colspan', 'rowspan']);
const ATTRS: Record<string, string[]> = {
	a: ['href', 'title'],
	td: ['colspan', 'rowspan'],
	th: ['colspan', 'rowspan', 'scope'],
};

const ENTITY = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/** Escapes markup, keeping character references the author wrote (&nbsp;, &#8364;). */
function escapeText(s: string): string {
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (c === '&') out += ENTITY.test(s.slice(i, i + 40)) ? '&' : '&amp;';
		else if (c === '<') out += '&lt;';
		else if (c === '>') out += '&gt;';
		else if (c === '"') out += '&quot;';
		else out += c;
	}
	return out;
}

const TAG =
	/^<(\/?)([a-z][a-z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/i;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributes(tag: string, raw: string): string {
	const allowed = ATTRS[tag] ?? [];
	let out = '';
	for (const m of raw.matchAll(ATTR)) {
		const name = m[1].toLowerCase();
		const value = m[2] ?? m[3] ?? m[4] ?? '';
		if (!allowed.includes(name)) continue;
		if (URL_ATTRS.has(name) && !/^https?:\/\/[^\s]+$/i.test(value)) continue;
		if (NUMBER_ATTRS.has(name) && !/^\d{1,4}%?$/.test(value)) continue;
		out += ` ${name}="${escapeText(value)}"`;
	}
	// A link opens apart from the page: the page's signed address stays in it.
	if (tag === 'a') out += ' rel="noopener noreferrer" target="_blank"';
	return out;
}

export function sanitizeHtml(html: string): string {
	let out = '';
	const open: string[] = [];
	let i = 0;
	while (i < html.length) {
		const lt = html.indexOf('<', i);
		if (lt === -1) {
			out += escapeText(html.slice(i));
			break;
		}
		out += escapeText(html.slice(i, lt));
		i = lt;
		const rest = html.slice(i);
		if (rest.startsWith('<!--')) {
			const end = html.indexOf('-->', i + 4);
			i = end === -1 ? html.length : end + 3;
			continue;
		}
		if (/^<[!?]/.test(rest)) {
			const end = html.indexOf('>', i);
			i = end === -1 ? html.length : end + 1;
			continue;
		}
		const m = TAG.exec(rest);
		if (!m) {
			out += '&lt;';
			i += 1;
			continue;
		}
		i += m[0].length;
		const closing = m[1] === '/';
		const tag = m[2].toLowerCase();
		if (!closing && DROPPED_WITH_CONTENT.has(tag)) {
			const end = new RegExp(`</${tag}\\s*>`, 'i').exec(html.slice(i));
			i = end ? i + end.index + end[0].length : html.length;
			continue;
		}
		if (!TAGS.has(tag)) continue;
		if (closing) {
			// Only what is open can be closed, so the field cannot close the page's own elements.
			const at = open.lastIndexOf(tag);
			if (at === -1) continue;
			for (const t of open.splice(at).reverse()) out += `</${t}>`;
			continue;
		}
		out += `<${tag}${attributes(tag, m[3])}>`;
		if (!VOID.has(tag)) open.push(tag);
	}
	for (const t of open.reverse()) out += `</${t}>`;
	return out;
}

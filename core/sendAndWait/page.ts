/**
 * The answer page. A GET only ever shows it; the decision is the person's POST from it, so a
 * link-preview fetcher (which GETs every link in a chat) can never answer. The page has no script
 * at all, and every HTML answer carries headers that keep it so (PAGE_HEADERS).
 */
import { createHash } from 'crypto';

import type { FormField, WaitSpec } from './spec';
import { ATTRIBUTION, pageDescription, pageTitle } from './spec';

export function escapeHtml(s: string): string {
	return s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
	);
}

const STYLE =
	'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}' +
	'.msg{white-space:pre-wrap;background:#f5f5f7;border-radius:8px;padding:1rem}' +
	'label,legend{display:block;margin:1rem 0 .3rem;font-weight:600}input,select,textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}' +
	'fieldset{border:0;margin:0;padding:0}fieldset label{font-weight:400;margin:.3rem 0}' +
	'input[type=checkbox],input[type=radio]{width:auto;margin-right:.5rem}button{margin:1rem .5rem 0 0;padding:.6rem 1.2rem;font:inherit;border-radius:6px;border:1px solid #888;cursor:pointer}' +
	'button.primary{background:#2563eb;color:#fff;border-color:#2563eb}.err{color:#b91c1c}.html{margin:1rem 0}.attr{margin-top:2rem;color:#777;font-size:.85rem}';

/**
 * No script may run, nothing may be loaded but the page's own style (by its hash: no picture, font
 * or medium, which would tell its server when and from where the page was opened), the form posts
 * only back to this address, and no other site may frame the page (a framed Approve button could
 * be clicked by trickery).
 */
const CSP = [
	"default-src 'none'",
	`style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
	"form-action 'self'",
	"frame-ancestors 'none'",
	"base-uri 'none'",
].join('; ');

/** Sent with every HTML answer. The address holds n8n's signature: no Referer may carry it away. */
export const PAGE_HEADERS: Record<string, string> = {
	'Content-Security-Policy': CSP,
	'X-Frame-Options': 'DENY',
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'Cache-Control': 'no-store',
};

function layout(title: string, body: string, attribution = false): string {
	const footer = attribution
		? `<p class="attr">${escapeHtml(ATTRIBUTION.replace(/ n8n$/, ''))} <a href="https://n8n.io" rel="noopener noreferrer" target="_blank">n8n</a></p>`
		: '';
	return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}${footer}</body></html>`;
}

type Values = Record<string, string | string[] | undefined>;

const asList = (v: string | string[] | undefined) =>
	Array.isArray(v) ? v : v === undefined ? [] : [v];
const lastOf = (v: string | string[] | undefined) =>
	Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '');

function choiceList(
	f: FormField,
	name: string,
	kind: 'radio' | 'checkbox',
	picked: string[],
): string {
	return f.options
		.map(
			(o, j) =>
				`<label><input type="${kind}" id="${name}-${j}" name="${name}" value="${escapeHtml(o)}"${picked.includes(o) ? ' checked' : ''}${kind === 'radio' && f.required ? ' required' : ''}>${escapeHtml(o)}</label>`,
		)
		.join('');
}

function fieldHtml(
	f: FormField,
	i: number,
	value: string | string[] | undefined,
	error?: string,
): string {
	if (f.type === 'hiddenField') return '';
	if (f.type === 'html') return `<div class="html">${f.value}</div>`;
	const name = `field-${i}`;
	const req = f.required ? ' required' : '';
	const ph = f.placeholder ? ` placeholder="${escapeHtml(f.placeholder)}"` : '';
	const label = f.label === 'text' && f.type === 'textarea' ? 'Your answer' : f.label;
	const err = error ? ` <span class="err">${escapeHtml(label)} ${escapeHtml(error)}</span>` : '';
	const title = `${escapeHtml(label)}${f.required ? ' *' : ''}`;
	if (f.type === 'radio' || (f.type === 'checkbox' && f.multiple)) {
		return `<fieldset id="${name}"><legend>${title}</legend>${choiceList(f, name, f.type === 'radio' ? 'radio' : 'checkbox', asList(value))}</fieldset>${err}`;
	}
	const v = lastOf(value);
	let input: string;
	if (f.type === 'textarea')
		input = `<textarea id="${name}" name="${name}" rows="5"${req}${ph}>${escapeHtml(v)}</textarea>`;
	else if (f.type === 'dropdown') {
		const picked = asList(value);
		const options = f.options
			.map((o) => `<option${picked.includes(o) ? ' selected' : ''}>${escapeHtml(o)}</option>`)
			.join('');
		input = f.multiple
			? `<select id="${name}" name="${name}" multiple size="${Math.min(f.options.length, 6)}"${req}>${options}</select>`
			: `<select id="${name}" name="${name}"${req}><option value=""></option>${options}</select>`;
	} else if (f.type === 'checkbox')
		input = `<input type="checkbox" id="${name}" name="${name}" value="on"${v ? ' checked' : ''}${req}>`;
	// A password is never written back into the page.
	else if (f.type === 'password')
		input = `<input type="password" id="${name}" name="${name}" autocomplete="off"${req}${ph}>`;
	else
		input = `<input type="${f.type}" id="${name}" name="${name}" value="${escapeHtml(v)}"${f.type === 'number' ? ' step="any"' : ''}${req}${ph}>`;
	return `<label for="${name}">${title}</label>${input}${err}`;
}

/**
 * The page behind the link: the question and a form that POSTs back to the same signed URL
 * (an empty action keeps the query, where n8n's signature is).
 */
export function questionPage(
	spec: WaitSpec,
	opts: { preselect?: string; values?: Values; errors?: Record<string, string> } = {},
): string {
	const title = pageTitle(spec);
	const text = pageDescription(spec);
	// A one-line question is its own title: not shown twice.
	const head = `<h1>${escapeHtml(title)}</h1>${title === text ? '' : `<div class="msg">${escapeHtml(text)}</div>`}`;
	let form: string;
	if (spec.responseType === 'approval') {
		const choices = [...spec.choices].sort(
			(a, b) => Number(b.value === opts.preselect) - Number(a.value === opts.preselect),
		);
		form = choices
			.map(
				(c, i) =>
					`<button type="submit" name="choice" value="${c.value}"${i === 0 ? ' class="primary"' : ''}>${escapeHtml(c.label)}</button>`,
			)
			.join('');
	} else {
		const submit = escapeHtml(String(spec.options.submitLabel ?? '') || 'Submit');
		form =
			spec.fields
				.map((f, i) => fieldHtml(f, i, opts.values?.[`field-${i}`], opts.errors?.[`field-${i}`]))
				.join('') + `<button type="submit" class="primary">${submit}</button>`;
	}
	return layout(
		title,
		`${head}<form method="post" action="">${form}</form>`,
		spec.options.appendAttribution === true,
	);
}

export function resultPage(title: string, text: string): string {
	return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}

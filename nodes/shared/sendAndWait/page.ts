/**
 * The answer page. A GET only ever shows it; the decision is the person's POST from it, so a
 * link-preview fetcher (which GETs every link in a chat) can never answer.
 */
import type { FormField, WaitSpec } from './spec';
import { pageTitle } from './spec';

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE =
	'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}' +
	'.msg{white-space:pre-wrap;background:#f5f5f7;border-radius:8px;padding:1rem}' +
	'label{display:block;margin:1rem 0 .3rem;font-weight:600}input,select,textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}' +
	'input[type=checkbox]{width:auto}button{margin:1rem .5rem 0 0;padding:.6rem 1.2rem;font:inherit;border-radius:6px;border:1px solid #888;cursor:pointer}' +
	'button.primary{background:#2563eb;color:#fff;border-color:#2563eb}.err{color:#b91c1c}';

function layout(title: string, body: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function fieldHtml(f: FormField, i: number, value: string, error?: string): string {
	const name = `field-${i}`;
	const req = f.required ? ' required' : '';
	const ph = f.placeholder ? ` placeholder="${escapeHtml(f.placeholder)}"` : '';
	const label = f.label === 'text' && f.type === 'textarea' ? 'Your answer' : f.label;
	const err = error ? ` <span class="err">${escapeHtml(label)} ${escapeHtml(error)}</span>` : '';
	let input: string;
	if (f.type === 'textarea') input = `<textarea id="${name}" name="${name}" rows="5"${req}${ph}>${escapeHtml(value)}</textarea>`;
	else if (f.type === 'dropdown')
		input = `<select id="${name}" name="${name}"${req}><option value=""></option>${f.options.map((o) => `<option${o === value ? ' selected' : ''}>${escapeHtml(o)}</option>`).join('')}</select>`;
	else if (f.type === 'checkbox') input = `<input type="checkbox" id="${name}" name="${name}" value="on"${value ? ' checked' : ''}${req}>`;
	else input = `<input type="${f.type}" id="${name}" name="${name}" value="${escapeHtml(value)}"${req}${ph}>`;
	return `<label for="${name}">${escapeHtml(label)}${f.required ? ' *' : ''}</label>${input}${err}`;
}

/**
 * The page behind the link: the question and a form that POSTs back to the same signed URL
 * (an empty action keeps the query, where n8n's signature is).
 */
export function questionPage(spec: WaitSpec, opts: { preselect?: string; values?: Record<string, string>; errors?: Record<string, string> } = {}): string {
	const title = pageTitle(spec);
	// A one-line question is its own title: not shown twice.
	const head = `<h1>${escapeHtml(title)}</h1>${title === spec.message ? '' : `<div class="msg">${escapeHtml(spec.message)}</div>`}`;
	let form: string;
	if (spec.responseType === 'approval') {
		const choices = [...spec.choices].sort((a, b) => Number(b.value === opts.preselect) - Number(a.value === opts.preselect));
		form = choices.map((c, i) => `<button type="submit" name="choice" value="${c.value}"${i === 0 ? ' class="primary"' : ''}>${escapeHtml(c.label)}</button>`).join('');
	} else {
		const submit = escapeHtml(String(spec.options.submitLabel ?? '') || 'Submit');
		form = spec.fields.map((f, i) => fieldHtml(f, i, opts.values?.[`field-${i}`] ?? '', opts.errors?.[f.label])).join('') + `<button type="submit" class="primary">${submit}</button>`;
	}
	return layout(title, `${head}<form method="post" action="">${form}</form>`);
}

export function resultPage(title: string, text: string): string {
	return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}

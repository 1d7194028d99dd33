/** How the answer link is written into a message, the same wherever a platform has only text. */
import type { WaitSpec } from './spec';

export function linkLabel(spec: WaitSpec): string {
	return String(spec.options.linkLabel ?? '').trim() || 'Respond here';
}

export function linkedText(spec: WaitSpec, url: string): string {
	return `${spec.message}\n\n${linkLabel(spec)}: ${url}`;
}

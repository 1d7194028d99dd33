/** Fly media: original URLs need short-lived access URLs (batch_access) before a download. */
import type { IDataObject } from 'n8n-workflow';

import { pyStrip } from '../shared/pythonCompat';
import { apiRequest, type RequestContext } from '../shared/request';
import { fly } from './platform';

export const MAX_BATCH = 50;

/** Maps each original URL to its access URL; URLs Fly does not grant are left out. */
export async function accessUrls(
	ctx: RequestContext,
	urls: string[],
	expireSeconds: number,
	itemIndex?: number,
): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (let i = 0; i < urls.length; i += MAX_BATCH) {
		const files = urls.slice(i, i + MAX_BATCH).map((url) => ({ url }));
		const data = (await apiRequest.call(ctx, fly, {
			path: '/api/v1/s/bot/files/batch_access',
			body: { files, expire_seconds: expireSeconds },
			idempotent: true,
			itemIndex,
		})) as IDataObject;
		Object.assign(out, (data?.files as Record<string, string>) ?? {});
	}
	return out;
}

/** The media URLs inside a message's data, by message type (as Fly's reference extracts them). */
export function mediaUrls(
	msgType: string,
	data: IDataObject | undefined,
): Array<{ key: string; url: string }> {
	const keys: Record<string, string[]> = {
		image: ['originalUrl', 'thumbnailUrl'],
		voice: ['url'],
		file: ['url'],
		video: ['videoUrl', 'thumbnailUrl'],
	};
	return (keys[msgType] ?? [])
		.map((key) => ({ key, url: data?.[key] }))
		.filter(
			(e): e is { key: string; url: string } => typeof e.url === 'string' && pyStrip(e.url) !== '',
		)
		.map((e) => ({ key: e.key, url: pyStrip(e.url) }));
}

/**
 * "Download Media" on a trigger: each event's received file as the item's binary `data`, so an AI
 * Agent can hand an image to a vision model (or a transcription node can read a voice message).
 * Each platform says only where its file is; fetching, the size cap and the per-item error live
 * here. A file that cannot be fetched never fails the trigger: its item says why in `mediaError`.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { allowPrivateAddressesField, downloadToBinary, type DownloadContext } from './download';

const DEFAULT_MAX_MEDIA_MB = 25;

/** The trigger options, naming what the platform's messages carry (e.g. "each image message"). */
export function mediaOptionFields(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Download Media',
			name: 'downloadMedia',
			type: 'boolean',
			default: false,
			description: `Whether to fetch ${what} and attach it as binary field "data" (an AI Agent passes images on to its model)`,
		},
		{
			displayName: 'Max Media Size (MB)',
			name: 'maxMediaMb',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_MEDIA_MB,
			displayOptions: { show: { downloadMedia: [true] } },
			description:
				'Larger files are not downloaded (the download stops at this size): the item then carries a mediaError instead',
		},
		{ ...allowPrivateAddressesField, displayOptions: { show: { downloadMedia: [true] } } },
	];
}

/** Where an item's file is: a URL to fetch without credentials, or why there is none to fetch. */
export type MediaSource = { url: string } | { error: string };

/**
 * Attaches each item's file (sources[i] for items[i]; undefined: the event has none), one after the
 * other so memory holds one download at a time.
 */
export async function attachMedia(
	ctx: DownloadContext,
	items: INodeExecutionData[],
	sources: Array<MediaSource | undefined>,
	options: IDataObject,
): Promise<void> {
	// An expression that yields nothing or NaN is refused per item (downloadToBinary), not uncapped.
	const maxBytes = Math.floor(Number(options.maxMediaMb ?? DEFAULT_MAX_MEDIA_MB) * 1024 * 1024);
	const allowPrivate = options.allowPrivateAddresses === true;
	for (let i = 0; i < items.length; i++) {
		const source = sources[i];
		if (!source) continue;
		if ('error' in source) {
			items[i].json.mediaError = source.error;
			continue;
		}
		try {
			const { binary } = await downloadToBinary(ctx, source.url, maxBytes, {
				limitOption: 'Max Media Size',
				allowPrivate,
			});
			items[i].binary = { data: binary };
		} catch (error) {
			items[i].json.mediaError = (error as Error).message;
		}
	}
}

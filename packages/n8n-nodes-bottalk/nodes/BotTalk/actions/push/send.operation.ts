import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, optionsCollection, optionsField } from '../../../shared/describe';
import { failParam, stringParam } from '../../../shared/params';
import { apiRequest, platformCodeOf } from '../../../shared/request';
import { sendLongText, splitOptions } from '../../../shared/textParts';
import { botTalk } from '../../platform';

export const channelProperties: INodeProperties[] = [
	optionsField('Channel', 'channel', 'default', [
		{ name: 'Default Channel', value: 'default' },
		{ name: 'All Channels', value: 'all' },
		{ name: 'Specific Channels', value: 'ids' },
	]),
	{
		displayName: 'Channel IDs',
		name: 'channelIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1,3',
		description: 'Channel IDs separated by commas',
		displayOptions: { show: { channel: ['ids'] } },
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Title of the push. Title and content cannot both be empty.',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'Body of the push (Markdown is kept as text). Long content can go out as several pushes: Options → Split Long Text at.',
	},
	...channelProperties,
	optionsCollection(splitOptions()),
];

export const description = forOperation('push', 'send', properties);

/** The push's channel field: default, all, or the listed channel IDs. */
export function readChannel(ctx: IExecuteFunctions, itemIndex: number): string {
	const channel = ctx.getNodeParameter('channel', itemIndex, 'default') as string;
	if (channel !== 'ids') return channel;
	const ids = stringParam(ctx, 'channelIds', itemIndex)
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!ids.length || ids.some((id) => !/^\d+$/.test(id)))
		failParam(ctx, itemIndex, 'Channel IDs must be numbers separated by commas, e.g. 1,3');
	return ids.join(',');
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const title = stringParam(this, 'title', itemIndex).trim();
	const desp = stringParam(this, 'content', itemIndex);
	if (!title && !desp.trim()) failParam(this, itemIndex, 'Title and Content cannot both be empty');
	const channel = readChannel(this, itemIndex);
	const push = async (body: IDataObject): Promise<IDataObject> => {
		// Sent with POST and the Bearer header: the SendKey never appears in a URL.
		const data = (await apiRequest.call(this, botTalk, {
			path: '/notify',
			body,
			itemIndex,
		})) as IDataObject;
		const results = (data?.results as IDataObject[]) ?? [];
		const delivered = results.filter((r) => r.status === 'success').length;
		return {
			delivered,
			failed: results.filter((r) => r.status === 'failed').length,
			skipped: results.filter((r) => r.status === 'skipped').length,
			partialFailure: delivered > 0 && delivered < results.length,
			results,
		};
	};
	if (!desp.trim()) return await push({ title, desp, channel });
	return await sendLongText(this, itemIndex, {
		text: desp,
		platform: botTalk.name,
		// Each push shows its title: numbered, so the parts read in order.
		send: async (part, index, count) =>
			await push({
				title: count > 1 && title ? `${title} (${index + 1}/${count})` : title,
				desp: part,
				channel,
			}),
		// BotTalk relays to WeChat and answers only "every channel failed" (50001) when it refuses.
		mayBeLength: (error) => platformCodeOf(error) === '50001',
	});
}

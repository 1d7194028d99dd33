import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { failParam, requiredString } from '../../../shared/params';
import { accessUrls } from '../../media';

const properties: INodeProperties[] = [
	{
		displayName: 'File URLs',
		name: 'urls',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description:
			'Media URLs from Fly messages (e.g. data.originalUrl), separated by commas or new lines',
	},
	{
		displayName: 'Expire Seconds',
		name: 'expireSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 86400 },
		default: 600,
		description: 'How long the access URLs stay valid. Download them soon; never store them.',
	},
];

export const description = forOperation('file', 'getAccessUrls', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const urls = requiredString(this, 'urls', itemIndex, 'File URLs')
		.split(/[\n,]/)
		.map((u) => u.trim())
		.filter(Boolean);
	if (!urls.length) failParam(this, itemIndex, 'File URLs is required');
	const expireSeconds = this.getNodeParameter('expireSeconds', itemIndex, 600) as number;
	const files = await accessUrls(this, urls, expireSeconds, itemIndex);
	return { files, missing: urls.filter((u) => !files[u]) };
}

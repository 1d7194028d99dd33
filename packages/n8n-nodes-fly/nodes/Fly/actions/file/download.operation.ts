import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, optionsField } from '../../../shared/describe';
import { allowPrivateAddressesField, downloadToBinary } from '../../../shared/download';
import { failParam, httpUrl, requiredString } from '../../../shared/params';
import { accessUrls } from '../../media';

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		description: 'A media URL from a Fly message, or an access URL from Get Access URLs',
	},
	optionsField('URL Kind', 'urlKind', 'original', [
		{
			name: 'Original Media URL',
			value: 'original',
			description: 'The node asks Fly for an access URL first',
		},
		{ name: 'Access URL', value: 'access', description: 'Already granted by Get Access URLs' },
	]),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
	{
		displayName: 'Max File Size (MB)',
		name: 'maxSizeMb',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description: 'Larger files fail instead of filling the disk',
	},
	allowPrivateAddressesField,
];

export const description = forOperation('file', 'download', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const url = httpUrl(this, requiredString(this, 'url', itemIndex, 'URL'), itemIndex, 'URL');
	const property = requiredString(
		this,
		'binaryPropertyName',
		itemIndex,
		'Put Output File in Field',
	);
	const mb = this.getNodeParameter('maxSizeMb', itemIndex, 100) as unknown;
	// An expression yielding nothing or NaN would otherwise mean no cap at all.
	if (typeof mb !== 'number' || !Number.isFinite(mb) || mb <= 0)
		failParam(this, itemIndex, `Max File Size (MB) must be a positive number, got "${String(mb)}"`);
	const maxBytes = Math.floor(mb * 1024 * 1024);
	const allowPrivate = this.getNodeParameter('allowPrivateAddresses', itemIndex, false) === true;
	const urlKind = this.getNodeParameter('urlKind', itemIndex, 'original');
	let accessUrl = url;
	if (urlKind === 'original') {
		const granted = await accessUrls(this, [url], 600, itemIndex);
		if (!granted[url])
			failParam(
				this,
				itemIndex,
				'Fly granted no access URL for this URL: is it a media URL from a message this bot received?',
			);
		accessUrl = granted[url];
	}
	const { binary, bytes } = await downloadToBinary(this, accessUrl, maxBytes, {
		itemIndex,
		limitOption: 'Max File Size',
		allowPrivate,
	});
	return [
		{
			json: {
				// An access URL carries its grant in the query: the output keeps only where it points.
				url: urlKind === 'access' ? url.split(/[?#]/)[0] : url,
				fileName: binary.fileName,
				mimeType: binary.mimeType,
				fileSize: bytes,
			},
			binary: { [property]: binary },
		},
	];
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, forOperation, optionsField } from '../../../shared/describe';
import { MultipartForm, inputFile } from '../../../shared/multipart';
import { failParam, httpUrl, requiredString, stringParam } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { mpChat } from '../../platform';
import { stringifyJson } from '../../../shared/json';
import { MEDIA_METHODS, chatIdParam, wireId, type MediaKind } from '../../helpers';
import { chatTarget, readSendOptions, sendOptions } from './shared';

const properties: INodeProperties[] = [
	...chatTarget,
	optionsField(
		'Media Type',
		'mediaType',
		'photo',
		Object.entries(MEDIA_METHODS).map(([value, m]) => ({
			name: m.label,
			value,
			description: `Calls ${m.method} with the file in "${m.field}"`,
		})),
	),
	optionsField(
		'Source',
		'source',
		'url',
		[
			{
				name: 'Public URL',
				value: 'url',
				description: 'MPChat fetches the file from a URL it can reach',
			},
			{
				name: 'Binary Data',
				value: 'binary',
				description: 'Upload a file from an input binary field (multipart)',
			},
		],
		{ description: 'MPChat takes a public URL or an upload; it does not reuse file IDs' },
	),
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.jpg',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		...binaryPropertyField('The binary field of the input item holding the file'),
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		description:
			'Text shown with the media. No document states a length limit: if MPChat refuses a long caption, shorten it.',
	},
	...sendOptions(),
];

export const description = forOperation('message', 'sendMedia', properties);

export function orderKey(this: IExecuteFunctions, itemIndex: number) {
	return chatIdParam(this, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const chatId = chatIdParam(this, itemIndex);
	const kind = this.getNodeParameter('mediaType', itemIndex) as MediaKind;
	const media = MEDIA_METHODS[kind];
	if (!media)
		failParam(
			this,
			itemIndex,
			`Media Type "${kind}" is not one of ${Object.keys(MEDIA_METHODS).join(', ')}`,
		);
	const caption = stringParam(this, 'caption', itemIndex);
	const source = this.getNodeParameter('source', itemIndex, 'url') as string;
	const path = `/${media.method}`;

	if (source === 'url') {
		const url = httpUrl(this, requiredString(this, 'url', itemIndex, 'URL'), itemIndex, 'URL');
		const body: IDataObject = {
			chat_id: wireId(chatId),
			[media.field]: url,
			...readSendOptions(this, itemIndex),
		};
		if (caption) body.caption = caption;
		return (await apiRequest.call(this, mpChat, { path, body, itemIndex })) as IDataObject;
	}

	const property = requiredString(this, 'binaryPropertyName', itemIndex, 'Input Binary Field');
	const file = await inputFile(this, itemIndex, property, 'Input Binary Field');
	const fields = readSendOptions(this, itemIndex, true);
	const form = () => {
		const f = new MultipartForm();
		f.append('chat_id', chatId);
		if (caption) f.append('caption', caption);
		for (const [k, v] of Object.entries(fields))
			f.append(k, typeof v === 'string' ? v : stringifyJson(v));
		f.append(media.field, file.part());
		return f;
	};
	return (await apiRequest.call(this, mpChat, {
		path,
		form,
		itemIndex,
		timeoutMs: 600_000,
	})) as IDataObject;
}

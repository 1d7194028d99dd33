import { resourceFields } from '../../../shared/describe';
import * as download from './download.operation';
import * as getAccessUrls from './getAccessUrls.operation';

export { download, getAccessUrls };

export const resource = { name: 'File', value: 'file' };

export const description = resourceFields(
	resource.value,
	'download',
	[download, getAccessUrls],
	[
		{
			name: 'Download',
			value: 'download',
			action: 'Download a file',
			description:
				"Download a media file into binary data. Needs the file's original or access URL.",
		},
		{
			name: 'Get Access URLs',
			value: 'getAccessUrls',
			action: 'Get access URLs',
			description:
				"Get short-lived download URLs for media files (batch_access). Needs the files' original URLs.",
		},
	],
);

import { resourceFields } from '../../../shared/describe';
import * as upload from './upload.operation';

export { upload };

export const resource = { name: 'File', value: 'file' };

export const description = resourceFields(
	resource.value,
	'upload',
	[upload],
	[
		{
			name: 'Upload',
			value: 'upload',
			action: 'Upload a file',
			description: 'Upload binary data and get a file_id to send. Needs an input binary field.',
		},
	],
);

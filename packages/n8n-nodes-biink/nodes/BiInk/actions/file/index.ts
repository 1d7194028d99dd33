import { operationSelector } from '../../../shared/describe';
import * as upload from './upload.operation';

export { upload };

export const description = [
	operationSelector('file', [{ name: 'Upload', value: 'upload', action: 'Upload a file', description: 'Upload binary data and get a file_id to send. Needs an input binary field.' }], 'upload'),
	...upload.description,
];

import type { IExecuteFunctions } from 'n8n-workflow';

import { binaryPropertyField, forOperation } from '../../../shared/describe';
import { requiredString } from '../../../shared/params';
import { uploadBinary } from '../../helpers';

export const description = forOperation('file', 'upload', [
	binaryPropertyField('The binary field of the input item holding the file to upload'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const property = requiredString(this, 'binaryPropertyName', itemIndex, 'Input Binary Field');
	return await uploadBinary(this, itemIndex, property, 'Input Binary Field');
}

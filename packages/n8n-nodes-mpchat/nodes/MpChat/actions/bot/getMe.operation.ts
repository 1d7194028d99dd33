import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';
import { mpChat } from '../../platform';

export const description = forOperation('bot', 'getMe', []);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// A GET, as the document calls it.
	return (await apiRequest.call(this, mpChat, {
		method: 'GET',
		path: '/getMe',
		itemIndex,
	})) as IDataObject;
}

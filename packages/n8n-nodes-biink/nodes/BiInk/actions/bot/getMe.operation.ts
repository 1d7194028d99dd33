import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';
import { biInk } from '../../platform';

export const description = forOperation('bot', 'getMe', []);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return (await apiRequest.call(this, biInk, {
		path: '/bot/getme',
		body: {},
		idempotent: true,
		itemIndex,
	})) as IDataObject;
}

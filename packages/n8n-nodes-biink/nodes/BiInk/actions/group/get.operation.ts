import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { requiredString } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { biInk } from '../../platform';

export const description = forOperation('group', 'get', [
	{ displayName: 'Group ID', name: 'groupId', type: 'string', default: '', required: true },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = { group_id: requiredString(this, 'groupId', itemIndex, 'Group ID') };
	return (await apiRequest.call(this, biInk, {
		path: '/bot/getgroup',
		body,
		idempotent: true,
		itemIndex,
	})) as IDataObject;
}

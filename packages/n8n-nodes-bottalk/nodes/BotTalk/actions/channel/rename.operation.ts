import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { requiredString } from '../../../shared/params';
import { channelId, channelIdProperty, manage } from '../../helpers';

export const description = forOperation('channel', 'rename', [
	channelIdProperty,
	{ displayName: 'New Name', name: 'name', type: 'string', default: '', required: true },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = channelId(this, itemIndex);
	const name = requiredString(this, 'name', itemIndex, 'New Name');
	return (await manage(this, itemIndex, 'PATCH', `/api/channels/${id}`, { name })) as IDataObject;
}

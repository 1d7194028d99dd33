import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { channelId, channelIdProperty, manage } from '../../helpers';

export const description = forOperation('channel', 'setDefault', [channelIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = channelId(this, itemIndex);
	return (await manage(this, itemIndex, 'PATCH', `/api/channels/${id}`, {
		is_default: 1,
	})) as IDataObject;
}

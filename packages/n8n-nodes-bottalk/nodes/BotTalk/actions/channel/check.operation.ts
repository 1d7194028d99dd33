import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { channelId, channelIdProperty, manage } from '../../helpers';

export const description = forOperation('channel', 'check', [channelIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = channelId(this, itemIndex);
	return {
		channel_id: id,
		...((await manage(this, itemIndex, 'POST', `/api/channels/${id}/check`)) as IDataObject),
	};
}

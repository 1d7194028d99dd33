import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { channelId, channelIdProperty, manage } from '../../helpers';

export const description = forOperation('channel', 'delete', [channelIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = channelId(this, itemIndex);
	const data = (await manage(this, itemIndex, 'DELETE', `/api/channels/${id}`)) as IDataObject;
	return { deleted: true, channel_id: id, ...(data ?? {}) };
}

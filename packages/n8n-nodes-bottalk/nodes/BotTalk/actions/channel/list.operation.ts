import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { manage, toItems } from '../../helpers';

export const description = forOperation('channel', 'list', []);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return toItems(await manage(this, itemIndex, 'GET', '/api/channels'));
}

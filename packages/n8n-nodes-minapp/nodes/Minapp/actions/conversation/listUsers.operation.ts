import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { listConversations } from '../../conversations';

export const description = forOperation('conversation', 'listUsers', []);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await listConversations(this, 'users', itemIndex);
}

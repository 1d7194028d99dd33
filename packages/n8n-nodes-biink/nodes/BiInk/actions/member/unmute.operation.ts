import type { IExecuteFunctions } from 'n8n-workflow';

import { memberAction, memberDescription } from './memberAction';

export const description = memberDescription('unmute');

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await memberAction(this, itemIndex, '/bot/unmutemember');
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../../shared/request';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['bot'], operation: ['getMe'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const bot = await apiRequest.call(this, 'mpChat', { path: '/getMe', idempotent: true, itemIndex });
	return [{ json: bot as INodeExecutionData['json'], pairedItem: { item: itemIndex } }];
}

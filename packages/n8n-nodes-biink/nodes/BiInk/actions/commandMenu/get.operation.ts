import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';
import { biInk } from '../../platform';

export const description = forOperation('commandMenu', 'get', []);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const data = (await apiRequest.call(this, biInk, {
		path: '/bot/botapigetcommands',
		body: {},
		idempotent: true,
		itemIndex,
	})) as IDataObject | null;
	return { commands: (data?.commands as IDataObject[]) ?? [] };
}

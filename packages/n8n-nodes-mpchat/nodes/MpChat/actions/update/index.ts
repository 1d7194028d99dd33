import { resourceFields } from '../../../shared/describe';
import * as getMany from './getMany.operation';

export { getMany };

export const resource = { name: 'Update', value: 'update' };

export const description = resourceFields(
	resource.value,
	'getMany',
	[getMany],
	[
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many updates',
			description:
				'Fetch and consume pending messages and button presses (getUpdates). Needs nothing; pass Offset to continue. Do not use while an MPChat Trigger runs for the bot',
		},
	],
);

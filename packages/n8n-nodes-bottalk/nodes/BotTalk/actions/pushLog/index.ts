import { resourceFields } from '../../../shared/describe';
import * as list from './list.operation';

export { list };

export const resource = { name: 'Push Log', value: 'pushLog' };

export const description = resourceFields(
	resource.value,
	'list',
	[list],
	[
		{
			name: 'List',
			value: 'list',
			action: 'List push logs',
			description:
				'List the latest pushes with their per-channel delivery status. Needs only the credential.',
		},
	],
);

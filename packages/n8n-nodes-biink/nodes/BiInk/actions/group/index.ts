import { resourceFields } from '../../../shared/describe';
import * as get from './get.operation';

export { get };

export const resource = { name: 'Group', value: 'group' };

export const description = resourceFields(
	resource.value,
	'get',
	[get],
	[
		{
			name: 'Get',
			value: 'get',
			action: 'Get a group',
			description: "Get a group's title and member count. Needs the group ID.",
		},
	],
);

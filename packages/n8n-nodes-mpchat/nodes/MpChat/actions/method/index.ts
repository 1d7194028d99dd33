import { resourceFields } from '../../../shared/describe';
import * as call from './call.operation';

export { call };

export const resource = {
	name: 'Method',
	value: 'method',
	description: 'Any other Bot API method',
};

export const description = resourceFields(
	resource.value,
	'call',
	[call],
	[
		{
			name: 'Call Method',
			value: 'call',
			action: 'Call any bot API method',
			description:
				'Call any MPChat Bot API method by name with JSON parameters (and optionally a binary file). Needs the method name; it can do anything the Bot API allows, including deleting messages.',
		},
	],
);

import { resourceFields } from '../../../shared/describe';
import * as get from './get.operation';
import * as set from './set.operation';

export { get, set };

export const resource = { name: 'Command Menu', value: 'commandMenu' };

export const description = resourceFields(
	resource.value,
	'set',
	[set, get],
	[
		{
			name: 'Get',
			value: 'get',
			action: 'Get the command menu',
			description: "Read the bot's command menu. Needs only the credential.",
		},
		{
			name: 'Set',
			value: 'set',
			action: 'Set the command menu',
			description:
				"Replace the bot's whole command menu with the commands given. Needs the commands.",
		},
	],
);

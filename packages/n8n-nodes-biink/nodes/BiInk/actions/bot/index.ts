import { resourceFields } from '../../../shared/describe';
import * as getMe from './getMe.operation';

export { getMe };

export const resource = { name: 'Bot', value: 'bot' };

export const description = resourceFields(
	resource.value,
	'getMe',
	[getMe],
	[
		{
			name: 'Get Me',
			value: 'getMe',
			action: 'Get the bot profile',
			description: 'Check the token and get the bot ID and name. Needs only the credential.',
		},
	],
);

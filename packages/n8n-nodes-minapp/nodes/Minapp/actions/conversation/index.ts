import { resourceFields } from '../../../shared/describe';
import * as listGroups from './listGroups.operation';
import * as listUsers from './listUsers.operation';

export { listGroups, listUsers };

export const resource = { name: 'Conversation', value: 'conversation' };

export const description = resourceFields(
	resource.value,
	'listUsers',
	[listUsers, listGroups],
	[
		{
			name: 'List Groups',
			value: 'listGroups',
			action: 'List groups',
			description:
				'List the groups the bot is in, with their conversation_id. Needs only the credential.',
		},
		{
			name: 'List Users',
			value: 'listUsers',
			action: 'List users',
			description:
				'List the users who talk to the bot, with their conversation_id. Needs only the credential.',
		},
	],
);

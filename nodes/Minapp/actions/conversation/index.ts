import { operationSelector } from '../../../shared/describe';
import * as listGroups from './listGroups.operation';
import * as listUsers from './listUsers.operation';

export { listGroups, listUsers };

export const description = [
	operationSelector(
		'conversation',
		[
			{ name: 'List Groups', value: 'listGroups', action: 'List groups', description: 'Groups the bot is in, with their conversation_id' },
			{ name: 'List Users', value: 'listUsers', action: 'List users', description: 'Users who talk to the bot, with their conversation_id' },
		],
		'listUsers',
	),
	...listUsers.description,
	...listGroups.description,
];

import { resourceFields } from '../../../shared/describe';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as list from './list.operation';

export { create, del, disable, enable, list };

export const resource = { name: 'Reminder', value: 'reminder' };

export const description = resourceFields(
	resource.value,
	'list',
	[create, del, enable, disable, list],
	[
		{
			name: 'Create',
			value: 'create',
			action: 'Create a reminder',
			description:
				'Schedule a reminder push (once, daily or every 2 minutes). Needs a title and the time.',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a reminder',
			description:
				'Permanently deletes a reminder; this cannot be undone (use Disable to pause it). Needs the reminder ID.',
		},
		{
			name: 'Disable',
			value: 'disable',
			action: 'Disable a reminder',
			description: 'Pause a reminder without deleting it. Needs the reminder ID.',
		},
		{
			name: 'Enable',
			value: 'enable',
			action: 'Enable a reminder',
			description: 'Resume a paused reminder. Needs the reminder ID.',
		},
		{
			name: 'List',
			value: 'list',
			action: 'List reminders',
			description:
				"List the account's reminders with their IDs, times and status. Needs only the credential.",
		},
	],
);

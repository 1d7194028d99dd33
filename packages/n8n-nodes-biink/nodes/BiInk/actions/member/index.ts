import { resourceFields } from '../../../shared/describe';
import * as mute from './mute.operation';
import * as unmute from './unmute.operation';

export { mute, unmute };

export const resource = { name: 'Member', value: 'member' };

export const description = resourceFields(
	resource.value,
	'mute',
	[mute, unmute],
	[
		{
			name: 'Mute',
			value: 'mute',
			action: 'Mute a group member',
			description: 'Stop a member from writing in a group. Needs the group ID and the user ID.',
		},
		{
			name: 'Unmute',
			value: 'unmute',
			action: 'Unmute a group member',
			description: 'Let a muted member write in a group again. Needs the group ID and the user ID.',
		},
	],
);

import { operationSelector } from '../../../shared/describe';
import * as mute from './mute.operation';
import * as unmute from './unmute.operation';

export { mute, unmute };

export const description = [
	operationSelector(
		'member',
		[
			{ name: 'Mute', value: 'mute', action: 'Mute a group member', description: 'Stop a member from writing in a group' },
			{ name: 'Unmute', value: 'unmute', action: 'Unmute a group member', description: 'Let a muted member write again' },
		],
		'mute',
	),
	...mute.description,
	...unmute.description,
];

import { operationSelector } from '../../../shared/describe';
import * as get from './get.operation';
import * as reset from './reset.operation';

export { get, reset };

export const description = [
	operationSelector(
		'key',
		[
			{ name: 'Get', value: 'get', action: 'Get the send key', description: 'Check the account\'s SendKey (shown masked)' },
			{ name: 'Reset', value: 'reset', action: 'Reset the send key', description: 'Issue a new SendKey; the old one stops working' },
		],
		'get',
	),
	...get.description,
	...reset.description,
];

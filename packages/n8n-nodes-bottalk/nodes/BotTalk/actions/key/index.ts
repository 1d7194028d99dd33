import { resourceFields } from '../../../shared/describe';
import * as get from './get.operation';
import * as reset from './reset.operation';

export { get, reset };

export const resource = { name: 'Key', value: 'key', description: 'The SendKey' };

export const description = resourceFields(
	resource.value,
	'get',
	[get, reset],
	[
		{
			name: 'Get',
			value: 'get',
			action: 'Get the send key',
			description:
				"Show the account's SendKey masked and whether it matches the credential. Needs only the credential.",
		},
		{
			name: 'Reset',
			value: 'reset',
			action: 'Reset the send key',
			description:
				'Permanently replaces the SendKey with a new one; this cannot be undone. The old key stops working at once, and so does this credential until you enter the new key. Needs only the credential.',
		},
	],
);

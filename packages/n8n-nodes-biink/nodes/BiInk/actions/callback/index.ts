import { resourceFields } from '../../../shared/describe';
import * as answer from './answer.operation';

export { answer };

export const resource = { name: 'Callback', value: 'callback', description: 'Button presses' };

export const description = resourceFields(
	resource.value,
	'answer',
	[answer],
	[
		{
			name: 'Answer',
			value: 'answer',
			action: 'Answer a button press',
			description:
				'Acknowledge a button press, optionally with a notice or alert, within about 30 s. Needs the callback ID from the trigger event.',
		},
	],
);

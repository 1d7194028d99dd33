import { resourceFields } from '../../../shared/describe';
import { sendAndWaitOption } from '../../../shared/sendAndWait/properties';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';

export { send, sendAndWait };

export const resource = { name: 'Push', value: 'push' };

export const description = resourceFields(
	resource.value,
	'send',
	[send, sendAndWait],
	[
		{
			name: 'Send',
			value: 'send',
			action: 'Send a push',
			description:
				'Push a notification to WeChat through your channels. Needs a title or content (or both); the channel defaults to the default channel.',
		},
		sendAndWaitOption,
	],
);

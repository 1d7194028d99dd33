import { operationSelector } from '../../../shared/describe';
import * as send from './send.operation';

export { send };

export const description = [
	operationSelector('push', [{ name: 'Send', value: 'send', action: 'Send a push', description: 'Push a notification to WeChat through your channels' }], 'send'),
	...send.description,
];

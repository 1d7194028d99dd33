import { operationSelector } from '../../../shared/describe';
import * as send from './send.operation';

export { send };

export const description = [
	operationSelector('message', [{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send text, an image, voice, video or a file to a group or a user, exactly once' }], 'send'),
	...send.description,
];

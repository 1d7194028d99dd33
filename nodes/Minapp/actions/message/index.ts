import { operationSelector } from '../../../shared/describe';
import * as send from './send.operation';

export { send };

export const description = [
	operationSelector('message', [{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send text, a link, an image, a mini program or any WeCom-robot message' }], 'send'),
	...send.description,
];

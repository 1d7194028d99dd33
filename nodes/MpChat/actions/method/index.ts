import { operationSelector } from '../../../shared/describe';
import * as call from './call.operation';

export { call };

export const description = [
	operationSelector('method', [{ name: 'Call Method', value: 'call', action: 'Call any bot API method', description: 'Call a method this node has no operation for, with JSON or multipart parameters' }], 'call'),
	...call.description,
];

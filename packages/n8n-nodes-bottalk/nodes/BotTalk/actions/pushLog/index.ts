import { operationSelector } from '../../../shared/describe';
import * as list from './list.operation';

export { list };

export const description = [
	operationSelector('pushLog', [{ name: 'List', value: 'list', action: 'List push logs', description: 'List the latest pushes with their per-channel delivery status. Needs only the credential.' }], 'list'),
	...list.description,
];

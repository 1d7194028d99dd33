import { operationSelector } from '../../../shared/describe';
import * as list from './list.operation';

export { list };

export const description = [
	operationSelector('pushLog', [{ name: 'List', value: 'list', action: 'List push logs', description: 'The latest pushes with their per-channel status' }], 'list'),
	...list.description,
];

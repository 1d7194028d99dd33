import { operationSelector } from '../../../shared/describe';
import * as get from './get.operation';

export { get };

export const description = [
	operationSelector('group', [{ name: 'Get', value: 'get', action: 'Get a group', description: 'Get a group\'s title and member count. Needs the group ID.' }], 'get'),
	...get.description,
];

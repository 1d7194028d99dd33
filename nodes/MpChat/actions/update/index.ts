import { operationSelector } from '../../../shared/describe';
import * as getMany from './getMany.operation';

export { getMany };

export const description = [
	operationSelector('update', [{ name: 'Get Many', value: 'getMany', action: 'Get many updates', description: 'Fetch pending messages and button presses (getUpdates)' }], 'getMany'),
	...getMany.description,
];

import { operationSelector } from '../../../shared/describe';
import * as getMany from './getMany.operation';

export { getMany };

export const description = [
	operationSelector('update', [{ name: 'Get Many', value: 'getMany', action: 'Get many updates', description: 'Fetch and consume pending messages and button presses. Needs nothing; pass Offset to continue. Do not use while a Fly trigger polls for the bot' }], 'getMany'),
	...getMany.description,
];

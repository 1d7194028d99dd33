import { operationSelector } from '../../../shared/describe';
import * as getMe from './getMe.operation';

export { getMe };

export const description = [
	operationSelector('bot', [{ name: 'Get Me', value: 'getMe', action: 'Get the bot profile', description: 'Check the token and get the bot ID and username. Needs only the credential.' }], 'getMe'),
	...getMe.description,
];

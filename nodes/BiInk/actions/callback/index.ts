import { operationSelector } from '../../../shared/describe';
import * as answer from './answer.operation';

export { answer };

export const description = [
	operationSelector('callback', [{ name: 'Answer', value: 'answer', action: 'Answer a button press', description: 'Stop the loading spinner on a pressed button, optionally with a notice' }], 'answer'),
	...answer.description,
];

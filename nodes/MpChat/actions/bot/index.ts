import type { INodeProperties } from 'n8n-workflow';

import * as getMe from './getMe.operation';

export { getMe };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bot'] } },
		options: [{ name: 'Get Me', value: 'getMe', action: 'Get the bot profile', description: 'Check the token and get the bot ID and username' }],
		default: 'getMe',
	},
	...getMe.description,
];

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { failParam } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { biInk } from '../../platform';

const properties: INodeProperties[] = [
	{
		displayName: 'Commands',
		name: 'commands',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Command',
		default: {},
		description: 'The full menu: it replaces the current one. No commands clears the menu.',
		options: [
			{
				displayName: 'Command',
				name: 'command',
				values: [
					{
						displayName: 'Command',
						name: 'command',
						type: 'string',
						default: '',
						placeholder: 'start',
						description:
							'Lowercase letters, digits and _; up to 32 characters; without the leading /',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Shown next to the command in the menu',
					},
				],
			},
		],
	},
];

export const description = forOperation('commandMenu', 'set', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const list = ((this.getNodeParameter('commands', itemIndex, {}) as IDataObject).command ??
		[]) as Array<{ command: string; description: string }>;
	const commands = list.map((c, n) => {
		const command = String(c.command ?? '')
			.trim()
			.replace(/^\//, '');
		if (!/^[a-z0-9_]{1,32}$/.test(command))
			failParam(
				this,
				itemIndex,
				`Commands: command ${n + 1} "${command}" must be 1–32 lowercase letters, digits or _`,
			);
		if (!String(c.description ?? '').trim())
			failParam(this, itemIndex, `Commands: command "${command}" needs a description`);
		return { command, description: String(c.description).trim() };
	});
	await apiRequest.call(this, biInk, {
		path: '/bot/botapisetcommands',
		body: { commands },
		idempotent: true,
		itemIndex,
	});
	return { commands };
}

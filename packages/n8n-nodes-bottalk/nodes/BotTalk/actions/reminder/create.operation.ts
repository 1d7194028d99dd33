import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, optionsField } from '../../../shared/describe';
import { failParam, requiredString, stringParam } from '../../../shared/params';
import { manage } from '../../helpers';

const properties: INodeProperties[] = [
	{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
	{
		displayName: 'Time',
		name: 'time',
		type: 'string',
		default: '',
		required: true,
		placeholder: '09:30 or 2026-12-31T09:30',
		description:
			"HH:MM (daily or every-2-minutes reminders) or YYYY-MM-DDTHH:MM (once), in the server's time zone",
	},
	optionsField('Repeat', 'type', 'once', [
		{ name: 'Once', value: 'once' },
		{ name: 'Daily', value: 'daily' },
		{ name: 'Every 2 Minutes', value: 'every2min' },
	]),
	{
		displayName: 'Max Count',
		name: 'maxCount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Stop after this many reminders; 0 means no limit',
	},
];

export const description = forOperation('reminder', 'create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const time = requiredString(this, 'time', itemIndex, 'Time');
	if (!/^(\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2})$/.test(time))
		failParam(this, itemIndex, `Time must be HH:MM or YYYY-MM-DDTHH:MM, got "${time}"`);
	const maxCount = this.getNodeParameter('maxCount', itemIndex, 0) as number;
	if (!Number.isInteger(maxCount) || maxCount < 0)
		failParam(this, itemIndex, 'Max Count must be a whole number, 0 or more');
	const body: IDataObject = {
		title: requiredString(this, 'title', itemIndex, 'Title'),
		message: stringParam(this, 'message', itemIndex),
		time,
		type: this.getNodeParameter('type', itemIndex, 'once') as string,
		max_count: maxCount,
	};
	const data = (await manage(this, itemIndex, 'POST', '/api/reminders', body)) as IDataObject;
	return { ...data, ...body };
}

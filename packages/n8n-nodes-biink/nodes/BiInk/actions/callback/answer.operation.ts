import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { requiredString } from '../../../shared/params';
import { answerCallback } from '../../helpers';

const properties: INodeProperties[] = [
	{
		displayName: 'Callback ID',
		name: 'callbackId',
		type: 'string',
		default: '',
		required: true,
		description: 'The callback_id of the button press. Answer within about 30 seconds.',
		hint: 'From a trigger: {{ $json.event.callback.id }}',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '',
		description: 'A short notice shown to the user',
	},
	{
		displayName: 'Show Alert',
		name: 'showAlert',
		type: 'boolean',
		default: false,
		description: 'Whether to show the text as a dialog instead of a toast',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		description: 'A URL the client opens',
	},
];

export const description = forOperation('callback', 'answer', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const callbackId = requiredString(this, 'callbackId', itemIndex, 'Callback ID');
	await answerCallback(
		this,
		callbackId,
		{
			text: this.getNodeParameter('text', itemIndex, '') as string,
			showAlert: this.getNodeParameter('showAlert', itemIndex, false) as boolean,
			url: this.getNodeParameter('url', itemIndex, '') as string,
		},
		itemIndex,
	);
	return { answered: true, callback_id: callbackId };
}

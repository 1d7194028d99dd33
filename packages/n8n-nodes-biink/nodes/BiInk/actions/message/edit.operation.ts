import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { keyboardProperties, readKeyboard } from '../../../shared/keyboard';
import { failParam, requiredString, stringParam } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { biInk } from '../../platform';

const properties: INodeProperties[] = [
	{ displayName: 'Message ID', name: 'messageId', type: 'string', default: '', required: true },
	{
		displayName: 'Text',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'The new text. Leave empty to change only the keyboard.',
	},
	{
		displayName: 'Remove Keyboard',
		name: 'removeKeyboard',
		type: 'boolean',
		default: false,
		description: 'Whether to remove the buttons under the message',
	},
	...keyboardProperties().map((p) => ({
		...p,
		displayOptions: {
			...p.displayOptions,
			show: { ...p.displayOptions?.show, removeKeyboard: [false] },
		},
	})),
];

export const description = forOperation('message', 'edit', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body: IDataObject = {
		message_id: requiredString(this, 'messageId', itemIndex, 'Message ID'),
	};
	const content = stringParam(this, 'content', itemIndex);
	if (content) body.content = content;
	if (this.getNodeParameter('removeKeyboard', itemIndex, false)) {
		body.extra = { inline_keyboard: [] };
	} else {
		const keyboard = readKeyboard(this, itemIndex);
		if (keyboard) body.extra = { inline_keyboard: keyboard };
	}
	if (body.content === undefined && body.extra === undefined)
		failParam(
			this,
			itemIndex,
			'Set Text, a keyboard, or Remove Keyboard: there is nothing to edit',
		);
	return (await apiRequest.call(this, biInk, {
		path: '/bot/editmessage',
		body,
		idempotent: true,
		itemIndex,
	})) as IDataObject;
}

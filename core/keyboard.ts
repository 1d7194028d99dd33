/**
 * Inline keyboards ({text, callback_data} rows), shared by MPChat and bi.ink: built row by row in
 * the node's UI or given as JSON, validated before any request.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failParam, jsonParam } from './params';

export interface Button {
	text: string;
	callback_data: string;
}

export function keyboardProperties(prefix = ''): INodeProperties[] {
	const source = `${prefix}keyboardSource`;
	return [
		{
			displayName: 'Inline Keyboard',
			name: source,
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Build Row by Row', value: 'rows' },
				{ name: 'JSON', value: 'json' },
			],
			default: 'none',
			description:
				'Buttons shown under the message. Pressing one sends a callback with its data to the bot.',
		},
		{
			displayName: 'Rows',
			name: `${prefix}keyboardRows`,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Row',
			default: {},
			displayOptions: { show: { [source]: ['rows'] } },
			options: [
				{
					displayName: 'Row',
					name: 'row',
					values: [
						{
							displayName: 'Buttons',
							name: 'buttons',
							type: 'fixedCollection',
							typeOptions: { multipleValues: true },
							placeholder: 'Add Button',
							default: {},
							options: [
								{
									displayName: 'Button',
									name: 'button',
									values: [
										{
											displayName: 'Text',
											name: 'text',
											type: 'string',
											default: '',
											description: 'Label shown on the button',
										},
										{
											displayName: 'Callback Data',
											name: 'callbackData',
											type: 'string',
											default: '',
											description: 'Sent back to the bot when the button is pressed',
										},
									],
								},
							],
						},
					],
				},
			],
		},
		{
			displayName: 'Keyboard JSON',
			name: `${prefix}keyboardJson`,
			type: 'json',
			default: '[[{"text": "Yes", "callback_data": "yes"}, {"text": "No", "callback_data": "no"}]]',
			displayOptions: { show: { [source]: ['json'] } },
			description:
				'Rows of buttons: an array of rows, each an array of {"text", "callback_data"}. An object {"inline_keyboard": [...]} is accepted too.',
		},
	];
}

function validate(
	ctx: IExecuteFunctions,
	itemIndex: number,
	rows: unknown,
	label: string,
): Button[][] {
	if (!Array.isArray(rows)) failParam(ctx, itemIndex, `${label} must be an array of rows`);
	return (rows as unknown[]).map((row, r) => {
		if (!Array.isArray(row))
			failParam(ctx, itemIndex, `${label}: row ${r + 1} must be an array of buttons`);
		return (row as unknown[]).map((b, c) => {
			const button = b as IDataObject;
			const text = typeof button?.text === 'string' ? button.text : '';
			const data = button?.callback_data ?? button?.callbackData;
			if (!text)
				failParam(ctx, itemIndex, `${label}: row ${r + 1}, button ${c + 1} needs a "text"`);
			if (typeof data !== 'string' || data === '') {
				failParam(
					ctx,
					itemIndex,
					`${label}: row ${r + 1}, button ${c + 1} needs a "callback_data" string`,
				);
			}
			return { text, callback_data: data as string };
		});
	});
}

/** The keyboard rows, or undefined when the user chose none. */
export function readKeyboard(
	ctx: IExecuteFunctions,
	itemIndex: number,
	prefix = '',
): Button[][] | undefined {
	const source = ctx.getNodeParameter(`${prefix}keyboardSource`, itemIndex, 'none') as string;
	if (source === 'none') return undefined;
	if (source === 'json') {
		let rows = jsonParam<unknown>(ctx, `${prefix}keyboardJson`, itemIndex, 'Keyboard JSON');
		if (rows && !Array.isArray(rows) && typeof rows === 'object')
			rows = (rows as IDataObject).inline_keyboard;
		return validate(ctx, itemIndex, rows, 'Keyboard JSON');
	}
	const collection = ctx.getNodeParameter(`${prefix}keyboardRows`, itemIndex, {}) as {
		row?: Array<{ buttons?: { button?: Array<{ text: string; callbackData: string }> } }>;
	};
	const rows = (collection.row ?? []).map((row) =>
		(row.buttons?.button ?? []).map((b) => ({ text: b.text, callback_data: b.callbackData })),
	);
	if (!rows.length || rows.some((r) => !r.length))
		failParam(ctx, itemIndex, 'Inline Keyboard: every row needs at least one button');
	return validate(ctx, itemIndex, rows, 'Inline Keyboard');
}

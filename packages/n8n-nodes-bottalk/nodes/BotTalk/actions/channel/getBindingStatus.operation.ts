import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { failParam, requiredString } from '../../../shared/params';
import { manage } from '../../helpers';

export const description = forOperation('channel', 'getBindingStatus', [
	{
		displayName: 'QR Code',
		name: 'qrcode',
		type: 'string',
		default: '',
		required: true,
		description: 'The qrcode string returned by Create Binding QR Code',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qrcode = requiredString(this, 'qrcode', itemIndex, 'QR Code');
	if (!/^[\w-]+$/.test(qrcode))
		failParam(this, itemIndex, 'QR Code may contain only letters, digits, _ and -');
	const data = (await manage(
		this,
		itemIndex,
		'GET',
		`/api/channels/bind-status/${qrcode}`,
	)) as IDataObject;
	return { qrcode, bound: data?.id !== undefined, ...(data ?? {}) };
}

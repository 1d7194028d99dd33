import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { manage } from '../../helpers';

export const description = forOperation('channel', 'createBindingQrCode', [
	{
		displayName:
			'Show the QR code URL to the WeChat user who should receive pushes. After the scan, the user sends the bot one message to activate the channel. Poll Get Binding Status with the returned qrcode.',
		name: 'qrNotice',
		type: 'notice',
		default: '',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return (await manage(this, itemIndex, 'POST', '/api/channels/qrcode')) as IDataObject;
}

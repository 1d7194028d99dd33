import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { manage, maskKey } from '../../helpers';

export const description = forOperation('key', 'reset', [
	{
		displayName:
			'Resetting issues a new SendKey at once: this credential, and every script or device using the old key, stops working until you update it with the new key.',
		name: 'resetNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Include New Key in Output',
		name: 'revealKey',
		type: 'boolean',
		default: false,
		description:
			'Whether to output the new SendKey in clear. It is then stored with the execution: only turn this on if you need to pass it on and can keep the execution log private.',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const data = (await manage(this, itemIndex, 'POST', '/api/key/reset')) as IDataObject;
	const key = String(data?.send_key ?? '');
	this.logger.warn('BotTalk SendKey was reset: update the BotTalk credential with the new key');
	return {
		reset: true,
		sendKeyMasked: maskKey(key),
		...(this.getNodeParameter('revealKey', itemIndex, false) ? { sendKey: key } : {}),
		notice: 'Update the BotTalk credential with the new SendKey: the old one no longer works.',
	};
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { manage, maskKey } from '../../helpers';

export const description = forOperation('key', 'get', []);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const data = (await manage(this, itemIndex, 'GET', '/api/key')) as IDataObject;
	const { sendKey } = await this.getCredentials<{ sendKey: string }>('botTalkApi', itemIndex);
	// The key is the credential's secret: it stays out of execution data.
	return {
		sendKeyMasked: maskKey(data?.send_key),
		matchesCredential: String(data?.send_key ?? '') === String(sendKey).trim(),
	};
}

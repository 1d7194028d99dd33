import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlOf, baseUrlProperty, withAuth } from '../nodes/shared/credentialAuth';

export class BiInkApi implements ICredentialType {
	name = 'biInkApi';

	displayName = 'bi.ink API';

	icon: Icon = { light: 'file:../nodes/BiInk/biInk.svg', dark: 'file:../nodes/BiInk/biInk.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-imbots/n8n-nodes-imbots/blob/main/docs/credentials.md#biink';

	properties: INodeProperties[] = [
		{
			displayName: 'Bot Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The bot_token shown when you created the bot in the bi.ink app',
		},
		baseUrlProperty('https://api.bi.ink', 'Change only for a test server or simulator'),
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return withAuth(request, baseUrlOf(credentials), { Authorization: `Bearer ${String(credentials.accessToken ?? '').trim()}` });
	}

	test: ICredentialTestRequest = {
		request: { method: 'POST', url: '/bot/getme' },
	};
}

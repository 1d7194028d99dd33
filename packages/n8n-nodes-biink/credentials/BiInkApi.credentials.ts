import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
} from 'n8n-workflow';

import {
	baseUrlProperty,
	withBearer,
	fieldOf,
	tokenProperty,
} from '../nodes/shared/credentialAuth';

export class BiInkApi implements ICredentialType {
	name = 'biInkApi';

	displayName = 'bi.ink API';

	icon: Icon = {
		light: 'file:../nodes/BiInk/biInk.svg',
		dark: 'file:../nodes/BiInk/biInk.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-imbots/n8n-nodes-imbots/blob/main/docs/credentials.md#biink';

	properties = [
		tokenProperty('The bot_token shown when you created the bot in the bi.ink app'),
		baseUrlProperty('https://api.bi.ink'),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withBearer(request, credentials, fieldOf(credentials, 'accessToken'));
	}

	test: ICredentialTestRequest = { request: { method: 'POST', url: '/bot/getme' } };
}

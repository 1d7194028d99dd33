import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	baseUrlOf,
	baseUrlProperty,
	fieldOf,
	tokenProperty,
	withAuth,
} from '../nodes/shared/credentialAuth';

export class MpChatApi implements ICredentialType {
	name = 'mpChatApi';

	displayName = 'MPChat API';

	icon: Icon = {
		light: 'file:../nodes/MpChat/mpChat.svg',
		dark: 'file:../nodes/MpChat/mpChat.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-imbots/n8n-nodes-imbots/blob/main/docs/credentials.md#mpchat';

	properties: INodeProperties[] = [
		tokenProperty('The token of your MPChat bot (MPCHAT_BOT_TOKEN)'),
		baseUrlProperty('https://call.mp.net/bot'),
		{
			displayName: 'Processes Sharing This Token',
			name: 'sharedBy',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description:
				"How many n8n processes send with this token at the same time: 1 for a single n8n, the number of workers in queue mode. Each process sends at most 29/N requests per second, so together they stay under MPChat's 30/s.",
		},
	];

	// MPChat puts the token in the URL path: {base}/bot{TOKEN}/{method}.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withAuth(request, `${baseUrlOf(credentials)}/bot${fieldOf(credentials, 'accessToken')}`);
	}

	// getMe (a GET, as the document calls it) proves the token without touching the update queue.
	test: ICredentialTestRequest = { request: { method: 'GET', url: '/getMe' } };
}

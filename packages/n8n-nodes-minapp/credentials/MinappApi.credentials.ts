import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
} from 'n8n-workflow';

import {
	baseUrlOf,
	baseUrlProperty,
	fieldOf,
	secretProperty,
	withAuth,
} from '../nodes/shared/credentialAuth';

export class MinappApi implements ICredentialType {
	name = 'minappApi';

	displayName = 'Minapp API';

	icon: Icon = {
		light: 'file:../nodes/Minapp/minapp.svg',
		dark: 'file:../nodes/Minapp/minapp.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-imbots/n8n-nodes-imbots/blob/main/docs/credentials.md#minapp';

	properties = [
		secretProperty(
			'Secret',
			'secret',
			'The robot secret from the minapp admin console. It also authenticates webhook callbacks.',
		),
		baseUrlProperty('https://bot-admin.minapp.xin'),
	];

	// minapp authenticates with ?secret= in the query string.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withAuth(
			request,
			baseUrlOf(credentials),
			{},
			{ secret: fieldOf(credentials, 'secret') },
		);
	}

	test: ICredentialTestRequest = { request: { method: 'GET', url: '/api/users' } };
}

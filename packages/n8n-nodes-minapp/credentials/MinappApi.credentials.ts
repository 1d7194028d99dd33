import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlOf, baseUrlProperty, withAuth } from '../nodes/shared/credentialAuth';

export class MinappApi implements ICredentialType {
	name = 'minappApi';

	displayName = 'Minapp API';

	icon: Icon = { light: 'file:../nodes/Minapp/minapp.svg', dark: 'file:../nodes/Minapp/minapp.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-imbots/n8n-nodes-imbots/blob/main/docs/credentials.md#minapp';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The robot secret from the minapp admin console. It also authenticates webhook callbacks.',
		},
		baseUrlProperty('https://bot-admin.minapp.xin', 'Change only for a test server or simulator'),
	];

	// minapp authenticates with ?secret= in the query string.
	async authenticate(credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return withAuth(request, baseUrlOf(credentials), {}, { secret: String(credentials.secret ?? '').trim() });
	}

	test: ICredentialTestRequest = {
		request: { method: 'GET', url: '/api/users' },
	};
}

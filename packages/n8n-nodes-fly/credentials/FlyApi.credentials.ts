import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, withBearer, tokenProperty } from '../nodes/shared/credentialAuth';
import { flyToken } from '../nodes/shared/signature';

export class FlyApi implements ICredentialType {
	name = 'flyApi';

	displayName = 'Fly API';

	icon: Icon = { light: 'file:../nodes/Fly/fly.svg', dark: 'file:../nodes/Fly/fly.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-imbots/n8n-nodes-imbots/blob/main/docs/credentials.md#fly';

	properties: INodeProperties[] = [
		tokenProperty('The bot token (FLY_BOT_TOKEN)'),
		baseUrlProperty(
			'https://api.flycrytp.com',
			'FLY_BASE_URL; change only for another deployment, a test server or simulator',
		),
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Secret that signs webhook deliveries (FLY_WEBHOOK_SECRET). Leave empty to use the platform default, sha256-hex of the bot token.',
		},
	];

	// The token as the document's scripts read it, so the Bearer header and the default webhook secret agree.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withBearer(request, credentials, flyToken(credentials.accessToken));
	}

	// Fly has no getMe; an empty batch_access proves the token and consumes no updates.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/api/v1/s/bot/files/batch_access',
			body: { files: [], expire_seconds: 60 },
			json: true,
		},
	};
}

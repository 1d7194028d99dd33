import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	baseUrlOf,
	baseUrlProperty,
	fieldOf,
	secretProperty,
	withBearer,
} from '../nodes/shared/credentialAuth';

function cookieHeader(setCookie: unknown): string {
	const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
	return list
		.map((c) => String(c).split(';')[0].trim())
		.filter(Boolean)
		.join('; ');
}

export class BotTalkApi implements ICredentialType {
	name = 'botTalkApi';

	displayName = 'BotTalk API';

	icon: Icon = {
		light: 'file:../nodes/BotTalk/botTalk.svg',
		dark: 'file:../nodes/BotTalk/botTalk.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-imbots/n8n-nodes-imbots/blob/main/docs/credentials.md#bottalk';

	properties: INodeProperties[] = [
		secretProperty(
			'SendKey',
			'sendKey',
			'Your 32-character SendKey. It works like a password: pushes and management calls use it.',
		),
		baseUrlProperty(
			'https://bot-talk.com',
			'Your server for a self-hosted BotTalk (its BASE_URL), or the hosted service',
		),
		// The rule guesses secrets from field names and does not know this one; masking also makes n8n
		// blank it when it sends the credential to the editor. Renaming it would orphan every saved
		// BotTalk credential.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the session cookie logs in as the account until it expires
		{
			displayName: 'Session Cookie',
			name: 'sessionCookie',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	// Management calls need a cookie session: n8n runs this when the session is empty or rejected (401).
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrlOf(credentials)}/api/auth/login`,
			body: { send_key: fieldOf(credentials, 'sendKey') },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A 307/308 would replay the SendKey to wherever it points: a redirect fails the login.
			disableFollowRedirect: true,
		})) as {
			statusCode: number;
			headers: Record<string, unknown>;
			body: { success?: boolean; error?: string };
		};
		const cookie = cookieHeader(response.headers['set-cookie']);
		if (response.statusCode >= 400 || response.body?.success !== true || !cookie) {
			throw new Error(
				`BotTalk login with the SendKey failed: ${response.body?.error ?? `HTTP ${response.statusCode}`}`,
			);
		}
		return { sessionCookie: cookie };
	}

	// Pushes use the documented Bearer header, never the key in a URL.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withBearer(
			request,
			credentials,
			fieldOf(credentials, 'sendKey'),
			credentials.sessionCookie ? { Cookie: String(credentials.sessionCookie) } : {},
		);
	}

	test: ICredentialTestRequest = { request: { method: 'GET', url: '/api/auth/me' } };
}

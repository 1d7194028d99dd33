/**
 * Helpers the five credential types share, so each credential file states only its platform.
 *
 * Each class declares `authenticate` as a method that calls these, never as a field holding one:
 * n8n copies credential types with an object spread, which keeps own fields and drops prototype
 * methods, and it adds a "Custom API Call" choice to every Resource and Operation list of a node
 * whose credential still has `authenticate` after that copy. These nodes have no such operation.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** A credential field as text, without the spaces and newline a pasted secret often brings. */
export function fieldOf(credentials: ICredentialDataDecryptedObject, name: string): string {
	return String(credentials[name] ?? '').trim();
}

export function baseUrlProperty(
	defaultUrl: string,
	description = 'Change only for a test server or simulator',
): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: defaultUrl,
		description,
	};
}

/** A secret the credential cannot work without: masked, so n8n also blanks it when it sends the credential to the editor. */
export function secretProperty(
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description,
	};
}

/** The bot token, as the platforms that have one name it. */
export function tokenProperty(description: string): INodeProperties {
	return secretProperty('Bot Token', 'accessToken', description);
}

/** Sets the base URL and adds headers/query parameters, keeping what the request already had. */
export function withAuth(
	request: IHttpRequestOptions,
	baseURL: string,
	headers: IDataObject = {},
	qs: IDataObject = {},
): IHttpRequestOptions {
	return {
		...request,
		baseURL,
		headers: { ...(request.headers ?? {}), ...headers },
		qs: { ...(request.qs ?? {}), ...qs },
	};
}

/** A token sent as `Authorization: Bearer` (with any `more` headers), on the credential's base URL. */
export function withBearer(
	request: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	token: string,
	more: IDataObject = {},
): IHttpRequestOptions {
	return withAuth(request, baseUrlOf(credentials), { Authorization: `Bearer ${token}`, ...more });
}

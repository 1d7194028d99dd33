/** Helpers the five credential types share, so each credential file states only its platform. */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
}

export function baseUrlProperty(defaultUrl: string, description: string): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: defaultUrl,
		description,
	};
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

/**
 * What the shared core needs to know about a platform. Each platform states it once, in its own
 * folder (nodes/<Platform>/platform.ts), and hands it to the core with every request; the core
 * itself names no platform, so a package compiles only its own platform into it.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import type { Decoded } from './envelopes';

export interface Platform {
	/** Display name for messages, e.g. "MPChat". */
	name: string;
	credentialType: string;
	/** The credential class's own `authenticate`: base URL, token header, path or query. */
	authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions>;
	/** Turns a parsed HTTP answer into the payload or a platform error (helpers in envelopes.ts). */
	decode(status: number, body: unknown): Decoded;
	/** Credential fields holding secrets: redacted wherever they could appear. */
	secretFields: string[];
	/** Where this platform's secrets travel in text (e.g. a token in a URL path), redacted on top of the generic patterns. */
	secretPatterns?: Array<[RegExp, string]>;
	/** Documented per-credential rate limit, paced client-side so no request hits it. */
	rateLimit?: {
		perSecond: number;
		/** The lane: requests with the same value of this credential field share the limit. */
		keyField: string;
		/** Credential field: how many processes send with the token (each gets an equal share). */
		shareField?: string;
	};
	/** Paths whose answers use a session that n8n refreshes on 401 (credential preAuthentication). */
	sessionPaths?: RegExp;
}

/** A credential class whose own `authenticate` applies it to a request, as each platform's does. */
export interface AuthenticatingCredential {
	name: string;
	authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions>;
}

/** A platform whose credential type and `authenticate` are its credential class's own. */
export function platformOf(
	credential: AuthenticatingCredential,
	spec: Omit<Platform, 'credentialType' | 'authenticate'>,
): Platform {
	return {
		...spec,
		credentialType: credential.name,
		authenticate: async (credentials, request) =>
			await credential.authenticate(credentials, request),
	};
}

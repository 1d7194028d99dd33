/** What the shared core needs to know about each platform; everything else is generic. */
import type { PlatformId } from './envelopes';

export interface PlatformSpec {
	id: PlatformId;
	name: string;
	credentialType: string;
	/** Credential fields holding secrets: redacted wherever they could appear. */
	secretFields: string[];
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

export const PLATFORMS: Record<PlatformId, PlatformSpec> = {
	mpChat: {
		id: 'mpChat',
		name: 'MPChat',
		credentialType: 'mpChatApi',
		secretFields: ['accessToken'],
		// The documented limit is 30 requests/s per token; 29 leaves one request of room for network jitter.
		rateLimit: { perSecond: 29, keyField: 'accessToken', shareField: 'sharedBy' },
	},
	biInk: { id: 'biInk', name: 'bi.ink', credentialType: 'biInkApi', secretFields: ['accessToken'] },
	fly: { id: 'fly', name: 'Fly', credentialType: 'flyApi', secretFields: ['accessToken', 'webhookSecret'] },
	minapp: { id: 'minapp', name: 'minapp', credentialType: 'minappApi', secretFields: ['secret'] },
	botTalk: {
		id: 'botTalk',
		name: 'BotTalk',
		credentialType: 'botTalkApi',
		secretFields: ['sendKey', 'sessionCookie'],
		sessionPaths: /^\/api\//,
	},
};

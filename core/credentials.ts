/**
 * Loading credentials. n8n reads and decrypts a credential from its database on every
 * getCredentials call, and again inside every httpRequestWithAuthentication: per item that was most
 * of a send's cost (bi.ink node at 0.32x of the HTTP Request node's rate) and most of a webhook
 * delivery's. Credentials are therefore loaded once per node run here, and request.ts applies them
 * with the credential's own `authenticate` (Platform.authenticate); only requests that need n8n's
 * login handling (a session API, `preAuthentication`) still go through httpRequestWithAuthentication.
 */
import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

/** How long a long-lived context (a trigger) keeps a loaded credential before reading it again. */
export const CREDENTIAL_CACHE_MS = 5_000;

type Loader = {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
		itemIndex?: number,
	): Promise<T>;
};
const perContext = new WeakMap<
	object,
	Map<string, { at: number; data: Promise<ICredentialDataDecryptedObject> }>
>();

/**
 * The credential for this context: one load per node run (a run's context is created for it), and
 * at most every CREDENTIAL_CACHE_MS for a trigger, whose context lives as long as it is active.
 */
export async function contextCredentials(
	ctx: Loader,
	type: string,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	let byType = perContext.get(ctx);
	if (!byType) perContext.set(ctx, (byType = new Map()));
	const hit = byType.get(type);
	if (hit && Date.now() - hit.at < CREDENTIAL_CACHE_MS) return await hit.data;
	const data = ctx.getCredentials(type, itemIndex);
	byType.set(type, { at: Date.now(), data });
	// A failed load is not kept: the next call tries again.
	data.catch(() => byType?.delete(type));
	return await data;
}

const perCredential = new Map<string, { at: number; data: ICredentialDataDecryptedObject }>();

/**
 * A webhook request's check against its credential. Every request has a context of its own, so the
 * copy is kept per credential ID for CREDENTIAL_CACHE_MS; a request the copy refuses is checked
 * again against a fresh load, so a new secret works at once, and a replaced secret is accepted at
 * most that long after the change.
 */
export async function checkWithCredentials<R>(
	ctx: IWebhookFunctions,
	type: string,
	check: (credentials: ICredentialDataDecryptedObject) => R,
	/** Whether the result may come from an outdated secret (then the fresh credential decides). */
	secretRefused: (result: R) => boolean,
): Promise<R> {
	const id = ctx.getNode().credentials?.[type]?.id;
	const key = id ? `${type}:${id}` : '';
	const cached = key ? perCredential.get(key) : undefined;
	if (cached && Date.now() - cached.at < CREDENTIAL_CACHE_MS) {
		const result = check(cached.data);
		if (!secretRefused(result)) return result;
	}
	const data = await ctx.getCredentials(type);
	if (key) perCredential.set(key, { at: Date.now(), data });
	return check(data);
}

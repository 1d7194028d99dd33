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

/**
 * Least time between two loads caused by refused requests, per credential and process. A request
 * the kept copy refuses may carry a secret changed since the copy was loaded, so it is checked
 * against a fresh load; but a forged request is refused too, and each load is a database read and
 * a decryption. So a burst of forged requests, at any rate, costs at most one such load per
 * second (requests arriving while it is under way share it), plus the load every
 * CREDENTIAL_CACHE_MS that any request causes once the copy is that old. A changed secret is
 * accepted by the first request that follows it, or, during a flood of refused requests, at most
 * this long after it.
 */
export const CREDENTIAL_RECHECK_MS = 1_000;

interface KeptCredential {
	at: number;
	data: Promise<ICredentialDataDecryptedObject>;
}
const perCredential = new Map<string, { copy: KeptCredential; lastRecheck: number }>();

/** One load for all requests that need it; a failed load is not kept, so the next request tries again. */
function load(ctx: IWebhookFunctions, type: string, key: string): KeptCredential {
	const copy = { at: Date.now(), data: ctx.getCredentials(type) };
	const kept = perCredential.get(key);
	perCredential.set(key, { copy, lastRecheck: kept?.lastRecheck ?? -Infinity });
	copy.data.catch(() => {
		if (perCredential.get(key)?.copy === copy) perCredential.delete(key);
	});
	return copy;
}

/**
 * A webhook request's check against its credential. Every request has a context of its own, so the
 * copy is kept per credential ID for CREDENTIAL_CACHE_MS; a request the copy refuses is checked
 * again against a fresh load (at most one per CREDENTIAL_RECHECK_MS, see there), so a new secret
 * works at once, and a replaced secret is accepted at most CREDENTIAL_CACHE_MS after the change.
 */
export async function checkWithCredentials<R>(
	ctx: IWebhookFunctions,
	type: string,
	check: (credentials: ICredentialDataDecryptedObject) => R,
	/** Whether the result may come from an outdated secret (then the fresh credential decides). */
	secretRefused: (result: R) => boolean,
): Promise<R> {
	const id = ctx.getNode().credentials?.[type]?.id;
	if (!id) return check(await ctx.getCredentials(type));
	const key = `${type}:${id}`;
	let kept = perCredential.get(key)?.copy;
	if (!kept || Date.now() - kept.at >= CREDENTIAL_CACHE_MS) kept = load(ctx, type, key);
	const result = check(await kept.data);
	if (!secretRefused(result)) return result;
	const entry = perCredential.get(key);
	// A load that started after the one this request used (another refused request's): it decides.
	if (entry && entry.copy !== kept) return check(await entry.copy.data);
	if (entry && Date.now() - entry.lastRecheck < CREDENTIAL_RECHECK_MS) return result;
	const fresh = load(ctx, type, key);
	const now = perCredential.get(key);
	if (now) now.lastRecheck = fresh.at;
	return check(await fresh.data);
}

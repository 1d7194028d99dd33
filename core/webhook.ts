/**
 * What every webhook trigger does before a workflow may start: accept only a JSON body of a sane
 * size, parse it big-ID-safe from the raw bytes (the bytes signatures are computed over), and
 * refuse anything else with a bare status and no details.
 */
import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { setupNotice, triggerNode } from './event';
import { parseJson } from './json';

const REASONS: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
};

/** Answers with a bare status line and starts nothing. */
export function refuse(ctx: IWebhookFunctions, status: number): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res
		.status(status)
		.type('text/plain')
		.send(REASONS[status] ?? 'Error');
	return { noWebhookResponse: true };
}

export const DEFAULT_MAX_BODY_KB = 1024;

export const maxBodyOption: INodeProperties = {
	displayName: 'Max Body Size (KB)',
	name: 'maxBodyKb',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_BODY_KB,
	description: 'Larger requests are refused with 400 and start nothing',
};

/**
 * The version of the webhook triggers new workflows get. n8n (2.40) evaluates
 * `$parameter["options"]["binaryData"]` as an expression, in a fresh expression isolate, before
 * every request to any start node of version 1 (a check meant for its Webhook node v1): about half
 * of a delivery's cost (README, Benchmarks). From 1.1 on it skips that; the node behaves the same.
 */
const WEBHOOK_TRIGGER_VERSIONS = { version: [1, 1.1], defaultVersion: 1.1 };

/**
 * A webhook trigger's description beyond the fields its class states (see triggerNode): its
 * fields below `setup`, the notice that says where its URL goes.
 */
export function webhookTrigger(
	displayName: string,
	description: string,
	properties: INodeProperties[],
	setup: string,
) {
	return {
		...WEBHOOK_TRIGGER_VERSIONS,
		...triggerNode(displayName, description, [setupNotice(setup), ...properties]),
	};
}

/** The setup notice of a trigger whose URL is pasted into the platform's console as it is. */
export function pasteUrlNotice(where: string, check: string): string {
	return `Paste the Production URL above into ${where} as the webhook address. ${check}`;
}

export type JsonBody =
	| { ok: true; raw: string; body: IDataObject }
	| { ok: false; response: IWebhookResponseData };

/** A delivery to a trigger: its JSON body, within the trigger's Max Body Size, and the trigger's options. */
export async function readDelivery(
	ctx: IWebhookFunctions,
): Promise<JsonBody & { options: IDataObject }> {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return { ...(await readJsonBody(ctx, options.maxBodyKb)), options };
}

export async function readJsonBody(ctx: IWebhookFunctions, maxBodyKb: unknown): Promise<JsonBody> {
	const req = ctx.getRequestObject() as unknown as {
		headers: IDataObject;
		rawBody?: Buffer | string;
		readRawBody?: () => Promise<void>;
	};
	const type = String(req.headers['content-type'] ?? '');
	const maxBytes =
		(typeof maxBodyKb === 'number' && maxBodyKb > 0 ? maxBodyKb : DEFAULT_MAX_BODY_KB) * 1024;
	const bad = (): JsonBody => ({ ok: false, response: refuse(ctx, 400) });
	if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) return bad();
	// From version 1.1 n8n reads the body only for the content types it parses itself
	// (application/json, not e.g. application/vnd.fly+json): read it here then.
	if ((req.rawBody === undefined || req.rawBody === null) && typeof req.readRawBody === 'function')
		await req.readRawBody();
	const rawBody = req.rawBody;
	if (rawBody === undefined || rawBody === null) return bad();
	const size = typeof rawBody === 'string' ? Buffer.byteLength(rawBody) : rawBody.length;
	if (size > maxBytes) return bad();
	const raw = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
	let body: unknown;
	try {
		body = parseJson(raw);
	} catch {
		return bad();
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return bad();
	return { ok: true, raw, body: body as IDataObject };
}

/**
 * The POST webhook a trigger listens on. n8n answers as soon as the run is created (saved, or
 * queued in queue mode), not when it ends, so the platform does not retry; the body is the "OK"
 * the platforms' own examples answer (without it n8n sends the literal text "firstEntryJson").
 */
export function postWebhook(path: string): IWebhookDescription {
	return {
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: 'OK',
		path,
	};
}

/**
 * These platforms take the webhook URL from their console, not from an API call, so activation
 * registers nothing remotely and deactivation has nothing to remove.
 */
export const consoleConfiguredWebhook = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};

/**
 * The one way a node talks to its platform. Every operation and trigger calls `apiRequest` with
 * its platform (nodes/<Platform>/platform.ts), which adds, in one place: credentials (loaded once
 * per run: credentials.ts), pacing under documented rate limits, safe retries, big-ID-safe JSON,
 * the platform's envelope turned into a clear NodeApiError, and redaction of every secret in
 * errors and logs.
 */
import { createHash } from 'crypto';
import {
	NodeApiError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
	type Logger,
} from 'n8n-workflow';

import { contextCredentials } from './credentials';
import type { PlatformError } from './envelopes';
import { parseJson, stringifyJson } from './json';
import type { MultipartForm } from './multipart';
import { paceRequest, slowDown } from './pacer';
import type { Platform } from './platform';
import { Redactor } from './redact';
import {
	DEFAULT_RETRY,
	isRateLimited,
	isRetryable,
	retryAfterFromHeaders,
	retryDelay,
	type Failure,
	type RetryPolicy,
} from './retry';

/** The part of n8n's function contexts (execute, trigger, webhook, load options…) the core uses. */
export interface RequestContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
		itemIndex?: number,
	): Promise<T>;
	logger: Logger;
	helpers: {
		httpRequest(requestOptions: IHttpRequestOptions): Promise<unknown>;
		httpRequestWithAuthentication(
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
	};
}

export interface ApiRequestOptions {
	method?: IHttpRequestMethods;
	/** Relative to the credential's base URL (e.g. a method name, `/sendMessage`). */
	path: string;
	/** Sent as JSON, keeping bigint values exact. */
	body?: unknown;
	/** Multipart body; a factory because a retry needs a fresh, unconsumed stream. */
	form?: () => MultipartForm;
	qs?: IDataObject;
	/** True when repeating the request cannot cause a second effect (reads, keyed sends). */
	idempotent?: boolean;
	timeoutMs?: number;
	abortSignal?: AbortSignal;
	itemIndex?: number;
	retry?: Partial<RetryPolicy>;
	/** `stream` returns the raw body stream of a successful answer (downloads). */
	response?: 'json' | 'stream';
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

export interface StreamResponse {
	stream: NodeJS.ReadableStream;
	headers: Record<string, unknown>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function findNetworkCode(error: unknown): string | undefined {
	let e = error as { code?: unknown; cause?: unknown; reason?: unknown } | undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		if (typeof e.code === 'string' && /^(E[A-Z]+|ERR_[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(e.code))
			return e.code;
		e = (e.cause ?? e.reason) as typeof e;
	}
	return undefined;
}

export function findResponse(
	error: unknown,
): { status: number; data: unknown; headers?: Record<string, unknown> } | undefined {
	let e = error as
		| {
				response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
				cause?: unknown;
		  }
		| undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		if (e.response && typeof e.response.status === 'number') {
			return { status: e.response.status, data: e.response.data, headers: e.response.headers };
		}
		e = e.cause as typeof e;
	}
	return undefined;
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	if (ArrayBuffer.isView(body))
		return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
	return stringifyJson(body);
}

async function readStream(stream: NodeJS.ReadableStream, limit = 64 * 1024): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream as AsyncIterable<Buffer | string>) {
		const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
		chunks.push(buf);
		size += buf.length;
		if (size >= limit) break;
	}
	return Buffer.concat(chunks).toString('utf8');
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNREFUSED:
		'the connection was refused: is the base URL in the credential right, and is the service up?',
	ENOTFOUND: 'the host name in the base URL could not be resolved',
	EAI_AGAIN: 'the host name in the base URL could not be resolved (DNS unavailable)',
	ECONNRESET: 'the connection was closed before the platform answered',
	ETIMEDOUT: 'the platform did not answer in time',
	ECONNABORTED: 'the platform did not answer in time',
};

type Outcome =
	| { ok: true; value: unknown }
	| { ok: false; failure: Failure; error?: PlatformError; detail?: string };

export async function apiRequest(
	this: RequestContext,
	spec: Platform,
	options: ApiRequestOptions,
): Promise<unknown> {
	const node = this.getNode();
	const credentials = (await contextCredentials(
		this,
		spec.credentialType,
		options.itemIndex,
	)) as IDataObject;
	const redactor = new Redactor(
		spec.secretFields.map((f) => credentials[f]),
		spec.secretPatterns,
	);
	const policy = { ...DEFAULT_RETRY, ...options.retry };
	const method = options.method ?? 'POST';
	const idempotent = options.idempotent ?? method === 'GET';
	const signal = options.abortSignal;
	const lane = spec.rateLimit
		? `${spec.credentialType}:${sha256(String(credentials[spec.rateLimit.keyField] ?? ''))}`
		: undefined;
	const ceiling = spec.rateLimit
		? spec.rateLimit.perSecond / processesSharing(credentials, spec.rateLimit.shareField)
		: Infinity;
	const usesSession = spec.sessionPaths?.test(options.path) ?? false;
	const what = `${spec.name} ${method} ${redactor.text(options.path)}`;

	const attemptOnce = async (): Promise<Outcome> => {
		const request: IHttpRequestOptions = {
			method,
			url: options.path,
			qs: options.qs,
			headers: {},
			json: false,
			returnFullResponse: true,
			// A session rejected with 401 must reach n8n as an error so it logs in again once.
			ignoreHttpStatusErrors: usesSession ? { ignore: true, except: [401] } : true,
			encoding: options.response === 'stream' ? 'stream' : 'arraybuffer',
			timeout: options.timeoutMs ?? 60_000,
			abortSignal: signal,
			// n8n's client would follow a redirect with the token in the URL and (by default, even to
			// another host) the Authorization header, and keep a whole upload in memory to replay it.
			disableFollowRedirect: true,
		};
		if (options.form) {
			request.body = options.form();
		} else if (options.body !== undefined && method !== 'GET') {
			request.body = stringifyJson(options.body);
			(request.headers as IDataObject)['Content-Type'] = 'application/json';
		}
		let response: FullResponse;
		try {
			// n8n's own login handling (preAuthentication) is needed only for session calls.
			response = (
				usesSession
					? await this.helpers.httpRequestWithAuthentication.call(
							this,
							spec.credentialType,
							request,
						)
					: await this.helpers.httpRequest(
							await spec.authenticate(credentials as ICredentialDataDecryptedObject, request),
						)
			) as FullResponse;
		} catch (error) {
			const res = findResponse(error);
			if (!res) {
				const code = findNetworkCode(error);
				// No response and no network code: n8n or the credential failed first (e.g. a login).
				return {
					ok: false,
					failure: { kind: 'network', code: code ?? 'UNKNOWN' },
					detail: code ? undefined : (error as Error)?.message,
				};
			}
			response = { statusCode: res.status, body: res.data, headers: res.headers ?? {} };
		}
		const status = response.statusCode;
		if (status >= 300 && status < 400) {
			const body = response.body as { destroy?: () => void } | undefined;
			if (typeof body?.destroy === 'function') body.destroy();
			return {
				ok: false,
				failure: { kind: 'http', status },
				error: {
					code: status,
					platformMessage: 'the platform answered with a redirect, which is not followed',
					description:
						"A redirect could carry the credentials to another host. Check the credential's base URL (e.g. http:// where the platform wants https://, or a missing path).",
				},
			};
		}
		if (options.response === 'stream' && status < 400) {
			const value: StreamResponse = {
				stream: response.body as NodeJS.ReadableStream,
				headers: response.headers,
			};
			return { ok: true, value };
		}
		const text =
			options.response === 'stream' &&
			response.body &&
			typeof (response.body as NodeJS.ReadableStream).pipe === 'function'
				? await readStream(response.body as NodeJS.ReadableStream)
				: bodyText(response.body);
		let parsed: unknown = undefined;
		if (text.trim() !== '') {
			try {
				parsed = parseJson(text);
			} catch {
				if (status < 400) return { ok: false, failure: { kind: 'malformed' } };
				parsed = text;
			}
		}
		const decoded = spec.decode(status, parsed);
		if (decoded.ok) return { ok: true, value: decoded.data };
		const retryAfterSeconds =
			decoded.error.retryAfter ?? retryAfterFromHeaders(response.headers, Date.now());
		return {
			ok: false,
			failure: { kind: 'http', status, code: decoded.error.code, retryAfterSeconds },
			error: decoded.error,
		};
	};

	for (let attempt = 0; ; attempt++) {
		if (lane) await paceRequest(lane, ceiling, signal);
		this.logger.debug(`imbots: ${what} (attempt ${attempt + 1})`);
		const outcome = await attemptOnce();
		if (outcome.ok) return outcome.value;
		if (signal?.aborted)
			throw buildError(node, redactor, what, outcome, options.itemIndex, 'aborted');

		const { failure } = outcome;
		// A failure before any request went out (e.g. the credential's login) is not retried.
		const canRetry =
			attempt + 1 < policy.maxAttempts && !outcome.detail && isRetryable(failure, idempotent);
		const delay = canRetry ? retryDelay(failure, attempt, policy) : undefined;
		if (delay === undefined) throw buildError(node, redactor, what, outcome, options.itemIndex);
		if (lane && isRateLimited(failure)) slowDown(lane, Date.now() + delay);
		this.logger.warn(
			redactor.text(
				`imbots: ${what} failed (${describeFailure(failure)}); retry ${attempt + 1} of ${policy.maxAttempts - 1} in ${delay} ms`,
			),
		);
		await sleep(delay, signal);
	}
}

/** The credential's "Processes Sharing This Token" (1 when unset or not a whole number >= 1). */
function processesSharing(credentials: IDataObject, field: string | undefined): number {
	const n = field === undefined ? 1 : Number(credentials[field]);
	return Number.isInteger(n) && n >= 1 ? n : 1;
}

function describeFailure(f: Failure): string {
	if (f.kind === 'network') return f.code;
	if (f.kind === 'malformed') return 'malformed response';
	return f.code !== undefined && f.code !== f.status
		? `HTTP ${f.status}, code ${f.code}`
		: `HTTP ${f.status}`;
}

function buildError(
	node: INode,
	redactor: Redactor,
	what: string,
	outcome: Extract<Outcome, { ok: false }>,
	itemIndex: number | undefined,
	aborted?: 'aborted',
): NodeApiError {
	const { failure, error, detail } = outcome;
	let message: string;
	let description: string | undefined;
	let httpCode: string | undefined;
	if (aborted) {
		message = `${what}: request aborted`;
	} else if (failure.kind === 'network') {
		message = `${what} failed: ${NETWORK_MESSAGES[failure.code] ?? detail ?? `network error ${failure.code}`}`;
		description =
			failure.code === 'ECONNRESET' ||
			failure.code === 'ETIMEDOUT' ||
			failure.code === 'ECONNABORTED'
				? 'The platform may or may not have acted on this request, so it was not repeated automatically.'
				: undefined;
	} else if (failure.kind === 'malformed') {
		message = `${what} failed: the platform answered with malformed JSON`;
	} else {
		httpCode = String(failure.status);
		const hasCode = error?.code !== undefined && String(error.code) !== httpCode;
		// A refusal inside a successful HTTP answer (BotTalk pushes, MPChat ok:false) is told by its
		// code alone: "failed with HTTP 200" would read as a contradiction.
		const how =
			hasCode && failure.status < 400
				? `code ${error?.code}`
				: `HTTP ${failure.status}${hasCode ? ` (code ${error?.code})` : ''}`;
		message = `${what} failed with ${how}: ${error?.platformMessage ?? 'error'}`;
		description = error?.description;
	}
	const safe = {
		message: redactor.text(message),
		description: description && redactor.text(description),
		httpCode,
		platformCode: error?.code ?? null,
		data: error?.data === undefined ? null : redactor.deep(error.data),
	};
	// Our own plain object is the only cause: n8n's wrapped error carries the URL with the token.
	const apiError = new NodeApiError(node, safe as unknown as JsonObject, {
		message: safe.message,
		description: safe.description,
		httpCode,
		itemIndex,
	});
	// What the platform returned with the error (e.g. BotTalk per-channel results) stays visible.
	if (safe.data !== null) apiError.context.data = safe.data as JsonObject;
	// The platform's own code, which may differ from the HTTP status (MPChat's error_code in a 200).
	if (error?.code !== undefined) apiError.context.platformCode = String(error.code);
	return apiError;
}

/** The platform's own error code an API error carries ('' when none), as the request core records it. */
export function platformCodeOf(error: unknown): string {
	return String(
		(error as { context?: { platformCode?: unknown } } | undefined)?.context?.platformCode ?? '',
	);
}

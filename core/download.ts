/**
 * Downloads a URL into an n8n binary without credentials (access URLs carry their own grant; the
 * bot token must never reach a file host), streamed, with a size cap enforced while reading, an
 * overall deadline, and (unless the node's "Allow Private Addresses" is on) no reach into n8n's
 * own machine or private network: the URL may come from whoever can produce a callback.
 */
import {
	NodeOperationError,
	type IBinaryData,
	type IHttpRequestOptions,
	type INode,
	type INodeProperties,
} from 'n8n-workflow';

import { classifyIp, hostRefusal } from './addressPolicy';
import { findResponse } from './request';

/** The option's display name, named in every refusal so the user finds the switch. */
export const ALLOW_PRIVATE_OPTION = 'Allow Private Addresses';

export const allowPrivateAddressesField: INodeProperties = {
	displayName: ALLOW_PRIVATE_OPTION,
	name: 'allowPrivateAddresses',
	type: 'boolean',
	default: false,
	description:
		'Whether the download may reach loopback, private, link-local and other non-public addresses (e.g. your own file server). Off: such URLs, and redirects to them, are refused.',
};

/** Redirects followed, each checked like the first URL. */
const MAX_REDIRECTS = 5;
const IDLE_TIMEOUT_MS = 300_000;
/** The whole download's time limit, however steadily a host trickles bytes (tests shorten it). */
export const downloadLimits = { deadlineMs: 600_000 };

/** What n8n 2.x's egress filter answers (n8n-workflow's NodeEgressFilter; n8n 1.x has none). */
interface EgressFilter {
	validateUrl(url: string): Promise<{ ok: boolean; error?: Error & { ip?: string } }>;
}

export interface DownloadContext {
	getNode(): INode;
	helpers: {
		httpRequest(options: IHttpRequestOptions): Promise<unknown>;
		getSecureEgressFilter?(useDefaultSsrfPolicy?: 'safe' | 'enforced' | 'unsafe'): EgressFilter;
		prepareBinaryData(
			data: Buffer | NodeJS.ReadableStream,
			fileName?: string,
			mimeType?: string,
		): Promise<IBinaryData>;
	};
}

interface StreamLike extends NodeJS.ReadableStream {
	destroy(error?: Error): void;
}

function fileNameFrom(disposition: unknown, url: string): string {
	const header = typeof disposition === 'string' ? disposition : '';
	const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
	// A host's malformed escape (`%E0%A4%A`) must not fail the download: the next name is used.
	const decoded = star ? safeDecode(star[1]) : undefined;
	if (decoded) return decoded;
	const plain = /filename="?([^";]+)"?/i.exec(header);
	if (plain) return plain[1];
	try {
		const last = safeDecode(new URL(url).pathname.split('/').pop() ?? '');
		if (last) return last;
	} catch {
		// fall through to the generic name
	}
	return 'file';
}

function safeDecode(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

/** What the first bytes of common media files start with (a host may send no type, or a generic one). */
const SIGNATURES: Array<[string, number, string]> = [
	['89504e470d0a1a0a', 0, 'image/png'],
	['ffd8ff', 0, 'image/jpeg'],
	['47494638', 0, 'image/gif'],
	['57454250', 8, 'image/webp'],
	['2321414d52', 0, 'audio/amr'],
	['02232153494c4b5f5633', 0, 'audio/silk'],
	['232153494c4b5f5633', 0, 'audio/silk'],
	['494433', 0, 'audio/mpeg'],
	['4f676753', 0, 'audio/ogg'],
	['57415645', 8, 'audio/wav'],
	['667479704d344120', 4, 'audio/mp4'],
	['66747970', 4, 'video/mp4'],
	['25504446', 0, 'application/pdf'],
];

const EXTENSIONS: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	bmp: 'image/bmp',
	heic: 'image/heic',
	amr: 'audio/amr',
	silk: 'audio/silk',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	ogg: 'audio/ogg',
	opus: 'audio/ogg',
	wav: 'audio/wav',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	pdf: 'application/pdf',
};

const GENERIC = new Set([
	'',
	'application/octet-stream',
	'binary/octet-stream',
	'application/binary',
]);

/**
 * The file's MIME type: the host's, unless it named none or only "bytes"; then the file's first
 * bytes, then its name. n8n stores a file without one as text/plain, which an AI Agent would read
 * to the model as text, and an image with a generic type never reaches a vision model.
 */
function mimeTypeOf(header: unknown, fileName: string, head: Buffer | undefined): string {
	const declared = String(header ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!GENERIC.has(declared)) return declared;
	const hex = head ? head.subarray(0, 16).toString('hex') : '';
	const signed = SIGNATURES.find(([magic, at]) => hex.startsWith(magic, at * 2));
	if (signed) return signed[2];
	const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1].toLowerCase();
	return (extension && EXTENSIONS[extension]) || 'application/octet-stream';
}

export interface Downloaded {
	binary: IBinaryData;
	/** The size in bytes (n8n's own `binary.fileSize` is display text such as "2.09 kB"). */
	bytes: number;
}

export interface DownloadOptions {
	itemIndex?: number;
	/** The option that set `maxBytes`, so the error points at the right field. */
	limitOption: string;
	/** The node's "Allow Private Addresses". */
	allowPrivate: boolean;
}

type FullResponse = { body: StreamLike; headers: Record<string, unknown>; statusCode: number };

/** The address the response came from: the connected socket's, after DNS resolution. */
function remoteAddressOf(body: unknown): string | undefined {
	const socket = (body as { socket?: { remoteAddress?: unknown } | null } | null)?.socket;
	return typeof socket?.remoteAddress === 'string' ? socket.remoteAddress : undefined;
}

/**
 * n8n's own SSRF check, applied whether or not the instance turned it on ('enforced'): it resolves
 * a name and refuses its blocked ranges (by default the non-public ones), honouring the admin's
 * N8N_SSRF_ALLOWED_HOSTNAMES / _IP_RANGES. Undefined on an n8n without one (1.x).
 */
function egressFilterOf(ctx: DownloadContext): EgressFilter | undefined {
	if (typeof ctx.helpers.getSecureEgressFilter !== 'function') return undefined;
	try {
		return ctx.helpers.getSecureEgressFilter('enforced');
	} catch {
		return undefined;
	}
}

function destroyBody(response: { body?: unknown }): void {
	const body = response.body as Partial<StreamLike> | undefined;
	if (body && typeof body.destroy === 'function') body.destroy();
}

export async function downloadToBinary(
	ctx: DownloadContext,
	url: string,
	maxBytes: number,
	{ itemIndex, limitOption, allowPrivate }: DownloadOptions,
): Promise<Downloaded> {
	// Access URLs carry their grant in the query: no message shows it.
	const fail = (message: string) =>
		new NodeOperationError(ctx.getNode(), message.split('?')[0], { itemIndex });
	// NaN or 0 would compare false against every size: no cap at all.
	if (!Number.isFinite(maxBytes) || maxBytes < 1)
		throw fail(`Option "${limitOption}" must be a number of at least 1 (it evaluated to nothing)`);
	const { deadlineMs } = downloadLimits;
	const deadline = Date.now() + deadlineMs;
	const refuse = (where: string, reason: string) =>
		fail(
			`Download refused: ${where} ${reason}, which a download may reach only with option "${ALLOW_PRIVATE_OPTION}" on`,
		);

	const egress = allowPrivate ? undefined : egressFilterOf(ctx);
	let response: FullResponse;
	let current = url;
	for (let hops = 0; ; hops++) {
		let parsed: URL;
		try {
			parsed = new URL(current);
		} catch {
			throw fail(`Download failed: "${current}" is not a valid URL`);
		}
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
			throw fail(`Download failed: only http and https URLs can be downloaded`);
		const named = allowPrivate ? undefined : hostRefusal(parsed.hostname);
		const where = hops ? 'the file host redirected to a host that' : "the URL's host";
		if (named) throw refuse(where, named);
		const checked = egress ? await egress.validateUrl(current) : { ok: true };
		if (!checked.ok) {
			const error = checked.error;
			// A name that does not resolve is a failed download, not a refused one.
			if (!/^Ssrf/.test(error?.name ?? ''))
				throw fail(`Download failed: ${error?.message ?? 'the address check failed'}`);
			throw refuse(
				where,
				error?.ip
					? `resolves to ${error.ip}, not a public address`
					: `is blocked by n8n's SSRF settings`,
			);
		}
		try {
			response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url: current,
				encoding: 'stream',
				returnFullResponse: true,
				// Each hop is checked here, before it is requested; n8n would follow them unchecked.
				disableFollowRedirect: true,
				ignoreHttpStatusErrors: true,
				// A compressed answer arrives through a decoder that hides the socket checked below.
				headers: { 'Accept-Encoding': 'identity' },
				timeout: Math.max(1, Math.min(IDLE_TIMEOUT_MS, deadline - Date.now())),
			})) as FullResponse;
		} catch (error) {
			const status = (error as { httpCode?: string }).httpCode ?? findResponse(error)?.status;
			throw fail(
				status
					? `Download failed with HTTP ${status}: the file host refused it`
					: `Download failed: ${(error as Error).message}`,
			);
		}
		// Where the client lets us see the connected socket (n8n's axios mostly wraps the body), its
		// address is checked too: that covers a name re-resolved to an internal address since the
		// check above. Nothing is read from it then (see docs/shared-core.md for the limits).
		const address = allowPrivate ? undefined : remoteAddressOf(response.body);
		const reason = address === undefined ? undefined : classifyIp(address);
		if (reason) {
			destroyBody(response);
			throw refuse(
				`the file host's address${hops ? ' (after a redirect)' : ''}`,
				`${address} is not a public address (${reason})`,
			);
		}
		const status = response.statusCode;
		const location = response.headers.location;
		if (status >= 300 && status < 400 && typeof location === 'string') {
			destroyBody(response);
			if (hops >= MAX_REDIRECTS)
				throw fail(`Download failed: more than ${MAX_REDIRECTS} redirects`);
			try {
				current = new URL(location, current).href;
			} catch {
				throw fail('Download failed: the file host redirected to an invalid URL');
			}
			continue;
		}
		if (status < 200 || status >= 300) {
			destroyBody(response);
			throw fail(`Download failed with HTTP ${status}: the file host refused it`);
		}
		break;
	}
	const overdue = () =>
		new Error(
			`the download took longer than ${deadlineMs >= 1000 ? `${Math.round(deadlineMs / 1000)} s` : `${deadlineMs} ms`} and was stopped`,
		);
	const declared = Number(response.headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		response.body.destroy();
		throw fail(
			`The file is ${declared} bytes, over the size cap of ${maxBytes} bytes (option "${limitOption}")`,
		);
	}
	const fileName = fileNameFrom(response.headers['content-disposition'], current);
	// A chunked answer has no length to check up front: count while streaming and, past the cap,
	// close the connection, so the rest is never read (nor buffered).
	const source = (response.body as unknown as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
	let seen = 0;
	const count = (chunk: Buffer) => {
		seen += chunk.length;
		if (seen > maxBytes) {
			// Both readers below close the connection when this throws.
			throw new Error(
				`the file is over the size cap of ${maxBytes} bytes (option "${limitOption}")`,
			);
		}
		// A host trickling bytes never trips the idle timeout: the whole download has a deadline.
		if (Date.now() > deadline) throw overdue();
		return chunk;
	};
	// The first bytes are read before n8n stores the file: they tell its type when the host names none.
	let first: IteratorResult<Buffer>;
	try {
		first = await source.next();
		if (!first.done) count(first.value);
	} catch (error) {
		response.body.destroy();
		throw fail(`Download failed: ${(error as Error).message}`);
	}
	const body = response.body;
	async function* capped() {
		let complete = Boolean(first.done);
		try {
			if (first.done) return;
			yield first.value;
			for (let next = await source.next(); !next.done; next = await source.next())
				yield count(next.value);
			complete = true;
		} finally {
			// n8n stopped reading (its store failed): let the connection go too.
			if (!complete) body.destroy();
		}
	}
	const from = (body.constructor as { from?: (it: AsyncIterable<Buffer>) => NodeJS.ReadableStream })
		.from;
	let data: NodeJS.ReadableStream | Buffer;
	if (typeof from === 'function') {
		data = from.call(body.constructor, capped());
	} else {
		const chunks: Buffer[] = [];
		try {
			for await (const chunk of capped()) chunks.push(chunk);
		} catch (error) {
			throw fail(`Download failed: ${(error as Error).message}`);
		}
		data = Buffer.concat(chunks);
	}
	const contentType = mimeTypeOf(
		response.headers['content-type'],
		fileName,
		first.done ? undefined : first.value,
	);
	try {
		const binary = await ctx.helpers.prepareBinaryData(data, fileName, contentType);
		// prepareBinaryData has read the whole stream: `seen` is the file's size.
		return { binary, bytes: seen };
	} catch (error) {
		throw fail(`Download failed: ${(error as Error).message}`);
	}
}

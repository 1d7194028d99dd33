/**
 * Downloads a URL into an n8n binary without credentials (access URLs carry their own grant; the
 * bot token must never reach a file host), streamed, with a size cap enforced while reading.
 */
import {
	NodeOperationError,
	type IBinaryData,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { findResponse } from './request';

export interface DownloadContext {
	getNode(): INode;
	helpers: {
		httpRequest(options: IHttpRequestOptions): Promise<unknown>;
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
	if (star) return decodeURIComponent(star[1]);
	const plain = /filename="?([^";]+)"?/i.exec(header);
	if (plain) return plain[1];
	try {
		const last = new URL(url).pathname.split('/').pop();
		if (last) return decodeURIComponent(last);
	} catch {
		// fall through to the generic name
	}
	return 'file';
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

/** `limitOption` names the option that set `maxBytes`, so the error points at the right field. */
export async function downloadToBinary(
	ctx: DownloadContext,
	url: string,
	maxBytes: number,
	{ itemIndex, limitOption }: { itemIndex?: number; limitOption: string },
): Promise<Downloaded> {
	// Access URLs carry their grant in the query: no message shows it.
	const fail = (message: string) =>
		new NodeOperationError(ctx.getNode(), message.split('?')[0], { itemIndex });
	let response: { body: StreamLike; headers: Record<string, unknown>; statusCode: number };
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			timeout: 300_000,
		})) as typeof response;
	} catch (error) {
		const status = (error as { httpCode?: string }).httpCode ?? findResponse(error)?.status;
		throw fail(
			status
				? `Download failed with HTTP ${status}: the file host refused it`
				: `Download failed: ${(error as Error).message}`,
		);
	}
	const declared = Number(response.headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		response.body.destroy();
		throw fail(
			`The file is ${declared} bytes, over the size cap of ${maxBytes} bytes (option "${limitOption}")`,
		);
	}
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
			if (!complete) response.body.destroy();
		}
	}
	const from = (
		response.body.constructor as { from?: (it: AsyncIterable<Buffer>) => NodeJS.ReadableStream }
	).from;
	let data: NodeJS.ReadableStream | Buffer;
	if (typeof from === 'function') {
		data = from.call(response.body.constructor, capped());
	} else {
		const chunks: Buffer[] = [];
		for await (const chunk of capped()) chunks.push(chunk);
		data = Buffer.concat(chunks);
	}
	const fileName = fileNameFrom(response.headers['content-disposition'], url);
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

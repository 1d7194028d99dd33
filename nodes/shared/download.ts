/**
 * Downloads a URL into an n8n binary without credentials (access URLs carry their own grant; the
 * bot token must never reach a file host), streamed, with a size cap enforced while reading.
 */
import { NodeOperationError, type IBinaryData, type IHttpRequestOptions, type INode } from 'n8n-workflow';

export interface DownloadContext {
	getNode(): INode;
	helpers: {
		httpRequest(options: IHttpRequestOptions): Promise<unknown>;
		prepareBinaryData(data: Buffer | NodeJS.ReadableStream, fileName?: string, mimeType?: string): Promise<IBinaryData>;
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
	const fail = (message: string) => new NodeOperationError(ctx.getNode(), message, { itemIndex });
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
		const status = (error as { httpCode?: string }).httpCode;
		throw fail(`Download failed${status ? ` with HTTP ${status}` : ''}: ${(error as Error).message.split('?')[0]}`);
	}
	const declared = Number(response.headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		response.body.destroy();
		throw fail(`The file is ${declared} bytes, over the size cap of ${maxBytes} bytes (option "${limitOption}")`);
	}
	// A chunked answer has no length to check up front: count while streaming and stop at the cap.
	// The stream's own class (a Node Readable) rebuilds a stream from the counting generator.
	let seen = 0;
	async function* capped(source: AsyncIterable<Buffer>) {
		for await (const chunk of source) {
			seen += chunk.length;
			if (seen > maxBytes) throw new Error(`the file is over the size cap of ${maxBytes} bytes (option "${limitOption}")`);
			yield chunk;
		}
	}
	const from = (response.body.constructor as { from?: (it: AsyncIterable<Buffer>) => NodeJS.ReadableStream }).from;
	let data: NodeJS.ReadableStream | Buffer;
	if (typeof from === 'function') {
		data = from.call(response.body.constructor, capped(response.body as unknown as AsyncIterable<Buffer>));
	} else {
		const chunks: Buffer[] = [];
		for await (const chunk of capped(response.body as unknown as AsyncIterable<Buffer>)) chunks.push(chunk);
		data = Buffer.concat(chunks);
	}
	const contentType = String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	try {
		const binary = await ctx.helpers.prepareBinaryData(data, fileNameFrom(response.headers['content-disposition'], url), contentType);
		// prepareBinaryData has read the whole stream: `seen` is the file's size.
		return { binary, bytes: seen };
	} catch (error) {
		throw fail(`Download failed: ${(error as Error).message}`);
	}
}

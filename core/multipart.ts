/**
 * Multipart bodies that stream files from n8n's binary store instead of loading them in memory.
 *
 * Node 24's global FormData only accepts real Blobs, and a Blob must hold its bytes. axios (what
 * n8n's HTTP helpers run on) also streams any spec-shaped form: a class whose toStringTag is
 * "FormData" with `append`, `entries` and an iterator, whose file parts expose `name`, `type`,
 * `size` and `stream()`. It then sends the parts one after the other with an exact
 * Content-Length, so a 512 MB file never sits in memory.
 */
import { BINARY_ENCODING, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

export interface FilePart {
	readonly name: string;
	readonly type: string;
	readonly size: number;
	stream(): AsyncIterable<Uint8Array>;
}

type Entry = [string, string | FilePart];

export class MultipartForm {
	private readonly parts: Entry[] = [];

	append(name: string, value: string | FilePart): void {
		this.parts.push([name, value]);
	}

	entries(): IterableIterator<Entry> {
		return this.parts[Symbol.iterator]();
	}

	[Symbol.iterator](): IterableIterator<Entry> {
		return this.entries();
	}

	get [Symbol.toStringTag](): string {
		return 'FormData';
	}
}

export interface InputFile {
	fileName: string;
	mimeType: string;
	size: number;
	/** A fresh part each call: a retried request needs an unconsumed stream. */
	part(): FilePart;
}

/** Reads an item's binary property lazily. `field` is the parameter's display name, for errors. */
export async function inputFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
	field: string,
): Promise<InputFile> {
	const item = ctx.getInputData()[itemIndex];
	const binary = item?.binary?.[property];
	if (!property || !binary) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			ctx.getNode(),
			`${field}: the input item has no binary property "${property}"`,
			{
				itemIndex,
				description: available.length
					? `Binary properties on this item: ${available.join(', ')}.`
					: 'This item carries no binary data. Add a node that reads or downloads the file before this one.',
			},
		);
	}
	const fileName =
		binary.fileName ?? `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	const helpers = ctx.helpers;
	let size: number;
	let open: () => AsyncIterable<Uint8Array>;
	if (binary.id) {
		// Filesystem (or other external) store: stream it, never hold the file in memory.
		const id = binary.id;
		size = (await helpers.getBinaryMetadata(id)).fileSize;
		open = async function* () {
			for await (const chunk of (await helpers.getBinaryStream(id)) as AsyncIterable<Uint8Array>)
				yield chunk;
		};
	} else {
		const bytes = Buffer.from(binary.data, BINARY_ENCODING);
		size = bytes.length;
		open = async function* () {
			yield bytes;
		};
	}
	const part = (): FilePart =>
		({
			name: fileName,
			type: mimeType,
			size,
			stream: open,
			[Symbol.toStringTag]: 'File',
		}) as FilePart;
	return { fileName, mimeType, size, part };
}

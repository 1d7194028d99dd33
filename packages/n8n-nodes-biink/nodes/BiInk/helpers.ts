/** bi.ink specifics: the upload File → Upload and Send share, and the callback answer the operation and the trigger share. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MultipartForm, inputFile } from '../shared/multipart';
import { apiRequest, type RequestContext } from '../shared/request';
import { biInk } from './platform';

export async function uploadBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
	field: string,
) {
	const file = await inputFile(ctx, itemIndex, property, field);
	const form = () => {
		const f = new MultipartForm();
		f.append('file', file.part());
		return f;
	};
	const data = (await apiRequest.call(ctx, biInk, {
		path: '/bot/uploadfile',
		form,
		itemIndex,
		timeoutMs: 600_000,
	})) as IDataObject;
	return {
		file_id: String(data.file_id),
		fileName: file.fileName,
		mimeType: file.mimeType,
		fileSize: file.size,
	};
}

/** Answers a button press (callback_query); bi.ink expects it within about 30 seconds. */
export async function answerCallback(
	ctx: RequestContext,
	callbackId: string,
	answer: { text?: string; showAlert?: boolean; url?: string },
	itemIndex?: number,
): Promise<void> {
	const body: IDataObject = { callback_id: callbackId };
	if (answer.text) body.text = answer.text;
	if (answer.showAlert) body.show_alert = true;
	if (answer.url) body.url = answer.url;
	await apiRequest.call(ctx, biInk, {
		path: '/bot/answercallback',
		body,
		idempotent: true,
		itemIndex,
	});
}

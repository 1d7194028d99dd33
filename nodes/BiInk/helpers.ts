/** bi.ink specifics: the upload used by File → Upload and by Send with binary input. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MultipartForm, inputFile } from '../shared/multipart';
import { apiRequest } from '../shared/request';

export async function uploadBinary(ctx: IExecuteFunctions, itemIndex: number, property: string, field: string) {
	const file = await inputFile(ctx, itemIndex, property, field);
	const form = () => {
		const f = new MultipartForm();
		f.append('file', file.part());
		return f;
	};
	const data = (await apiRequest.call(ctx, 'biInk', { path: '/bot/uploadfile', form, itemIndex, timeoutMs: 600_000 })) as IDataObject;
	return { file_id: String(data.file_id), fileName: file.fileName, mimeType: file.mimeType, fileSize: file.size };
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/runner';
import * as file from './file';
import * as message from './message';
import * as signature from './signature';
import * as update from './update';

const table: OperationTable = {
	message: { send: message.send },
	update: { getMany: update.getMany },
	file: { getAccessUrls: file.getAccessUrls, download: file.download },
	signature: { verify: signature.verify },
};

export async function router(this: IExecuteFunctions) {
	return await runOperations.call(this, table);
}

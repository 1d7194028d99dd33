import type { OperationTable } from '../../shared/runner';
import * as file from './file';
import * as message from './message';
import * as signature from './signature';
import * as update from './update';

/** The function of each resource's operation (Send and Wait for Response runs apart, once per execution). */
export const operations: OperationTable = {
	message: { send: message.send },
	update: { getMany: update.getMany },
	file: { getAccessUrls: file.getAccessUrls, download: file.download },
	signature: { verify: signature.verify },
};

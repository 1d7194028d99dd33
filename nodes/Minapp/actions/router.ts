import type { IExecuteFunctions } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/runner';
import * as conversation from './conversation';
import * as message from './message';

const table: OperationTable = {
	message: { send: message.send },
	conversation: { listUsers: conversation.listUsers, listGroups: conversation.listGroups },
};

export async function router(this: IExecuteFunctions) {
	return await runOperations.call(this, table);
}

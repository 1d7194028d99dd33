import { SEND_AND_WAIT_OPERATION, type IExecuteFunctions } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/runner';
import * as conversation from './conversation';
import * as message from './message';

const table: OperationTable = {
	message: { send: message.send },
	conversation: { listUsers: conversation.listUsers, listGroups: conversation.listGroups },
};

export async function router(this: IExecuteFunctions) {
	// One question per execution: it waits for one answer, so it is sent once, not per item.
	if (this.getNodeParameter('operation', 0) === SEND_AND_WAIT_OPERATION) return await message.sendAndWait.execute.call(this);
	return await runOperations.call(this, table);
}

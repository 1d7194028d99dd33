import { SEND_AND_WAIT_OPERATION, type IExecuteFunctions } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/runner';
import * as bot from './bot';
import * as message from './message';
import * as method from './method';
import * as update from './update';

const table: OperationTable = {
	bot: { getMe: bot.getMe },
	update: { getMany: update.getMany },
	message: { sendText: message.sendText, sendMedia: message.sendMedia },
	method: { call: method.call },
};

export async function router(this: IExecuteFunctions) {
	// One question per execution: it waits for one answer, so it is sent once, not per item.
	if (this.getNodeParameter('operation', 0) === SEND_AND_WAIT_OPERATION) return await message.sendAndWait.execute.call(this);
	return await runOperations.call(this, table);
}

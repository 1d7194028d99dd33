import type { IExecuteFunctions } from 'n8n-workflow';

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
	return await runOperations.call(this, table);
}

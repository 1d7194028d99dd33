import { SEND_AND_WAIT_OPERATION, type IExecuteFunctions } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/runner';
import * as bot from './bot';
import * as callback from './callback';
import * as commandMenu from './commandMenu';
import * as file from './file';
import * as group from './group';
import * as member from './member';
import * as message from './message';

const table: OperationTable = {
	file: { upload: file.upload },
	message: { send: message.send, edit: message.edit, delete: message.del },
	callback: { answer: callback.answer },
	bot: { getMe: bot.getMe },
	commandMenu: { set: commandMenu.set, get: commandMenu.get },
	group: { get: group.get },
	member: { mute: member.mute, unmute: member.unmute },
};

export async function router(this: IExecuteFunctions) {
	// One question per execution: it waits for one answer, so it is sent once, not per item.
	if (this.getNodeParameter('operation', 0) === SEND_AND_WAIT_OPERATION) return await message.sendAndWait.execute.call(this);
	return await runOperations.call(this, table);
}

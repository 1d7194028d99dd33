import type { OperationTable } from '../../shared/runner';
import * as bot from './bot';
import * as callback from './callback';
import * as commandMenu from './commandMenu';
import * as file from './file';
import * as group from './group';
import * as member from './member';
import * as message from './message';

/** The function of each resource's operation (Send and Wait for Response runs apart, once per execution). */
export const operations: OperationTable = {
	file: { upload: file.upload },
	message: { send: message.send, edit: message.edit, delete: message.del },
	callback: { answer: callback.answer },
	bot: { getMe: bot.getMe },
	commandMenu: { set: commandMenu.set, get: commandMenu.get },
	group: { get: group.get },
	member: { mute: member.mute, unmute: member.unmute },
};

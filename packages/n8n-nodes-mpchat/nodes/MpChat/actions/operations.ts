import type { OperationTable } from '../../shared/runner';
import * as bot from './bot';
import * as message from './message';
import * as method from './method';
import * as update from './update';

/** The function of each resource's operation (Send and Wait for Response runs apart, once per execution). */
export const operations: OperationTable = {
	bot: { getMe: bot.getMe },
	update: { getMany: update.getMany },
	message: { sendText: message.sendText, sendMedia: message.sendMedia },
	method: { call: method.call },
};

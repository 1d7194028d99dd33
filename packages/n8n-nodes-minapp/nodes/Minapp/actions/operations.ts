import type { OperationTable } from '../../shared/runner';
import * as conversation from './conversation';
import * as message from './message';

/** The function of each resource's operation (Send and Wait for Response runs apart, once per execution). */
export const operations: OperationTable = {
	message: { send: message.send },
	conversation: { listUsers: conversation.listUsers, listGroups: conversation.listGroups },
};

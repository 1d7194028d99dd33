import { SEND_AND_WAIT_OPERATION, type IExecuteFunctions } from 'n8n-workflow';

import { runOperations, type OperationTable } from '../../shared/runner';
import * as channel from './channel';
import * as key from './key';
import * as push from './push';
import * as pushLog from './pushLog';
import * as reminder from './reminder';

const table: OperationTable = {
	push: { send: push.send },
	reminder: { list: reminder.list, create: reminder.create, delete: reminder.del, enable: reminder.enable, disable: reminder.disable },
	channel: {
		list: channel.list,
		rename: channel.rename,
		setDefault: channel.setDefault,
		check: channel.check,
		getActivation: channel.getActivation,
		delete: channel.del,
		createBindingQrCode: channel.createBindingQrCode,
		getBindingStatus: channel.getBindingStatus,
	},
	pushLog: { list: pushLog.list },
	key: { get: key.get, reset: key.reset },
};

export async function router(this: IExecuteFunctions) {
	// One question per execution: it waits for one answer, so it is sent once, not per item.
	if (this.getNodeParameter('operation', 0) === SEND_AND_WAIT_OPERATION) return await push.sendAndWait.execute.call(this);
	return await runOperations.call(this, table);
}

import type { OperationTable } from '../../shared/runner';
import * as channel from './channel';
import * as key from './key';
import * as push from './push';
import * as pushLog from './pushLog';
import * as reminder from './reminder';

/** The function of each resource's operation (Send and Wait for Response runs apart, once per execution). */
export const operations: OperationTable = {
	push: { send: push.send },
	reminder: {
		list: reminder.list,
		create: reminder.create,
		delete: reminder.del,
		enable: reminder.enable,
		disable: reminder.disable,
	},
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

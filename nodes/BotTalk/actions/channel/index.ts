import { operationSelector } from '../../../shared/describe';
import * as check from './check.operation';
import * as createBindingQrCode from './createBindingQrCode.operation';
import * as del from './delete.operation';
import * as getActivation from './getActivation.operation';
import * as getBindingStatus from './getBindingStatus.operation';
import * as list from './list.operation';
import * as rename from './rename.operation';
import * as setDefault from './setDefault.operation';

export { check, createBindingQrCode, del, getActivation, getBindingStatus, list, rename, setDefault };

export const description = [
	operationSelector(
		'channel',
		[
			{ name: 'Check', value: 'check', action: 'Check a channel', description: 'Check whether a channel can receive pushes' },
			{ name: 'Create Binding QR Code', value: 'createBindingQrCode', action: 'Create a binding QR code', description: 'Get a QR code that binds a new WeChat channel' },
			{ name: 'Delete', value: 'delete', action: 'Delete a channel' },
			{ name: 'Get Activation', value: 'getActivation', action: 'Get channel activation', description: 'Whether the channel has been activated' },
			{ name: 'Get Binding Status', value: 'getBindingStatus', action: 'Get binding status', description: 'Whether a binding QR code has been scanned' },
			{ name: 'List', value: 'list', action: 'List channels' },
			{ name: 'Rename', value: 'rename', action: 'Rename a channel' },
			{ name: 'Set Default', value: 'setDefault', action: 'Set the default channel', description: 'Pushes without a channel go here' },
		],
		'list',
	),
	...check.description,
	...createBindingQrCode.description,
	...del.description,
	...getActivation.description,
	...getBindingStatus.description,
	...list.description,
	...rename.description,
	...setDefault.description,
];

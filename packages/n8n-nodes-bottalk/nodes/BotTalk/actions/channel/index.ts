import { resourceFields } from '../../../shared/describe';
import * as check from './check.operation';
import * as createBindingQrCode from './createBindingQrCode.operation';
import * as del from './delete.operation';
import * as getActivation from './getActivation.operation';
import * as getBindingStatus from './getBindingStatus.operation';
import * as list from './list.operation';
import * as rename from './rename.operation';
import * as setDefault from './setDefault.operation';

export {
	check,
	createBindingQrCode,
	del,
	getActivation,
	getBindingStatus,
	list,
	rename,
	setDefault,
};

export const resource = { name: 'Channel', value: 'channel' };

export const description = resourceFields(
	resource.value,
	'list',
	[check, createBindingQrCode, del, getActivation, getBindingStatus, list, rename, setDefault],
	[
		{
			name: 'Check',
			value: 'check',
			action: 'Check a channel',
			description: 'Check whether a channel can receive pushes. Needs the channel ID.',
		},
		{
			name: 'Create Binding QR Code',
			value: 'createBindingQrCode',
			action: 'Create a binding QR code',
			description:
				'Get a QR code URL that binds a new WeChat channel when scanned. Needs only the credential.',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a channel',
			description:
				'Permanently deletes a channel; this cannot be undone, and pushes no longer reach it. Needs the channel ID.',
		},
		{
			name: 'Get Activation',
			value: 'getActivation',
			action: 'Get channel activation',
			description: 'Whether a channel has been activated. Needs the channel ID.',
		},
		{
			name: 'Get Binding Status',
			value: 'getBindingStatus',
			action: 'Get binding status',
			description:
				'Whether a binding QR code has been scanned. Needs the qrcode value returned by Create Binding QR Code.',
		},
		{
			name: 'List',
			value: 'list',
			action: 'List channels',
			description:
				"List the account's push channels with their IDs and status. Needs only the credential.",
		},
		{
			name: 'Rename',
			value: 'rename',
			action: 'Rename a channel',
			description: "Change a channel's name. Needs the channel ID and the new name.",
		},
		{
			name: 'Set Default',
			value: 'setDefault',
			action: 'Set the default channel',
			description: 'Make a channel the one pushes without a channel go to. Needs the channel ID.',
		},
	],
);

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as bot from './actions/bot';
import * as callback from './actions/callback';
import * as commandMenu from './actions/commandMenu';
import * as file from './actions/file';
import * as group from './actions/group';
import * as member from './actions/member';
import * as message from './actions/message';
import { operations } from './actions/operations';

export class BiInk extends ActionNodeType(operations, message.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'bi.ink',
		name: 'biInk',
		group: ['output'],
		icon: { light: 'file:biInk.svg', dark: 'file:biInk.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'biInkApi', required: true }],
		...actionNode(
			'bi.ink',
			'Send, edit and delete bi.ink bot messages, with buttons, files and group tools',
			'message',
			[message, file, callback, bot, commandMenu, group, member],
		),
	};
}

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as conversation from './actions/conversation';
import * as message from './actions/message';
import { operations } from './actions/operations';
import { listSearch } from './methods';

export class Minapp extends ActionNodeType(operations, message.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'minapp',
		name: 'minapp',
		group: ['output'],
		icon: { light: 'file:minapp.svg', dark: 'file:minapp.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'minappApi', required: true }],
		...actionNode(
			'minapp',
			'Send WeCom-robot style messages to minapp users and groups',
			'message',
			[message, conversation],
		),
	};

	methods = { listSearch };
}

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as file from './actions/file';
import * as message from './actions/message';
import { operations } from './actions/operations';
import * as signature from './actions/signature';
import * as update from './actions/update';

export class Fly extends ActionNodeType(operations, message.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fly',
		name: 'fly',
		group: ['output'],
		icon: { light: 'file:fly.svg', dark: 'file:fly.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'flyApi', required: true }],
		...actionNode(
			'Fly',
			'Send Fly bot messages exactly once, fetch updates, download media and verify signed webhooks',
			'message',
			[message, update, file, signature],
		),
	};
}

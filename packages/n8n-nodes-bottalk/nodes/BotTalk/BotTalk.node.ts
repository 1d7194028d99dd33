import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, ActionNodeType, OPERATION_SUBTITLE } from '../shared/nodeType';
import * as channel from './actions/channel';
import * as key from './actions/key';
import { operations } from './actions/operations';
import * as push from './actions/push';
import * as pushLog from './actions/pushLog';
import * as reminder from './actions/reminder';

export class BotTalk extends ActionNodeType(operations, push.sendAndWait) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BotTalk',
		name: 'botTalk',
		group: ['output'],
		icon: { light: 'file:botTalk.svg', dark: 'file:botTalk.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'botTalkApi', required: true }],
		...actionNode(
			'BotTalk',
			'Push notifications to WeChat with BotTalk, and manage channels, reminders and push logs',
			'push',
			[push, reminder, channel, pushLog, key],
		),
	};
}

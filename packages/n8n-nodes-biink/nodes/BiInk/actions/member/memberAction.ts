/** Mute and Unmute share their fields; the document leaves the body open beyond group and user. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { jsonObjectParam, requiredString } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { biInk } from '../../platform';

export function memberDescription(operation: string): INodeProperties[] {
	return forOperation('member', operation, [
		{ displayName: 'Group ID', name: 'groupId', type: 'string', default: '', required: true },
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '', required: true },
		{
			displayName: 'Additional Fields (JSON)',
			name: 'extraFields',
			type: 'json',
			default: '{}',
			description:
				'Other fields your bi.ink deployment accepts, sent as they are (for example a duration)',
		},
	]);
}

export async function memberAction(ctx: IExecuteFunctions, itemIndex: number, path: string) {
	const extra = jsonObjectParam(ctx, 'extraFields', itemIndex, 'Additional Fields (JSON)', {});
	const body = {
		...extra,
		group_id: requiredString(ctx, 'groupId', itemIndex, 'Group ID'),
		user_id: requiredString(ctx, 'userId', itemIndex, 'User ID'),
	};
	const data = await apiRequest.call(ctx, biInk, { path, body, idempotent: true, itemIndex });
	return {
		success: true,
		group_id: body.group_id,
		user_id: body.user_id,
		...((data as IDataObject) ?? {}),
	};
}

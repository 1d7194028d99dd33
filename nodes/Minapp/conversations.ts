/** minapp's users and groups: what the conversation picker and the List operations show. */
import type { IDataObject } from 'n8n-workflow';

import { apiRequest, type RequestContext } from '../shared/request';

export type ConversationKind = 'users' | 'groups';

export async function listConversations(ctx: RequestContext, kind: ConversationKind, itemIndex?: number): Promise<IDataObject[]> {
	const data = await apiRequest.call(ctx, 'minapp', { method: 'GET', path: `/api/${kind}`, itemIndex });
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

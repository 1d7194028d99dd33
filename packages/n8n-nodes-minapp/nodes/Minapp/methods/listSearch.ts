import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listConversations } from '../conversations';

export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const [users, groups] = await Promise.all([
		listConversations(this, 'users'),
		listConversations(this, 'groups'),
	]);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = [
		...users.map((c) => ({ name: `${String(c.name)} (user)`, value: String(c.conversation_id) })),
		...groups.map((c) => ({ name: `${String(c.name)} (group)`, value: String(c.conversation_id) })),
	].filter(
		(r) =>
			!needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle),
	);
	return { results };
}

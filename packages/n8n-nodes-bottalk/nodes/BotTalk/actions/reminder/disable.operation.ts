import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { manage, reminderId, reminderIdProperty } from '../../helpers';

export const description = forOperation('reminder', 'disable', [reminderIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = reminderId(this, itemIndex);
	await manage(this, itemIndex, 'PATCH', `/api/reminders/${id}/enable`, { enabled: false });
	return { id, enabled: false };
}

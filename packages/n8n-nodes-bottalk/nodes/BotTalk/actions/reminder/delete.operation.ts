import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { manage, reminderId, reminderIdProperty } from '../../helpers';

export const description = forOperation('reminder', 'delete', [reminderIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = reminderId(this, itemIndex);
	await manage(this, itemIndex, 'DELETE', `/api/reminders/${id}`);
	return { deleted: true, id };
}

/**
 * The item an answer resumes the execution with. Inside `data` it is what n8n's own Send and Wait
 * (Slack, Telegram, …) outputs: `data.approved`, `data.text` or the form's fields, and
 * `data.respondedAt`; so a workflow ported from those nodes reads the same expressions. The
 * top-level `approved`, `respondedAt`, `via` and `respondedBy` are this package's own, kept for
 * the workflows written against them.
 */
import type { IDataObject } from 'n8n-workflow';

import { putOwn } from './formAnswer';

export interface AnswerOutput extends IDataObject {
	data: IDataObject;
	respondedAt: string;
	via: 'page' | 'chatButton';
}

export function answerOutput(
	via: AnswerOutput['via'],
	answer: { approved?: boolean; data?: IDataObject; respondedBy?: { id: string; name: string } },
): AnswerOutput {
	const respondedAt = new Date().toISOString();
	const data: IDataObject = {};
	if (answer.approved !== undefined) data.approved = answer.approved;
	for (const key of Object.keys(answer.data ?? {}))
		putOwn(data, key, (answer.data as IDataObject)[key]);
	// Last, as n8n does: a form field of that name cannot stand in for the server's time.
	putOwn(data, 'respondedAt', respondedAt);
	return {
		...(answer.approved !== undefined ? { approved: answer.approved } : {}),
		data,
		...(answer.respondedBy ? { respondedBy: answer.respondedBy } : {}),
		respondedAt,
		via,
	};
}

/** minapp Send and Wait: a link card (title: the question, description: the link text). */
import { SEND_AND_WAIT_OPERATION, type IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';
import { minapp } from '../../platform';
import { executeSendAndWait, type Question } from '../../../shared/sendAndWait/execute';
import { linkLabel } from '../../../shared/sendAndWait/links';
import { sendAndWaitProperties } from '../../../shared/sendAndWait/properties';
import type { WaitSpec } from '../../../shared/sendAndWait/spec';
import type { AnswerPlatform } from '../../../shared/sendAndWait/webhook';
import { conversationId, conversationTarget } from './send.operation';

export const description = forOperation('message', SEND_AND_WAIT_OPERATION, [
	...conversationTarget,
	...sendAndWaitProperties(),
]);

export const answers: AnswerPlatform = { credentialType: 'minappApi' };

// WeCom-robot link cards show about this much of a title; the page shows the whole question.
const TITLE_CHARS = 128;

async function send(ctx: IExecuteFunctions, spec: WaitSpec, question: Question) {
	const id = conversationId(ctx, 0);
	const title =
		spec.message.length > TITLE_CHARS ? `${spec.message.slice(0, TITLE_CHARS - 1)}…` : spec.message;
	const body = { msgtype: 'link', link: { title, desc: linkLabel(spec), url: question.url() } };
	await apiRequest.call(ctx, minapp, {
		path: '/api/send',
		qs: { conversation_id: id },
		body,
		itemIndex: 0,
	});
}

export async function execute(this: IExecuteFunctions) {
	return await executeSendAndWait(this, send);
}

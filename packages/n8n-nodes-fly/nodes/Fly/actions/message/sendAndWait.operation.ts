/** Fly Send and Wait: a text message ending with the answer link. */
import { SEND_AND_WAIT_OPERATION, type IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';
import { fly } from '../../platform';
import { executeSendAndWait, type Question } from '../../../shared/sendAndWait/execute';
import { linkedText } from '../../../shared/sendAndWait/links';
import { sendAndWaitProperties } from '../../../shared/sendAndWait/properties';
import type { WaitSpec } from '../../../shared/sendAndWait/spec';
import type { AnswerPlatform } from '../../../shared/sendAndWait/webhook';
import { readTarget, targetProperties } from '../../../shared/target';
import { TARGET, clientMsgIdOf } from './send.operation';

export const description = forOperation('message', SEND_AND_WAIT_OPERATION, [
	...targetProperties,
	...sendAndWaitProperties(),
]);

export const answers: AnswerPlatform = { credentialType: 'flyApi' };

async function send(ctx: IExecuteFunctions, spec: WaitSpec, question: Question) {
	const target = readTarget(ctx, 0, TARGET);
	// One message per question: a retried send of it is deduplicated by Fly, the next question in a loop is not.
	const clientMsgId = clientMsgIdOf([
		'sendAndWait',
		ctx.getWorkflow().id ?? '',
		ctx.getExecutionId(),
		ctx.getNode().id,
		question.id,
	]);
	const body = {
		msg_type: 'text',
		data: { content: linkedText(spec, question.url()) },
		client_msg_id: clientMsgId,
		...target.fields,
	};
	await apiRequest.call(ctx, fly, {
		path: '/api/v1/s/bot/send',
		body,
		idempotent: true,
		itemIndex: 0,
	});
}

export async function execute(this: IExecuteFunctions) {
	return await executeSendAndWait(this, send);
}

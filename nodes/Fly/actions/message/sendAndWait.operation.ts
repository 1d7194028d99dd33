/** Fly Send and Wait: a text message ending with the answer link. */
import { SEND_AND_WAIT_OPERATION, type IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { apiRequest } from '../../../shared/request';
import { executeSendAndWait } from '../../../shared/sendAndWait/execute';
import { linkedText } from '../../../shared/sendAndWait/links';
import { sendAndWaitProperties } from '../../../shared/sendAndWait/properties';
import type { WaitSpec } from '../../../shared/sendAndWait/spec';
import type { AnswerPlatform } from '../../../shared/sendAndWait/webhook';
import { readTarget, targetProperties } from '../../../shared/target';
import { clientMsgIdOf } from './send.operation';

export const description = forOperation('message', SEND_AND_WAIT_OPERATION, [...targetProperties, ...sendAndWaitProperties()]);

export const answers: AnswerPlatform = { credentialType: 'flyApi' };

async function send(ctx: IExecuteFunctions, spec: WaitSpec) {
	const target = readTarget(ctx, 0, 'to_user_id');
	// One question per execution and node: a retried send is deduplicated by Fly.
	const clientMsgId = clientMsgIdOf(['sendAndWait', ctx.getWorkflow().id ?? '', ctx.getExecutionId(), ctx.getNode().id]);
	const body = { msg_type: 'text', data: { content: linkedText(spec, ctx.getSignedResumeUrl()) }, client_msg_id: clientMsgId, ...target.fields };
	await apiRequest.call(ctx, 'fly', { path: '/api/v1/s/bot/send', body, idempotent: true, itemIndex: 0 });
}

export async function execute(this: IExecuteFunctions) {
	return await executeSendAndWait(this, send);
}

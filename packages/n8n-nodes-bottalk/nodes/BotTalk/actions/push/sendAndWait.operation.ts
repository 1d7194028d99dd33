/** BotTalk Send and Wait: a push whose content ends with the answer link. */
import {
	NodeOperationError,
	SEND_AND_WAIT_OPERATION,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../../shared/describe';
import { stringParam } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { botTalk } from '../../platform';
import { executeSendAndWait, type Question } from '../../../shared/sendAndWait/execute';
import { linkLabel } from '../../../shared/sendAndWait/links';
import { sendAndWaitProperties } from '../../../shared/sendAndWait/properties';
import type { WaitSpec } from '../../../shared/sendAndWait/spec';
import type { AnswerPlatform } from '../../../shared/sendAndWait/webhook';
import { channelProperties, readChannel } from './send.operation';

const title: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: 'Your answer is needed',
	description: 'Title of the push',
};

export const description = forOperation('push', SEND_AND_WAIT_OPERATION, [
	title,
	...sendAndWaitProperties(),
	...channelProperties,
]);

export const answers: AnswerPlatform = { credentialType: 'botTalkApi' };

async function send(ctx: IExecuteFunctions, spec: WaitSpec, question: Question) {
	// Markdown link syntax: kept as text where a channel does not render it, and still readable.
	const desp = `${spec.message}\n\n[${linkLabel(spec)}](${question.url()})`;
	const body = { title: stringParam(ctx, 'title', 0).trim(), desp, channel: readChannel(ctx, 0) };
	const data = (await apiRequest.call(ctx, botTalk, {
		path: '/notify',
		body,
		itemIndex: 0,
	})) as IDataObject;
	const results = (data?.results as IDataObject[] | undefined) ?? [];
	// Waiting for an answer nobody received would wait forever.
	if (results.length && !results.some((r) => r.status === 'success')) {
		throw new NodeOperationError(
			ctx.getNode(),
			'BotTalk delivered the question to no channel, so nobody can answer it',
			{ itemIndex: 0, description: JSON.stringify(results) },
		);
	}
}

export async function execute(this: IExecuteFunctions) {
	return await executeSendAndWait(this, send);
}

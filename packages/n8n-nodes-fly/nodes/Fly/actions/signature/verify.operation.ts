import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation, optionsField } from '../../../shared/describe';
import { stringifyJson } from '../../../shared/json';
import { failParam, requiredString } from '../../../shared/params';
import {
	acceptNonceOnceShared,
	flyWebhookSecret,
	verifyFlySignedUpdate,
} from '../../../shared/signature';

const properties: INodeProperties[] = [
	{
		displayName:
			'The Fly Trigger node verifies webhooks for you. Use this with n8n\'s generic Webhook node: turn on its "Raw Body" option so floats and long IDs are checked exactly as Fly signed them.',
		name: 'verifyNotice',
		type: 'notice',
		default: '',
	},
	optionsField('Payload Source', 'source', 'binary', [
		{
			name: 'Raw Body (Binary Field)',
			value: 'binary',
			description: "Exact: the Webhook node's raw body",
		},
		{
			name: 'JSON Field',
			value: 'json',
			description:
				'A field of the item, e.g. body. Floats like 1.0 and IDs beyond 2^53 may not verify.',
		},
		{ name: 'Text', value: 'text', description: 'The body as a JSON string' },
	]),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'JSON Field',
		name: 'jsonField',
		type: 'string',
		default: 'body',
		required: true,
		displayOptions: { show: { source: ['json'] } },
	},
	{
		displayName: 'Body',
		name: 'text',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { source: ['text'] } },
	},
	{
		displayName: 'Reject Replays',
		name: 'rejectReplays',
		type: 'boolean',
		default: true,
		description:
			"Whether a nonce already seen within the 300 s window fails verification. Remembered in n8n's database (its deduplication store, shared by every worker in queue mode). Not guaranteed: the same delivery verified by two workers within the same few milliseconds.",
	},
];

export const description = forOperation('signature', 'verify', properties);

async function rawBody(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const source = ctx.getNodeParameter('source', itemIndex, 'binary') as string;
	if (source === 'text') return requiredString(ctx, 'text', itemIndex, 'Body');
	const item = ctx.getInputData()[itemIndex];
	if (source === 'json') {
		const field = requiredString(ctx, 'jsonField', itemIndex, 'JSON Field');
		const value = field
			.split('.')
			.reduce<unknown>((o, k) => (o as IDataObject | undefined)?.[k], item.json);
		if (value === undefined)
			failParam(ctx, itemIndex, `JSON Field: the item has no field "${field}"`);
		return typeof value === 'string' ? value : stringifyJson(value);
	}
	const property = requiredString(ctx, 'binaryPropertyName', itemIndex, 'Input Binary Field');
	if (!item.binary?.[property])
		failParam(
			ctx,
			itemIndex,
			`Input Binary Field: the input item has no binary property "${property}"`,
			'Turn on "Raw Body" in the Webhook node\'s options.',
		);
	return (await ctx.helpers.getBinaryDataBuffer(itemIndex, property)).toString('utf8');
}

/** The nonce's first use within the window, across runs and processes (see acceptNonceOnceShared). */
async function acceptOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	nonce: string,
	now: number,
): Promise<boolean> {
	try {
		return await acceptNonceOnceShared(
			ctx.helpers,
			`${ctx.getWorkflow().id}:${ctx.getNode().id}`,
			nonce,
			now,
		);
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Reject Replays: n8n's deduplication store did not record the nonce: ${(error as Error).message}`,
			{
				itemIndex,
				description:
					'The nonce was not kept, so a retry can verify this delivery. Turn off "Reject Replays" only where a replay does no harm.',
			},
		);
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const secret = flyWebhookSecret(await this.getCredentials('flyApi', itemIndex));
	const body = await rawBody(this, itemIndex);
	const now = Math.floor(Date.now() / 1000);
	const result = verifyFlySignedUpdate(body, secret, now);
	let valid = result.ok;
	let reason: string | null = result.ok ? null : result.reason;
	if (
		result.ok &&
		this.getNodeParameter('rejectReplays', itemIndex, true) &&
		!(await acceptOnce(this, itemIndex, result.nonce, now))
	) {
		valid = false;
		reason = 'REPLAYED_NONCE';
	}
	return [
		{
			json: {
				...this.getInputData()[itemIndex].json,
				signatureValid: valid,
				signatureError: reason,
			},
			binary: this.getInputData()[itemIndex].binary,
		},
	];
}

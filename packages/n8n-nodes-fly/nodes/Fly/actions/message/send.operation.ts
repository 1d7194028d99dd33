import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	forOperation,
	messageTextField,
	optionsCollection,
	optionsField,
} from '../../../shared/describe';
import { messageKindOptions } from '../../../shared/event';
import { stringifyJson } from '../../../shared/json';
import { failParam, jsonObjectParam, requiredString, stringParam } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { sendLongText, splitOptions } from '../../../shared/textParts';
import { fly } from '../../platform';
import { readTarget, targetProperties, type TargetRules } from '../../../shared/target';

const MEDIA_FIELDS: Record<
	string,
	Array<{ name: string; key: string; label: string; required: boolean }>
> = {
	image: [
		{ name: 'imageUrl', key: 'originalUrl', label: 'Image URL', required: true },
		{ name: 'thumbnailUrl', key: 'thumbnailUrl', label: 'Thumbnail URL', required: false },
	],
	voice: [{ name: 'voiceUrl', key: 'url', label: 'Voice URL', required: true }],
	video: [
		{ name: 'videoUrl', key: 'videoUrl', label: 'Video URL', required: true },
		{ name: 'thumbnailUrl', key: 'thumbnailUrl', label: 'Thumbnail URL', required: false },
	],
	file: [
		{ name: 'fileUrl', key: 'url', label: 'File URL', required: true },
		{ name: 'fileName', key: 'name', label: 'File Name', required: false },
	],
};

const properties: INodeProperties[] = [
	...targetProperties,
	optionsField(
		'Message Type',
		'msgType',
		'text',
		messageKindOptions(['file', 'image', 'text', 'video', 'voice']),
	),
	messageTextField({ msgType: ['text'] }),
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { msgType: ['image'] } },
	},
	{
		displayName: 'Voice URL',
		name: 'voiceUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { msgType: ['voice'] } },
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { msgType: ['video'] } },
	},
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { msgType: ['file'] } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		displayOptions: { show: { msgType: ['file'] } },
	},
	{
		displayName: 'Thumbnail URL',
		name: 'thumbnailUrl',
		type: 'string',
		default: '',
		displayOptions: { show: { msgType: ['image', 'video'] } },
	},
	optionsCollection([
		{
			displayName: 'Client Message ID',
			name: 'clientMsgId',
			type: 'string',
			default: '',
			description:
				'Fly sends a message only once per client_msg_id. Empty: derived from the execution, node, item and content, so retries of this step never send twice. n8n\'s "Retry execution" starts a new execution: to stay idempotent across it, build the ID from the input, unique per message (after a Fly trigger, from the update you reply to). Two items of one run with the same ID fail the second.',
			hint: 'e.g. reply_{{ $json.raw.update_id }} after a Fly trigger',
		},
		{
			displayName: 'Extra Data (JSON)',
			name: 'extraData',
			type: 'json',
			default: '{}',
			description: "More fields for the message's data object, sent as they are",
		},
		...splitOptions({ '/msgType': ['text'] }),
	]),
];

export const description = forOperation('message', 'send', properties);

export const TARGET: TargetRules = {
	userField: 'to_user_id',
	eventPlatform: 'fly',
	name: 'Fly',
};

export function orderKey(this: IExecuteFunctions, itemIndex: number) {
	return readTarget(this, itemIndex, TARGET).chatKey;
}

/** A client_msg_id from what identifies one send: Fly sends a message once per ID. */
export function clientMsgIdOf(parts: Array<string | number>): string {
	return `n8n_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`;
}

/** Stable across retries of the same step, distinct for every other send (and part: two may read alike). */
function derivedClientMsgId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	payload: IDataObject,
	partIndex = 0,
): string {
	const runIndex = (ctx as unknown as { runIndex?: number }).runIndex ?? 0;
	return clientMsgIdOf([
		ctx.getWorkflow().id ?? '',
		ctx.getExecutionId() ?? '',
		ctx.getNode().id,
		runIndex,
		itemIndex,
		stringifyJson(payload),
		...(partIndex > 0 ? [partIndex] : []),
	]);
}

/**
 * The Client Message IDs set by the user in one run of the node, each with the item that used it
 * first. Fly sends one message per ID, so a second item with the same ID would be a silent non-send.
 * Keyed by the runner's context, which is one per run (a Retry On Fail gets a new one).
 */
const givenIdsOfRun = new WeakMap<object, Map<string, number>>();

function claimGivenId(ctx: IExecuteFunctions, itemIndex: number, id: string): void {
	let ids = givenIdsOfRun.get(ctx);
	if (!ids) givenIdsOfRun.set(ctx, (ids = new Map()));
	const first = ids.get(id);
	if (first !== undefined && first !== itemIndex)
		failParam(
			ctx,
			itemIndex,
			`Client Message ID "${id}" is already used by item ${first} of this run: Fly sends one message per ID, so this one would not be sent`,
			'Give every item its own Client Message ID (Options), e.g. reply_{{ $json.raw.update_id }} after a Fly trigger, or leave it empty to have one derived.',
		);
	ids.set(id, itemIndex);
}

/**
 * Fly answers a send whose client_msg_id it already has with that earlier message and
 * `duplicate: true`, and sends nothing: the output says so instead of passing for a send.
 */
function sendOutput(result: IDataObject, clientMsgId: string, given: boolean): IDataObject {
	if (result.duplicate !== true) return { ...result, client_msg_id: clientMsgId, sent: true };
	const notice = given
		? `Fly did not send this message: it already had one with Client Message ID "${clientMsgId}" (from an earlier attempt, execution or item), and message_id is that one's. If that was another message, give each send its own Client Message ID.`
		: "Fly did not send this message again: an earlier attempt of this step had already sent it (same derived client_msg_id), and message_id is that one's.";
	return { ...result, client_msg_id: clientMsgId, sent: false, notice };
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const msgType = this.getNodeParameter('msgType', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let data: IDataObject;
	if (msgType === 'text') {
		data = { content: requiredString(this, 'content', itemIndex, 'Text') };
	} else if (MEDIA_FIELDS[msgType]) {
		data = {};
		for (const f of MEDIA_FIELDS[msgType]) {
			const value = f.required
				? requiredString(this, f.name, itemIndex, f.label)
				: stringParam(this, f.name, itemIndex).trim();
			if (value) data[f.key] = value;
		}
	} else {
		return failParam(
			this,
			itemIndex,
			`Message Type "${msgType}" is not one of text, image, voice, video, file`,
		);
	}
	if (options.extraData !== undefined && options.extraData !== '' && options.extraData !== '{}') {
		const extra = jsonObjectParam(this, 'options.extraData', itemIndex, 'Extra Data (JSON)', {});
		data = { ...extra, ...data };
	}
	const target = readTarget(this, itemIndex, TARGET).fields;
	const given = String(options.clientMsgId ?? '').trim();
	if (given.length > 128)
		failParam(this, itemIndex, 'Client Message ID must be at most 128 characters');
	const send = async (partData: IDataObject, part?: { index: number; count: number }) => {
		const payload: IDataObject = { msg_type: msgType, data: partData, ...target };
		// Each part has a key of its own: a given ID is the first part's, and numbered after it.
		const suffix = part && part.index > 0 ? `_${part.index + 1}` : '';
		// Checked before the first part goes out, against the longest key to come.
		const longest = part && part.count > 1 ? `_${part.count}`.length : 0;
		if (given && given.length + longest > 128)
			failParam(
				this,
				itemIndex,
				`Client Message ID must be at most ${128 - longest} characters when the text goes out in ${part?.count} parts`,
			);
		payload.client_msg_id = given
			? `${given}${suffix}`
			: derivedClientMsgId(this, itemIndex, payload, part?.index);
		// Derived IDs include the item, so only a given one can repeat within the run.
		if (given) claimGivenId(this, itemIndex, payload.client_msg_id as string);
		// The key makes the send idempotent: lost answers, timeouts and 5xx are retried safely.
		const result = (await apiRequest.call(this, fly, {
			path: '/api/v1/s/bot/send',
			body: payload,
			idempotent: true,
			itemIndex,
		})) as IDataObject;
		return sendOutput(result, payload.client_msg_id as string, given !== '');
	};
	if (msgType !== 'text') return await send(data);
	return await sendLongText(this, itemIndex, {
		text: data.content as string,
		platform: fly.name,
		send: async (content, index, count) => await send({ ...data, content }, { index, count }),
	});
}

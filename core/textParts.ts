/**
 * A send-text operation's long text: the "Split Long Text at (Characters)" option, the parts sent
 * one after the other (a chat shows them in that order), and an error a user can act on when a
 * platform refuses a message for its length. No platform document states a length limit, so the
 * option is off (0) by default and its length is the user's.
 *
 * "Max Parts" bounds the number of messages one text becomes, checked before the first goes out:
 * a runaway answer (a model's, in a Tool variant) must not flood a chat or use up a platform's
 * quota (BotTalk allows 100 pushes an hour).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failParam } from './params';
import { splitText } from './splitText';

const SPLIT_OPTION_LABEL = 'Split Long Text at (Characters)';
const MAX_PARTS_LABEL = 'Max Parts';
const DEFAULT_MAX_PARTS = 10;

/**
 * The options, for an Options collection: the length, and the number of parts (shown only when
 * splitting is on); `show` limits both to text messages where needed.
 */
export function splitOptions(show?: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: SPLIT_OPTION_LABEL,
			name: 'splitAt',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Longer text goes out as several messages, in order, cut between paragraphs, else sentences, else words. 0: always one message (the platform documents no length limit; set the length it accepts if it refuses long messages).',
			...(show ? { displayOptions: { show } } : {}),
		},
		{
			displayName: MAX_PARTS_LABEL,
			name: 'maxParts',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_PARTS,
			description:
				"The most messages one text may become. A longer text fails before its first part is sent, so a runaway text cannot flood the chat or use up the platform's quota.",
			displayOptions: { show: { ...show, splitAt: [{ _cnd: { gt: 0 } }] } },
		},
	];
}

/** Max Parts from an Options collection: a whole number of at least 1, 10 when not set. */
function readMaxParts(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): number {
	const value = options.maxParts;
	if (value === undefined || value === null || value === '') return DEFAULT_MAX_PARTS;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1)
		failParam(
			ctx,
			itemIndex,
			`${MAX_PARTS_LABEL} must be a whole number of messages, at least 1, not "${String(value)}"`,
		);
	return n;
}

/** The option's value from an Options collection: 0 (off) or a whole number of characters. */
function readSplitAt(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): number {
	const value = options.splitAt;
	if (value === undefined || value === null || value === '') return 0;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0)
		failParam(
			ctx,
			itemIndex,
			`${SPLIT_OPTION_LABEL} must be 0 (off) or a whole number of characters, not "${String(value)}"`,
		);
	return n;
}

// How platforms word a refusal for length (MPChat "message is too long", "exceeds max length",
// "内容过长", "长度超过限制"…), never a rate limit.
const LENGTH_REFUSAL =
	/too long|too large|too many characters|max(imum)? length|length limit|exceed(s|ed)?\b[^.]*\b(length|size)|content size|\u8fc7\u957f|\u8d85\u957f|\u957f\u5ea6|\u5b57\u6570/i;

/** Whether a platform's error says the text was refused for its length. */
export function refusedForLength(error: Error): boolean {
	const description = (error as { description?: unknown }).description;
	return LENGTH_REFUSAL.test(
		`${error.message} ${typeof description === 'string' ? description : ''}`,
	);
}

interface TextSend<T> {
	text: string;
	splitAt: number;
	itemIndex: number;
	/** The platform's name, for messages. */
	platform: string;
	/** Fields only the first part carries (a reply or quote) and fields only the last carries (buttons). */
	first?: IDataObject;
	last?: IDataObject;
	/** Sends one part, `index` of `count`, with `placed`: the `first` and `last` fields that belong on it. */
	send(part: string, index: number, count: number, placed: IDataObject): Promise<T>;
	/**
	 * Whether an error may be a length refusal the platform does not word as one (BotTalk answers
	 * "all channels failed"): the error then says "if".
	 */
	mayBeLength?(error: Error): boolean;
}

/**
 * Sends the parts, in order, and returns each part's result. When a part is refused, the error
 * tells which parts already went out, and, for a length refusal, which option to set.
 */
async function sendTextInParts<T>(spec: TextSend<T>, parts: string[]): Promise<T[]> {
	const results: T[] = [];
	for (let i = 0; i < parts.length; i++) {
		try {
			const placed = {
				...(i === 0 ? spec.first : {}),
				...(i === parts.length - 1 ? spec.last : {}),
			};
			results.push(await spec.send(parts[i], i, parts.length, placed));
		} catch (error) {
			throw explained(error as Error, spec, parts, i);
		}
	}
	return results;
}

function explained<T>(error: Error, spec: TextSend<T>, parts: string[], failed: number): Error {
	const e = error as Error & { description?: string | null };
	const length = parts[failed].length;
	const what =
		parts.length > 1
			? `part ${failed + 1} of ${parts.length} (${length} characters)`
			: `the text (${length} characters)`;
	const fix =
		spec.splitAt > 0
			? `set "${SPLIT_OPTION_LABEL}" (Options) lower than ${spec.splitAt}`
			: `set "${SPLIT_OPTION_LABEL}" (Options) to a length ${spec.platform} accepts`;
	if (refusedForLength(e))
		e.message = `${e.message}. ${spec.platform} refused ${what} as too long: ${fix}`;
	else if (spec.mayBeLength?.(e))
		e.message = `${e.message}. If ${spec.platform} refused ${what} for its length, ${fix}`;
	if (failed > 0) {
		const sent = `Parts 1${failed > 1 ? `-${failed}` : ''} of ${parts.length} were already sent (not undone).`;
		e.description = e.description ? `${e.description} ${sent}` : sent;
	}
	return e;
}

/**
 * A send-text operation's whole long-text path: reads the option from the operation's Options,
 * sends the text in parts and returns the output `partsOutput` describes.
 */
export async function sendLongText(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: Omit<TextSend<IDataObject>, 'splitAt' | 'itemIndex'>,
): Promise<IDataObject> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const splitAt = readSplitAt(ctx, itemIndex, options);
	const parts = splitText(spec.text, splitAt);
	if (splitAt > 0) {
		const maxParts = readMaxParts(ctx, itemIndex, options);
		if (parts.length > maxParts)
			failParam(
				ctx,
				itemIndex,
				`The text (${spec.text.length} characters) would go out as ${parts.length} messages at "${SPLIT_OPTION_LABEL}" ${splitAt}, more than "${MAX_PARTS_LABEL}" (${maxParts}); nothing was sent. Shorten the text, or raise "${MAX_PARTS_LABEL}" or "${SPLIT_OPTION_LABEL}" (Options)`,
			);
	}
	return partsOutput(await sendTextInParts({ ...spec, splitAt, itemIndex }, parts), splitAt);
}

/**
 * An operation's output for a text sent in parts: the last part's result (where buttons go) and,
 * when the option is on, every part's under `parts`.
 */
function partsOutput(results: IDataObject[], splitAt: number): IDataObject {
	const last = results[results.length - 1];
	return splitAt > 0 ? { ...last, parts: results } : last;
}

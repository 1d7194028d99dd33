/**
 * The long-poll triggers (MPChat, Fly): one request waiting up to `timeout` seconds, so a message
 * starts a workflow within a moment and no public URL is needed. The loop itself is shared by
 * every listener of one bot in this process (botPoller.ts); this is each listener's side.
 *
 * The platforms consume a batch when they answer the request, so the package holds the only copy
 * until n8n has it. Hence:
 * - a live listener writes the next offset to its workflow's static data before it emits the
 *   batch (n8n saves static data on emit, not on deactivation or shutdown), and skips updates
 *   below its stored offset, so a restart repeats nothing; the next batch is fetched only after
 *   every live listener handed this one over;
 * - a batch handed to a listener that is being deactivated is still emitted (with its offset), and
 *   closing waits for that: the platform will not hand it over again.
 * What can still be lost is the one batch between the platform's answer and n8n creating its run:
 * a crash (or kill) of n8n in that moment, or the last listener's deactivation while the answer is
 * on the wire (the aborted request never delivers it).
 * With "Wait for Each Run" (default) a batch's run finishes before the next batch is fetched, so
 * replies to one chat keep the order of its messages; with several such listeners on one bot the
 * loop waits for all of them.
 */
import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
	type NodeApiError,
} from 'n8n-workflow';

import {
	botKey,
	hasLiveListener,
	isBelow,
	joinBot,
	type BotListener,
	type BotSource,
	type Membership,
} from './botPoller';
import { optionsCollection } from './describe';
import {
	readFilters,
	selectionSubtitle,
	triggerNode,
	updateTypesProperty,
	type EventFilters,
} from './event';
import { nextOffset } from './offset';
import { platformCodeOf } from './request';

export { backoffMs, type PollRequest } from './botPoller';

export interface LongPollSource extends BotSource {
	/** Output items for a batch: normalized, filtered, media attached. May be empty. */
	toItems(
		ctx: ITriggerFunctions,
		updates: IDataObject[],
		filters: EventFilters,
		options: IDataObject,
	): Promise<INodeExecutionData[]>;
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return;
	await sleep(ms, signal).catch(() => undefined);
}

export function fatalMessage(
	name: string,
	error: NodeApiError,
	conflict?: string,
): string | undefined {
	// The HTTP status or the platform's own code: MPChat's document reads data.error_code.
	const is = (code: string) => error.httpCode === code || platformCodeOf(error) === code;
	if (is('401')) {
		return `${name} rejected the bot token (HTTP 401): the token is invalid or was revoked. Update the credential, then activate the workflow again.`;
	}
	if (is('409') && conflict) return conflict;
	return undefined;
}

/** Runs a long-poll trigger from its "updates" and "options" parameters. */
export async function longPollTrigger(
	this: ITriggerFunctions,
	source: LongPollSource,
): Promise<ITriggerResponse> {
	const types = this.getNodeParameter('updates', []) as string[];
	const parameters = this.getNodeParameter('options', {}) as IDataObject;
	const filters = readFilters(types, parameters);
	const options = readLongPollSettings(parameters);
	const staticData = this.getWorkflowStaticData('node');
	const closing = new AbortController();
	const node = this.getNode();
	const key = await botKey(this, source.platform);
	const listener = {
		name: node.name,
		types,
		limit: options.limit,
		timeoutSeconds: options.timeoutSeconds,
		ctx: this,
	};

	const emitAndWait = async (items: INodeExecutionData[]) => {
		// While closing, the run is not waited for: deactivation must not hang on it.
		if (!options.waitForRun || closing.signal.aborted) {
			this.emit([items]);
			return;
		}
		const done = this.helpers.createDeferredPromise<IRun>();
		this.emit([items], undefined, done);
		const waited = new AbortController();
		const onStop = () => waited.abort();
		closing.signal.addEventListener('abort', onStop, { once: true });
		await Promise.race([
			done.promise.catch(() => undefined),
			pause(options.maxRunWaitMs, waited.signal),
		]);
		waited.abort();
		closing.signal.removeEventListener('abort', onStop);
	};

	const stored = () => (typeof staticData.offset === 'string' ? staticData.offset : undefined);

	let membership: Membership | undefined;
	if (this.getMode() === 'trigger') {
		const live: BotListener = {
			...listener,
			manual: false,
			storedOffset: stored,
			deliver: async (updates) => {
				const offset = stored();
				const fresh = updates.filter((u) => !isBelow(u, offset));
				if (!fresh.length) return;
				const items = await source.toItems(this, fresh, filters, parameters);
				const next = nextOffset(fresh);
				// A top-level assignment: n8n tracks it and saves it with the emit below.
				if (next !== undefined) staticData.offset = next;
				if (items.length) await emitAndWait(items);
			},
			fail: (message) => this.emitError(new NodeOperationError(node, message)),
		};
		membership = joinBot(key, source, live);
	}

	/** A copy of the next batch that passes this trigger's filters; the live listeners still get it. */
	const listenOnce = async () => {
		let settle!: { resolve: () => void; reject: (e: Error) => void };
		const heard = new Promise<void>((resolve, reject) => {
			settle = { resolve, reject };
		});
		const onClose = () => settle.resolve();
		closing.signal.addEventListener('abort', onClose, { once: true });
		let done = false;
		const manual: BotListener = {
			...listener,
			manual: true,
			// Alone on the bot it starts the loop where the workflow's static data says, as before.
			storedOffset: hasLiveListener(key) ? () => undefined : stored,
			deliver: async (updates) => {
				if (done) return true;
				const items = await source.toItems(this, updates, filters, parameters);
				if (!items.length || done) return done;
				done = true;
				this.emit([items]);
				settle.resolve();
				return true;
			},
			fail: (message) => settle.reject(new NodeOperationError(node, message)),
		};
		membership = joinBot(key, source, manual);
		try {
			await heard;
		} finally {
			closing.signal.removeEventListener('abort', onClose);
			await membership.leave();
		}
	};

	/** A manual listen: what closing waits for, so a batch handed to it is emitted first. */
	let listening: Promise<void> | undefined;
	const manualTriggerFunction = async () => {
		const listen = listenOnce();
		listening = listen.catch(() => undefined);
		await listen;
	};

	const closeFunction = async () => {
		closing.abort();
		await membership?.leave();
		await listening;
	};

	return { closeFunction, manualTriggerFunction };
}

/** A long-poll trigger's subtitle. */
export const LONG_POLL_SUBTITLE = selectionSubtitle('long polling', 'updates', 'all updates');

/**
 * A long-poll trigger's description beyond the fields its class states (see triggerNode): it
 * selects the Bot API update types it starts on (`updateTypes`), then has its `options`.
 */
export function pollingTrigger(
	displayName: string,
	description: string,
	updateTypes: INodePropertyOptions[],
	options: INodeProperties[],
) {
	return {
		version: 1,
		...triggerNode(displayName, description, [
			updateTypesProperty(updateTypes),
			optionsCollection(options),
		]),
	};
}

/** The long-poll settings both polling triggers offer (inside their Options collection). */
export function longPollOptionFields(maxTimeoutSeconds: number): INodeProperties[] {
	return [
		{
			displayName: 'Long Poll Timeout (Seconds)',
			name: 'pollTimeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: maxTimeoutSeconds },
			default: 30,
			description:
				'How long each request waits for a new update. A message still starts the workflow at once; this only sets how often an idle bot asks again.',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 50,
			description:
				'Max updates per request. Updates that arrive together start one run with one item each.',
		},
		{
			displayName: 'Wait for Each Run',
			name: 'waitForRun',
			type: 'boolean',
			default: true,
			description:
				'Whether to fetch the next updates only after the previous run finished, so replies to a chat keep the order of its messages. Turn off to let runs overlap.',
		},
	];
}

interface LongPollSettings {
	timeoutSeconds: number;
	limit: number;
	waitForRun: boolean;
	maxRunWaitMs: number;
}

function readLongPollSettings(options: IDataObject): LongPollSettings {
	const int = (v: unknown, d: number) =>
		typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : d;
	return {
		timeoutSeconds: int(options.pollTimeout, 30),
		limit: int(options.batchSize, 50),
		waitForRun: options.waitForRun !== false,
		// A run that never reports back must not stop the trigger for good.
		maxRunWaitMs: 10 * 60_000,
	};
}

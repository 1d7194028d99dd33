/**
 * The long-poll loop behind the MPChat and Fly triggers: one request waiting up to `timeout`
 * seconds, so a message starts a workflow within a moment and no public URL is needed.
 *
 * The platforms consume a batch when they answer the request, so the package holds the only copy
 * until n8n has it. Hence:
 * - the next offset is written to the workflow's static data before the batch is emitted (n8n
 *   saves static data on emit, not on deactivation or shutdown), and the next batch is fetched
 *   only after this one was handed over;
 * - a batch that arrives while the trigger is being deactivated is still emitted (with its offset),
 *   and closing waits for that: the platform will not hand it over again.
 * What can still be lost is the one batch between the platform's answer and n8n creating its run:
 * a crash (or kill) of n8n in that moment, or a deactivation while the answer is on the wire
 * (the aborted request never delivers it).
 * With "Wait for Each Run" (default) a batch's run finishes before the next batch starts, so
 * replies to one chat keep the order of its messages.
 */
import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

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

export interface PollRequest {
	/** The next update_id as a decimal string; undefined for the oldest pending. */
	offset: string | undefined;
	limit: number;
	timeoutSeconds: number;
	/** The HTTP timeout: the long poll plus a margin. */
	timeoutMs: number;
	/** The update types selected in the trigger's "Updates" parameter. */
	types: string[];
	signal: AbortSignal;
}

export interface LongPollSource {
	/** Display name for messages, e.g. "MPChat". */
	name: string;
	fetch(ctx: ITriggerFunctions, request: PollRequest): Promise<IDataObject[]>;
	/** Output items for a batch: normalized, filtered, media attached. May be empty. */
	toItems(
		ctx: ITriggerFunctions,
		updates: IDataObject[],
		filters: EventFilters,
		options: IDataObject,
	): Promise<INodeExecutionData[]>;
	/** A message for errors that retrying cannot fix (the trigger then stops), else undefined. */
	fatal(error: NodeApiError): string | undefined;
}

const MAX_BACKOFF_MS = 60_000;

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return;
	await sleep(ms, signal).catch(() => undefined);
}

export function backoffMs(failures: number): number {
	return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
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
	const controller = new AbortController();
	const { signal } = controller;
	const node = this.getNode();

	const pollOnce = async (): Promise<INodeExecutionData[]> => {
		const offset = typeof staticData.offset === 'string' ? staticData.offset : undefined;
		const updates = await source.fetch(this, {
			offset,
			limit: options.limit,
			timeoutSeconds: options.timeoutSeconds,
			timeoutMs: (options.timeoutSeconds + 15) * 1000,
			types,
			signal,
		});
		if (!updates.length) return [];
		const items = await source.toItems(this, updates, filters, parameters);
		const next = nextOffset(updates);
		// A top-level assignment: n8n tracks it and saves it with the emit below.
		if (next !== undefined) staticData.offset = next;
		return items;
	};

	const emitAndWait = async (items: INodeExecutionData[]) => {
		// While closing, the run is not waited for: deactivation must not hang on it.
		if (!options.waitForRun || signal.aborted) {
			this.emit([items]);
			return;
		}
		const done = this.helpers.createDeferredPromise<IRun>();
		this.emit([items], undefined, done);
		const waited = new AbortController();
		const onStop = () => waited.abort();
		signal.addEventListener('abort', onStop, { once: true });
		await Promise.race([
			done.promise.catch(() => undefined),
			pause(options.maxRunWaitMs, waited.signal),
		]);
		waited.abort();
		signal.removeEventListener('abort', onStop);
	};

	const asFatal = (error: unknown): string | undefined =>
		error instanceof NodeApiError ? source.fatal(error) : undefined;

	const loop = async () => {
		let failures = 0;
		while (!signal.aborted) {
			try {
				const items = await pollOnce();
				if (failures)
					this.logger.info(
						`${source.name} trigger "${node.name}": polling resumed after ${failures} failed attempt(s)`,
					);
				failures = 0;
				// Even when deactivation began meanwhile: the platform consumed this batch when it answered.
				if (items.length) await emitAndWait(items);
			} catch (error) {
				if (signal.aborted) break;
				const fatal = asFatal(error);
				if (fatal) {
					this.logger.error(`${source.name} trigger "${node.name}" stopped: ${fatal}`);
					this.emitError(new NodeOperationError(node, fatal));
					return;
				}
				failures++;
				const delay = backoffMs(failures);
				this.logger.warn(
					`${source.name} trigger "${node.name}": ${(error as Error).message}; polling again in ${Math.round(delay / 1000)} s (attempt ${failures})`,
				);
				await pause(delay, signal);
			}
		}
	};

	/** The loop, or a manual listen: what closing waits for, so a fetched batch is emitted first. */
	let running: Promise<void> | undefined;
	if (this.getMode() === 'trigger') running = loop();

	const listenOnce = async () => {
		try {
			while (!signal.aborted) {
				const items = await pollOnce();
				if (items.length) {
					this.emit([items]);
					return;
				}
			}
		} catch (error) {
			if (signal.aborted) return;
			const fatal = asFatal(error);
			throw fatal ? new NodeOperationError(node, fatal) : error;
		}
	};
	const manualTriggerFunction = async () => {
		const listening = listenOnce();
		running = listening.catch(() => undefined);
		await listening;
	};

	const closeFunction = async () => {
		controller.abort();
		await running;
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

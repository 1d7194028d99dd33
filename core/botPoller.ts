/**
 * One long-poll loop per bot, shared by every listener of that bot in this n8n process: the
 * active triggers and the manual listeners (Test step, Listen for test event, Test workflow) of
 * every workflow that polls it.
 *
 * MPChat and Fly consume a batch when they answer, so two loops on one bot would split its
 * messages between them. n8n loads a node module once per process, so this module's registry is
 * shared by every workflow of the process that uses the node; each package compiles its own copy
 * of the core, and the key names the platform anyway.
 *
 * A bot is what the requests carry: the credential's base URL, path and headers after its own
 * `authenticate` (token included), hashed; two credentials with the same token are one bot. The
 * token is never kept in clear.
 *
 * The loop keeps only its own next offset, in memory. Each listener keeps its offset where it
 * always was (its workflow's static data, written before its own emit) and skips what lies below
 * it. Fetched updates are also retained for a while (RETAIN_MS, at most RETAIN_MAX): a live
 * listener that joins later with a stored offset at or below them gets them first. That is what
 * makes an n8n restart (n8n activates workflows one after another, and the first one's loop may
 * consume the backlog before the second has joined) and a save (n8n deactivates the old version,
 * then activates the new one) lose nothing while other listeners keep the loop going.
 */
import { createHash } from 'crypto';
import { NodeApiError, sleep, type IDataObject, type ITriggerFunctions } from 'n8n-workflow';

import { contextCredentials } from './credentials';
import { nextOffset } from './offset';
import type { Platform } from './platform';

/** How long fetched updates stay available to a late-joining live listener. */
export const RETAIN_MS = 10 * 60_000;
/** At most this many fetched updates are retained per bot (the oldest go first). */
export const RETAIN_MAX = 1000;

export interface PollRequest {
	/** The next update_id as a decimal string; undefined for the oldest pending. */
	offset: string | undefined;
	limit: number;
	timeoutSeconds: number;
	/** The HTTP timeout: the long poll plus a margin. */
	timeoutMs: number;
	/** The union of the update types the listeners selected; empty for all. */
	types: string[];
	signal: AbortSignal;
}

export interface BotSource {
	/** Display name for messages, e.g. "MPChat". */
	name: string;
	platform: Platform;
	fetch(ctx: ITriggerFunctions, request: PollRequest): Promise<IDataObject[]>;
	/** A message for errors that retrying cannot fix (the loop then stops), else undefined. */
	fatal(error: NodeApiError): string | undefined;
}

export interface BotListener {
	/** For log lines: the trigger node's name. */
	name: string;
	/** A manual listener gets a copy of the next batch; it never holds live listeners back. */
	manual: boolean;
	/** Update types this listener wants; empty for all. */
	types: string[];
	limit: number;
	timeoutSeconds: number;
	/** The context the loop may fetch through while this listener is present. */
	ctx: ITriggerFunctions;
	/** The offset this listener stored (live listeners); undefined: from the next batch on. */
	storedOffset(): string | undefined;
	/**
	 * Hands a batch over. Calls are serial per listener (each waits for the one before), so it
	 * sees batches in order; the loop fetches again once every live listener's call settled.
	 * Resolves true when the listener is finished (a manual one after its batch): it leaves then,
	 * before the loop fetches again.
	 */
	deliver(updates: IDataObject[]): Promise<boolean | void>;
	/** The loop stopped for good (401, 409): the same message reaches every listener. */
	fail(message: string): void;
}

export interface Membership {
	/** Leaves the loop; resolves once a batch already handed to this listener was emitted. */
	leave(): Promise<void>;
}

/** Whether update `u` lies below `offset` (compared exactly: IDs may exceed 2^53). */
export function isBelow(u: IDataObject, offset: string | undefined): boolean {
	if (offset === undefined) return false;
	const raw = u.update_id;
	if ((typeof raw !== 'number' && typeof raw !== 'string') || !/^\d+$/.test(String(raw)))
		return false;
	return BigInt(String(raw)) < BigInt(offset);
}

/** The key of the bot a trigger polls: a hash of what its credential puts on every request. */
export async function botKey(ctx: ITriggerFunctions, platform: Platform): Promise<string> {
	const credentials = await contextCredentials(ctx, platform.credentialType);
	const request = await platform.authenticate(credentials, { url: '', headers: {} });
	const { baseURL, url, headers, qs, auth } = request;
	return createHash('sha256')
		.update(
			JSON.stringify([platform.name, baseURL ?? '', url, headers ?? {}, qs ?? {}, auth ?? {}]),
		)
		.digest('hex');
}

const MAX_BACKOFF_MS = 60_000;

export function backoffMs(failures: number): number {
	return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
}

interface Member {
	listener: BotListener;
	/** The listener's deliveries, one after another. */
	chain: Promise<void>;
}

const pollers = new Map<string, BotPoller>();

/** Joins (or starts) the loop of bot `key`. */
export function joinBot(key: string, source: BotSource, listener: BotListener): Membership {
	let poller = pollers.get(key);
	if (!poller) {
		poller = new BotPoller(key, source, listener.storedOffset());
		pollers.set(key, poller);
	}
	return poller.add(listener);
}

/** Whether this process polls bot `key` for at least one live (non-manual) listener. */
export function hasLiveListener(key: string): boolean {
	return pollers.get(key)?.hasLive() ?? false;
}

class BotPoller {
	private readonly members = new Set<Member>();
	private readonly controller = new AbortController();
	private running: Promise<void> | undefined;
	private retained: Array<{ update: IDataObject; at: number }> = [];
	/** The highest update_id dropped from `retained`: a joiner expecting it missed something. */
	private dropped: bigint | undefined;

	constructor(
		private readonly key: string,
		private readonly source: BotSource,
		/** Where the loop starts: the stored offset of the listener that starts it. */
		private offset: string | undefined,
	) {}

	hasLive(): boolean {
		return [...this.members].some((m) => !m.listener.manual);
	}

	add(listener: BotListener): Membership {
		const member: Member = { listener, chain: Promise.resolve() };
		const stored = listener.storedOffset();
		if (!listener.manual && stored !== undefined) {
			this.prune();
			const missed = [...this.retained]
				.map((r) => r.update)
				.filter((u) => !isBelow(u, stored) && nextOffset([u]) !== undefined);
			if (this.dropped !== undefined && this.dropped >= BigInt(stored))
				listener.ctx.logger.warn(
					`${this.source.name} trigger "${listener.name}": updates from ${stored} on were fetched for other workflows on this bot more than ${RETAIN_MS / 60_000} min (or ${RETAIN_MAX} updates) ago and are no longer held; this workflow starts with the ones still held`,
				);
			if (missed.length) this.enqueue(member, missed);
		}
		this.members.add(member);
		if (!this.running) this.running = this.loop();
		return { leave: async () => await this.leave(member) };
	}

	private async leave(member: Member): Promise<void> {
		this.drop(member);
		await member.chain;
		if (!this.members.size) await this.running;
	}

	private drop(member: Member) {
		if (this.members.delete(member) && !this.members.size) {
			// Today's deactivation: the pending request is aborted (an unanswered one consumes nothing).
			this.controller.abort();
			if (pollers.get(this.key) === this) pollers.delete(this.key);
		}
	}

	private enqueue(member: Member, updates: IDataObject[]): Promise<void> {
		const { listener } = member;
		member.chain = member.chain.then(async () => {
			try {
				if ((await listener.deliver(updates)) === true) this.drop(member);
			} catch (error) {
				listener.ctx.logger.error(
					`${this.source.name} trigger "${listener.name}": a batch could not be handed over: ${(error as Error).message}`,
				);
			}
		});
		return member.chain;
	}

	private retain(updates: IDataObject[]) {
		const at = Date.now();
		for (const update of updates) this.retained.push({ update, at });
		this.prune();
	}

	private prune() {
		const since = Date.now() - RETAIN_MS;
		let cut = 0;
		while (
			cut < this.retained.length &&
			(this.retained.length - cut > RETAIN_MAX || this.retained[cut].at < since)
		)
			cut++;
		for (const { update } of this.retained.slice(0, cut)) {
			const next = nextOffset([update]);
			if (next === undefined) continue;
			const id = BigInt(next) - BigInt(1);
			if (this.dropped === undefined || id > this.dropped) this.dropped = id;
		}
		if (cut) this.retained = this.retained.slice(cut);
	}

	/** The listener whose context fetches: a live one if any (its context lives longest). */
	private fetcher(): BotListener | undefined {
		const all = [...this.members].map((m) => m.listener);
		return all.find((l) => !l.manual) ?? all[0];
	}

	private label(): string {
		const names = [...new Set([...this.members].map((m) => m.listener.name))];
		return names.map((n) => `"${n}"`).join(', ');
	}

	private request(signal: AbortSignal): PollRequest {
		const listeners = [...this.members].map((m) => m.listener);
		// One listener wanting every type means every type; else the union of what they want.
		const types = listeners.some((l) => !l.types.length)
			? []
			: [...new Set(listeners.flatMap((l) => l.types))];
		// The smallest settings: no listener gets a bigger batch, or waits longer, than it set.
		const timeoutSeconds = Math.min(...listeners.map((l) => l.timeoutSeconds));
		return {
			offset: this.offset,
			limit: Math.min(...listeners.map((l) => l.limit)),
			timeoutSeconds,
			timeoutMs: (timeoutSeconds + 15) * 1000,
			types,
			signal,
		};
	}

	private async loop(): Promise<void> {
		const { signal } = this.controller;
		let failures = 0;
		while (!signal.aborted) {
			const fetcher = this.fetcher();
			if (!fetcher) break;
			const log = fetcher.ctx.logger;
			try {
				const updates = await this.source.fetch(fetcher.ctx, this.request(signal));
				if (failures)
					log.info(
						`${this.source.name} trigger ${this.label()}: polling resumed after ${failures} failed attempt(s)`,
					);
				failures = 0;
				if (!updates.length) continue;
				const next = nextOffset(updates);
				if (next !== undefined) this.offset = next;
				this.retain(updates);
				// Even when deactivation began meanwhile: the platform consumed this batch when it answered.
				const handed = [...this.members].map((m) => ({
					live: !m.listener.manual,
					done: this.enqueue(m, updates),
				}));
				// Wait for Each Run lives in each live listener's delivery; a manual copy holds no live
				// listener back (alone, a manual listener is waited for: it may be finished).
				const waitFor = handed.some((h) => h.live) ? handed.filter((h) => h.live) : handed;
				await Promise.all(waitFor.map((h) => h.done));
			} catch (error) {
				if (signal.aborted) break;
				const fatal = error instanceof NodeApiError ? this.source.fatal(error) : undefined;
				if (fatal) {
					log.error(`${this.source.name} trigger ${this.label()} stopped: ${fatal}`);
					this.stop(fatal);
					return;
				}
				failures++;
				const delay = backoffMs(failures);
				log.warn(
					`${this.source.name} trigger ${this.label()}: ${(error as Error).message}; polling again in ${Math.round(delay / 1000)} s (attempt ${failures})`,
				);
				await sleep(delay, signal).catch(() => undefined);
			}
		}
	}

	/** Ends the loop for every listener with the same message. */
	private stop(message: string) {
		if (pollers.get(this.key) === this) pollers.delete(this.key);
		const members = [...this.members];
		this.members.clear();
		this.controller.abort();
		for (const m of members) m.listener.fail(message);
	}
}

/**
 * Keeps requests per token under a platform's rate limit. The state lives at module level, so
 * every item and every concurrent execution in one n8n process shares a token's lane.
 *
 * Several processes (queue-mode workers) cannot see each other's lanes, and the package has no
 * shared store. What keeps them under the limit together:
 * - a fixed share: the credential says how many processes send with the token, and each lane's
 *   ceiling is the documented rate divided by that number;
 * - a 429 holds the whole lane for the wait the platform asks for, including requests that were
 *   already given a slot (they take a new one after the hold);
 * - 429s that recur (a second within 10 s) mean the platform counts more than the shares allow:
 *   the lane steps down to 85% of its rate, two steps when its last step was under 3 s before.
 *   A lone 429 is jitter at the edge of the platform's window: it only holds.
 * A lane climbs back one step after 10 s without a 429, because one or two steps may be jitter
 * too. A third step, or a climb that draws a step again within a minute, shows the share is set
 * too low: the lane then stops climbing, and any 429 steps it down, until it rests (a minute in
 * which no request waited for its slot), when it starts from its ceiling again. The old rule
 * (cut by 15%, climb back +2/s per second) never settled with a share set too low: each busy
 * process kept climbing into a 429 a second. Now every lane steps from the same ceiling by the
 * same factor, the one sending most meets most 429s, so the shares even out and, once they fit
 * under the limit, the 429s stop.
 */
import { sleep } from 'n8n-workflow';

/** Each step down multiplies the lane's rate by this. */
export const STEP_FACTOR = 0.85;
/** A second 429 within this time of one before it means overload; a lone one is jitter. */
const OVERLOAD_WITHIN_MS = 10_000;
/** An overload this soon after the last step down takes two steps: the last one was not enough. */
const RECUR_WITHIN_MS = 3_000;
/** How long a lane goes without a 429 before it climbs back one step. */
const CLIMB_AFTER_MS = 10_000;
/** An overload this soon after a climb means the climb was one step too far: no more climbs. */
const SETTLE_WITHIN_MS = 60_000;
/** This many steps down prove the shares are set too low (jitter takes one or two): no more climbs. */
const SETTLE_AT_STEPS = 3;
/** How long no request may have waited for its slot before the lane forgets its steps. */
const FORGET_AFTER_MS = 60_000;
const MIN_PER_SECOND = 1;

interface Lane {
	/** The next free slot. */
	next: number;
	/** Counts the 429 holds: a slot handed out before the latest one is void. */
	holds: number;
	holdUntil: number;
	steps: number;
	/** When the lane last stepped down or climbed (undefined: never), and last met a 429. */
	movedAt: number | undefined;
	climbedAt: number | undefined;
	refusedAt: number | undefined;
	/** The 429s of the last OVERLOAD_WITHIN_MS that did not answer a request sent before a hold. */
	refusals: number[];
	/** A climb met overload: the lane keeps its rate until it rests. */
	settled: boolean;
	/** The lane took SETTLE_AT_STEPS steps: the shares are set too low, and any 429 means they do not fit yet. */
	contended: boolean;
	/** When a request last had to wait for its slot. */
	queuedAt: number | undefined;
}

const lanes = new Map<string, Lane>();

function laneOf(key: string): Lane {
	let lane = lanes.get(key);
	if (!lane) {
		lane = {
			next: 0,
			holds: 0,
			holdUntil: 0,
			steps: 0,
			movedAt: undefined,
			climbedAt: undefined,
			refusedAt: undefined,
			refusals: [],
			settled: false,
			contended: false,
			queuedAt: undefined,
		};
		lanes.set(key, lane);
	}
	return lane;
}

/** The lane's rate: its ceiling, lowered by one factor per step down. */
export function currentRate(key: string, ceiling: number): number {
	const { steps } = laneOf(key);
	return steps
		? Math.max(Math.min(ceiling, MIN_PER_SECOND), ceiling * STEP_FACTOR ** steps)
		: ceiling;
}

/** Climbs back a step after a quiet spell, or forgets every step once the lane's load paused. */
function adjust(lane: Lane, t: number): void {
	if (!lane.steps || lane.movedAt === undefined) return;
	const quietSince = Math.max(lane.movedAt, lane.refusedAt ?? -Infinity);
	if (
		t - quietSince >= FORGET_AFTER_MS &&
		(lane.queuedAt === undefined || t - lane.queuedAt >= FORGET_AFTER_MS)
	) {
		lane.steps = 0;
		lane.settled = false;
		lane.contended = false;
		lane.climbedAt = undefined;
		return;
	}
	if (lane.settled || t - quietSince < CLIMB_AFTER_MS) return;
	lane.steps--;
	lane.movedAt = t;
	lane.climbedAt = t;
}

/** Waits for this request's slot: slots are `1000 / rate` ms apart for one key. */
export async function paceRequest(
	key: string,
	ceilingPerSecond: number,
	signal?: AbortSignal,
	now: () => number = Date.now,
): Promise<void> {
	const lane = laneOf(key);
	for (;;) {
		const t = now();
		adjust(lane, t);
		const slot = Math.max(t, lane.next);
		lane.next = slot + 1000 / currentRate(key, ceilingPerSecond);
		if (slot <= t) return;
		lane.queuedAt = t;
		const holds = lane.holds;
		await sleep(slot - t, signal);
		if (lane.holds === holds) return;
		// A 429 came while this request waited: its slot may lie inside the hold.
	}
}

/**
 * After a 429: every request on this key waits until `untilMs`, including those already given a
 * slot. A second 429 soon after the first means the platform counts more requests than the shares
 * allow (other processes send with the token): then the lane steps down.
 */
export function slowDown(key: string, untilMs: number, nowMs: number = Date.now()): void {
	const lane = laneOf(key);
	// No request leaves during a hold: a 429 now answers one sent before it, and tells nothing new.
	const echo = nowMs < lane.holdUntil;
	lane.holds++;
	lane.holdUntil = Math.max(lane.holdUntil, untilMs);
	lane.next = lane.holdUntil;
	if (echo) return;
	lane.refusedAt = nowMs;
	lane.refusals = lane.refusals.filter((at) => nowMs - at <= OVERLOAD_WITHIN_MS);
	lane.refusals.push(nowMs);
	if (lane.refusals.length < 2 && !lane.contended) return;
	lane.refusals = [];
	if (lane.climbedAt !== undefined && nowMs - lane.climbedAt < SETTLE_WITHIN_MS)
		lane.settled = true;
	lane.steps +=
		lane.movedAt !== undefined &&
		lane.climbedAt !== lane.movedAt &&
		nowMs - lane.movedAt < RECUR_WITHIN_MS
			? 2
			: 1;
	if (lane.steps >= SETTLE_AT_STEPS) lane.contended = lane.settled = true;
	lane.movedAt = nowMs;
}

/** For tests. */
export function resetPacing(): void {
	lanes.clear();
}

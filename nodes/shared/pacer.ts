/**
 * Keeps requests per token under a platform's rate limit. The state lives at module level, so
 * every item and every concurrent execution in one n8n process shares a token's lane.
 *
 * Several processes (queue-mode workers) cannot see each other's lanes, and the package has no
 * shared store. Two things keep them under the limit together:
 * - a fixed share: the credential says how many processes send with the token, and each lane's
 *   ceiling is the documented rate divided by that number;
 * - repeated 429s prove someone else is spending the budget: the lane's rate drops by 15% (at most
 *   once a second, so one burst of refusals counts once) and climbs back linearly to its ceiling.
 *   A lone 429 (timing jitter at the edge of the platform's window) only holds the lane.
 */
import { sleep } from 'n8n-workflow';

/** How much a 429 cuts the rate, and how fast it recovers (requests/s gained per second). */
export const CUT_FACTOR = 0.85;
export const RECOVERY_PER_SECOND = 2;
const MIN_PER_SECOND = 1;
const CUT_AT_MOST_EVERY_MS = 1000;
/** A lone 429 is jitter at the edge of the window; a second within this time means overload. */
const OVERLOAD_WITHIN_MS = 2000;

interface Lane {
	next: number;
	/** Rate right after the last cut, and when it happened (0: never cut). */
	cutRate: number;
	cutAt: number;
	/** When this lane last met a 429 (0: never). */
	refusedAt: number;
}

const lanes = new Map<string, Lane>();

function laneOf(key: string): Lane {
	let lane = lanes.get(key);
	if (!lane) {
		lane = { next: 0, cutRate: Infinity, cutAt: 0, refusedAt: 0 };
		lanes.set(key, lane);
	}
	return lane;
}

/** The lane's rate at `t`: its ceiling, or on the way back to it after a cut. */
export function currentRate(key: string, ceiling: number, t: number): number {
	const lane = laneOf(key);
	if (!lane.cutAt) return ceiling;
	return Math.min(ceiling, lane.cutRate + (RECOVERY_PER_SECOND * (t - lane.cutAt)) / 1000);
}

/** Waits for this request's slot: slots are `1000 / rate` ms apart for one key. */
export async function paceRequest(
	key: string,
	ceilingPerSecond: number,
	signal?: AbortSignal,
	now: () => number = Date.now,
): Promise<void> {
	const lane = laneOf(key);
	const t = now();
	const slot = Math.max(t, lane.next);
	lane.next = slot + 1000 / currentRate(key, ceilingPerSecond, slot);
	if (slot > t) await sleep(slot - t, signal);
}

/**
 * After a 429: every request on this key waits until `untilMs` (not only the refused one). A second
 * 429 soon after the first means the platform counts more requests than this process sends (other
 * processes share the token): then the lane slows down.
 */
export function slowDown(key: string, ceilingPerSecond: number, untilMs: number, nowMs: number = Date.now()): void {
	const lane = laneOf(key);
	lane.next = Math.max(lane.next, untilMs);
	const previous = lane.refusedAt;
	lane.refusedAt = nowMs;
	if (!previous || nowMs - previous > OVERLOAD_WITHIN_MS) return;
	if (nowMs - lane.cutAt < CUT_AT_MOST_EVERY_MS) return;
	lane.cutRate = Math.max(MIN_PER_SECOND, currentRate(key, ceilingPerSecond, nowMs) * CUT_FACTOR);
	lane.cutAt = nowMs;
}

/** For tests. */
export function resetPacing(): void {
	lanes.clear();
}

/**
 * Keeps requests per credential under a platform's rate limit. The state lives at module level,
 * so every item and every concurrent execution in one n8n process shares the same schedule.
 */
import { sleep } from 'n8n-workflow';

interface Lane {
	next: number;
}

const lanes = new Map<string, Lane>();

/** Waits for this request's slot: slots are `1000 / perSecond` ms apart for one key. */
export async function paceRequest(
	key: string,
	perSecond: number,
	signal?: AbortSignal,
	now: () => number = Date.now,
): Promise<void> {
	const interval = 1000 / perSecond;
	let lane = lanes.get(key);
	if (!lane) {
		lane = { next: 0 };
		lanes.set(key, lane);
	}
	const t = now();
	const slot = Math.max(t, lane.next);
	lane.next = slot + interval;
	if (slot > t) await sleep(slot - t, signal);
}

/** After a 429 every request on this key waits, not only the one that was refused. */
export function holdLane(key: string, untilMs: number): void {
	const lane = lanes.get(key) ?? { next: 0 };
	lane.next = Math.max(lane.next, untilMs);
	lanes.set(key, lane);
}

/** For tests. */
export function resetPacing(): void {
	lanes.clear();
}

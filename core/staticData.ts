/**
 * Static data a webhook() changed, saved by n8n before it answers the request.
 *
 * n8n saves a request's static data when it answers, if the data is still marked changed then.
 * n8n 2.x answers an "onReceived" webhook only after it has created the run (so a failed start is
 * never acknowledged), and creating the run builds the run's workflow over the same static data,
 * which clears that mark: the write is silently dropped (n8n 1.x answered before). Node code cannot
 * reach the mark except by writing again, so the write is repeated until the answer is on its way:
 * at each of the first microtask turns after webhook() returns (n8n clears the mark before its
 * first database query for the run) and then every millisecond. Creating the run takes database
 * round trips (and a Redis write in queue mode), so a repeat lands between the clearing and the
 * answer: n8n then saves, waits for the database, and answers. Another process that loads the
 * workflow after that answer sees the write.
 *
 * The repeats cover the way from webhook()'s return to the answer, so they are armed when the
 * webhook's own work has finished (savedBeforeAnswer), not when the write is made: until then
 * nothing clears the mark, and however long that work waits (a media download), the time limit
 * below is counted from its end.
 */
import { sleep, type IDataObject, type IWebhookFunctions } from 'n8n-workflow';

/** Microtask turns covered right after webhook() returns: n8n needs a few dozen to clear the mark. */
const MICROTASK_TURNS = 200;
/** Long after any answer: n8n answers a webhook in milliseconds once its run exists. */
const GIVE_UP_MS = 30_000;

/**
 * Runs a webhook's remaining work (after it wrote `store[key]`), then keeps the write marked changed
 * until the answer is sent, whether the work returned or threw.
 */
export async function savedBeforeAnswer<T>(
	ctx: IWebhookFunctions,
	store: IDataObject,
	key: string,
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} finally {
		void keepChangedUntilAnswered(ctx, store, key);
	}
}

/**
 * Starts the repeats now; the promise (for tests) settles once the answer is sent or the request is
 * gone. Start them when webhook() is about to return (savedBeforeAnswer).
 */
export function keepChangedUntilAnswered(
	ctx: IWebhookFunctions,
	store: IDataObject,
	key: string,
): Promise<void> {
	const res = ctx.getResponseObject();
	const done = () => res.headersSent || res.writableEnded || res.destroyed;
	// A write through the node's static data marks the workflow's static data changed (the value
	// it writes is the one already there).
	const mark = () => {
		const value = store[key];
		store[key] = value;
	};
	const repeat = async () => {
		for (let turn = 0; turn < MICROTASK_TURNS && !done(); turn++) {
			await Promise.resolve();
			if (!done()) mark();
		}
		const deadline = Date.now() + GIVE_UP_MS;
		while (!done() && Date.now() < deadline) {
			await sleep(1);
			if (!done()) mark();
		}
	};
	return repeat().catch(() => undefined);
}

/**
 * Static data a webhook() changed, saved by n8n before it answers the request.
 *
 * n8n saves a request's static data when it answers, if the data is still marked changed then.
 * n8n 2.x answers an "onReceived" webhook only after it has created the run (so a failed start is
 * never acknowledged), and creating the run builds the run's workflow over the same static data,
 * which clears that mark: the write is silently dropped (n8n 1.x answered before). Node code cannot
 * reach the mark except by writing again, so the write is repeated each millisecond until the
 * answer is on its way. Creating a run takes several database round trips (and a Redis write in
 * queue mode), so a repeat lands between the clearing and the answer: n8n then saves, waits for
 * the database, and answers. Another process that loads the workflow after that answer sees it.
 */
import { sleep, type IDataObject, type IWebhookFunctions } from 'n8n-workflow';

/** Long after any answer: n8n answers a webhook in milliseconds once its run exists. */
const GIVE_UP_MS = 30_000;

/** Resolves once the answer is on its way (callers do not wait for it: webhook() returns first). */
export async function keepChangedUntilAnswered(ctx: IWebhookFunctions, store: IDataObject, key: string): Promise<void> {
	const res = ctx.getResponseObject();
	const answered = () => res.headersSent || res.writableEnded;
	for (let waited = 0; waited < GIVE_UP_MS && !answered(); waited++) {
		await sleep(1);
		// A write through the node's static data marks the workflow's static data changed (the
		// value it writes is the one already there).
		if (!answered()) {
			const value = store[key];
			store[key] = value;
		}
	}
}

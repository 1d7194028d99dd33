'use strict';
// The one way tests, benchmarks and drills wait for another process (n8n, the simulator): look
// again every `everyMs` until the condition holds, never sleep a fixed time as synchronisation.

/** Resolves with check()'s first truthy value; rejects naming `what` after `ms`. */
async function until(check, what, ms = 30_000, everyMs = 100) {
	const end = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => (everyMs > 0 ? setTimeout(r, everyMs) : setImmediate(r)));
	}
}

module.exports = { until };

'use strict';
// Delivers platform events to a webhook URL set through the control API, and records the
// answer so tests can see whether a delivery was accepted or refused.
const { stringifyJson } = require('./json');

async function deliver(sim, platform, url, body, headers = {}) {
	const text = typeof body === 'string' ? body : stringifyJson(body);
	const record = { platform, url, at: Date.now(), status: null, error: null, body: text };
	sim.deliveries.push(record);
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...headers },
			body: text,
			signal: AbortSignal.timeout(30000),
		});
		record.status = res.status;
		record.response = (await res.text()).slice(0, 2000);
	} catch (e) {
		record.error = String(e && e.cause ? e.cause.code || e.cause.message : e);
	}
	return record;
}

module.exports = { deliver };

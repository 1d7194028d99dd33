'use strict';
// The whole-run secret scan of the e2e suites: every token, secret, SendKey and session a test
// gave n8n (or the simulator issued) must be absent from n8n's log and from every execution's
// stored data, errors included.

/** Labelled secrets of the simulator: its credentials now and when the test began, its sessions. */
function simulatorSecrets(sim, initial = sim.credentialData()) {
	const out = {};
	for (const [when, data] of [
		['at start', initial],
		['now', sim.credentialData()],
	]) {
		for (const [type, fields] of Object.entries(data)) {
			for (const field of ['accessToken', 'secret', 'sendKey', 'webhookSecret', 'apiKey'])
				if (fields[field]) out[`${type}.${field} (${when})`] = fields[field];
		}
	}
	out['fly default webhook secret'] = sim.platforms.fly.defaultSecret();
	for (const sid of sim.platforms.botTalk.sessions.keys())
		out[`botTalk session ${sid.slice(0, 4)}…`] = sid;
	return out;
}

/** n8n's log and every stored execution (with its data and errors) as one text. */
async function runRecord(n8n) {
	const list = await n8n.executions();
	const parts = [n8n.log];
	for (const e of list.results ?? list)
		parts.push(JSON.stringify(await n8n.request('GET', `/rest/executions/${e.id}`)));
	return { text: parts.join('\n'), executions: (list.results ?? list).length };
}

/** The labels of the secrets found in the text (empty when none leaked). */
function leaks(text, secrets) {
	return Object.entries(secrets)
		.filter(([, value]) => value && value.length >= 8 && text.includes(value))
		.map(([label]) => label);
}

module.exports = { simulatorSecrets, runRecord, leaks };

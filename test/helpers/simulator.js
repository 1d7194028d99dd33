'use strict';
// Starts the simulator in-process for a test file and gives typed access to its control API.
const { createSimulator } = require('../../simulator/server');

async function startSimulator() {
	const sim = createSimulator();
	await sim.listen(0);
	sim.control = async (method, p, body) => {
		const res = await fetch(`${sim.url}/_sim${p}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		return res.json();
	};
	sim.creds = () => {
		const u = sim.baseUrls();
		const c = sim.credentials();
		return {
			mpChatApi: { accessToken: c.mpChat, baseUrl: u.mpChat },
			biInkApi: { accessToken: c.biInk, baseUrl: u.biInk },
			flyApi: { accessToken: c.fly, baseUrl: u.fly, webhookSecret: '' },
			minappApi: { secret: c.minapp, baseUrl: u.minapp },
			botTalkApi: { sendKey: c.botTalk, baseUrl: u.botTalk, sessionCookie: '' },
		};
	};
	return sim;
}

module.exports = { startSimulator };

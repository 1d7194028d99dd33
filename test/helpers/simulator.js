'use strict';
// Starts the simulator in-process for a test file and gives typed access to its control API.
const { createSimulator } = require('../../simulator/server');

async function startSimulator() {
	const sim = createSimulator();
	await sim.listen(0);
	sim.control = async (method, p, body) => {
		const res = await fetch(`${sim.url}/_sim${p}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return res.json();
	};
	sim.creds = sim.credentialData;
	return sim;
}

module.exports = { startSimulator };

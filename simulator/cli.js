#!/usr/bin/env node
'use strict';
// `npm run simulator [-- --port N]`: runs the five-platform simulator until Ctrl-C.
const { createSimulator } = require('./server');

const argPort = (() => {
	const i = process.argv.indexOf('--port');
	return i > 0 ? process.argv[i + 1] : undefined;
})();
const port = Number(argPort ?? process.env.SIM_PORT ?? 8787);

createSimulator()
	.listen(port)
	.then((sim) => {
		const urls = sim.baseUrls();
		const creds = sim.credentials();
		console.log(`imbots platform simulator listening on ${sim.url}`);
		for (const k of ['mpChat', 'biInk', 'fly', 'minapp', 'botTalk'])
			console.log(`  ${k.padEnd(8)} base URL ${urls[k].padEnd(40)} secret ${creds[k]}`);
		console.log(
			`  model    base URL ${urls.model.padEnd(40)} API key ${sim.model.apiKey}  (OpenAI-compatible, scripted: docs/simulator.md)`,
		);
		console.log(`  control  ${urls.control}  (see docs/simulator.md: "Simulator control API")`);
		const stop = () => sim.close().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	})
	.catch((e) => {
		console.error(`simulator failed to start: ${e.message}`);
		process.exit(1);
	});

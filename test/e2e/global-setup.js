'use strict';
// Before any e2e file: install (first run) and verify the pinned n8n once, with its progress shown
// live. When that fails there is nothing an e2e test could boot, so the run stops here with
// ensure-n8n's own message, once, instead of every file timing out on the same cause.
const { spawn } = require('child_process');
const path = require('path');

module.exports = async function installN8nOnce() {
	const started = Date.now();
	const child = spawn('bash', [path.resolve(__dirname, '../../scripts/ensure-n8n.sh')], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', (d) => {
		stderr += d;
		process.stderr.write(d);
	});
	child.stdout.resume();
	const code = await new Promise((resolve) => child.on('close', resolve));
	if (code !== 0) {
		const reason = stderr
			.split('\n')
			.filter((l) => l.startsWith('[ensure-n8n]'))
			.slice(-4)
			.join('\n');
		throw new Error(`n8n could not be installed, so no e2e test can run:\n${reason}`);
	}
	process.stderr.write(`[e2e] n8n ready after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
};

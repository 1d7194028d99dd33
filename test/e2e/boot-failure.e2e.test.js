'use strict';
// When n8n cannot boot (here: its port is taken), the setup that started it fails once with n8n's
// reason and leaves nothing behind: no n8n process, no simulator listening, so jest ends by itself.
const net = require('net');
const { startRig } = require('../../bench/harness');

jest.setTimeout(5 * 60 * 1000);

const listening = () =>
	process._getActiveHandles().filter((h) => h instanceof net.Server && h.listening).length;

let blocker;
afterAll(() => new Promise((r) => (blocker ? blocker.close(r) : r())));

test('a rig whose n8n cannot take its port rejects with the reason and closes the simulator it started', async () => {
	blocker = net.createServer();
	await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
	const before = listening();
	const failure = await startRig({ env: { N8N_PORT: String(blocker.address().port) } }).then(
		() => null,
		(e) => e,
	);
	expect(failure).toBeInstanceOf(Error);
	expect(failure.message).toMatch(/^n8n start exited with 1 during start/);
	expect(failure.message).toMatch(
		new RegExp(
			`${blocker.address().port}.*(in use|EADDRINUSE)|(in use|EADDRINUSE).*${blocker.address().port}`,
			'i',
		),
	);
	expect(listening()).toBe(before);
});

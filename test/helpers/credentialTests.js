'use strict';
// n8n's credential test for each credential type, against the simulator: it passes with the
// simulator's secret and fails with a wrong one, and the failure is the platform refusing that
// secret (the simulator recorded the refused request), not something before the request.

/** A wrong secret per credential type. */
const WRONG = {
	mpChatApi: { accessToken: '1:wrong-token' },
	biInkApi: { accessToken: 'wrong-token' },
	flyApi: { accessToken: 'wrong-token' },
	minappApi: { secret: 'wrong-secret' },
	botTalkApi: { sendKey: 'ffffffffffffffffffffffffffffffff' },
};

/** The request each wrong credential's test sent, as the simulator recorded it (and refused it). */
const WRONG_REQUEST = {
	mpChatApi: (j) =>
		j.platform === 'mpChat' && j.method === 'GET' && j.path === '/bot1:wrong-token/getMe',
	biInkApi: (j) =>
		j.platform === 'biInk' &&
		j.path === '/bot/getme' &&
		j.headers.authorization === 'Bearer wrong-token',
	flyApi: (j) =>
		j.platform === 'fly' &&
		j.path === '/api/v1/s/bot/files/batch_access' &&
		j.headers.authorization === 'Bearer wrong-token',
	minappApi: (j) =>
		j.platform === 'minapp' && j.path === '/api/users' && j.query.secret === 'wrong-secret',
	botTalkApi: (j) =>
		j.platform === 'botTalk' &&
		j.path === '/api/auth/login' &&
		(j.text ?? '').includes('ffffffffffffffffffffffffffffffff'),
};

/** Creates a right and a wrong credential of `type` in n8n and runs n8n's test on each. */
async function testRightAndWrong(n8n, sim, type, creds) {
	const good = await n8n.createCredential(type, creds[type], `${type} good`);
	const right = await n8n.testCredential({ id: good.id, name: good.name, type, data: creds[type] });
	const data = { ...creds[type], ...WRONG[type] };
	const bad = await n8n.createCredential(type, data, `${type} wrong`);
	const wrong = await n8n.testCredential({ id: bad.id, name: bad.name, type, data });
	return { right, wrong, refusedByPlatform: sim.journal.some(WRONG_REQUEST[type]), good };
}

module.exports = { WRONG, WRONG_REQUEST, testRightAndWrong };

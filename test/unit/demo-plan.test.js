'use strict';
// npm start's choice between the simulator and the user's own accounts (token variables).
const { credentialPlan } = require('../../scripts/demo');
const { createSimulator } = require('../../simulator/server');

const simData = createSimulator().credentialData();

test('without token variables every platform uses the simulator', () => {
	const plan = credentialPlan(simData, {});
	for (const c of Object.values(plan))
		expect(c).toMatchObject({
			source: 'simulator',
			name: `${c.type} (simulator)`,
			data: simData[c.type],
		});
});

test('a token variable switches that platform only; an unset base URL falls back to the credential default', () => {
	const plan = credentialPlan(simData, {
		MPCHAT_BOT_TOKEN: '42:real',
		BOTTALK_SENDKEY: 'k'.repeat(32),
		BOTTALK_BASE_URL: 'https://push.example.com',
	});
	expect(plan.mpChatApi).toMatchObject({
		source: 'environment',
		envVar: 'MPCHAT_BOT_TOKEN',
		name: 'mpChatApi (your account)',
		data: { accessToken: '42:real' },
	});
	expect(plan.mpChatApi.data).not.toHaveProperty('baseUrl');
	expect(plan.botTalkApi.data).toMatchObject({
		sendKey: 'k'.repeat(32),
		baseUrl: 'https://push.example.com',
	});
	expect(plan.flyApi.source).toBe('simulator');
});

test('Fly needs its base URL with its token, and the error names the variable', () => {
	expect(() => credentialPlan(simData, { FLY_BOT_TOKEN: 't' })).toThrow(/set FLY_BASE_URL/);
	expect(
		credentialPlan(simData, { FLY_BOT_TOKEN: 't', FLY_BASE_URL: 'https://fly.example.com' }).flyApi
			.data,
	).toMatchObject({ accessToken: 't', baseUrl: 'https://fly.example.com' });
});

test('a workflow saved with the old single package is moved to the five packages; other nodes stay', () => {
	const { useFivePackages, readExamples } = require('../../scripts/demo');
	const workflow = {
		nodes: [
			{ type: 'n8n-nodes-imbots.flyPollingTrigger' },
			{ type: 'n8n-nodes-imbots.biInk' },
			{ type: 'n8n-nodes-base.if' },
			{ type: 'n8n-nodes-bottalk.botTalk' },
		],
	};
	expect(useFivePackages(workflow)).toBe(true);
	expect(workflow.nodes.map((n) => n.type)).toEqual([
		'n8n-nodes-fly.flyPollingTrigger',
		'n8n-nodes-biink.biInk',
		'n8n-nodes-base.if',
		'n8n-nodes-bottalk.botTalk',
	]);
	expect(useFivePackages(workflow)).toBe(false);
	// The examples already name the five packages' node types.
	for (const { file, workflow: example } of readExamples())
		expect([file, useFivePackages(example)]).toEqual([file, false]);
});

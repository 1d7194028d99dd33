'use strict';
// Images and long answers with n8n's AI Agent, in a running n8n (packages installed from their
// tarballs) against the simulator, whose scripted model stands in for the model only:
// - a photo sent to the bot reaches the model: the trigger's Download Media puts it on the item as
//   binary data, and the agent (its "Automatically Passthrough Binary Images" on by default) hands
//   it to the model, which receives exactly the bytes the platform served. Fly through the
//   Responses API (the OpenAI Chat Model's default), minapp's image cdn through Chat Completions.
// - an answer longer than the platform accepts goes out in parts, in order, through the reply's
//   Split Long Text at.
const crypto = require('crypto');
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { conversationOf } = require('../../simulator/model');
const { nodeType: type } = require('../helpers/packages');

jest.setTimeout(10 * 60 * 1000);

let n8n;
let sim;
const cred = {};

beforeAll(async () => {
	sim = await startSimulator();
	const creds = sim.creds();
	n8n = await startN8n({ tarballs: packPackages(['fly', 'minapp']) });
	await n8n.setupOwner();
	Object.assign(cred, await n8n.createCredentials(creds, ['flyApi', 'minappApi', 'openAiApi']));
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

const SPLIT_AT = 300;
const fromTrigger = (field) => `={{ $('Trigger').item.json.event.chat.${field} }}`;

const PLATFORMS = {
	fly: {
		trigger: {
			type: type('flyPollingTrigger'),
			credentials: () => cred.flyApi,
			parameters: {
				updates: ['message'],
				options: { downloadMedia: true, allowPrivateAddresses: true },
			},
		},
		// Nothing but the credential: n8n's defaults (the Responses API).
		model: {},
		reply: {
			type: type('fly'),
			credentials: () => cred.flyApi,
			parameters: {
				resource: 'message',
				operation: 'send',
				sendTo: 'eventChat',
				chatId: fromTrigger('id'),
				chatType: fromTrigger('type'),
				msgType: 'text',
				content: '={{ $json.output }}',
				options: { splitAt: SPLIT_AT },
			},
		},
		chat: 'u_81',
		sendPhoto: async (bytes, caption) =>
			sim.platforms.fly.inject({
				userId: 'u_81',
				caption,
				media: { kind: 'image', name: 'photo.png', mimeType: 'image/png', bytes },
			}),
		say: async (text) => sim.platforms.fly.inject({ userId: 'u_81', text }),
		texts: () =>
			sim.platforms.fly.sent.filter((m) => m.to_user_id === 'u_81').map((m) => m.data.content),
	},
	minapp: {
		trigger: {
			type: type('minappTrigger'),
			typeVersion: 1.1,
			credentials: () => cred.minappApi,
			parameters: { events: [], options: { downloadMedia: true, allowPrivateAddresses: true } },
		},
		model: {
			model: { __rl: true, mode: 'id', value: 'scripted-model' },
			responsesApiEnabled: false,
			options: {},
		},
		reply: {
			type: type('minapp'),
			credentials: () => cred.minappApi,
			parameters: {
				resource: 'message',
				operation: 'send',
				conversation: { __rl: true, mode: 'id', value: fromTrigger('id') },
				msgtype: 'text',
				content: '={{ $json.output }}',
				options: { splitAt: SPLIT_AT },
			},
		},
		chat: 'wm_user_alice',
		// minapp's image message carries no caption: the agent's prompt is empty, the image is all.
		sendPhoto: async (bytes) =>
			expect(
				(
					await sim.platforms.minapp.inject({
						msgtype: 'image',
						conversationId: 'wm_user_alice',
						media: { name: 'photo.jpg', mimeType: 'image/jpeg', bytes },
					})
				).delivery.status,
			).toBe(200),
		say: async (text) =>
			expect(
				(await sim.platforms.minapp.inject({ conversationId: 'wm_user_alice', text })).delivery
					.status,
			).toBe(200),
		texts: () =>
			sim.platforms.minapp.sent
				.filter((m) => m.conversation_id === 'wm_user_alice')
				.map((m) => m.text.content),
	},
};

/** Trigger → AI Agent (scripted model, every agent parameter as n8n sets it) → Reply. */
async function assistant(platform, spec) {
	const node = (id, name, n, position) => ({
		id: `${platform}-${id}`,
		name,
		typeVersion: n.typeVersion ?? 1,
		position,
		credentials: n.credentials(),
		type: n.type,
		parameters: n.parameters,
	});
	const nodes = [
		{ ...node('t', 'Trigger', spec.trigger, [0, 0]), webhookId: `media-${platform}` },
		{
			id: `${platform}-a`,
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [300, 0],
			parameters: {},
		},
		{
			id: `${platform}-m`,
			name: 'Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			position: [200, 250],
			credentials: cred.openAiApi,
			parameters: spec.model,
		},
		node('r', 'Reply', spec.reply, [600, 0]),
	];
	const connections = {
		Trigger: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		Model: { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
		'AI Agent': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] },
	};
	const wf = await n8n.createWorkflow({
		name: `Media assistant (${platform})`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	});
	await n8n.activate(wf);
	return wf;
}

/** The model's requests so far, each as its conversation (both APIs in one shape) and its raw body. */
const modelRequests = () =>
	sim.journal
		.filter((r) => r.platform === 'model' && r.body)
		.map((r) => ({
			api: r.path === '/chat/completions' ? 'chat' : 'responses',
			...conversationOf(r.path === '/chat/completions' ? 'chat' : 'responses', r.body),
			body: r.body,
		}));

// An answer of 12 paragraphs, about 1,100 characters: more than one message at SPLIT_AT.
const LONG = Array.from(
	{ length: 12 },
	(_, i) => `Paragraph ${i + 1}. The agent explains at length; 第${i + 1}段，中文也在这里。`,
).join('\n\n');

describe.each(Object.keys(PLATFORMS))('%s', (platform) => {
	const spec = PLATFORMS[platform];
	let wf;
	let runs = 0;

	beforeAll(async () => {
		wf = await assistant(platform, spec);
		if (platform === 'minapp') {
			await n8n.webhookWhenLive('media-minapp/minapp', {
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			});
			sim.platforms.minapp.webhookUrl = `${n8n.url}/webhook/media-minapp/minapp`;
		}
	});

	test("a photo reaches the model: the exact bytes the platform served, as an image of the message's turn", async () => {
		await sim.control('POST', '/model/rules', []);
		// A PNG signature, then random bytes: exact bytes are the test, not pixels.
		const bytes = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), crypto.randomBytes(6000)]);
		const caption = platform === 'fly' ? 'what is in this picture?' : '';
		const before = spec.texts().length;
		await spec.sendPhoto(bytes, caption);
		runs++;
		const reply = await until(
			() => spec.texts()[before],
			`${platform}: the agent's answer to the photo`,
			60_000,
		);
		const mime = platform === 'fly' ? 'image/png' : 'image/jpeg';
		expect(reply).toBe(
			`You said "${caption}". I see ${mime}, ${bytes.length} bytes. Nothing earlier.`,
		);
		const request = modelRequests()
			.filter((r) => r.turns.some((t) => t.images))
			.at(-1);
		expect(request.api).toBe(platform === 'fly' ? 'responses' : 'chat');
		const turn = request.turns.find((t) => t.images);
		expect(turn.text).toBe(caption);
		expect(turn.images).toEqual([{ mimeType: mime, base64: bytes.toString('base64') }]);
		expect((await n8n.settledExecutions(wf.id, runs)).map((e) => e.status)).toEqual(
			Array(runs).fill('success'),
		);
	});

	test('a long answer goes out in parts, in order, each within Split Long Text at', async () => {
		await sim.control('POST', '/model/rules', [{ when: '^explain', reply: { text: LONG } }]);
		const before = spec.texts().length;
		await spec.say('explain it all');
		runs++;
		await n8n.settledExecutions(wf.id, runs);
		const parts = spec.texts().slice(before);
		expect(parts.length).toBeGreaterThan(2);
		for (const part of parts) {
			expect(part.length).toBeLessThanOrEqual(SPLIT_AT);
			expect(part).toMatch(/^Paragraph \d+\./);
		}
		expect(parts.join('\n\n')).toBe(LONG);
		expect((await n8n.settledExecutions(wf.id, runs)).map((e) => e.status)).toEqual(
			Array(runs).fill('success'),
		);
	});
});

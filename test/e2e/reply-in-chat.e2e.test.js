'use strict';
// "Reply in the Triggering Chat" in a running n8n (installed from the tarball) against the
// simulator and its scripted model: per platform with chats, trigger → AI Agent (model, Simple
// Memory) → the reply node with every parameter at its default but the text `{{ $json.output }}`.
// A message in a group and one in a private chat are each answered in their own chat, although
// the agent outputs only `{output}`: the reply node follows n8n's paired items back to the
// trigger. An item that leads to no event of the reply's platform (an MPChat trigger feeding a
// Fly reply) fails the run with an error naming the option, and sends nothing.
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { nodeType: type, dist } = require('../helpers/packages');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));

jest.setTimeout(15 * 60 * 1000);

let n8n;
let sim;
let creds;
const cred = {};

beforeAll(async () => {
	sim = await startSimulator();
	creds = sim.creds();
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
	Object.assign(
		cred,
		await n8n.createCredentials(creds, [
			'mpChatApi',
			'biInkApi',
			'flyApi',
			'minappApi',
			'openAiApi',
		]),
	);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

const sentTo = (platform) => sim.platforms[platform].sent;
const answerTo = (text) => `You said "${text}". Nothing earlier.`;

// Beyond 2^53: as a JS number it would become -1001234567890123500.
const BIG_GROUP = '-1001234567890123456';

/**
 * Each platform: its trigger, its reply node's parameters (the target left at its default), a
 * group chat and a private chat, how a user writes there, and the texts sent to a chat.
 */
const PLATFORMS = {
	mpChat: {
		trigger: { type: type('mpChatTrigger'), parameters: { updates: ['message'] } },
		reply: {
			type: type('mpChat'),
			parameters: { resource: 'message', operation: 'sendText', text: '={{ $json.output }}' },
		},
		chats: { group: BIG_GROUP, private: '5201' },
		say: async (chat, text) => sim.platforms.mpChat.inject({ chatId: chat, userId: '5201', text }),
		texts: (chat) =>
			sentTo('mpChat')
				.filter((m) => String(m.chat_id) === chat && m.method === 'sendMessage')
				.map((m) => m.text),
	},
	biInk: {
		trigger: { type: type('biInkTrigger'), typeVersion: 1.1, parameters: { events: [] } },
		reply: {
			type: type('biInk'),
			parameters: {
				resource: 'message',
				operation: 'send',
				messageType: 'text',
				content: '={{ $json.output }}',
			},
		},
		chats: { group: 'group_81', private: 'user_81' },
		say: async (chat, text) =>
			expect(
				(
					await sim.platforms.biInk.inject(
						chat.startsWith('group_')
							? { groupId: chat, userId: 'user_81', text }
							: { userId: chat, text },
					)
				).delivery.status,
			).toBe(200),
		texts: (chat) =>
			sentTo('biInk')
				.filter((m) => (chat.startsWith('group_') ? m.group_id : m.target_user_id) === chat)
				.filter((m) => !(chat.startsWith('group_') ? m.target_user_id : m.group_id))
				.map((m) => m.content),
	},
	fly: {
		trigger: { type: type('flyPollingTrigger'), parameters: { updates: ['message'] } },
		reply: {
			type: type('fly'),
			parameters: {
				resource: 'message',
				operation: 'send',
				msgType: 'text',
				content: '={{ $json.output }}',
			},
		},
		chats: { group: 'g_81', private: 'u_81' },
		say: async (chat, text) =>
			sim.platforms.fly.inject(
				chat.startsWith('g_') ? { groupId: chat, userId: 'u_81', text } : { userId: chat, text },
			),
		texts: (chat) =>
			sentTo('fly')
				.filter((m) => (chat.startsWith('g_') ? m.group_id : m.to_user_id) === chat)
				.map((m) => m.data.content),
	},
	minapp: {
		trigger: { type: type('minappTrigger'), typeVersion: 1.1, parameters: { events: [] } },
		reply: {
			type: type('minapp'),
			parameters: {
				resource: 'message',
				operation: 'send',
				msgtype: 'text',
				content: '={{ $json.output }}',
			},
		},
		chats: { group: 'wr_group_ops', private: 'wm_user_alice' },
		say: async (chat, text) =>
			expect(
				(
					await sim.platforms.minapp.inject({
						conversationId: chat,
						sender: 'wm_user_alice',
						text,
					})
				).delivery.status,
			).toBe(200),
		texts: (chat) =>
			sentTo('minapp')
				.filter((m) => m.conversation_id === chat && m.msgtype === 'text')
				.map((m) => m.text.content),
	},
};

const credentialOf = (node) =>
	cred[
		`${['mpChat', 'biInk', 'fly', 'minapp'].find((p) => node.type.split('.').pop().startsWith(p))}Api`
	];

/**
 * Trigger → AI Agent (scripted model, Simple Memory, every parameter as n8n sets it) → Reply; with
 * `tool`, that node is the agent's tool "Say here".
 */
async function assistant(name, trigger, reply, tool) {
	const n = (id, nodeName, node, position) => ({
		id: `${name}-${id}`,
		name: nodeName,
		typeVersion: 1,
		position,
		credentials: credentialOf(node),
		...node,
	});
	const wf = await n8n.createWorkflow({
		name: `Reply in the triggering chat (${name})`,
		nodes: [
			{ ...n('t', 'Trigger', trigger, [0, 0]), webhookId: `reply-${name}` },
			{
				id: `${name}-a`,
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [300, 0],
				parameters: {},
			},
			{
				id: `${name}-m`,
				name: 'Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [200, 250],
				credentials: cred.openAiApi,
				parameters: {
					model: { __rl: true, mode: 'id', value: 'scripted-model' },
					responsesApiEnabled: false,
					options: {},
				},
			},
			{
				id: `${name}-k`,
				name: 'Memory',
				type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
				typeVersion: 1.4,
				position: [300, 250],
				parameters: {},
			},
			n('r', 'Reply', reply, [600, 0]),
			...(tool ? [n('s', 'Say here', tool, [450, 250])] : []),
		],
		connections: {
			...(tool
				? { 'Say here': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] } }
				: {}),
			Trigger: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			Model: { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			Memory: { ai_memory: [[{ node: 'AI Agent', type: 'ai_memory', index: 0 }]] },
			'AI Agent': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	});
	await n8n.activate(wf);
	return wf;
}

/** Points the simulator's webhook deliveries of a webhook-trigger platform at the workflow. */
async function hookUp(platform, wf) {
	if (platform === 'biInk') {
		const secret = biInkWebhookSecret(creds.biInkApi.accessToken, wf.id, 'biInk-t');
		await n8n.webhookWhenLive('reply-biInk/bi-ink', {
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		});
		sim.platforms.biInk.webhookUrl = `${n8n.url}/webhook/reply-biInk/bi-ink?secret=${secret}`;
	}
	if (platform === 'minapp') {
		await n8n.webhookWhenLive('reply-minapp/minapp', {
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		});
		sim.platforms.minapp.webhookUrl = `${n8n.url}/webhook/reply-minapp/minapp`;
	}
}

describe.each(Object.keys(PLATFORMS))('%s', (platform) => {
	const spec = PLATFORMS[platform];
	let wf;

	beforeAll(async () => {
		await sim.control('POST', '/model/rules', []);
		// The Tool variant of the reply node, its target at the default too, the text the model's.
		const textField = 'text' in spec.reply.parameters ? 'text' : 'content';
		const tool = {
			type: `${spec.reply.type}Tool`,
			parameters: {
				...spec.reply.parameters,
				[textField]: "={{ $fromAI('text', 'What to say', 'string') }}",
			},
		};
		wf = await assistant(platform, spec.trigger, spec.reply, tool);
		await hookUp(platform, wf);
	});

	test('with nothing typed, a group message is answered in the group and a private one privately', async () => {
		for (const kind of ['group', 'private']) {
			const chat = spec.chats[kind];
			const text = `hello from the ${kind} chat`;
			await spec.say(chat, text);
			await until(
				() => spec.texts(chat).includes(answerTo(text)),
				`${platform}: the answer in the ${kind} chat ${chat}`,
				60_000,
			);
		}
		// Each answer only where its message came from.
		expect(spec.texts(spec.chats.group)).toEqual([answerTo('hello from the group chat')]);
		expect(spec.texts(spec.chats.private)).toEqual([answerTo('hello from the private chat')]);
		const runs = await n8n.settledExecutions(wf.id, 2);
		expect(runs.map((e) => e.status)).toEqual(['success', 'success']);
	});

	test("the Tool variant with its target at the default sends in the chat the agent's request came from", async () => {
		await sim.control('POST', '/model/rules', [
			{ when: '^use the tool', reply: { tool: 'Say_here', arguments: { text: 'from the tool' } } },
		]);
		const chat = spec.chats.private;
		await spec.say(chat, 'use the tool please');
		await until(
			() => spec.texts(chat).includes('from the tool'),
			`${platform}: the tool's message in the private chat ${chat}`,
			60_000,
		);
		expect(spec.texts(spec.chats.group)).not.toContain('from the tool');
		await sim.control('POST', '/model/rules', []);
	});
});

test("an item that leads to no event of the reply's platform fails naming the option, and sends nothing", async () => {
	await sim.control('POST', '/model/rules', []);
	const wf = await assistant('untraceable', PLATFORMS.mpChat.trigger, PLATFORMS.fly.reply);
	const flyBefore = sentTo('fly').length;
	// Activation returns before the trigger listens, and a trigger that joins later starts with the
	// next batch: messages go one by one until this workflow has run on one.
	let runs = null;
	for (let k = 1; k <= 20 && !runs; k++) {
		await PLATFORMS.mpChat.say('5301', `is anyone there? ${k}`);
		runs = await n8n.settledExecutions(wf.id, 1, 'a run', 5_000).catch(() => null);
	}
	expect(runs).not.toBeNull();
	const [run] = runs;
	expect(run.status).toBe('error');
	const runData = await n8n.executionRunData(run.id);
	expect(runData.Reply[0].error.message).toBe(
		'"Reply in the Triggering Chat" found no Fly chat for item 0',
	);
	expect(sentTo('fly').length).toBe(flyBefore);
});

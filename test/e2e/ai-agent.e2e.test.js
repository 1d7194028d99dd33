'use strict';
// n8n's AI Agent on each platform, in a running n8n (installed from the tarball) against the
// simulator, whose scripted model (simulator/model.js) stands in for the model only: n8n's own
// OpenAI Chat Model node reaches it through its credential's Base URL, and the agent, Simple
// Memory, the tool runs and human approval are all real n8n. Per platform: memory per chat with
// every default left as it is; each action node's Tool variant called with the model's `$fromAI`
// arguments, and a failing tool's error handed to the model with secrets redacted; a risky tool
// gated by the platform's Human-in-the-loop variant, approved and declined (bi.ink in the chat).
const { packPackages, startN8n } = require('../helpers/n8n');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { leaks, runRecord, simulatorSecrets } = require('../helpers/secrets');
const { conversationOf } = require('../../simulator/model');
const { dist, nodeType } = require('../helpers/packages');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));

jest.setTimeout(15 * 60 * 1000);

/** The package's node types, written in one place (the package may be split per platform). */
const type = nodeType;

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
			'botTalkApi',
			'openAiApi',
		]),
	);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

const setRules = (rules) => sim.control('POST', '/model/rules', rules);
const sentTo = (platform) => sim.platforms[platform].sent;
/** A form answer to a Send and Wait link, as a person's browser sends it. */
const submit = (link, choice) =>
	fetch(link, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ choice }).toString(),
	});
const fromTrigger = (field) => `={{ $('Trigger').item.json.event.chat.${field} }}`;

/**
 * Each platform's assistant: its trigger and reply, the action tool the model calls (with the
 * arguments the model chose and what the platform then holds), a fault making that tool fail
 * with the platform's secret in the platform's own error text, and a risky tool gated by the
 * platform's Human-in-the-loop tool (how its question looks and how a person answers it).
 * `model`: 'defaults' leaves every model, agent and memory parameter as n8n sets it (the
 * Responses API); 'completions' switches the model to Chat Completions.
 */
const PLATFORMS = {
	mpChat: {
		model: 'defaults',
		trigger: { type: type('mpChatTrigger'), parameters: { updates: ['message'] } },
		reply: {
			type: type('mpChat'),
			parameters: {
				resource: 'message',
				operation: 'sendText',
				chatId: fromTrigger('id'),
				text: '={{ $json.output }}',
			},
		},
		chats: ['5101', '5102', '5103', '5104'],
		say: async (chat, text) => sim.platforms.mpChat.inject({ chatId: chat, text }),
		texts: (chat) =>
			sentTo('mpChat')
				.filter((m) => m.chat_id === chat && m.method === 'sendMessage')
				.map((m) => m.text),
		tool: {
			node: {
				type: type('mpChatTool'),
				parameters: {
					resource: 'message',
					operation: 'sendMedia',
					chatId: '={{ $json.event.chat.id }}',
					mediaType: 'photo',
					source: 'url',
					url: "={{ $fromAI('url', 'The photo URL', 'string') }}",
					caption: "={{ $fromAI('caption', 'The caption', 'string') }}",
				},
			},
			arguments: { url: 'https://img.invalid/cat.png', caption: 'A cat, 一只猫' },
			received: () =>
				sentTo('mpChat')
					.filter((m) => m.method === 'sendPhoto')
					.map((m) => ({ url: m.file.url, caption: m.caption })),
			fault: (secret) => ({
				platform: 'mpChat',
				path: '/sendPhoto',
				status: 400,
				body: {
					ok: false,
					error_code: 400,
					description: `Bad Request: photo refused for bot${secret}`,
				},
			}),
			secret: () => creds.mpChatApi.accessToken,
		},
		gate: {
			hitl: { type: type('mpChatHitlTool'), parameters: { chatId: '={{ $json.event.chat.id }}' } },
			gated: {
				type: type('mpChatTool'),
				parameters: {
					resource: 'message',
					operation: 'sendText',
					chatId: '-100777',
					text: "={{ $fromAI('text', 'The announcement', 'string') }}",
				},
			},
			posted: () =>
				sentTo('mpChat')
					.filter((m) => m.chat_id === '-100777')
					.map((m) => m.text),
			// URL buttons open the answer page with the choice preselected.
			questions: (chat) =>
				sentTo('mpChat').filter(
					(m) => m.chat_id === chat && m.reply_markup?.inline_keyboard?.[0]?.[0]?.url,
				),
			questionText: (q) => q.text,
			link: (q) => q.reply_markup.inline_keyboard[0][0].url,
			answer: async (q, choice) =>
				expect(
					(
						await submit(
							q.reply_markup.inline_keyboard[0][choice === 'approve' ? 0 : 1].url,
							choice,
						)
					).status,
				).toBe(200),
		},
	},
	biInk: {
		model: 'completions',
		trigger: { type: type('biInkTrigger'), typeVersion: 1.1, parameters: { events: [] } },
		reply: {
			type: type('biInk'),
			parameters: {
				resource: 'message',
				operation: 'send',
				sendTo: 'eventChat',
				chatId: fromTrigger('id'),
				chatType: fromTrigger('type'),
				messageType: 'text',
				content: '={{ $json.output }}',
			},
		},
		chats: ['user_61', 'user_62', 'user_63', 'user_64'],
		say: async (chat, text) =>
			expect((await sim.platforms.biInk.inject({ userId: chat, text })).delivery.status).toBe(200),
		// The agent's answers: neither its questions (with buttons) nor what its tool sent there.
		texts: (chat) =>
			sentTo('biInk')
				.filter((m) => m.target_user_id === chat && !m.extra && m.content !== '你好 from the tool')
				.map((m) => m.content),
		tool: {
			// Sent where the event came from: the tool's input item is the trigger's.
			node: {
				type: type('biInkTool'),
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'eventChat',
					messageType: 'text',
					content: "={{ $fromAI('text', 'What to say', 'string') }}",
				},
			},
			arguments: { text: '你好 from the tool' },
			received: () =>
				sentTo('biInk')
					.filter((m) => m.content === '你好 from the tool')
					.map((m) => ({ text: m.content })),
			fault: (secret) => ({
				platform: 'biInk',
				path: '/bot/sendmessage',
				status: 400,
				body: { code: 400, msg: `content refused for token ${secret}` },
			}),
			secret: () => creds.biInkApi.accessToken,
		},
		gate: {
			hitl: { type: type('biInkHitlTool'), parameters: { sendTo: 'eventChat' } },
			gated: {
				type: type('biInkTool'),
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'ids',
					groupId: 'group_announce',
					userId: '',
					messageType: 'text',
					content: "={{ $fromAI('text', 'The announcement', 'string') }}",
				},
			},
			posted: () =>
				sentTo('biInk')
					.filter((m) => m.group_id === 'group_announce')
					.map((m) => m.content),
			questions: (chat) => sentTo('biInk').filter((m) => m.target_user_id === chat && m.extra),
			questionText: (q) => q.content,
			// The link is added by an edit right after the send (it names the sent message).
			link: (q) => q.content.match(/http\S+webhook-waiting\S+/)?.[0],
			// Pressed in the chat: the press reaches the bot's webhook, the bi.ink Trigger relays it.
			answer: async (q, choice) => {
				const data = q.extra.inline_keyboard[0][choice === 'approve' ? 0 : 1].callback_data;
				const { event, delivery } = await sim.platforms.biInk.inject({
					kind: 'callback',
					userId: q.target_user_id,
					messageId: q.message_id,
					callbackData: data,
				});
				expect(delivery.status).toBe(200);
				expect(
					await until(
						() => sim.platforms.biInk.callbacks.get(event.callback_id).answer,
						'the answer to the press',
					),
				).toMatchObject({ text: `${choice === 'approve' ? 'Approve' : 'Decline'} ✓` });
			},
		},
	},
	fly: {
		model: 'defaults',
		trigger: { type: type('flyPollingTrigger'), parameters: { updates: ['message'] } },
		reply: {
			type: type('fly'),
			parameters: {
				resource: 'message',
				operation: 'send',
				sendTo: 'eventChat',
				chatId: fromTrigger('id'),
				chatType: fromTrigger('type'),
				msgType: 'text',
				content: '={{ $json.output }}',
			},
		},
		chats: ['u_71', 'u_72', 'u_73', 'u_74', 'u_75', 'u_76'],
		say: async (chat, text) => sim.platforms.fly.inject({ userId: chat, text }),
		texts: (chat) =>
			sentTo('fly')
				.filter((m) => m.to_user_id === chat)
				.map((m) => m.data.content),
		tool: {
			// Two arguments, both the model's: the group and the text.
			node: {
				type: type('flyTool'),
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'ids',
					groupId: "={{ $fromAI('group', 'The group ID', 'string') }}",
					userId: '',
					msgType: 'text',
					content: "={{ $fromAI('text', 'What to say', 'string') }}",
				},
			},
			arguments: { group: 'g_team', text: 'Stand-up at 10' },
			received: () =>
				sentTo('fly')
					.filter((m) => m.group_id === 'g_team')
					.map((m) => ({ group: m.group_id, text: m.data.content })),
			fault: (secret) => ({
				platform: 'fly',
				path: '/api/v1/s/bot/send',
				status: 400,
				body: { code: 40000, message: `refused: Authorization: Bearer ${secret}` },
			}),
			secret: () => creds.flyApi.accessToken,
		},
		gate: {
			hitl: { type: type('flyHitlTool'), parameters: { sendTo: 'eventChat' } },
			gated: {
				type: type('flyTool'),
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'ids',
					groupId: 'g_announce',
					userId: '',
					msgType: 'text',
					content: "={{ $fromAI('text', 'The announcement', 'string') }}",
				},
			},
			posted: () =>
				sentTo('fly')
					.filter((m) => m.group_id === 'g_announce')
					.map((m) => m.data.content),
			questions: (chat) =>
				sentTo('fly').filter(
					(m) => m.to_user_id === chat && /webhook-waiting/.test(m.data.content),
				),
			questionText: (q) => q.data.content,
			link: (q) => q.data.content.match(/http\S+$/)[0],
			answer: async (q, choice) =>
				expect((await submit(q.data.content.match(/http\S+$/)[0], choice)).status).toBe(200),
		},
	},
	minapp: {
		model: 'completions',
		trigger: { type: type('minappTrigger'), typeVersion: 1.1, parameters: { events: [] } },
		reply: {
			type: type('minapp'),
			parameters: {
				resource: 'message',
				operation: 'send',
				conversation: { __rl: true, mode: 'id', value: fromTrigger('id') },
				msgtype: 'text',
				content: '={{ $json.output }}',
			},
		},
		chats: ['wm_user_zhangsan', 'wm_user_alice', 'wr_group_ops', 'wr_group_dev'],
		say: async (chat, text) =>
			expect(
				(
					await sim.platforms.minapp.inject({
						conversationId: chat,
						sender: 'wm_user_zhangsan',
						text,
					})
				).delivery.status,
			).toBe(200),
		texts: (chat) =>
			sentTo('minapp')
				.filter((m) => m.conversation_id === chat && m.msgtype === 'text')
				.map((m) => m.text.content),
		tool: {
			node: {
				type: type('minappTool'),
				parameters: {
					resource: 'message',
					operation: 'send',
					conversation: { __rl: true, mode: 'id', value: '={{ $json.event.chat.id }}' },
					msgtype: 'link',
					title: "={{ $fromAI('title', 'The link title', 'string') }}",
					url: "={{ $fromAI('url', 'The link', 'string') }}",
				},
			},
			arguments: { title: 'Release notes', url: 'https://example.com/notes' },
			received: () =>
				sentTo('minapp')
					.filter((m) => m.msgtype === 'link' && !/webhook-waiting/.test(m.link.url))
					.map((m) => ({ title: m.link.title, url: m.link.url })),
			fault: (secret) => ({
				platform: 'minapp',
				path: '/api/send',
				status: 400,
				body: { code: 40003, message: `link refused (secret=${secret})` },
			}),
			secret: () => creds.minappApi.secret,
		},
		gate: {
			hitl: {
				type: type('minappHitlTool'),
				parameters: {
					conversation: { __rl: true, mode: 'id', value: '={{ $json.event.chat.id }}' },
				},
			},
			gated: {
				type: type('minappTool'),
				parameters: {
					resource: 'message',
					operation: 'send',
					conversation: { __rl: true, mode: 'id', value: 'wr_group_announce' },
					msgtype: 'text',
					content: "={{ $fromAI('text', 'The announcement', 'string') }}",
				},
			},
			posted: () =>
				sentTo('minapp')
					.filter((m) => m.conversation_id === 'wr_group_announce')
					.map((m) => m.text.content),
			// A link card: the question is its title, the answer page its link.
			questions: (chat) =>
				sentTo('minapp').filter(
					(m) =>
						m.conversation_id === chat &&
						m.msgtype === 'link' &&
						/webhook-waiting/.test(m.link.url),
				),
			questionText: (q) => q.link.title,
			link: (q) => q.link.url,
			answer: async (q, choice) => expect((await submit(q.link.url, choice)).status).toBe(200),
		},
	},
};

/** BotTalk has no trigger: its Tool and Human-in-the-loop variants join the Fly assistant. */
const BOTTALK = {
	tool: {
		node: {
			type: type('botTalkTool'),
			parameters: {
				resource: 'push',
				operation: 'send',
				channel: 'default',
				title: "={{ $fromAI('title', 'The push title', 'string') }}",
				content: "={{ $fromAI('content', 'The push text', 'string') }}",
			},
		},
		arguments: { title: 'Disk 91%', content: 'Clean up /var/log' },
		received: () =>
			sentTo('botTalk')
				.filter((m) => m.title === 'Disk 91%')
				.map((m) => ({ title: m.title, content: m.content })),
		// BotTalk answers push errors with HTTP 200 and a code.
		fault: (secret) => ({
			platform: 'botTalk',
			path: '/notify',
			status: 200,
			body: { code: 40002, message: `no channel for SendKey ${secret}` },
		}),
		secret: () => creds.botTalkApi.sendKey,
	},
	gate: {
		hitl: {
			type: type('botTalkHitlTool'),
			parameters: { title: 'Approval needed', channel: 'default' },
		},
		gated: {
			type: type('flyTool'),
			parameters: {
				resource: 'message',
				operation: 'send',
				sendTo: 'ids',
				groupId: 'g_ops',
				userId: '',
				msgType: 'text',
				content: "={{ $fromAI('text', 'The message', 'string') }}",
			},
		},
		posted: () =>
			sentTo('fly')
				.filter((m) => m.group_id === 'g_ops')
				.map((m) => m.data.content),
		questions: () => sentTo('botTalk').filter((m) => m.title === 'Approval needed'),
		questionText: (q) => q.content,
		link: (q) => q.content.match(/\((http\S+)\)$/)[1],
		answer: async (q, choice) =>
			expect((await submit(q.content.match(/\((http\S+)\)$/)[1], choice)).status).toBe(200),
	},
};

const MODEL = {
	// Nothing but the credential: n8n's defaults (gpt-5-mini, the Responses API).
	defaults: {},
	completions: {
		model: { __rl: true, mode: 'id', value: 'scripted-model' },
		responsesApiEnabled: false,
		options: {},
	},
};

/** Trigger → AI Agent (model, Simple Memory, tools) → Reply; `gates` are [hitl, gated, prefix]. */
async function assistant(platform, spec, { tools = [], gates = [] } = {}) {
	const credentials = (node) =>
		cred[
			`${['mpChat', 'biInk', 'fly', 'minapp', 'botTalk'].find((p) => node.type.split('.').pop().startsWith(p))}Api`
		];
	const n = (id, name, node, position) => ({
		id: `${platform}-${id}`,
		name,
		typeVersion: 1,
		position,
		credentials: credentials(node),
		...node,
	});
	const nodes = [
		{ ...n('t', 'Trigger', spec.trigger, [0, 0]), webhookId: `ai-${platform}` },
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
			parameters: MODEL[spec.model],
		},
		{
			id: `${platform}-k`,
			name: 'Memory',
			type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
			typeVersion: 1.4,
			position: [300, 250],
			parameters: {},
		},
		n('r', 'Reply', spec.reply, [600, 0]),
	];
	const connections = {
		Trigger: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		Model: { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
		Memory: { ai_memory: [[{ node: 'AI Agent', type: 'ai_memory', index: 0 }]] },
		'AI Agent': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] },
	};
	const toAgent = (name, into = 'AI Agent') =>
		(connections[name] = { ai_tool: [[{ node: into, type: 'ai_tool', index: 0 }]] });
	tools.forEach(([name, node], i) => {
		nodes.push(n(`tool${i}`, name, node, [400 + 100 * i, 250]));
		toAgent(name);
	});
	gates.forEach(([hitlName, gatedName, gate], i) => {
		nodes.push(
			n(`hitl${i}`, hitlName, gate.hitl, [600 + 200 * i, 250]),
			n(`gated${i}`, gatedName, gate.gated, [600 + 200 * i, 450]),
		);
		toAgent(gatedName, hitlName);
		toAgent(hitlName);
	});
	// v1 runs a tool before the agent reads its result; v0 (n8n's legacy order) does not.
	const wf = await n8n.createWorkflow({
		name: `AI assistant (${platform})`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	});
	await n8n.activate(wf);
	return wf;
}

/** The model's requests so far, each as its conversation (both APIs in one shape) and its reply. */
const modelRequests = () =>
	sim.journal
		.filter((r) => r.platform === 'model' && r.body)
		.map((r) => ({
			...conversationOf(r.path === '/chat/completions' ? 'chat' : 'responses', r.body),
			reply: r.reply,
			body: r.body,
		}));

/** The newest call of a tool and the model's request that carried its result. */
function toolRound(toolName) {
	const requests = modelRequests();
	const call = requests
		.flatMap((r) => r.reply.calls ?? [])
		.filter((c) => c.name === toolName)
		.at(-1);
	const next =
		call && requests.find((r) => r.turns.some((t) => t.role === 'tool' && t.callId === call.id));
	return {
		call,
		next,
		result: next?.turns.find((t) => t.role === 'tool' && t.callId === call.id)?.text,
	};
}

/** The outputs of a node in the workflow's executions (n8n logs a tool's output under ai_tool). */
async function nodeOutputs(workflowId, nodeName) {
	const list = await n8n.executions(workflowId);
	const out = [];
	for (const e of list.results ?? list) {
		const runData = await n8n.executionRunData(e.id);
		for (const run of runData[nodeName] ?? [])
			out.push(...(run.data?.ai_tool?.[0] ?? []).map((i) => i.json));
	}
	return out;
}

/**
 * Answers once n8n saved the run as waiting: the question goes out a moment before that, and n8n
 * refuses (409) an answer to a run still running.
 */
async function answerWhenWaiting(gate, question, choice) {
	const link = await until(() => gate.link(question), "the question's link");
	const executionId = new URL(link).pathname.split('/')[2];
	await until(async () => {
		const list = await n8n.executions();
		return (list.results ?? list).find((e) => String(e.id) === executionId)?.status === 'waiting';
	}, `execution ${executionId} waiting`);
	await gate.answer(question, choice);
}

/** Runs until the workflow's runs are listed and finished, and returns their statuses. */
const statuses = async (workflowId, atLeast) =>
	(await n8n.settledExecutions(workflowId, atLeast)).map((e) => e.status);

const workflows = {};

test('the five Human-in-the-loop variants and the five Tool variants are in /types/nodes.json', async () => {
	const names = (await n8n.nodeTypes()).map((t) => t.name);
	for (const node of ['mpChat', 'biInk', 'fly', 'minapp', 'botTalk']) {
		expect(names).toContain(type(`${node}HitlTool`));
		expect(names).toContain(type(`${node}Tool`));
	}
});

describe.each(Object.keys(PLATFORMS))('%s assistant', (platform) => {
	const spec = PLATFORMS[platform];
	let wf;
	let runs = 0;
	/** The agent's answer in a chat: the reply that arrives after the `before`-th. */
	const answer = (chat, before, what = "the agent's answer") =>
		until(() => spec.texts(chat)[before], `${platform}: ${what}`, 60_000);
	async function ask(chat, text) {
		const before = spec.texts(chat).length;
		await spec.say(chat, text);
		runs++;
		return await answer(chat, before);
	}

	beforeAll(async () => {
		const extra =
			platform === 'fly'
				? {
						tools: [['Push to phone', BOTTALK.tool.node]],
						gates: [['Ask on BotTalk', 'Post to ops', BOTTALK.gate]],
					}
				: { tools: [], gates: [] };
		wf = await assistant(platform, spec, {
			tools: [['Use platform', spec.tool.node], ...extra.tools],
			gates: [['Ask approval', 'Post announcement', spec.gate], ...extra.gates],
		});
		workflows[platform] = wf;
		if (platform === 'biInk') {
			const secret = biInkWebhookSecret(creds.biInkApi.accessToken, wf.id, 'biInk-t');
			// Without the secret: refused (401) once live, so the probe starts no run.
			await n8n.webhookWhenLive('ai-biInk/bi-ink', {
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			});
			sim.platforms.biInk.webhookUrl = `${n8n.url}/webhook/ai-biInk/bi-ink?secret=${secret}`;
		}
		if (platform === 'minapp') {
			sim.platforms.minapp.groups.push({
				name: 'Announcements',
				conversation_id: 'wr_group_announce',
			});
			await n8n.webhookWhenLive('ai-minapp/minapp', {
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			});
			sim.platforms.minapp.webhookUrl = `${n8n.url}/webhook/ai-minapp/minapp`;
		}
	});

	test("memory: a chat's second answer shows its first message; another chat never sees it", async () => {
		await setRules([]);
		const [a, b] = spec.chats;
		expect(await ask(a, 'my name is Ann')).toBe('You said "my name is Ann". Nothing earlier.');
		expect(await ask(b, 'I am Bob')).toBe('You said "I am Bob". Nothing earlier.');
		expect(await ask(a, 'who am I?')).toBe(
			'You said "who am I?". Earlier you said: ["my name is Ann"].',
		);
		expect(await ask(b, 'and me?')).toBe('You said "and me?". Earlier you said: ["I am Bob"].');
		// What the model received for Ann's second message: her first turn and its answer, nothing of Bob's.
		const request = modelRequests()
			.filter((r) => r.turns.at(-1)?.text === 'who am I?')
			.at(-1);
		expect(request.turns.filter((t) => t.role !== 'system').map((t) => [t.role, t.text])).toEqual([
			['user', 'my name is Ann'],
			['assistant', 'You said "my name is Ann". Nothing earlier.'],
			['user', 'who am I?'],
		]);
		expect(request.body.model).toBe(spec.model === 'defaults' ? 'gpt-5-mini' : 'scripted-model');
		expect(await statuses(wf.id, runs)).toEqual(Array(runs).fill('success'));
	});

	test("tool: the platform receives exactly the model's arguments; a failing tool's error reaches the model redacted and the run goes on", async () => {
		const chat = spec.chats[2];
		await setRules([
			{ when: '^use the tool', reply: { tool: 'Use_platform', arguments: spec.tool.arguments } },
		]);
		const before = spec.tool.received().length;
		const done = await ask(chat, 'use the tool please');
		expect(spec.tool.received().slice(before)).toEqual([spec.tool.arguments]);
		const ok = toolRound('Use_platform');
		expect(JSON.parse(ok.call.arguments)).toEqual(spec.tool.arguments);
		// The tool's output went back to the model, and the agent's answer names it.
		expect(ok.result).toMatch(/^\[\{.+\}\]$/);
		expect(done).toBe(`Use_platform answered: ${ok.result}`);

		const secret = spec.tool.secret();
		sim.faults.push(spec.tool.fault(secret));
		const failed = await ask(chat, 'use the tool again');
		const bad = toolRound('Use_platform');
		expect(bad.call.id).not.toBe(ok.call.id);
		expect(JSON.parse(bad.result)).toEqual([{ error: expect.stringMatching(/refused.*\*\*\*/) }]);
		expect(JSON.stringify(bad.next.body)).not.toContain(secret);
		expect(failed).toBe(`Use_platform answered: ${bad.result}`);
		expect(spec.tool.received().slice(before)).toEqual([spec.tool.arguments]);
		expect(await statuses(wf.id, runs)).toEqual(Array(runs).fill('success'));
	});

	test("human in the loop: the question shows the tool's parameters; Approve runs the tool, Decline does not and the agent is told", async () => {
		const chat = spec.chats[3];
		await setRules([
			{ when: '^announce (.+)', reply: { tool: 'Post_announcement', arguments: { text: '$1' } } },
		]);
		const before = spec.texts(chat).length;
		const posted = spec.gate.posted().length;
		for (const [choice, text] of [
			['approve', 'Release 2.1 is out'],
			['decline', 'Release 3.0 is out'],
		]) {
			const asked = spec.texts(chat).length;
			const questions = spec.gate.questions(chat).length;
			await spec.say(chat, `announce ${text}`);
			runs++;
			const question = await until(
				() => spec.gate.questions(chat)[questions],
				`${platform}: the question`,
				60_000,
			);
			// n8n's default question, with the parameters as JSON (n8n itself writes "[object Object]").
			expect(spec.gate.questionText(question)).toContain(
				`The agent wants to run this tool: Post_announcement\n\nInput:\n${JSON.stringify({ text }, null, 2)}`,
			);
			await answerWhenWaiting(spec.gate, question, choice);
			const reply = await until(
				() =>
					spec
						.texts(chat)
						.slice(asked)
						.find((t) => t.startsWith('Post_announcement answered')),
				`${platform}: the answer after ${choice}`,
				60_000,
			);
			if (choice === 'approve') {
				expect(spec.gate.posted().slice(posted)).toEqual([text]);
				expect(reply).toBe(`Post_announcement answered: ${toolRound('Post_announcement').result}`);
			} else {
				expect(reply).toMatch(
					/^Post_announcement answered: \[\{"output":"User rejected the tool call to Post announcement \(id: call_\d+\)\. STOP/,
				);
			}
		}
		expect(spec.texts(chat).length).toBeGreaterThan(before);
		// Settled: both runs finished, and only the approved announcement was posted.
		expect(await statuses(wf.id, runs)).toEqual(Array(runs).fill('success'));
		expect(spec.gate.posted().slice(posted)).toEqual(['Release 2.1 is out']);
		const answers = (await nodeOutputs(wf.id, 'Ask approval')).filter(
			(o) => typeof o.approved === 'boolean',
		);
		expect(answers.map((o) => [o.approved, o.data.approved])).toEqual(
			expect.arrayContaining([
				[true, true],
				[false, false],
			]),
		);
	});

	if (platform === 'fly') {
		test("BotTalk: its Tool pushes exactly the model's arguments, its failure reaches the model redacted; its Human-in-the-loop variant asks by push and gates a Fly tool", async () => {
			const chat = spec.chats[4];
			await setRules([
				{ when: '^push', reply: { tool: 'Push_to_phone', arguments: BOTTALK.tool.arguments } },
				{ when: '^tell ops (.+)', reply: { tool: 'Post_to_ops', arguments: { text: '$1' } } },
			]);
			expect(await ask(chat, 'push the disk alert')).toBe(
				`Push_to_phone answered: ${toolRound('Push_to_phone').result}`,
			);
			expect(BOTTALK.tool.received()).toEqual([BOTTALK.tool.arguments]);
			sim.faults.push(BOTTALK.tool.fault(BOTTALK.tool.secret()));
			const failed = await ask(chat, 'push it again');
			const bad = toolRound('Push_to_phone');
			expect(JSON.parse(bad.result)).toEqual([
				{ error: expect.stringMatching(/no channel for SendKey \*\*\*/) },
			]);
			expect(JSON.stringify(bad.next.body)).not.toContain(BOTTALK.tool.secret());
			expect(failed).toBe(`Push_to_phone answered: ${bad.result}`);
			expect(BOTTALK.tool.received()).toEqual([BOTTALK.tool.arguments]);

			const posted = BOTTALK.gate.posted().length;
			for (const [choice, text] of [
				['approve', 'restart the cache'],
				['decline', 'drop the database'],
			]) {
				const asked = spec.texts(chat).length;
				const questions = BOTTALK.gate.questions().length;
				await spec.say(chat, `tell ops ${text}`);
				runs++;
				const question = await until(
					() => BOTTALK.gate.questions()[questions],
					'the BotTalk question',
					60_000,
				);
				expect(question.content).toContain(
					`The agent wants to run this tool: Post_to_ops\n\nInput:\n${JSON.stringify({ text }, null, 2)}`,
				);
				await answerWhenWaiting(BOTTALK.gate, question, choice);
				await until(
					() =>
						spec
							.texts(chat)
							.slice(asked)
							.find((t) => t.startsWith('Post_to_ops answered')),
					`the answer after ${choice}`,
					60_000,
				);
			}
			expect(await statuses(wf.id, runs)).toEqual(Array(runs).fill('success'));
			expect(BOTTALK.gate.posted().slice(posted)).toEqual(['restart the cache']);
			expect(spec.texts(chat).at(-1)).toMatch(
				/^Post_to_ops answered: \[\{"output":"User rejected the tool call to Post to ops/,
			);
		});
	}
});

test("no token, secret, SendKey or model key appears in n8n's log or in any execution's data", async () => {
	const { text, executions } = await runRecord(n8n);
	expect(executions).toBeGreaterThanOrEqual(30);
	expect(text).toContain('Release 2.1 is out'); // the executions' data really is in what is scanned
	expect(leaks(text, simulatorSecrets(sim))).toEqual([]);
});

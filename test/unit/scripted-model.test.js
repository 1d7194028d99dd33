'use strict';
// The simulator's scripted model over HTTP, in both OpenAI APIs: the memory echo, rules keyed on
// the user's text, a script, tool calls (wrapped for a Human-in-the-loop tool), the answer after a
// tool result, and what it refuses. Real n8n drives it in test/e2e/ai-agent.e2e.test.js.
const { startSimulator } = require('../helpers/simulator');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const post = async (path, body, key = sim.model.apiKey) => {
	const res = await fetch(`${sim.url}/v1${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
		body: JSON.stringify(body),
	});
	return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
};
const SEND = {
	name: 'Send_to_chat',
	parameters: { type: 'object', properties: { text: { type: 'string' } } },
};
const GATED = {
	name: 'Post_to_group',
	parameters: {
		type: 'object',
		properties: { toolParameters: { type: 'object' }, hitlParameters: { type: 'object' } },
	},
};
const chat = (messages, tools = [SEND, GATED]) =>
	post('/chat/completions', {
		model: 'scripted-model',
		messages,
		tools: tools.map((t) => ({ type: 'function', function: t })),
		stream: false,
	});
const responses = (input, tools = [SEND, GATED]) =>
	post('/responses', {
		model: 'gpt-5-mini',
		input,
		tools: tools.map((t) => ({ type: 'function', ...t })),
		stream: false,
		text: {},
	});
const said = (r) => r.body.choices?.[0].message.content ?? r.body.output[0].content[0].text;

test('the memory echo: the newest user message and every earlier one, in both APIs', async () => {
	const c = await chat([
		{ role: 'system', content: 'Be brief' },
		{ role: 'user', content: 'hi' },
		{ role: 'assistant', content: 'x' },
		{ role: 'user', content: [{ type: 'text', text: 'again' }] },
	]);
	expect(c.type).toMatch(/application\/json/);
	expect(c.body).toMatchObject({
		object: 'chat.completion',
		choices: [{ message: { role: 'assistant' }, finish_reason: 'stop' }],
	});
	expect(said(c)).toBe('You said "again". Earlier you said: ["hi"].');
	const r = await responses([{ type: 'message', role: 'user', content: 'first' }]);
	expect(r.body).toMatchObject({
		object: 'response',
		status: 'completed',
		output: [
			{ type: 'message', role: 'assistant', content: [{ type: 'output_text', annotations: [] }] },
		],
	});
	expect(said(r)).toBe('You said "first". Nothing earlier.');
});

test("a rule keyed on the user's text calls a tool with its arguments ($1 from the match); the tool's answer is then reported", async () => {
	await sim.control('POST', '/model/rules', [
		{ when: '^send (.+)', reply: { tool: 'Send_to_chat', arguments: { text: '$1!' } } },
	]);
	const c = await chat([{ role: 'user', content: 'Send hello world' }]);
	const [call] = c.body.choices[0].message.tool_calls;
	expect(c.body.choices[0].finish_reason).toBe('tool_calls');
	expect(call).toEqual({
		id: expect.stringMatching(/^call_\d+$/),
		type: 'function',
		function: { name: 'Send_to_chat', arguments: '{"text":"hello world!"}' },
	});
	const after = await chat([
		{ role: 'user', content: 'Send hello world' },
		{ role: 'assistant', content: [], tool_calls: [call] },
		{ role: 'tool', tool_call_id: call.id, content: '[{"ok":true}]' },
	]);
	expect(said(after)).toBe('Send_to_chat answered: [{"ok":true}]');

	const r = await responses([{ type: 'message', role: 'user', content: 'send hi' }]);
	expect(r.body.output).toEqual([
		{
			type: 'function_call',
			id: expect.any(String),
			call_id: expect.any(String),
			name: 'Send_to_chat',
			arguments: '{"text":"hi!"}',
			status: 'completed',
		},
	]);
	const done = await responses([
		{ type: 'message', role: 'user', content: 'send hi' },
		{
			type: 'function_call',
			name: 'Send_to_chat',
			arguments: '{"text":"hi!"}',
			call_id: r.body.output[0].call_id,
		},
		{
			type: 'function_call_output',
			call_id: r.body.output[0].call_id,
			output: '[{"error":"refused"}]',
		},
	]);
	expect(said(done)).toBe('Send_to_chat answered: [{"error":"refused"}]');
});

test("a script comes first, step by step; a gated tool's arguments are wrapped as n8n's Human-in-the-loop expects", async () => {
	await sim.control('POST', '/model/script', [
		{ tool: 'Post_to_group', arguments: { text: 'Release' } },
		{ text: 'scripted' },
	]);
	const first = await chat([{ role: 'user', content: 'anything' }]);
	expect(JSON.parse(first.body.choices[0].message.tool_calls[0].function.arguments)).toEqual({
		toolParameters: { text: 'Release' },
		hitlParameters: {},
	});
	expect(said(await chat([{ role: 'user', content: 'anything' }]))).toBe('scripted');
	expect(said(await chat([{ role: 'user', content: 'anything' }]))).toBe(
		'You said "anything". Nothing earlier.',
	);
});

test('a tool that was not offered is named in the answer (n8n would drop the call silently)', async () => {
	await sim.control('POST', '/model/rules', [{ when: '.', reply: { tool: 'Nope' } }]);
	expect(said(await chat([{ role: 'user', content: 'x' }], [SEND]))).toBe(
		'Scripted model: no tool named "Nope" was offered (offered: Send_to_chat).',
	);
});

test('refused: a wrong key (401), streaming (400), a bad rule (400); the model list; the journal keeps each request and reply', async () => {
	expect((await post('/chat/completions', { messages: [] }, 'sk-wrong')).status).toBe(401);
	expect(
		(await post('/chat/completions', { messages: [{ role: 'user', content: 'x' }], stream: true }))
			.status,
	).toBe(400);
	const bad = await fetch(`${sim.url}/_sim/model/rules`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify([{ when: '(' }]),
	});
	expect(bad.status).toBe(400);
	const models = await (
		await fetch(`${sim.url}/v1/models`, {
			headers: { Authorization: `Bearer ${sim.model.apiKey}` },
		})
	).json();
	expect(models.data.map((m) => m.id)).toEqual(['scripted-model']);
	await chat([{ role: 'user', content: 'logged' }]);
	const logged = await sim.control('GET', '/model/requests');
	expect(logged.at(-1)).toMatchObject({
		platform: 'model',
		path: '/chat/completions',
		body: { messages: [{ role: 'user', content: 'logged' }] },
		reply: { text: 'You said "logged". Nothing earlier.' },
	});
	// The platforms' request count leaves the model out.
	expect(sim.stats.requests).toBe(0);
});

test("images: the agent's image message joins the prompt's turn, in both APIs; the echo names each image's type and size", async () => {
	const { conversationOf } = require('../../simulator/model');
	const png = Buffer.from('89504e470d0a1a0a0102030405', 'hex');
	const url = `data:image/png;base64,${png.toString('base64')}`;
	const c = await chat([
		{ role: 'user', content: 'what is this?' },
		{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] },
	]);
	expect(said(c)).toBe('You said "what is this?". I see image/png, 13 bytes. Nothing earlier.');
	const r = await responses([
		{ role: 'user', content: 'and this?' },
		{ role: 'user', content: [{ type: 'input_image', image_url: url, detail: 'auto' }] },
	]);
	expect(said(r)).toBe('You said "and this?". I see image/png, 13 bytes. Nothing earlier.');
	const { turns } = conversationOf('chat', {
		messages: [
			{ role: 'user', content: '' },
			{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] },
		],
	});
	expect(turns).toEqual([
		{
			role: 'user',
			text: '',
			calls: [],
			images: [{ mimeType: 'image/png', base64: png.toString('base64') }],
		},
	]);
});

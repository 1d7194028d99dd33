'use strict';
// The scripted model: an OpenAI-compatible endpoint (Chat Completions, Responses, model list) that
// answers deterministically, so a real n8n AI Agent can run offline. It stands in for the model
// only: n8n's own OpenAI Chat Model node reaches it through its credential's Base URL
// (`<simulator>/v1`), and everything else is real n8n.
//
// What it answers, first match wins:
// 1. the next step of the script (POST /_sim/model/script), whatever the conversation holds;
// 2. when the conversation ends with tool results: a sentence naming each tool and its answer;
// 3. the first rule (POST /_sim/model/rules) whose `when` (a case-insensitive regular expression)
//    matches the newest user message; `$1`… in its strings are the expression's groups;
// 4. otherwise the memory echo: the newest user message (and the images it carried) and every
//    earlier one it was given.
// A step or rule's reply is `{text}`, `{memory: true}` (the echo), `{tool, arguments}` or
// `{toolCalls: [{name, arguments}]}`. A call to a tool that an n8n Human-in-the-loop node gates
// (its schema has `toolParameters`) gets its arguments wrapped as n8n expects, unless they already are.
const { readJson, sendJson } = require('./http');

const MODEL_ID = 'scripted-model';

/** The images in a message's content parts (both APIs' shapes), from their data URLs. */
const imagesOf = (content) => {
	if (!Array.isArray(content)) return [];
	const out = [];
	for (const part of content) {
		const url =
			part?.type === 'image_url'
				? typeof part.image_url === 'string'
					? part.image_url
					: part.image_url?.url
				: part?.type === 'input_image'
					? part.image_url
					: undefined;
		const m = /^data:([^;,]+);base64,(.*)$/s.exec(url ?? '');
		if (m) out.push({ mimeType: m[1], base64: m[2] });
		else if (url) out.push({ url });
	}
	return out;
};

const textOf = (content) => {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((p) => (typeof p === 'string' ? p : (p?.text ?? ''))).join('');
	return '';
};

/**
 * The conversation in one shape for both APIs: turns {role: user|assistant|tool|system, text,
 * images?: [{mimeType, base64} | {url}], calls?: [{id, name, arguments}], callId?} and the offered
 * tools {name, parameters}. n8n's agent sends an item's images as a user message of their own
 * right after the prompt: they join the prompt's turn.
 */
function conversationOf(api, body) {
	const turns = [];
	const tools = [];
	const userTurn = (content) => {
		const images = imagesOf(content);
		const text = textOf(content);
		const last = turns.at(-1);
		if (images.length && text === '' && last?.role === 'user')
			last.images = [...(last.images ?? []), ...images];
		else turns.push({ role: 'user', text, calls: [], ...(images.length ? { images } : {}) });
	};
	if (api === 'chat') {
		for (const m of body.messages ?? []) {
			if (m.role === 'tool')
				turns.push({ role: 'tool', text: textOf(m.content), callId: m.tool_call_id });
			else if (m.role === 'user') userTurn(m.content);
			else
				turns.push({
					role: m.role === 'developer' ? 'system' : m.role,
					text: textOf(m.content),
					calls: (m.tool_calls ?? []).map((c) => ({
						id: c.id,
						name: c.function?.name,
						arguments: c.function?.arguments,
					})),
				});
		}
		for (const t of body.tools ?? [])
			tools.push({ name: t.function?.name, parameters: t.function?.parameters ?? {} });
	} else {
		if (body.instructions) turns.push({ role: 'system', text: String(body.instructions) });
		const input =
			typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input ?? []);
		for (const item of input) {
			if (item.type === 'function_call') {
				const last = turns.at(-1);
				const call = { id: item.call_id, name: item.name, arguments: item.arguments };
				// Consecutive calls belong to one assistant turn, as in Chat Completions.
				if (last?.role === 'assistant' && last.text === '' && last.calls.length)
					last.calls.push(call);
				else turns.push({ role: 'assistant', text: '', calls: [call] });
			} else if (item.type === 'function_call_output')
				turns.push({ role: 'tool', text: textOf(item.output), callId: item.call_id });
			else if (item.role === 'user') userTurn(item.content);
			else if (item.role)
				turns.push({
					role: item.role === 'developer' ? 'system' : item.role,
					text: textOf(item.content),
					calls: [],
				});
		}
		for (const t of body.tools ?? [])
			if (t.type === 'function') tools.push({ name: t.name, parameters: t.parameters ?? {} });
	}
	return { turns, tools };
}

/** The tool results the conversation ends with, each with the name of the call it answers. */
function trailingToolResults(turns) {
	const results = [];
	for (let i = turns.length - 1; i >= 0 && turns[i].role === 'tool'; i--) results.unshift(turns[i]);
	const calls = turns.flatMap((t) => t.calls ?? []);
	return results.map((r) => ({
		...r,
		name: calls.find((c) => c.id === r.callId)?.name ?? 'a tool',
	}));
}

/** `$1`… in every string of a value, from a regular expression's match. */
function fill(value, match) {
	if (!match) return value;
	if (typeof value === 'string') return value.replace(/\$(\d)/g, (_, n) => match[Number(n)] ?? '');
	if (Array.isArray(value)) return value.map((v) => fill(v, match));
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, match)]));
	return value;
}

function create(sim) {
	const m = { id: 'model', prefix: '/v1', apiKey: 'sk-sim-scripted-model-0001', modelId: MODEL_ID };
	m.reset = () => Object.assign(m, { script: [], rules: [], nextId: 1 });
	m.reset();

	const users = (turns) => turns.filter((t) => t.role === 'user').map((t) => t.text);

	/** The reply spec for this conversation, with the rule's match for `$n`. */
	const decide = ({ turns }) => {
		if (m.script.length) return { spec: m.script.shift() };
		const results = trailingToolResults(turns);
		if (results.length)
			return { spec: { text: results.map((r) => `${r.name} answered: ${r.text}`).join('\n') } };
		const said = users(turns).at(-1) ?? '';
		for (const rule of m.rules) {
			const match = new RegExp(rule.when, 'i').exec(said);
			if (match) return { spec: rule.reply, match };
		}
		return { spec: { memory: true } };
	};

	/** {text} or {calls: [{id, name, arguments (JSON text)}]}. */
	const answer = (conversation) => {
		const { spec, match } = decide(conversation);
		const s = fill(spec ?? {}, match);
		if (s.memory) {
			const said = users(conversation.turns);
			const earlier = said.slice(0, -1);
			const images = conversation.turns.filter((t) => t.role === 'user').at(-1)?.images ?? [];
			const seen = images.length
				? ` I see ${images.map((i) => (i.base64 === undefined ? i.url : `${i.mimeType}, ${Buffer.from(i.base64, 'base64').length} bytes`)).join('; ')}.`
				: '';
			return {
				text: `You said "${said.at(-1) ?? ''}".${seen} ${earlier.length ? `Earlier you said: ${JSON.stringify(earlier)}.` : 'Nothing earlier.'}`,
			};
		}
		const wanted = s.toolCalls ?? (s.tool ? [{ name: s.tool, arguments: s.arguments }] : null);
		if (!wanted) return { text: String(s.text ?? '') };
		const offered = conversation.tools.map((t) => t.name);
		const calls = [];
		for (const w of wanted) {
			const tool = conversation.tools.find((t) => t.name === w.name);
			// n8n drops a call to a tool it did not offer without a word: say it instead.
			if (!tool)
				return {
					text: `Scripted model: no tool named "${w.name}" was offered (offered: ${offered.join(', ') || 'none'}).`,
				};
			let args = w.arguments ?? {};
			if (tool.parameters?.properties?.toolParameters && !('toolParameters' in args))
				args = { toolParameters: args, hitlParameters: {} };
			calls.push({
				id: `call_${m.nextId++}`,
				name: w.name,
				arguments: typeof args === 'string' ? args : JSON.stringify(args),
			});
		}
		return { calls };
	};

	const usage = (text) => Math.max(1, Math.ceil(text.length / 4));

	const chatCompletion = (body, reply) => {
		const message = reply.calls
			? {
					role: 'assistant',
					content: null,
					tool_calls: reply.calls.map((c) => ({
						id: c.id,
						type: 'function',
						function: { name: c.name, arguments: c.arguments },
					})),
				}
			: { role: 'assistant', content: reply.text };
		const out = usage(reply.text ?? JSON.stringify(reply.calls));
		return {
			id: `chatcmpl-${m.nextId++}`,
			object: 'chat.completion',
			created: 0,
			model: body.model ?? MODEL_ID,
			choices: [{ index: 0, message, finish_reason: reply.calls ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 1, completion_tokens: out, total_tokens: out + 1 },
		};
	};

	const response = (body, reply) => {
		const output = reply.calls
			? reply.calls.map((c) => ({
					type: 'function_call',
					id: `fc_${c.id}`,
					call_id: c.id,
					name: c.name,
					arguments: c.arguments,
					status: 'completed',
				}))
			: [
					{
						type: 'message',
						id: `msg_${m.nextId++}`,
						status: 'completed',
						role: 'assistant',
						content: [{ type: 'output_text', text: reply.text, annotations: [] }],
					},
				];
		const out = usage(reply.text ?? JSON.stringify(reply.calls));
		return {
			id: `resp_${m.nextId++}`,
			object: 'response',
			created_at: 0,
			status: 'completed',
			error: null,
			model: body.model ?? MODEL_ID,
			output,
			usage: { input_tokens: 1, output_tokens: out, total_tokens: out + 1 },
		};
	};

	const fail = (res, status, message, type = 'invalid_request_error') =>
		sendJson(res, status, { error: { message, type, code: null } });

	m.handle = async (req, res, rest) => {
		if ((req.headers.authorization || '') !== `Bearer ${m.apiKey}`)
			return fail(res, 401, 'Incorrect API key provided.', 'authentication_error');
		if (rest === '/models' && req.method === 'GET')
			return sendJson(res, 200, {
				object: 'list',
				data: [{ id: MODEL_ID, object: 'model', created: 0, owned_by: 'simulator' }],
			});
		const api = rest === '/chat/completions' ? 'chat' : rest === '/responses' ? 'responses' : null;
		if (!api) return fail(res, 404, `Unknown path ${rest}`);
		if (req.method !== 'POST') return fail(res, 405, 'Use POST');
		const body = (await readJson(req)).body ?? {};
		req.journal.body = body;
		// n8n streams only for its chat and streaming webhooks, never for a trigger's run.
		if (body.stream)
			return fail(res, 400, 'The scripted model does not stream: turn streaming off.');
		const conversation = conversationOf(api, body);
		const reply = answer(conversation);
		req.journal.reply = reply;
		return sendJson(res, 200, api === 'chat' ? chatCompletion(body, reply) : response(body, reply));
	};

	/** The control API under /_sim/model. */
	m.control = (method, part, body) => {
		if (part === 'script') {
			if (method === 'DELETE') m.script = [];
			else if (method === 'POST') m.script.push(...(Array.isArray(body) ? body : [body]));
			return m.script;
		}
		if (part === 'rules') {
			if (method === 'DELETE') m.rules = [];
			else if (method === 'POST') {
				const rules = Array.isArray(body) ? body : [body];
				for (const r of rules) new RegExp(r.when, 'i'); // a bad expression fails here, naming itself
				m.rules = rules;
			}
			return m.rules;
		}
		if (part === 'requests') return sim.journal.filter((r) => r.platform === 'model' && r.body);
		return undefined;
	};

	return m;
}

module.exports = { create, conversationOf, MODEL_ID };

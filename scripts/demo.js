'use strict';
// What `npm start` sets up in n8n, shared with the e2e test that runs every example workflow:
// one credential per platform (the simulator's, or the user's own account from environment
// variables), the example workflows from examples/ (active) and the simulator's webhook URLs.
const fs = require('fs');
const path = require('path');
const { nodeType } = require('../test/helpers/packages');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');

/**
 * Environment variables that switch a platform from the simulator to the user's account. The first
 * one of each is the token that decides; the seeds' own names where they have one.
 */
const REAL_ACCOUNTS = {
	mpChatApi: {
		platform: 'MPChat',
		env: { accessToken: 'MPCHAT_BOT_TOKEN', baseUrl: 'MPCHAT_BASE_URL' },
	},
	biInkApi: {
		platform: 'bi.ink',
		env: { accessToken: 'BIINK_BOT_TOKEN', baseUrl: 'BIINK_BASE_URL' },
	},
	flyApi: {
		platform: 'Fly',
		env: {
			accessToken: 'FLY_BOT_TOKEN',
			baseUrl: 'FLY_BASE_URL',
			webhookSecret: 'FLY_WEBHOOK_SECRET',
		},
		required: ['FLY_BASE_URL'],
	},
	minappApi: { platform: 'minapp', env: { secret: 'MINAPP_SECRET', baseUrl: 'MINAPP_BASE_URL' } },
	botTalkApi: {
		platform: 'BotTalk',
		env: { sendKey: 'BOTTALK_SENDKEY', baseUrl: 'BOTTALK_BASE_URL' },
	},
};

/**
 * What the simulator's scripted model does for the AI assistant example (examples/ai-assistant.json);
 * any other message gets the memory echo (simulator/model.js).
 */
const DEMO_MODEL_RULES = [
	{
		when: '^photo (\\S+)',
		reply: { tool: 'Send_photo', arguments: { url: '$1', caption: 'The photo you asked for' } },
	},
	{ when: '^announce (.+)', reply: { tool: 'Post_to_team_channel', arguments: { text: '$1' } } },
];

/** Per credential type: where it points and the data to store. Throws naming a missing variable. */
function credentialPlan(simData, env = process.env) {
	// The AI example's model: always the simulator's (docs/ai-agents.md: how to use a real one).
	const plan = {
		openAiApi: {
			type: 'openAiApi',
			platform: 'AI model',
			source: 'simulator',
			name: 'openAiApi (simulator)',
			data: simData.openAiApi,
		},
	};
	for (const [type, real] of Object.entries(REAL_ACCOUNTS)) {
		const [tokenField, tokenVar] = Object.entries(real.env)[0];
		if (!env[tokenVar]) {
			plan[type] = {
				type,
				platform: real.platform,
				source: 'simulator',
				name: `${type} (simulator)`,
				data: simData[type],
			};
			continue;
		}
		for (const v of real.required ?? [])
			if (!env[v])
				throw new Error(
					`${tokenVar} is set, so ${real.platform} runs against your account: set ${v} too`,
				);
		const data = { ...simData[type], [tokenField]: env[tokenVar] };
		for (const [field, v] of Object.entries(real.env).slice(1)) {
			if (env[v]) data[field] = env[v];
			else delete data[field]; // the credential's own default (the platform's public address)
		}
		plan[type] = {
			type,
			platform: real.platform,
			source: 'environment',
			envVar: tokenVar,
			name: `${type} (your account)`,
			data,
		};
	}
	return plan;
}

/** Creates or updates the planned credentials; returns {type: {id, name}}. */
async function ensureCredentials(n8n, plan) {
	const existing = await n8n.request('GET', '/rest/credentials');
	const refs = {};
	for (const c of Object.values(plan)) {
		const found = existing.find((x) => x.name === c.name && x.type === c.type);
		let id = found?.id;
		// A token from the environment may have changed since the last run.
		if (found && c.source === 'environment')
			await n8n.request('PATCH', `/rest/credentials/${id}`, {
				name: c.name,
				type: c.type,
				data: c.data,
			});
		if (!found) id = (await n8n.createCredential(c.type, c.data, c.name)).id;
		refs[c.type] = { id, name: c.name };
	}
	return refs;
}

function readExamples() {
	return fs
		.readdirSync(EXAMPLES)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')),
		}));
}

/** Points every node of a workflow at the given credentials; true when something changed. */
function useCredentials(workflow, refs) {
	let changed = false;
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			if (!refs[type] || node.credentials[type].id === refs[type].id) continue;
			node.credentials[type] = { ...refs[type] };
			changed = true;
		}
	}
	return changed;
}

/**
 * Points nodes of the old single package (`n8n-nodes-imbots.<node>`, from a data folder made before
 * the five packages) at the package that now holds that node; true when something changed.
 */
function useFivePackages(workflow) {
	let changed = false;
	for (const node of workflow.nodes) {
		const old = /^n8n-nodes-imbots\.(\w+)$/.exec(node.type);
		if (!old) continue;
		node.type = nodeType(old[1]);
		changed = true;
	}
	return changed;
}

/**
 * Imports the examples that are missing (matched by name, so the user's edits survive a restart),
 * switches existing ones to the five packages and the chosen credentials, and activates them.
 * Returns {file: workflow}.
 */
async function ensureExamples(n8n, refs, onActive = () => {}) {
	const existing = await n8n.request('GET', '/rest/workflows');
	const flows = {};
	for (const { file, workflow } of readExamples()) {
		useCredentials(workflow, refs);
		const found = existing.find((w) => w.name === workflow.name);
		let saved = found
			? await n8n.request('GET', `/rest/workflows/${found.id}`)
			: await n8n.createWorkflow(workflow);
		// Both run: `||` would skip the credentials once the types changed.
		if (found && [useFivePackages(saved), useCredentials(saved, refs)].includes(true)) {
			saved = await n8n.request('PATCH', `/rest/workflows/${saved.id}`, {
				nodes: saved.nodes,
				versionId: saved.versionId,
			});
			await n8n.activate(saved); // publishes the updated version
		} else if (!saved.active) {
			await n8n.activate(saved);
		}
		flows[file] = await n8n.request('GET', `/rest/workflows/${saved.id}`);
		onActive(flows[file]);
	}
	return flows;
}

/** Where each webhook trigger of the examples listens; bi.ink's URL carries its derived secret. */
function webhookUrls(n8nUrl, flows, plan, biInkWebhookSecret) {
	const base = `${n8nUrl}/webhook`;
	const biInk = flows['biink-echo.json'];
	// The URL secret is derived from the trigger node's ID (PostgreSQL holds n8n to 36-character IDs).
	const trigger = biInk.nodes.find((n) => n.type === nodeType('biInkTrigger'));
	return {
		biInk: `${base}/biink-echo-hook/bi-ink?secret=${biInkWebhookSecret(plan.biInkApi.data.accessToken, biInk.id, trigger.id)}`,
		minapp: `${base}/minapp-echo-hook/minapp`,
		botTalk: `${base}/bottalk-notify`,
	};
}

module.exports = {
	DEMO_MODEL_RULES,
	REAL_ACCOUNTS,
	credentialPlan,
	ensureCredentials,
	ensureExamples,
	readExamples,
	useFivePackages,
	webhookUrls,
};

'use strict';
// Runs a node inside n8n-core's real WorkflowExecute, in process: real parameter resolution,
// continue-on-fail, pairedItem checks, httpRequestWithAuthentication, preAuthentication and the
// filesystem binary store. Workflow: "Input" (emits the given items, binaries stored through
// prepareBinaryData) → the node under test.
const fs = require('fs');
const os = require('os');
const path = require('path');

const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-engine-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_DEFAULT_BINARY_DATA_MODE = process.env.N8N_DEFAULT_BINARY_DATA_MODE || 'filesystem';
process.env.N8N_ENCRYPTION_KEY = 'imbots-test-encryption-key';
// n8n's logger writes every node error to the console; the tests assert on results instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';

// n8n-core resolves its services through its own copy of @n8n/di.
const { Container } = require(
	require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }),
);
const core = require('n8n-core');
const { Workflow, ICredentialsHelper, NodeConnectionTypes } = require('n8n-workflow');

const { PACKAGES, nodeType: typeOf } = require('./packages');

/** The five built packages, loaded by n8n-core's own loader: node types as n8n names them. */
async function loadPackages() {
	const nodes = {};
	const credentials = {};
	for (const { dir } of PACKAGES) {
		const loader = new core.PackageDirectoryLoader(dir);
		await loader.loadAll();
		for (const [name, { type }] of Object.entries(loader.nodeTypes))
			nodes[`${loader.packageName}.${name}`] = type;
		for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentials[name] = type;
	}
	return { nodes, credentials };
}

// The start node: emits the test's items, storing each binary the way a trigger or Read File would.
class InputNode {
	constructor() {
		this.description = {
			displayName: 'Input',
			name: 'input',
			group: ['trigger'],
			version: 1,
			description: '',
			defaults: { name: 'Input' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}
	async execute() {
		const items = InputNode.items;
		const out = [];
		for (const item of items) {
			const binary = {};
			for (const [key, b] of Object.entries(item.binary ?? {})) {
				binary[key] = await this.helpers.prepareBinaryData(b.data, b.fileName, b.mimeType);
			}
			out.push({ json: item.json ?? {}, ...(item.binary ? { binary } : {}) });
		}
		return [out];
	}
}
InputNode.items = [];

// A node between Input and the node under test, standing in for an AI Agent: it outputs
// `MapNode.map(inputItems)`, whose items set (or leave out) `pairedItem` as the test says.
class MapNode {
	constructor() {
		this.description = {
			displayName: 'Map',
			name: 'map',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Map' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}
	async execute() {
		return [MapNode.map(this.getInputData())];
	}
}
MapNode.map = (items) => items;

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(types) {
		super();
		this.types = types;
		this.store = {};
		this.updates = [];
	}
	getParentTypes() {
		return [];
	}
	getCredentialsProperties(type) {
		return this.types[type].properties;
	}
	async authenticate(credentials, typeName, requestOptions) {
		const type = this.types[typeName];
		return typeof type.authenticate === 'function'
			? await type.authenticate(credentials, requestOptions)
			: requestOptions;
	}
	// Mirrors n8n's CredentialsHelper.preAuthentication: run when the expirable field is empty or
	// the session was rejected, then persist the refreshed field.
	async preAuthentication(helpers, credentials, typeName, node, expired) {
		const type = this.types[typeName];
		const prop = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!prop || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[prop.name] !== '' && credentials[prop.name] !== undefined && !expired)
			return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[prop.name] === undefined) return undefined;
		this.store[typeName] = { ...this.store[typeName], ...output };
		this.updates.push(typeName);
		return Object.assign(credentials, output);
	}
	async runPreAuthentication(helpers, credentials, typeName) {
		return await this.types[typeName].preAuthentication.call(helpers, credentials);
	}
	getOAuth2Options() {
		return undefined;
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		// Counted: n8n reads and decrypts from its database on every call.
		this.loads = (this.loads ?? 0) + 1;
		return { ...(this.store[type] ?? {}) };
	}
	async getCredentials() {
		return new core.Credentials({ id: '1', name: 'test' }, '', '');
	}
	async updateCredentials(_n, type, data) {
		this.store[type] = { ...data };
	}
	async updateCredentialsOauthTokenData() {}
	isCredentialUsableByNode() {
		return true;
	}
}

/**
 * n8n's deduplication store (`this.helpers.checkProcessedAndRecord` etc.) in memory, with the
 * semantics of n8n's database-backed one (n8n/dist/deduplication/deduplication-helper.js, the same
 * in 1.123 and 2.40), "entries" mode: one row of value hashes per workflow and node, trimmed from
 * the oldest above maxEntries.
 */
class MemoryDeduplication {
	constructor() {
		this.rows = new Map();
	}
	row(scope, { workflow, node }) {
		const key = `${workflow.id}|${scope === 'node' ? `n:${node.id}` : ''}`;
		if (!this.rows.has(key)) this.rows.set(key, []);
		return this.rows.get(key);
	}
	static hash(value) {
		return require('crypto').createHash('md5').update(value.toString()).digest('base64');
	}
	async checkProcessedAndRecord(items, scope, contextData, options) {
		const row = this.row(scope, contextData);
		const out = { new: [], processed: [] };
		for (const item of items) {
			const hash = MemoryDeduplication.hash(item);
			if (row.includes(hash)) out.processed.push(item);
			else {
				out.new.push(item);
				row.push(hash);
			}
		}
		if (options.maxEntries) row.splice(0, Math.max(0, row.length - options.maxEntries));
		return out;
	}
	async removeProcessed(items, scope, contextData) {
		const row = this.row(scope, contextData);
		for (const item of items) {
			const i = row.indexOf(MemoryDeduplication.hash(item));
			if (i !== -1) row.splice(i, 1);
		}
	}
	async clearAllProcessedItems(scope, contextData) {
		this.row(scope, contextData).length = 0;
	}
	async getProcessedDataCount(scope, contextData) {
		return this.row(scope, contextData).length;
	}
}

const deduplication = new MemoryDeduplication();

let loaded;
async function init() {
	if (loaded) return loaded;
	await core.DataDeduplicationService.init(deduplication);
	const binaryDataService = Container.get(core.BinaryDataService);
	await binaryDataService.init();
	const pkgTypes = await loadPackages();
	const all = { ...pkgTypes.nodes, 'test.input': new InputNode(), 'test.map': new MapNode() };
	const nodeTypes = {
		getByName: (t) => all[t],
		getByNameAndVersion: (t) => all[t],
		getKnownTypes: () => ({}),
	};
	loaded = { nodeTypes, pkgTypes, binaryDataService };
	return loaded;
}

function makeAdditionalData(credentialsHelper, hooks, executionId) {
	return {
		hooks,
		credentialsHelper,
		executionId,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'user',
		variables: {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('no task runner in tests');
		},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('no sub-workflows in tests');
		},
	};
}

/**
 * Runs `type` (e.g. 'mpChat') with `parameters` on `items` ({json, binary: {prop: {data, fileName,
 * mimeType}}}). `runIndex` > 0: the node already ran that many times in this execution (a loop).
 * Returns { items, error, credentialsHelper, run, savedStaticData }.
 */
async function runNode({
	type,
	parameters,
	items = [{ json: {} }],
	credentials = {},
	continueOnFail = false,
	executionId = 'exec-1',
	nodeName = 'Node',
	settings = {},
	runIndex = 0,
	// (inputItems) => outputItems: a node named `Agent` runs it between Input and the node.
	map,
}) {
	const { nodeTypes, pkgTypes } = await init();
	InputNode.items = items;
	if (map) MapNode.map = map;
	const nodeType = pkgTypes.nodes[typeOf(type)];
	const credNames = (nodeType.description.credentials ?? []).map((c) => c.name);
	const nodes = [
		{
			id: 'in',
			name: 'Input',
			type: 'test.input',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'n',
			name: nodeName,
			type: typeOf(type),
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: Object.fromEntries(credNames.map((c) => [c, { id: '1', name: c }])),
			...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		},
	];
	const to = (node) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	let connections = { Input: to(nodeName) };
	if (map) {
		nodes.splice(1, 0, {
			id: 'map',
			name: 'Agent',
			type: 'test.map',
			typeVersion: 1,
			position: [100, 0],
			parameters: {},
		});
		connections = { Input: to('Agent'), Agent: to(nodeName) };
	}
	const workflow = new Workflow({
		id: 'wf-test',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings,
	});
	const credentialsHelper = new TestCredentialsHelper(pkgTypes.credentials);
	for (const [name, data] of Object.entries(credentials))
		credentialsHelper.store[name] = { ...data };

	const hooks = new core.ExecutionLifecycleHooks('manual', executionId, {
		id: 'wf-test',
		name: 'test',
		nodes,
		connections,
	});
	let finished;
	let savedStaticData;
	const done = new Promise((resolve) => {
		finished = resolve;
	});
	hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => {
		savedStaticData = newStaticData && JSON.parse(JSON.stringify(newStaticData));
		finished(run);
	});
	const additionalData = makeAdditionalData(credentialsHelper, hooks, executionId);
	const earlierRuns = Array.from({ length: runIndex }, () => ({
		startTime: 0,
		executionTime: 0,
		executionIndex: 0,
		source: [],
		data: { main: [[]] },
	}));
	const runExecutionData = {
		startData: {},
		resultData: { runData: runIndex ? { [nodeName]: earlierRuns } : {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	};
	const exec = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
	await exec.processRunExecutionData(workflow);
	const run = await done;
	const nodeRun = run.data.resultData.runData[nodeName]?.[runIndex];
	return {
		items: nodeRun?.data?.main?.[0] ?? [],
		error: nodeRun?.error ?? run.data.resultData.error,
		credentialsHelper,
		run,
		// What n8n would save as the workflow's static data after this run (undefined: nothing).
		savedStaticData,
	};
}

async function readBinary(binary) {
	const { binaryDataService } = await init();
	if (binary.id) return await binaryDataService.getAsBuffer(binary);
	return Buffer.from(binary.data, 'base64');
}

/** A one-node workflow holding the trigger under test, with static data carried over. */
async function triggerWorkflow({
	type,
	parameters,
	credentials,
	staticData,
	staticDataObject,
	nodeId = 'trigger-node-1',
	nodeName = 'Trigger',
	workflowId = 'wf-trigger',
	// Webhook triggers keep a loaded credential per ID: a test that changes one uses its own.
	credentialId = '1',
}) {
	const { nodeTypes, pkgTypes } = await init();
	const nodeType = pkgTypes.nodes[typeOf(type)];
	const credNames = (nodeType.description.credentials ?? []).map((c) => c.name);
	const node = {
		id: nodeId,
		name: nodeName,
		type: typeOf(type),
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: 'hook-1',
		credentials: Object.fromEntries(credNames.map((c) => [c, { id: credentialId, name: c }])),
	};
	const workflow = new Workflow({
		id: workflowId,
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: {},
		staticData:
			staticDataObject ?? (staticData ? JSON.parse(JSON.stringify(staticData)) : undefined),
	});
	const credentialsHelper = new TestCredentialsHelper(pkgTypes.credentials);
	for (const [name, data] of Object.entries(credentials))
		credentialsHelper.store[name] = { ...data };
	const hooks = new core.ExecutionLifecycleHooks('trigger', 'exec-trigger', {
		id: workflowId,
		name: 'test',
		nodes: [node],
		connections: {},
	});
	const additionalData = makeAdditionalData(credentialsHelper, hooks, undefined);
	return { workflow, node: workflow.getNode(nodeName), nodeType, additionalData };
}

const plain = (o) => JSON.parse(JSON.stringify(o ?? {}));

/**
 * Activates a trigger() node in n8n-core's real TriggerContext. `saved` is the static data as n8n
 * would have persisted it: a copy taken at each emit (n8n saves on emit, never on close).
 * `finishRuns: false` leaves each emitted run "running" until the test calls `finish()`.
 */
async function startTrigger({
	type,
	parameters,
	credentials = {},
	mode = 'trigger',
	staticData,
	finishRuns = true,
	workflowId,
	nodeName,
}) {
	const { workflow, node, nodeType, additionalData } = await triggerWorkflow({
		type,
		parameters,
		credentials,
		staticData,
		workflowId,
		nodeName,
	});
	const t = { emitted: [], errors: [], saved: plain(staticData), pendingRuns: [] };
	const waiters = [];
	const wake = () => {
		for (const w of [...waiters])
			if (w.check()) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve();
			}
	};
	const emit = (data, _responsePromise, donePromise) => {
		t.saved = plain(workflow.staticData);
		t.emitted.push(data[0]);
		if (donePromise) {
			if (finishRuns) donePromise.resolve({});
			else t.pendingRuns.push(donePromise);
		}
		wake();
	};
	const emitError = (error) => {
		t.errors.push(error);
		wake();
	};
	const ctx = new core.TriggerContext(
		workflow,
		node,
		additionalData,
		mode,
		'activate',
		emit,
		emitError,
	);
	t.response = await nodeType.trigger.call(ctx);
	t.items = () => t.emitted.flat();
	t.finish = () => {
		for (const d of t.pendingRuns.splice(0)) d.resolve({});
	};
	/** Resolves when `check()` holds after an emit or an error; fails the test after `ms`. */
	t.until = (check, ms = 10_000) =>
		new Promise((resolve, reject) => {
			if (check()) return resolve();
			const w = {
				check,
				resolve: () => {
					clearTimeout(w.timer);
					resolve();
				},
			};
			w.timer = setTimeout(() => {
				waiters.splice(waiters.indexOf(w), 1);
				reject(new Error(`timed out after ${ms} ms waiting for the trigger`));
			}, ms);
			waiters.push(w);
		});
	t.close = async () => {
		await t.response.closeFunction?.();
	};
	// In manual mode n8n swaps in its own emit after trigger() returned, then calls this.
	t.manual = async () => {
		ctx.emit = emit;
		ctx.emitError = emitError;
		await t.response.manualTriggerFunction();
	};
	t.workflow = workflow;
	return t;
}

/**
 * The response object n8n hands a webhook: records status, type and body, and runs 'finish'
 * listeners when it is sent (what they return is kept in `afterFinish`, for tests to wait on).
 */
function fakeResponse() {
	const res = {
		statusCode: 200,
		body: undefined,
		headers: {},
		headersSent: false,
		listeners: { finish: [] },
		afterFinish: [],
	};
	const finish = () => {
		res.headersSent = true;
		for (const l of res.listeners.finish.splice(0)) res.afterFinish.push(l());
	};
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.type = (t) => {
		res.headers['content-type'] = t;
		return res;
	};
	res.setHeader = (k, v) => {
		res.headers[k.toLowerCase()] = v;
		return res;
	};
	res.send = (b) => {
		res.body = b;
		finish();
		return res;
	};
	res.json = (b) => {
		res.body = b;
		finish();
		return res;
	};
	res.end = (b) => {
		if (b !== undefined) res.body = b;
		finish();
		return res;
	};
	res.once = (event, listener) => {
		(res.listeners[event] ??= []).push(listener);
		return res;
	};
	res.on = res.once;
	return res;
}

/**
 * Delivers one HTTP request to a webhook node in n8n-core's real WebhookContext, as n8n's
 * webhook server would (raw body kept, JSON parsed by n8n). `runExecutionData`: the waiting
 * execution's data, as n8n hands it to a resume webhook (e.g. `run.data` of runNode, with its
 * node named `nodeName`). Returns { result, res, staticData, send }: `send(status)` is n8n sending
 * the response the node left to it (`webhookResponse`) and resolves when what the node does once
 * it went out has finished.
 */
async function callWebhook({
	type,
	parameters,
	credentials = {},
	staticData,
	method = 'POST',
	headers = {},
	body = '',
	query = {},
	webhookName = 'default',
	mode = 'webhook',
	nodeId,
	nodeName,
	credentialId,
	runExecutionData,
	bodyUnread = false,
}) {
	const { workflow, node, nodeType, additionalData } = await triggerWorkflow({
		type,
		parameters,
		credentials,
		staticData,
		nodeId,
		credentialId,
		...(nodeName ? { nodeName } : {}),
	});
	const rawBody = Buffer.isBuffer(body)
		? body
		: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	let parsed = {};
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		parsed = {};
	}
	const lower = Object.fromEntries(
		Object.entries({ 'content-type': 'application/json', ...headers })
			.map(([k, v]) => [k.toLowerCase(), v])
			.filter(([, v]) => v !== undefined),
	);
	additionalData.httpRequest = { method, headers: lower, rawBody, body: parsed, query, params: {} };
	if (bodyUnread) {
		// n8n 2.40 reads the body of a request to a start node above version 1 only for the content
		// types it parses itself; for others it leaves it to readRawBody().
		const request = additionalData.httpRequest;
		delete request.rawBody;
		request.body = {};
		request.readRawBody = async () => {
			request.rawBody = rawBody;
		};
	}
	additionalData.httpResponse = fakeResponse();
	const webhookDescription = nodeType.description.webhooks.find((w) => w.name === webhookName);
	const webhookData = {
		webhookDescription,
		httpMethod: method,
		node: node.name,
		workflowId: workflow.id,
		path: 'x',
		isTest: mode === 'manual',
		workflowExecuteAdditionalData: additionalData,
	};
	const ctx = new core.WebhookContext(
		workflow,
		node,
		additionalData,
		mode,
		webhookData,
		[],
		runExecutionData && JSON.parse(JSON.stringify(runExecutionData)),
	);
	const result = await nodeType.webhook.call(ctx);
	const res = additionalData.httpResponse;
	const send = async (status = 200) => {
		// n8n 2.x: the node's response with its webhook's code once the run resumed; else its error.
		if (status === 200) res.status(200).send(result.webhookResponse);
		else
			res
				.status(status)
				.json({ code: status, message: 'There was a problem executing the workflow' });
		await Promise.all(res.afterFinish);
	};
	res.headersSent = true; // n8n answers once webhook() has returned
	return { result, res, staticData: plain(workflow.staticData), send };
}

/** What creating a run costs n8n in database round trips, modelled as a wait. */
const CREATE_RUN_MS = 5;

/**
 * One production webhook delivery the way n8n 2.40 handles it, static data included:
 * LiveWebhooks loads the workflow and its static data (`persisted`, the JSON in the database) for
 * the request and runs the node's webhook(); when that starts a run, WorkflowRunner builds the
 * run's Workflow over the *same* static data object (resetting its "changed" flag) before the
 * request's "save static data if changed" check; the run itself saves static data it changed when
 * it ends. Returns { result, res, persisted, savedWhenAnswered, run }: `persisted` is what the
 * database holds afterwards, `savedWhenAnswered` what it held when n8n answered.
 */
async function deliverWebhook({
	type,
	parameters,
	credentials = {},
	persisted,
	headers = {},
	body = '',
	nodeId,
}) {
	const { nodeTypes } = await init();
	// null in the database (nothing saved yet) gives each Workflow an empty object of its own.
	const loaded = persisted ? JSON.parse(JSON.stringify(persisted)) : undefined;
	const request = await triggerWorkflow({
		type,
		parameters,
		credentials,
		staticDataObject: loaded,
		nodeId,
	});
	const { workflow, node, nodeType, additionalData } = request;
	const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	const lower = Object.fromEntries(
		Object.entries({ 'content-type': 'application/json', ...headers }).map(([k, v]) => [
			k.toLowerCase(),
			v,
		]),
	);
	additionalData.httpRequest = {
		method: 'POST',
		headers: lower,
		rawBody,
		body: JSON.parse(rawBody.toString('utf8')),
		query: {},
		params: {},
	};
	additionalData.httpResponse = fakeResponse();
	const webhookData = {
		webhookDescription: nodeType.description.webhooks[0],
		httpMethod: 'POST',
		node: node.name,
		workflowId: workflow.id,
		path: 'x',
		isTest: false,
		workflowExecuteAdditionalData: additionalData,
	};
	const ctx = new core.WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData,
		[],
		undefined,
	);
	const result = await nodeType.webhook.call(ctx);
	let saved = persisted;
	const saveIfChanged = () => {
		if (workflow.staticData.__dataChanged === true) saved = plain(workflow.staticData);
	};
	if (!result.workflowData) {
		saveIfChanged();
		additionalData.httpResponse.headersSent = true;
		return { result, res: additionalData.httpResponse, persisted: saved };
	}
	// n8n 2.40 (webhook-helpers executeWebhook, WorkflowRunner.run): the run's workflow is built over
	// the request's static data, which clears its "changed" mark; creating the run takes database
	// round trips; then n8n answers, saving the static data if it is marked changed again.
	new Workflow({
		id: workflow.id,
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: {},
		staticData: loaded,
	});
	await new Promise((r) => setTimeout(r, CREATE_RUN_MS));
	saveIfChanged();
	const savedWhenAnswered = saved;
	additionalData.httpResponse.headersSent = true;
	// The run loaded static data from the database before that save (prepareNewExecution).
	const runWorkflow = new Workflow({
		id: workflow.id,
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: {},
		staticData: persisted ? JSON.parse(JSON.stringify(persisted)) : undefined,
	});
	const hooks = new core.ExecutionLifecycleHooks('webhook', 'exec-webhook', {
		id: workflow.id,
		name: 'test',
		nodes: [node],
		connections: {},
	});
	let finished;
	const done = new Promise((resolve) => {
		finished = resolve;
	});
	hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => {
		if (newStaticData) saved = plain(newStaticData);
		finished(run);
	});
	const runData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
			nodeExecutionStack: [
				{ node: runWorkflow.getNode(node.name), data: { main: result.workflowData }, source: null },
			],
		},
	};
	await new core.WorkflowExecute(
		makeAdditionalData(additionalData.credentialsHelper, hooks, 'exec-webhook'),
		'webhook',
		runData,
	).processRunExecutionData(runWorkflow);
	const run = await done;
	return { result, res: additionalData.httpResponse, persisted: saved, savedWhenAnswered, run };
}

/** Collects what n8n's logger receives (warn, info, error) while `fn` runs. */
function captureLogs() {
	const backend = require(
		require.resolve('@n8n/backend-common', { paths: [path.dirname(require.resolve('n8n-core'))] }),
	);
	const logger = Container.get(backend.Logger);
	const lines = [];
	const originals = {};
	for (const level of ['error', 'warn', 'info', 'debug']) {
		originals[level] = logger[level];
		logger[level] = (message) => {
			lines.push({ level, message: String(message) });
		};
	}
	lines.restore = () => Object.assign(logger, originals);
	return lines;
}

function cleanup() {
	fs.rmSync(userFolder, { recursive: true, force: true });
}

module.exports = {
	deduplication,
	runNode,
	readBinary,
	cleanup,
	userFolder,
	startTrigger,
	callWebhook,
	deliverWebhook,
	captureLogs,
};

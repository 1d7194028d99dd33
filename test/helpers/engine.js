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
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }));
const core = require('n8n-core');
const { Workflow, ICredentialsHelper, NodeConnectionTypes } = require('n8n-workflow');

const DIST = path.join(__dirname, '..', '..', 'dist');
const pkg = require('../../package.json');

function loadPackage() {
	const nodes = {};
	for (const file of pkg.n8n.nodes) {
		const mod = require(path.join(__dirname, '..', '..', file));
		for (const Cls of Object.values(mod)) {
			const instance = new Cls();
			nodes[`n8n-nodes-imbots.${instance.description.name}`] = instance;
		}
	}
	const credentials = {};
	for (const file of pkg.n8n.credentials) {
		const mod = require(path.join(__dirname, '..', '..', file));
		for (const Cls of Object.values(mod)) {
			const instance = new Cls();
			credentials[instance.name] = instance;
		}
	}
	return { nodes, credentials };
}

// The start node: emits the test's items, storing each binary the way a trigger or Read File would.
class InputNode {
	constructor() {
		this.description = {
			displayName: 'Input', name: 'input', group: ['trigger'], version: 1, description: '', defaults: { name: 'Input' },
			inputs: [], outputs: [NodeConnectionTypes.Main], properties: [],
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

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(types) {
		super();
		this.types = types;
		this.store = {};
		this.updates = [];
	}
	getParentTypes() { return []; }
	getCredentialsProperties(type) { return this.types[type].properties; }
	async authenticate(credentials, typeName, requestOptions) {
		const type = this.types[typeName];
		return typeof type.authenticate === 'function' ? await type.authenticate(credentials, requestOptions) : requestOptions;
	}
	// Mirrors n8n's CredentialsHelper.preAuthentication: run when the expirable field is empty or
	// the session was rejected, then persist the refreshed field.
	async preAuthentication(helpers, credentials, typeName, node, expired) {
		const type = this.types[typeName];
		const prop = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!prop || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[prop.name] !== '' && credentials[prop.name] !== undefined && !expired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[prop.name] === undefined) return undefined;
		this.store[typeName] = { ...this.store[typeName], ...output };
		this.updates.push(typeName);
		return Object.assign(credentials, output);
	}
	async runPreAuthentication(helpers, credentials, typeName) {
		return await this.types[typeName].preAuthentication.call(helpers, credentials);
	}
	getOAuth2Options() { return undefined; }
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		return { ...(this.store[type] ?? {}) };
	}
	async getCredentials() { return new core.Credentials({ id: '1', name: 'test' }, '', ''); }
	async updateCredentials(_n, type, data) { this.store[type] = { ...data }; }
	async updateCredentialsOauthTokenData() {}
	isCredentialUsableByNode() { return true; }
}

let loaded;
async function init() {
	if (loaded) return loaded;
	const binaryDataService = Container.get(core.BinaryDataService);
	await binaryDataService.init();
	const pkgTypes = loadPackage();
	const all = { ...pkgTypes.nodes, 'test.input': new InputNode() };
	const nodeTypes = {
		getByName: (t) => all[t],
		getByNameAndVersion: (t) => all[t],
		getKnownTypes: () => ({}),
	};
	loaded = { nodeTypes, pkgTypes, binaryDataService };
	return loaded;
}

/**
 * Runs `type` (e.g. 'mpChat') with `parameters` on `items` ({json, binary: {prop: {data, fileName,
 * mimeType}}}). Returns { items, error, credentialsHelper, run }.
 */
async function runNode({ type, parameters, items = [{ json: {} }], credentials = {}, continueOnFail = false, executionId = 'exec-1', nodeName = 'Node' }) {
	const { nodeTypes, pkgTypes } = await init();
	InputNode.items = items;
	const nodeType = pkgTypes.nodes[`n8n-nodes-imbots.${type}`];
	const credNames = (nodeType.description.credentials ?? []).map((c) => c.name);
	const nodes = [
		{ id: 'in', name: 'Input', type: 'test.input', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'n', name: nodeName, type: `n8n-nodes-imbots.${type}`, typeVersion: 1, position: [200, 0], parameters,
			credentials: Object.fromEntries(credNames.map((c) => [c, { id: '1', name: c }])),
			...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		},
	];
	const connections = { Input: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } };
	const workflow = new Workflow({ id: 'wf-test', nodes, connections, nodeTypes, active: false, settings: {} });
	const credentialsHelper = new TestCredentialsHelper(pkgTypes.credentials);
	for (const [name, data] of Object.entries(credentials)) credentialsHelper.store[name] = { ...data };

	const hooks = new core.ExecutionLifecycleHooks('manual', executionId, { id: 'wf-test', name: 'test', nodes, connections });
	let finished;
	const done = new Promise((resolve) => { finished = resolve; });
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	const additionalData = {
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
		startRunnerTask: async () => { throw new Error('no task runner in tests'); },
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => { throw new Error('no sub-workflows in tests'); },
	};
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {}, metadata: {}, waitingExecution: {}, waitingExecutionSource: {},
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	};
	const exec = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
	await exec.processRunExecutionData(workflow);
	const run = await done;
	const nodeRun = run.data.resultData.runData[nodeName]?.[0];
	return {
		items: nodeRun?.data?.main?.[0] ?? [],
		error: nodeRun?.error ?? run.data.resultData.error,
		credentialsHelper,
		run,
	};
}

async function readBinary(binary) {
	const { binaryDataService } = await init();
	if (binary.id) return await binaryDataService.getAsBuffer(binary);
	return Buffer.from(binary.data, 'base64');
}

function cleanup() {
	fs.rmSync(userFolder, { recursive: true, force: true });
}

module.exports = { runNode, readBinary, cleanup, userFolder };

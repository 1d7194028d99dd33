'use strict';
// Shared setup for node tests: one simulator and the in-process n8n engine per test file.
const { startSimulator } = require('./simulator');
const engine = require('./engine');
// The simulator's own JSON reader, not the package's: the two are tested against each other.
const { parseJson } = require('../../simulator/json');

/**
 * One simulator and the in-process engine for a test file (`sim`, `creds`), reset before each test;
 * every trigger a test pushes to `running` is closed after it.
 */
function setupSimulatorTests() {
	const t = { running: [] };
	beforeAll(async () => {
		t.sim = await startSimulator();
		t.creds = t.sim.creds();
	});
	afterAll(async () => {
		await t.sim.close();
		engine.cleanup();
	});
	beforeEach(async () => {
		t.sim.reset();
		t.sim.faults = [];
	});
	afterEach(async () => {
		for (const trigger of t.running.splice(0)) await trigger.close();
	});
	return t;
}

function setupNodeTests() {
	const t = setupSimulatorTests();
	/** Runs node `type` with `parameters`; credentials default to the simulator's. */
	t.run = (type, parameters, options = {}) => {
		const credType = `${type}Api`;
		return engine.runNode({
			...options,
			type,
			parameters,
			credentials: { [credType]: { ...t.creds[credType], ...(options.credentials ?? {}) } },
		});
	};
	/** Requests the platform received, oldest first, with the JSON body parsed big-ID-safe. */
	t.requests = (platform) =>
		t.sim.journal
			.filter((r) => r.platform === platform)
			.map((r) => ({ ...r, body: r.text ? parseJson(r.text) : undefined }));
	t.last = (platform) => t.requests(platform).at(-1);
	return t;
}

/** Every string an execution produced: output items, error message/description, run data. */
function everything(result) {
	return JSON.stringify({
		items: result.items,
		error: result.error && {
			message: result.error.message,
			description: result.error.description,
			context: result.error.context,
		},
		run: result.run.data.resultData,
	});
}

module.exports = { setupSimulatorTests, setupNodeTests, everything, readBinary: engine.readBinary };

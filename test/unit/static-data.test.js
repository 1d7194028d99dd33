'use strict';
// keepChangedUntilAnswered against n8n-workflow's own Workflow and static-data objects: the
// "changed" mark n8n clears when it builds a run's workflow over the request's static data.
const { core } = require('../helpers/packages');
const { Workflow } = require('n8n-workflow');
const { keepChangedUntilAnswered, savedBeforeAnswer } = require(core('staticData', 'fly'));
const { until } = require('../helpers/until');

const node = {
	id: 'n1',
	name: 'Trigger',
	type: 'x.trigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const nodeTypes = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
};
/** What n8n builds for a request and again for its run, over the same static data object. */
const workflowOver = (staticData) =>
	new Workflow({
		id: 'wf1',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
		settings: {},
	});

function request(staticData) {
	const workflow = workflowOver(staticData);
	const res = { headersSent: false, writableEnded: false, destroyed: false };
	const ctx = { getResponseObject: () => res };
	return { workflow, res, ctx, store: workflow.getStaticData('node', node) };
}

test("building the run's workflow over the request's static data clears the mark: a plain write is lost", () => {
	const raw = {};
	const { workflow, store } = request(raw);
	store.flyNonceList = '[]';
	expect(workflow.staticData.__dataChanged).toBe(true);
	workflowOver(raw);
	expect(workflow.staticData.__dataChanged).toBe(false);
});

test('the mark is set again after it was cleared, until the answer is sent, and then left alone', async () => {
	const raw = {};
	const { workflow, res, ctx, store } = request(raw);
	store.flyNonceList = '[["n1",1]]';
	const kept = keepChangedUntilAnswered(ctx, store, 'flyNonceList');
	workflowOver(raw);
	expect(workflow.staticData.__dataChanged).toBe(false);
	await until(() => workflow.staticData.__dataChanged === true, 'the mark set again', 5_000);
	// n8n saves (clearing the mark) and answers; once the loop has ended, nothing marks it again.
	workflow.staticData.__dataChanged = false;
	res.headersSent = true;
	await kept;
	expect(workflow.staticData.__dataChanged).toBe(false);
	expect(JSON.parse(JSON.stringify(raw))).toEqual({
		'node:Trigger': { flyNonceList: '[["n1",1]]' },
	});
});

test("a run created at once, before n8n's first wait for the database, is covered too", async () => {
	const raw = {};
	const { workflow, res, ctx, store } = request(raw);
	store.list = 'x';
	const kept = keepChangedUntilAnswered(ctx, store, 'list');
	// n8n's way from webhook() to building the run's workflow: a few awaited calls, no I/O.
	for (let i = 0; i < 20; i++) await Promise.resolve();
	workflowOver(raw);
	// Its first database round trip: one turn of the event loop.
	await new Promise((r) => setImmediate(r));
	expect(workflow.staticData.__dataChanged).toBe(true);
	res.headersSent = true;
	await kept;
});

test('a request that went away ends the repeats', async () => {
	const { res, ctx, store } = request({});
	store.list = 'x';
	const kept = keepChangedUntilAnswered(ctx, store, 'list');
	res.destroyed = true;
	await kept;
});

test("savedBeforeAnswer: work that outlasts the repeats' 30 s limit (a slow download) leaves the mark covered from webhook()'s return", async () => {
	const raw = {};
	const { workflow, res, ctx, store } = request(raw);
	store.list = 'x';
	const realNow = Date.now.bind(Date);
	let offset = 0;
	const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
	try {
		let finishWork;
		const answer = savedBeforeAnswer(
			ctx,
			store,
			'list',
			() => new Promise((r) => (finishWork = r)),
		);
		// The work waits: some event-loop turns, then 31 s pass on the clock.
		await new Promise((r) => setImmediate(r));
		offset = 31_000;
		await new Promise((r) => setImmediate(r));
		finishWork({ workflowData: [] });
		expect(await answer).toEqual({ workflowData: [] });
		// n8n builds the run's workflow (clearing the mark) and waits for its database.
		workflowOver(raw);
		await until(() => workflow.staticData.__dataChanged === true, 'the mark set again', 5_000);
		res.headersSent = true;
	} finally {
		clock.mockRestore();
	}
});

test('savedBeforeAnswer arms the repeats when the work throws too', async () => {
	const raw = {};
	const { workflow, res, ctx, store } = request(raw);
	store.list = 'x';
	await expect(
		savedBeforeAnswer(ctx, store, 'list', async () => {
			throw new Error('boom');
		}),
	).rejects.toThrow('boom');
	workflowOver(raw);
	await until(() => workflow.staticData.__dataChanged === true, 'the mark set again', 5_000);
	res.headersSent = true;
});

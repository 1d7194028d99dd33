'use strict';
// keepChangedUntilAnswered against n8n-workflow's own Workflow and static-data objects: the
// "changed" mark n8n clears when it builds a run's workflow over the request's static data.
const { Workflow } = require('n8n-workflow');
const { keepChangedUntilAnswered } = require('../../dist/nodes/shared/staticData');
const { until } = require('../helpers/until');

const node = { id: 'n1', name: 'Trigger', type: 'x.trigger', typeVersion: 1, position: [0, 0], parameters: {} };
const nodeTypes = { getByName: () => ({ description: { properties: [] } }), getByNameAndVersion: () => ({ description: { properties: [] } }), getKnownTypes: () => ({}) };
/** What n8n builds for a request and again for its run, over the same static data object. */
const workflowOver = (staticData) => new Workflow({ id: 'wf1', nodes: [node], connections: {}, active: true, nodeTypes, staticData, settings: {} });

function request(staticData) {
	const workflow = workflowOver(staticData);
	const res = { headersSent: false, writableEnded: false };
	const ctx = { getResponseObject: () => res };
	return { workflow, res, ctx, store: workflow.getStaticData('node', node) };
}

test('building the run\'s workflow over the request\'s static data clears the mark: a plain write is lost', () => {
	const raw = {};
	const { workflow, store } = request(raw);
	store.flyNonces = { n1: 1 };
	expect(workflow.staticData.__dataChanged).toBe(true);
	workflowOver(raw);
	expect(workflow.staticData.__dataChanged).toBe(false);
});

test('the mark is set again after it was cleared, until the answer is sent, and then left alone', async () => {
	const raw = {};
	const { workflow, res, ctx, store } = request(raw);
	store.flyNonces = { n1: 1 };
	const kept = keepChangedUntilAnswered(ctx, store, 'flyNonces');
	workflowOver(raw);
	expect(workflow.staticData.__dataChanged).toBe(false);
	await until(() => workflow.staticData.__dataChanged === true, 'the mark set again', 5_000);
	// n8n saves (clearing the mark) and answers; once the loop has ended, nothing marks it again.
	workflow.staticData.__dataChanged = false;
	res.headersSent = true;
	await kept;
	expect(workflow.staticData.__dataChanged).toBe(false);
	expect(JSON.parse(JSON.stringify(raw))).toEqual({ 'node:Trigger': { flyNonces: { n1: 1 } } });
});

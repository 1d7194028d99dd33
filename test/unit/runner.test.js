'use strict';
// The runner reads each parameter once per item: in n8n every read of an expression parameter is
// an evaluation in its expression isolate, and the chat is read both to order items and to send.
// A context that counts reads stands in for n8n's.
const { core } = require('../helpers/packages');
const { runOperations } = require(core('runner', 'mpChat'));

function context(parameters) {
	const reads = [];
	const ctx = {
		getInputData: () => parameters.map(() => ({ json: {} })),
		continueOnFail: () => false,
		getNode: () => ({
			name: 'Test',
			type: 'test',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getNodeParameter(name, itemIndex, fallback) {
			reads.push(`${itemIndex}:${name}`);
			const value = parameters[itemIndex][name];
			return value === undefined ? fallback : value;
		},
	};
	return { ctx, reads };
}

const send = {
	orderKey(i) {
		return this.getNodeParameter('chatId', i);
	},
	async execute(i) {
		return {
			chat: this.getNodeParameter('chatId', i),
			text: this.getNodeParameter('text', i),
			options: this.getNodeParameter('options', i, {}),
		};
	},
};
const table = { message: { send } };

test('a plain parameter is read once per item though the runner and the operation both read it', async () => {
	const items = [
		{ resource: 'message', operation: 'send', chatId: 'a', text: 'one', options: { silent: true } },
		{ resource: 'message', operation: 'send', chatId: 'b', text: 'two', options: {} },
	];
	const { ctx, reads } = context(items);
	const [out] = await runOperations.call(ctx, table);
	expect(out.map((o) => o.json)).toEqual([
		{ chat: 'a', text: 'one', options: { silent: true } },
		{ chat: 'b', text: 'two', options: {} },
	]);
	expect(reads.filter((r) => r === '0:chatId')).toHaveLength(1);
	expect(reads.filter((r) => r === '1:chatId')).toHaveLength(1);
});

test('objects are read again each time (a caller may change what it got) and items never share a value', async () => {
	const items = [
		{ resource: 'message', operation: 'send', chatId: 'a', text: 'one', options: { n: 1 } },
		{ resource: 'message', operation: 'send', chatId: 'a', text: 'two', options: { n: 2 } },
	];
	const twice = {
		async execute(i) {
			const first = this.getNodeParameter('options', i, {});
			first.changed = true;
			return {
				text: this.getNodeParameter('text', i),
				again: this.getNodeParameter('options', i, {}),
			};
		},
	};
	const { ctx, reads } = context(items);
	// The fake hands out the same object, as n8n would not: copy per read to model n8n.
	const read = ctx.getNodeParameter;
	ctx.getNodeParameter = function (name, i, fallback) {
		const v = read.call(this, name, i, fallback);
		return v && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v;
	};
	const [out] = await runOperations.call(ctx, { message: { send: twice } });
	expect(out.map((o) => o.json)).toEqual([
		{ text: 'one', again: { n: 1 } },
		{ text: 'two', again: { n: 2 } },
	]);
	expect(reads.filter((r) => r.endsWith(':options'))).toHaveLength(4);
});

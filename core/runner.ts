/**
 * Runs a node's items: the router of every action node in this package.
 *
 * Items addressed to the same chat run one after the other in item order, so a conversation is
 * never reordered; items for different chats run side by side (a bounded number at a time),
 * which is where bulk sends get their speed. Outputs come back in item order with pairedItem.
 * Without Continue On Fail a failure stops new items from starting, and its error lists the items
 * already done, since a rerun of everything would send those again.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

export interface Operation {
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
	): Promise<INodeExecutionData[] | IDataObject | IDataObject[]>;
	/** The conversation an item writes to. Items without one run strictly in sequence. */
	orderKey?(this: IExecuteFunctions, itemIndex: number): string | undefined;
}

export type OperationTable = Record<string, Record<string, Operation>>;

/**
 * How many conversations are worked on at once. Measured (README, benchmark 2): 8 and 32 send
 * equally fast, since n8n's own work per item (expression evaluation) is what takes the time.
 */
export const PARALLEL_CHATS = 8;

const SEQUENTIAL = '\u0000sequential';

function toItems(
	result: INodeExecutionData[] | IDataObject | IDataObject[],
	itemIndex: number,
): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const item =
			(entry as INodeExecutionData).json !== undefined &&
			typeof (entry as INodeExecutionData).json === 'object'
				? (entry as INodeExecutionData)
				: { json: entry as IDataObject };
		return { ...item, pairedItem: { item: itemIndex } };
	});
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as NodeApiError).description;
	if (description) json.errorDescription = description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	const data = (error as NodeApiError).context?.data;
	if (data !== undefined) json.errorData = data as IDataObject;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The context with each parameter read once per item: the runner reads the conversation
 * (orderKey) before an item runs and the operation reads it again, and every read of an expression
 * is an evaluation in n8n's expression isolate (a third of a bi.ink send's time in a profile).
 * Only plain values are kept: an object returned twice could be changed by its first reader.
 */
function readingParametersOnce(ctx: IExecuteFunctions): IExecuteFunctions {
	const read = ctx.getNodeParameter.bind(ctx) as (...args: unknown[]) => unknown;
	const kept = new Map<string, unknown>();
	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: unknown,
	) => {
		if (options !== undefined || (fallback !== null && typeof fallback === 'object'))
			return read(name, itemIndex, fallback, options);
		const key = `${itemIndex}\u0000${name}\u0000${typeof fallback}:${String(fallback)}`;
		if (kept.has(key)) return kept.get(key);
		const value = read(name, itemIndex, fallback);
		if (value === null || typeof value !== 'object') kept.set(key, value);
		return value;
	};
	return Object.assign(Object.create(ctx) as IExecuteFunctions, { getNodeParameter });
}

export async function runOperations(
	this: IExecuteFunctions,
	table: OperationTable,
): Promise<INodeExecutionData[][]> {
	return await runAll.call(readingParametersOnce(this), table);
}

async function runAll(
	this: IExecuteFunctions,
	table: OperationTable,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const failures = new Map<number, Error>();
	const continueOnFail = this.continueOnFail();

	// Resolve each item's operation and conversation once. A mistake found here (unknown
	// operation, bad chat parameter) fails that item when it runs, in its place in the sequence.
	const plan = items.map((_, i): { op: Operation; key: string } | { error: Error } => {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const op = table[resource]?.[operation];
			if (!op)
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{ itemIndex: i },
				);
			const key = op.orderKey?.call(this, i);
			return { op, key: key === undefined ? SEQUENTIAL : `chat:${key}` };
		} catch (error) {
			return { error: error as Error };
		}
	});

	// Lanes keep item order inside each conversation.
	const lanes = new Map<string, number[]>();
	plan.forEach((p, i) => {
		const key = 'key' in p ? p.key : SEQUENTIAL;
		const lane = lanes.get(key);
		if (lane) lane.push(i);
		else lanes.set(key, [i]);
	});

	let stop = false;
	const runItem = async (i: number) => {
		try {
			const p = plan[i];
			if ('error' in p) throw p.error;
			results[i] = toItems(await p.op.execute.call(this, i), i);
		} catch (error) {
			if (continueOnFail) {
				results[i] = [errorItem(error as Error, i)];
			} else {
				failures.set(i, error as Error);
				stop = true;
			}
		}
	};

	const queue = [...lanes.values()];
	const worker = async () => {
		for (let lane = queue.shift(); lane; lane = queue.shift()) {
			for (const i of lane) {
				if (stop) return;
				await runItem(i);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(PARALLEL_CHATS, queue.length) }, worker));

	if (failures.size) {
		const first = Math.min(...failures.keys());
		const error = failures.get(first) as Error;
		const failure =
			error instanceof NodeApiError
				? new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex: first })
				: error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error, { itemIndex: first });
		reportCompleted(failure, results);
		throw failure;
	}
	return [results.flat()];
}

/**
 * Items of other chats may already have been sent when one fails: a rerun of the whole input
 * would send them twice, so the error says which (item indexes, message IDs).
 */
function reportCompleted(
	error: NodeApiError | NodeOperationError,
	results: INodeExecutionData[][],
): void {
	const completed: IDataObject[] = [];
	results.forEach((out, item) => {
		if (!out) return;
		const json = out[0]?.json ?? {};
		const id = json.message_id ?? json.messageId;
		completed.push(
			typeof id === 'string' || typeof id === 'number' ? { item, messageId: String(id) } : { item },
		);
	});
	if (!completed.length) return;
	const list = completed
		.map((c) =>
			c.messageId === undefined ? `item ${c.item}` : `item ${c.item} (message ID ${c.messageId})`,
		)
		.join(', ');
	const note = `Already done before this failure (not undone): ${list}. Rerun only the other items.`;
	error.description = error.description ? `${error.description} ${note}` : note;
	error.context.completed = completed;
}

/**
 * "Reply in the Triggering Chat": the chat of the trigger event an item comes from, found without
 * anything typed. The item itself may carry the event (straight after a trigger, or a tool's
 * input, which is the trigger's item plus the model's arguments); otherwise n8n's paired items
 * lead back through the nodes before (an AI Agent outputs only `{output}`) to the first ancestor
 * item that carries one.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { failParam } from './params';

export interface TriggerChat {
	/** Always a string: IDs beyond 2^53 stay exact. */
	id: string;
	/** As the trigger's event states it: "group", "private", … */
	type: string;
}

export const REPLY_IN_TRIGGERING_CHAT = 'Reply in the Triggering Chat';

/** Send To's value for the triggering chat (bi.ink's and Fly's saved workflows already hold it). */
const TRIGGERING = 'eventChat';

/**
 * Send To: `typed` (the target the user types, the default, so saved workflows, which store no
 * default, keep their target) or Reply in the Triggering Chat. The typed target left empty means
 * the triggering chat too, so a node as it comes needs nothing typed.
 */
export function sendToProperty(typed: INodePropertyOptions & { value: string }): INodeProperties {
	const { value } = typed;
	return {
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		noDataExpression: true,
		options: [
			typed,
			{
				name: REPLY_IN_TRIGGERING_CHAT,
				value: TRIGGERING,
				description:
					'The chat of the trigger event this item comes from (group or private), even after an AI Agent',
			},
		],
		default: value,
	};
}

/** Where the typed target's fields show: Send To left at the typed target. */
export const whenTyped = (typed: string) => ({ show: { sendTo: [typed] } });
export const whenTriggering = { show: { sendTo: [TRIGGERING] } };

/** Whether Send To is Reply in the Triggering Chat (nodes without Send To: `typed`). */
export const repliesInTriggeringChat = (ctx: IExecuteFunctions, itemIndex: number, typed: string) =>
	ctx.getNodeParameter('sendTo', itemIndex, typed) === TRIGGERING;

const isObject = (v: unknown): v is IDataObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The event's chat when `json` carries an event of `platform` with a chat ID; `unnamed`: an event
 * that names no platform counts too (one built by hand, e.g. in an Edit Fields node).
 */
function chatOf(json: unknown, platform: string, unnamed = false): TriggerChat | undefined {
	if (!isObject(json) || !isObject(json.event)) return undefined;
	const event = json.event;
	const ours = event.platform === platform || (unnamed && event.platform === undefined);
	if (!ours || !isObject(event.chat)) return undefined;
	const { id, type } = event.chat;
	if ((typeof id !== 'string' && typeof id !== 'number') || id === '') return undefined;
	return { id: String(id), type: typeof type === 'string' ? type : '' };
}

/** The item of `nodeName` that item `itemIndex` comes from (n8n's paired items), if any. */
function pairedJson(ctx: IExecuteFunctions, itemIndex: number, nodeName: string): unknown {
	try {
		const node = ctx.getWorkflowDataProxy(itemIndex).$(nodeName) as IDataObject;
		return isObject(node.item) ? node.item.json : undefined;
	} catch {
		// Not run in this execution, or the item cannot be traced to it: not this ancestor.
		return undefined;
	}
}

/**
 * The triggering chat of item `itemIndex`, from events of `platform` (the event's `platform`, e.g.
 * "mpChat"); `platformName` names the platform in the error, `otherwise` what else the user can set.
 */
export function triggeringChat(
	ctx: IExecuteFunctions,
	itemIndex: number,
	platform: string,
	platformName: string,
	otherwise: string,
): TriggerChat {
	const own = chatOf(ctx.getInputData()[itemIndex]?.json, platform, true);
	if (own) return own;
	for (const parent of ctx.getParentNodes(ctx.getNode().name)) {
		if (parent.disabled) continue;
		const chat = chatOf(pairedJson(ctx, itemIndex, parent.name), platform);
		if (chat) return chat;
	}
	return failParam(
		ctx,
		itemIndex,
		`"${REPLY_IN_TRIGGERING_CHAT}" found no ${platformName} chat for item ${itemIndex}`,
		`The item neither carries a ${platformName} trigger event with a chat nor comes (through n8n's paired items) from one. ` +
			`Put this node after a ${platformName} trigger (nodes in between must keep the item pairing, as the AI Agent does), or ${otherwise}.`,
	);
}

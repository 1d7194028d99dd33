/**
 * What every platform's action node class has in common, so each class states only its own: the
 * fields n8n's linter reads from the class (name, group, icon, subtitle, usableAsTool, credentials)
 * stay written in the class, and the rest of the description and the members n8n calls come from
 * here. Triggers have the same split (triggerNode in event.ts, webhookTrigger, pollingTrigger).
 */
import {
	NodeConnectionTypes,
	SEND_AND_WAIT_OPERATION,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { resourceSelector, type ResourceModule } from './describe';
import { runOperations, type OperationTable } from './runner';
import { sendAndWaitWebhooks } from './sendAndWait/execute';
import { answerWebhook, type AnswerPlatform } from './sendAndWait/webhook';

/** An action node's subtitle: the operation and the resource it belongs to. */
export const OPERATION_SUBTITLE = '={{$parameter["operation"] + ": " + $parameter["resource"]}}';

/**
 * An action node's description beyond the fields its class states: one version, one input and
 * output, the Resource menu (in alphabetical order, as n8n lists options) and each resource's
 * fields in the order of `resources`, and the resume webhooks of Send and Wait for Response (only
 * that operation waits).
 */
export function actionNode(
	displayName: string,
	description: string,
	defaultResource: string,
	resources: ResourceModule[],
) {
	const menu = resources
		.map((r) => r.resource)
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return {
		version: 1,
		description,
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		webhooks: sendAndWaitWebhooks,
		properties: [
			resourceSelector(menu, defaultResource),
			...resources.flatMap((r) => r.description),
		],
	};
}

/** The Send and Wait for Response operation of a node: how it asks, and how the answer comes back. */
export interface SendAndWaitOperation {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
	answers: AnswerPlatform;
}

/**
 * The members of an action node class: `execute` runs each item's operation from the table, except
 * Send and Wait, which asks one question per execution (it waits for one answer, so it is sent
 * once, not per item); `webhook` takes that question's answer. A node class extends the class
 * returned here (n8n calls these through its instance).
 */
export function ActionNodeType(operations: OperationTable, sendAndWait: SendAndWaitOperation) {
	return class {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			if (this.getNodeParameter('operation', 0) === SEND_AND_WAIT_OPERATION)
				return await sendAndWait.execute.call(this);
			return await runOperations.call(this, operations);
		}

		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await answerWebhook(this, sendAndWait.answers);
		}
	};
}

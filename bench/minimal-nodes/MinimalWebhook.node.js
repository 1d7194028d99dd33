'use strict';
// The least a webhook trigger can be (loaded by `npm run bench` from N8N_CUSTOM_EXTENSIONS, never
// published): the request body becomes the one item, with no execute(). Beside n8n's own Webhook
// node in benchmark 5 it shows what n8n adds to every request of a start node that is not its own
// Webhook node, whatever the node does.
class MinimalWebhook {
	constructor() {
		this.description = {
			displayName: 'Minimal Webhook (bench)',
			name: 'minimalWebhook',
			group: ['trigger'],
			version: [1, 1.1],
			defaultVersion: 1.1,
			description: 'Benchmark baseline: the body as one item',
			defaults: { name: 'Minimal Webhook' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					responseMode: 'onReceived',
					responseData: 'OK',
					path: 'minimal',
				},
			],
			properties: [],
		};
	}

	async webhook() {
		return { workflowData: [[{ json: this.getBodyData() }]] };
	}
}

module.exports = { MinimalWebhook };

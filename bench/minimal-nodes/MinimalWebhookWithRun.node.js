'use strict';
// MinimalWebhook plus an execute() that records one value in the node's static data, as the Fly
// Trigger records nonces in its run: with it n8n runs the node in the execution (it skips a start
// node without execute()) and saves the workflow's static data after every run.
const { MinimalWebhook } = require('./MinimalWebhook.node');

class MinimalWebhookWithRun extends MinimalWebhook {
	constructor() {
		super();
		this.description = {
			...this.description,
			displayName: 'Minimal Webhook With Run (bench)',
			name: 'minimalWebhookWithRun',
			defaults: { name: 'Minimal Webhook With Run' },
		};
	}

	async execute() {
		this.getWorkflowStaticData('node').last = Date.now();
		return [this.getInputData()];
	}
}

module.exports = { MinimalWebhookWithRun };

'use strict';
// MinimalWebhookWithRun with a credential on the node (the Fly credential; never read): n8n
// checks, for every run of a workflow whose nodes carry credentials, that the workflow may use
// them, and runs its credential hooks. Beside the Fly Trigger it shows what any trigger with a
// credential costs n8n per delivery, whatever the node does.
const { MinimalWebhookWithRun } = require('./MinimalWebhookWithRun.node');

class MinimalWebhookWithCredential extends MinimalWebhookWithRun {
	constructor() {
		super();
		this.description = {
			...this.description,
			displayName: 'Minimal Webhook With Credential (bench)',
			name: 'minimalWebhookWithCredential',
			defaults: { name: 'Minimal Webhook With Credential' },
			credentials: [{ name: 'flyApi', required: true }],
		};
	}
}

module.exports = { MinimalWebhookWithCredential };

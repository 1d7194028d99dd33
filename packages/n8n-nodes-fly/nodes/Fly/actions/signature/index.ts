import { resourceFields } from '../../../shared/describe';
import * as verify from './verify.operation';

export { verify };

export const resource = { name: 'Signature', value: 'signature' };

export const description = resourceFields(
	resource.value,
	'verify',
	[verify],
	[
		{
			name: 'Verify',
			value: 'verify',
			action: 'Verify a webhook signature',
			description:
				"Check a Fly signed webhook received by n8n's Webhook node (v1 HMAC, 300 s window, replayed nonces). Needs the webhook item with its raw body.",
		},
	],
);

'use strict';
// A node function context whose HTTP helpers are the one n8n-core itself calls
// (Container.get(OutboundHttp).requests().request): httpRequest as is, and behind the package's
// real credential classes, wrapped the way n8n-core's httpRequestWithAuthentication wraps failures.
// Logs are captured for redaction checks.
const { Container } = require('@n8n/di');
const { OutboundHttp } = require('@n8n/backend-network');
const { NodeApiError } = require('n8n-workflow');

const CREDENTIAL_CLASSES = {
	mpChatApi: () => new (require('../../dist/credentials/MpChatApi.credentials').MpChatApi)(),
	biInkApi: () => new (require('../../dist/credentials/BiInkApi.credentials').BiInkApi)(),
	flyApi: () => new (require('../../dist/credentials/FlyApi.credentials').FlyApi)(),
	minappApi: () => new (require('../../dist/credentials/MinappApi.credentials').MinappApi)(),
	botTalkApi: () => new (require('../../dist/credentials/BotTalkApi.credentials').BotTalkApi)(),
};

function makeContext(credentialType, credentials) {
	const node = { id: 'n1', name: 'Test Node', type: 'n8n-nodes-imbots.test', typeVersion: 1, position: [0, 0], parameters: {} };
	const logs = [];
	const log = (level) => (message, meta) => logs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	const credClass = CREDENTIAL_CLASSES[credentialType]();
	const ctx = {
		logs,
		requests: 0,
		getNode: () => node,
		getCredentials: async () => ({ ...credentials }),
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			// n8n-core's httpRequest: the same client, failures as it throws them.
			async httpRequest(options) {
				ctx.requests++;
				return await Container.get(OutboundHttp).requests().request(options);
			},
			async httpRequestWithAuthentication(type, options) {
				ctx.requests++;
				const authed = await credClass.authenticate({ ...credentials }, { ...options });
				try {
					return await Container.get(OutboundHttp).requests().request(authed);
				} catch (e) {
					throw new NodeApiError(node, e);
				}
			},
		},
	};
	return ctx;
}

module.exports = { makeContext };

'use strict';
// A node function context whose HTTP helpers are the one n8n-core itself calls
// (Container.get(OutboundHttp).requests().request): httpRequest as is, and behind the package's
// real credential classes, wrapped the way n8n-core's httpRequestWithAuthentication wraps failures.
// Logs are captured for redaction checks.
const { Container } = require('@n8n/di');
const { OutboundHttp } = require('@n8n/backend-network');
const { NodeApiError } = require('n8n-workflow');

const path = require('path');
const { PACKAGES } = require('./packages');

/** A fresh instance of a credential class, from the build of the package that holds it. */
function credentialClass(credentialType) {
	const p = PACKAGES.find((x) => x.credential === credentialType);
	const Cls = Object.values(require(path.join(p.dir, p.pkg.n8n.credentials[0])))[0];
	return new Cls();
}

function makeContext(credentialType, credentials) {
	const node = {
		id: 'n1',
		name: 'Test Node',
		type: 'test.node',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const logs = [];
	const log = (level) => (message, meta) =>
		logs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	const credClass = credentialClass(credentialType);
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

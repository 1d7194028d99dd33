'use strict';
// The Fly document's own Python verifier functions (test/fixtures/fly_reference.py) as the oracle:
// for each raw signed-update body, the signature Fly's reference expects under `secret`, or the
// exception it raised (such an update can never verify).
const { spawnSync } = require('child_process');
const path = require('path');

function referenceSignatures(rawBodies, secret) {
	const r = spawnSync('python3', [path.join(__dirname, '../fixtures/fly_reference.py')], {
		input: rawBodies.join('\n\x1e\n'),
		env: { ...process.env, FLY_WEBHOOK_SECRET: secret },
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`the Python reference failed: ${r.stderr || r.error}`);
	return JSON.parse(r.stdout);
}

/** The raw body with the reference's signature for it added as the first field. */
function signedByReference(raw, secret) {
	const [out] = referenceSignatures([raw], secret);
	if (out.error) throw new Error(`the Python reference refused this update: ${out.error}`);
	return raw.replace(/^\{/, `{"signature":"${out.signature}",`);
}

module.exports = { referenceSignatures, signedByReference };

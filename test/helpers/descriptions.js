'use strict';
// What n8n sees of each built package (dist/): every node's description with the members n8n
// calls, and every credential's fields with what its `authenticate` makes of a sample request.
// test/fixtures/descriptions/<package>.json holds the expected copy; after a change that is meant
// to alter what n8n sees, rewrite them from the build: `npm run build && node test/helpers/descriptions.js --write`.
const fs = require('fs');
const path = require('path');
const { ROOT, PACKAGES } = require('./packages');

const FIXTURES = path.join(ROOT, 'test/fixtures/descriptions');

/** The members n8n looks up on a node instance, inherited or own. */
const NODE_MEMBERS = [
	'execute',
	'webhook',
	'trigger',
	'poll',
	'supplyData',
	'webhookMethods',
	'methods',
];
const CREDENTIAL_FIELDS = [
	'name',
	'displayName',
	'icon',
	'documentationUrl',
	'properties',
	'test',
	'extends',
	'genericAuth',
	'httpRequestNode',
	'supportedNodes',
];

/** Values as JSON carries them to the editor, with each function written as a marker and keys sorted. */
function plain(value) {
	if (typeof value === 'function') return '[function]';
	if (Array.isArray(value)) return value.map(plain);
	if (value && typeof value === 'object') {
		const out = {};
		for (const key of Object.keys(value).sort())
			if (value[key] !== undefined) out[key] = plain(value[key]);
		return out;
	}
	return value;
}

/** Which of n8n's node members an instance has, and for groups of methods, their names. */
function members(instance) {
	const out = {};
	for (const name of NODE_MEMBERS) {
		const m = instance[name];
		if (m === undefined) continue;
		out[name] =
			typeof m === 'function'
				? 'function'
				: Object.fromEntries(
						Object.entries(m).map(([group, fns]) => [group, Object.keys(fns).sort()]),
					);
	}
	return out;
}

/** Secrets with spaces and a base URL with a trailing slash, so trimming shows in the snapshot. */
const SAMPLE_CREDENTIALS = {
	accessToken: ' 12:sample-token ',
	secret: ' sample-secret ',
	sendKey: ' sample-send-key ',
	sessionCookie: 'sid=sample',
	webhookSecret: '',
	sharedBy: 1,
	baseUrl: 'https://platform.example/api/',
};
const SAMPLE_REQUEST = {
	method: 'POST',
	url: '/sample',
	headers: { 'X-Sample': '1' },
	qs: { page: 2 },
	body: { a: 1 },
};

async function credentialView(instance) {
	const out = {};
	for (const field of CREDENTIAL_FIELDS)
		if (instance[field] !== undefined) out[field] = instance[field];
	out.preAuthentication = typeof instance.preAuthentication;
	out.authenticate = typeof instance.authenticate;
	if (typeof instance.authenticate === 'function') {
		out.authenticatedSample = await instance.authenticate(
			{ ...SAMPLE_CREDENTIALS },
			JSON.parse(JSON.stringify(SAMPLE_REQUEST)),
		);
	}
	return plain(out);
}

const loadClass = (file) => {
	const exported = require(file);
	const name = path.basename(file).replace(/\.(node|credentials)\.js$/, '');
	if (typeof exported[name] !== 'function')
		throw new Error(`${file} exports no class ${name} (n8n loads the class named after the file)`);
	return exported[name];
};

/** One package's view, from its build: {nodes: {Class: {description, members}}, credentials: {Class: {...}}}. */
async function packageView(pkg) {
	const view = { nodes: {}, credentials: {} };
	for (const rel of pkg.pkg.n8n.nodes) {
		const Cls = loadClass(path.join(pkg.dir, rel));
		const instance = new Cls();
		view.nodes[Cls.name] = { description: plain(instance.description), members: members(instance) };
	}
	for (const rel of pkg.pkg.n8n.credentials) {
		const Cls = loadClass(path.join(pkg.dir, rel));
		view.credentials[Cls.name] = await credentialView(new Cls());
	}
	return view;
}

const fixturePath = (pkg) => path.join(FIXTURES, `${pkg.name}.json`);

async function writeFixtures() {
	fs.mkdirSync(FIXTURES, { recursive: true });
	for (const pkg of PACKAGES) {
		fs.writeFileSync(fixturePath(pkg), `${JSON.stringify(await packageView(pkg), null, '\t')}\n`);
		console.log(`wrote ${path.relative(ROOT, fixturePath(pkg))}`);
	}
}

module.exports = { packageView, fixturePath };

if (require.main === module) {
	if (!process.argv.includes('--write')) {
		console.error('usage: node test/helpers/descriptions.js --write   (after npm run build)');
		process.exit(2);
	}
	writeFixtures().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

#!/usr/bin/env node
'use strict';
// `npm run check:platform`: before the first `npm start`/`npm test`, shows what they will use on
// this machine (scripts/platform.js) and starts each tool once, the way the tests do: PostgreSQL
// and Redis (queue mode) and a headless Chromium (the browser tests). A missing one is named with
// the command that installs it (where the tests install it themselves, Debian's apt as root, this
// does too). n8n itself is ensure-n8n.sh's: `bash scripts/ensure-n8n.sh` installs and checks it.
// Ends with "N passed, N failed"; exit 1 when one failed.
const platform = require('./platform');

async function main() {
	const { platform: p, arch } = process;
	let machine;
	try {
		machine = platform.target(p, arch);
	} catch (e) {
		console.log(`FAILED: ${e.message}`);
		process.exit(1);
	}
	console.log(`this machine: ${machine}, Node ${process.version}`);
	console.log(`  Node for n8n (when this one is older than 24): ${platform.nodePackage(p, arch)}`);
	console.log(`  PostgreSQL: ${platform.postgresPackage(p, arch)}`);
	console.log(`  ensure-n8n's lock: ${platform.lockMethod(p, arch)}`);

	const { startPostgres, startRedis } = require('../test/helpers/services');
	const { ensureChromium, launchChromium } = require('../test/helpers/browser');
	const checks = [
		[
			'PostgreSQL (queue mode)',
			async () => {
				const pg = await startPostgres();
				await pg.close();
				return `accepted connections on port ${pg.port}`;
			},
		],
		[
			'Redis (queue mode)',
			async () => {
				const redis = await startRedis();
				await redis.close();
				return `accepted connections on port ${redis.port}`;
			},
		],
		[
			'Chromium (browser tests)',
			async () => {
				const path = ensureChromium();
				const browser = await launchChromium();
				const version = browser.version();
				await browser.close();
				return `${path} started headless, version ${version}`;
			},
		],
	];
	let passed = 0;
	let failed = 0;
	for (const [name, check] of checks) {
		try {
			console.log(`ok      ${name}: ${await check()}`);
			passed++;
		} catch (e) {
			console.log(`FAILED  ${name}: ${String(e.message).split('\n')[0]}`);
			failed++;
		}
	}
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main();

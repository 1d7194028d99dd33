'use strict';
// A Chromium driven by playwright-core (no browser download: this machine's closed network
// refuses it). scripts/platform.js says where to look on each machine: Debian's /usr/bin/chromium
// (installed by the setup with apt when missing and apt-get is there), Google Chrome, or
// playwright's own download; on macOS an installed Google Chrome or Chromium app. When there is
// none, the error names the command that installs one.
const fs = require('fs');
const os = require('os');
const platform = require('../../scripts/platform');
const { aptInstall, hasAptGet } = require('./apt');

/** Where `npx playwright-core install chromium` puts the build this playwright-core drives. */
function playwrightChromium() {
	try {
		return require('playwright-core').chromium.executablePath();
	} catch {
		return undefined;
	}
}

function ensureChromium() {
	const { candidates, apt, hint } = platform.chromium(process.platform, process.arch, {
		home: os.homedir(),
		playwright: playwrightChromium(),
	});
	const found = candidates.find((c) => fs.existsSync(c));
	if (found) return found;
	if (!apt || !hasAptGet()) throw new Error(hint);
	try {
		aptInstall(apt.package);
	} catch (e) {
		throw new Error(`${e.message}; ${hint}`);
	}
	if (!fs.existsSync(apt.provides))
		throw new Error(`installing Debian's ${apt.package} did not provide ${apt.provides}`);
	return apt.provides;
}

/** Headless Chromium with the flags that keep it off the (closed) network. */
async function launchChromium() {
	const { chromium } = require('playwright-core');
	return await chromium.launch({
		executablePath: ensureChromium(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** Signs the page in to n8n as the owner the tests set up. */
async function signIn(page, n8n) {
	const { N8n } = require('./n8n');
	await page.goto(`${n8n.url}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', N8n.OWNER.email);
	await page.fill('input[name=password]', N8n.OWNER.password);
	await page.click('[data-test-id=form-submit-button]');
	await page.waitForURL((u) => !u.pathname.includes('signin'));
}

/** A workflow holding only a Manual Trigger named Start: a canvas to add nodes to. */
const startOnlyWorkflow = (n8n, name) =>
	n8n.createWorkflow({
		name,
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
	});

module.exports = { ensureChromium, launchChromium, signIn, startOnlyWorkflow };

'use strict';
// Debian's Chromium driven by playwright-core (no browser download: this machine's closed network
// refuses it). The setup installs the chromium package when it is missing.
const { execFileSync } = require('child_process');
const fs = require('fs');

const CHROMIUM = '/usr/bin/chromium';

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	const [cmd, ...pre] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
	const apt = (args) =>
		execFileSync(cmd, [...pre, ...args], {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	try {
		apt(['install', '-y', '--no-install-recommends', 'chromium']);
	} catch {
		apt(['update']);
		apt(['install', '-y', '--no-install-recommends', 'chromium']);
	}
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`installing Debian's chromium did not provide ${CHROMIUM}`);
	return CHROMIUM;
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

module.exports = { ensureChromium, launchChromium };

'use strict';
// Installs the Debian package of a tool the tests need (Chromium, Redis) where apt-get is: as
// root, or through password-less sudo. The package list is refreshed once when the first try
// fails (a fresh machine's list is often stale).
const { spawnSync } = require('child_process');

const hasAptGet = () => spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

/** Installs `pkg`, or throws naming the command that failed. */
function aptInstall(pkg) {
	const [cmd, ...pre] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
	const run = (args) =>
		spawnSync(cmd, [...pre, ...args], {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		}).status === 0;
	const install = () => run(['install', '-y', '-qq', '--no-install-recommends', pkg]);
	if (install()) return;
	run(['update', '-qq']);
	if (!install()) throw new Error(`\`apt-get install ${pkg}\` failed`);
}

module.exports = { aptInstall, hasAptGet };

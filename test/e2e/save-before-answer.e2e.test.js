'use strict';
// The Fly Trigger's replay protection across processes rests on one thing n8n does not promise:
// the nonce a delivery's webhook() wrote to static data is in the database by the time n8n
// answers that delivery (core/staticData.ts repeats the write so that n8n 2.x saves it).
// This checks it in a real n8n, on every version `npm run compat` measures.
//
// The database makes every static-data save slow (a PostgreSQL trigger sleeps 1 s inside each
// UPDATE of it), so the order shows in what the database holds when the answer arrives: an n8n
// that saves before answering has committed the nonce by then; one that answers first (or saves
// only when the run ends) has not, however fast the check that follows.
const path = require('path');
const { ensureN8n, packPackages, startN8n } = require('../helpers/n8n');
const { startPostgres } = require('../helpers/services');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { core, nodeType } = require('../helpers/packages');
const { nonceDigest, storedNonces } = require(core('signature', 'fly'));

jest.setTimeout(10 * 60 * 1000);

const SAVE_SECONDS = 1;

let pg;
let n8n;
let sim;

/** The installed n8n's own PostgreSQL client (a dependency of every n8n). */
function pgClient(env) {
	const { Client } = require(require.resolve('pg', { paths: [path.dirname(ensureN8n().n8n)] }));
	return new Client({
		host: env.DB_POSTGRESDB_HOST,
		port: Number(env.DB_POSTGRESDB_PORT),
		database: env.DB_POSTGRESDB_DATABASE,
		user: env.DB_POSTGRESDB_USER,
		password: env.DB_POSTGRESDB_PASSWORD,
	});
}

beforeAll(async () => {
	sim = await startSimulator();
	pg = await startPostgres();
	n8n = await startN8n({ tarballs: packPackages(), env: pg.env });
	await n8n.setupOwner();
	// n8n has created its tables (migrations ran before it reported ready).
	const db = pgClient(pg.env);
	await db.connect();
	try {
		await db.query(`CREATE FUNCTION slow_static_data_save() RETURNS trigger AS $$
			BEGIN PERFORM pg_sleep(${SAVE_SECONDS}); RETURN NEW; END $$ LANGUAGE plpgsql`);
		await db.query(`CREATE TRIGGER slow_static_data_save BEFORE UPDATE ON workflow_entity FOR EACH ROW
			WHEN (OLD."staticData"::text IS DISTINCT FROM NEW."staticData"::text) EXECUTE FUNCTION slow_static_data_save()`);
	} finally {
		await db.end();
	}
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (pg) await pg.close();
	if (sim) await sim.close();
});

test("Fly Trigger: each delivery's nonce is in the database when its answer arrives, and its replay is refused", async () => {
	const c = await n8n.createCredential('flyApi', sim.creds().flyApi);
	const flyApi = { flyApi: { id: c.id, name: c.name } };
	const wf = await n8n.createWorkflow({
		name: 'fly saved before answered',
		nodes: [
			{
				id: 'save-before-answer-t',
				name: 'Trigger',
				type: nodeType('flyTrigger'),
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'save-before-answer',
				credentials: flyApi,
				parameters: { updates: ['message'] },
			},
			{
				id: 'save-before-answer-r',
				name: 'Reply',
				type: nodeType('fly'),
				typeVersion: 1,
				position: [220, 0],
				credentials: flyApi,
				parameters: {
					resource: 'message',
					operation: 'send',
					sendTo: 'eventChat',
					msgType: 'text',
					content: '={{ "echo: " + $json.event.text }}',
				},
			},
		],
		connections: { Trigger: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
	});
	await n8n.activate(wf);
	const url = `${n8n.url}/webhook/save-before-answer/fly`;
	await n8n.webhookWhenLive('save-before-answer/fly', {
		headers: { 'Content-Type': 'application/json' },
		body: '{}',
	});
	const fly = sim.platforms.fly;
	fly.webhookUrl = url;
	/** The trigger's nonces as the database holds them now. */
	const storedDigests = async () => {
		const { staticData } = await n8n.request('GET', `/rest/workflows/${wf.id}`);
		return [...storedNonces(staticData?.['node:Trigger'] ?? {}).keys()];
	};

	const N = 5;
	const inDatabase = [];
	const replays = [];
	for (let i = 0; i < N; i++) {
		const { update, delivery } = await fly.inject({ userId: 'u_saved', text: `saved ${i}` });
		expect([delivery.status, delivery.response]).toEqual([200, 'OK']);
		inDatabase.push((await storedDigests()).includes(nonceDigest(update.nonce)));
		replays.push(
			(
				await fetch(url, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: delivery.body,
				})
			).status,
		);
	}
	expect(inDatabase).toEqual(Array(N).fill(true));
	expect(replays).toEqual(Array(N).fill(403));
	// Settled before the file ends: every delivery's run has finished.
	await until(
		() =>
			Array.from({ length: N }, (_, i) => `echo: saved ${i}`).every((t) =>
				fly.sent.some((m) => m.data?.content === t),
			),
		'every echo',
		120_000,
	);
	fly.webhookUrl = '';
});

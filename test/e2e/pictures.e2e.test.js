'use strict';
// The pictures in the READMEs and docs/, taken in a real n8n with the five packages and the
// examples of `npm start` (scripts/demo.js) against the simulator, by Chromium: each action node's
// operations in the node panel, each credential with its secret masked, a trigger's output item in
// an execution, a Send and Wait question in a chat (the simulator's chat view) and its answer page,
// and the AI assistant example on the canvas. Each test first checks that the picture shows what
// the docs say it shows, so a broken editor fails here instead of leaving a wrong picture.
// Written to .e2e-artifacts/pictures/ (ignored by git), or to IMBOTS_PICTURES_DIR: `npm run
// pictures` renews docs/images/.
const fs = require('fs');
const path = require('path');
const { packPackages, startN8n, ROOT } = require('../helpers/n8n');
const { launchChromium, signIn, startOnlyWorkflow } = require('../helpers/browser');
const { startSimulator } = require('../helpers/simulator');
const { until } = require('../helpers/until');
const { PACKAGES, nodeType, dist } = require('../helpers/packages');
const {
	DEMO_MODEL_RULES,
	credentialPlan,
	ensureCredentials,
	ensureExamples,
	webhookUrls,
} = require('../../scripts/demo');
const { biInkWebhookSecret } = require(dist('biInk', 'nodes/BiInk/webhookSecret'));

jest.setTimeout(15 * 60 * 1000);

const PICTURES = path.resolve(
	ROOT,
	process.env.IMBOTS_PICTURES_DIR || path.join('.e2e-artifacts', 'pictures'),
);
/** Pictures for the docs stay small: npm and GitHub show them on every visit. */
const FOR_DOCS = Boolean(process.env.IMBOTS_PICTURES_DIR);
const MAX_BYTES = 300 * 1024;

let sim;
let n8n;
let plan;
let refs;
let flows;
let types;
let browser;
let page;

beforeAll(async () => {
	fs.mkdirSync(PICTURES, { recursive: true });
	sim = await startSimulator();
	sim.model.rules = DEMO_MODEL_RULES; // as npm start does
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
	types = await n8n.nodeTypes();
	plan = credentialPlan(sim.creds(), {});
	refs = await ensureCredentials(n8n, plan);
	flows = await ensureExamples(n8n, refs);
	const urls = webhookUrls(n8n.url, flows, plan, biInkWebhookSecret);
	sim.platforms.biInk.webhookUrl = urls.biInk;
	sim.platforms.minapp.webhookUrl = urls.minapp;

	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	// An execution's view can take a while to draw on a busy machine.
	page.setDefaultTimeout(60_000);
	await signIn(page, n8n);
});

afterAll(async () => {
	// What the browser showed last, for a failed run (never a picture of the docs).
	if (page)
		await page
			.screenshot({ path: path.join(ROOT, '.e2e-artifacts', 'pictures-last.png') })
			.catch(() => {});
	if (browser) await browser.close();
	if (n8n) await n8n.cleanup();
	if (sim) await sim.close();
});

/** Writes a picture of a page or an element, and checks it is a PNG of a sensible size. */
async function picture(file, target, options = {}) {
	const out = path.join(PICTURES, file);
	await target.screenshot({ path: out, animations: 'disabled', ...options });
	const png = fs.readFileSync(out);
	expect(png.subarray(1, 4).toString()).toBe('PNG');
	const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
	expect(width).toBeGreaterThan(200);
	expect(height).toBeGreaterThan(150);
	if (FOR_DOCS) expect([file, png.length <= MAX_BYTES]).toEqual([file, true]);
	return { width, height, bytes: png.length };
}

const short = (platform) =>
	PACKAGES.find((p) => p.platform === platform).name.replace('n8n-nodes-', '');

/** The action node's actions as the node panel lists them. */
function actionsOf(platform) {
	const type = types.find((t) => t.name === nodeType(platform));
	const operations = type.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => p.options);
	return { displayName: type.displayName, actions: operations.map((o) => o.action ?? o.name) };
}

/**
 * In an execution's view, opens the node called Trigger and shows its output as JSON; resolves
 * once the item with this chat ID is shown.
 */
async function openTriggerOutput(chat) {
	const trigger = page.locator('[data-test-id=canvas-node][data-node-name=Trigger]');
	await trigger.waitFor();
	await trigger.dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await ndv.waitFor();
	await ndv
		.locator('[data-test-id=ndv-run-data-display-mode]')
		.getByText('JSON', { exact: true })
		.click();
	const output = ndv.locator('[data-test-id=output-panel]');
	await output.getByText('"chatInput":').waitFor();
	await until(
		async () => (await output.innerText()).replace(/\s+/g, '').includes(`"chat":{"id":"${chat}"`),
		`the trigger's output with event.chat.id ${chat}`,
	);
	return ndv;
}

test('canvas-ai-example.png: the AI assistant example on the canvas, every node in view', async () => {
	const workflow = flows['ai-assistant.json'];
	expect(workflow.name).toBe('AI assistant (MPChat)');
	await page.goto(`${n8n.url}/workflow/${workflow.id}`);
	const nodes = workflow.nodes.map((n) => n.name);
	for (const name of nodes)
		await page.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`).waitFor();
	await page.click('[data-test-id=zoom-to-fit]');
	// Zoomed to fit: every node lies inside the canvas as it is shown.
	const canvas = await page.locator('[data-test-id=canvas]').boundingBox();
	await until(async () => {
		for (const name of nodes) {
			const box = await page
				.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`)
				.boundingBox();
			if (
				!box ||
				box.x < canvas.x ||
				box.y < canvas.y ||
				box.x + box.width > canvas.x + canvas.width ||
				box.y + box.height > canvas.y + canvas.height
			)
				return false;
		}
		return true;
	}, 'every node of the AI assistant in view');
	await picture('canvas-ai-example.png', page);
});

describe.each(PACKAGES.map((p) => [p.platform]))('%s package', (platform) => {
	test(`node-operations-<package>.png: the node panel lists every action of the node`, async () => {
		const { displayName, actions } = actionsOf(platform);
		const scratch = await startOnlyWorkflow(n8n, `${displayName} operations`);
		// Tall enough for the longest list (BotTalk's) without scrolling.
		await page.setViewportSize({ width: 1400, height: 1400 });
		try {
			await page.goto(`${n8n.url}/workflow/${scratch.id}`);
			await page.locator('[data-test-id=canvas-node][data-node-name=Start]').waitFor();
			await page.click('[data-test-id=node-creator-plus-button]');
			const creator = page.locator('[data-test-id=node-creator]');
			await creator.locator('input[data-test-id=node-creator-search-bar]').fill(displayName);
			await creator
				.locator('[data-test-id=item-iterator-item]')
				.filter({
					has: page.locator('[data-test-id=node-creator-item-name]', {
						hasText: new RegExp(`^\\s*${displayName.replace('.', '\\.')}\\s*$`),
					}),
				})
				.first()
				.click();
			await creator.getByText(`Actions (${actions.length})`).waitFor();
			// Every action listed, and in view: the picture is cropped below the last one.
			let bottom = 0;
			for (const action of actions) {
				const item = creator.getByText(action, { exact: true }).first();
				await item.waitFor();
				await expect(item.isVisible()).resolves.toBe(true);
				const box = await item.boundingBox();
				bottom = Math.max(bottom, box.y + box.height);
			}
			const panel = await creator.boundingBox();
			expect(bottom).toBeLessThanOrEqual(panel.y + panel.height);
			await picture(`node-operations-${short(platform)}.png`, page, {
				clip: { x: panel.x, y: panel.y, width: panel.width, height: bottom + 16 - panel.y },
			});
			await page.keyboard.press('Escape');
		} finally {
			await page.setViewportSize({ width: 1400, height: 900 });
		}
	});

	test(`credential-<package>.png: the credential's fields, its secret masked, its test passed`, async () => {
		const { type, name, data } = plan[`${platform}Api`];
		// The credential as the package declares it (n8n's list adds fields of its own).
		const { dir, pkg } = PACKAGES.find((p) => p.platform === platform);
		const credentialType = new (Object.values(
			require(path.join(dir, pkg.n8n.credentials[0])),
		)[0])();
		await page.goto(`${n8n.url}/home/credentials/${refs[type].id}`);
		const modal = page.locator('[data-test-id=editCredential-modal]');
		await modal.locator('[data-test-id=credential-edit-dialog]').waitFor();
		await expect(modal.locator('[data-test-id=inline-edit-preview]').innerText()).resolves.toBe(
			name,
		);
		await modal.getByText(credentialType.displayName, { exact: true }).first().waitFor();
		// n8n tests a saved credential when it is opened: against the simulator it passes.
		await modal.getByText('Connection tested successfully').waitFor();
		for (const field of credentialType.properties.filter((p) => p.type !== 'hidden'))
			await modal
				.getByText(
					new RegExp(`^\\s*${field.displayName.replace(/[.*+?()[\]]/g, '\\$&')}\\s*\\*?\\s*$`),
				)
				.first()
				.waitFor();
		// Each secret field is a password input holding n8n's placeholder, and no secret is on the page.
		const secrets = credentialType.properties.filter((p) => p.typeOptions?.password);
		expect(secrets.length).toBeGreaterThan(0);
		const inputs = await modal
			.locator('input')
			.evaluateAll((all) => all.map((i) => ({ type: i.type, value: i.value })));
		expect(inputs.some((i) => i.type === 'password')).toBe(true);
		const html = await page.content();
		for (const field of secrets.filter((f) => data[f.name])) {
			expect(html).not.toContain(data[field.name]);
			expect(inputs.map((i) => i.value)).not.toContain(data[field.name]);
		}
		await picture(`credential-${short(platform)}.png`, modal);
		await page.keyboard.press('Escape');
		await modal.waitFor({ state: 'hidden' });
	});
});

/** What a user writes to each platform's example bot, and the bot's answer that ends its run. */
const TRIGGERS = {
	mpChat: {
		file: 'ai-assistant.json',
		chat: '10001',
		input: { chatId: '10001', userName: 'Ann', text: 'hello, I am Ann' },
		answered: (m) => m.text === 'You said "hello, I am Ann". Nothing earlier.',
	},
	biInk: {
		file: 'biink-echo.json',
		chat: 'user_7',
		input: { userId: 'user_7', userName: 'Ann', text: 'hello' },
		answered: (m) => m.content?.startsWith('echo: hello'),
	},
	fly: {
		file: 'fly-echo.json',
		chat: 'u_7',
		input: { userId: 'u_7', userName: 'Ann', text: 'hello' },
		answered: (m) => m.data?.content === 'echo: hello',
	},
	minapp: {
		file: 'minapp-echo.json',
		chat: 'wm_user_alice',
		input: { conversationId: 'wm_user_alice', sender: 'wm_user_alice', text: 'hello' },
		answered: (m) => m.text?.content === 'echo: hello',
	},
};

describe.each(Object.keys(TRIGGERS).map((p) => [p]))('%s trigger', (platform) => {
	test("trigger-output-<package>.png: the trigger's output item in an execution, with event.chat.id", async () => {
		const { file, chat, input, answered } = TRIGGERS[platform];
		const workflow = flows[file];
		// Webhook triggers answer 404 until n8n has published the workflow: sent again until then.
		await until(async () => {
			const out = await sim.platforms[platform].inject(input, sim.baseUrls()[platform]);
			return out.delivery?.status !== 404;
		}, `the ${platform} trigger to go live`);
		await until(
			() => sim.platforms[platform].sent.find(answered),
			`the ${platform} bot's answer`,
			60_000,
		);
		const [execution] = await n8n.settledExecutions(workflow.id, 1);
		expect(execution.status).toBe('success');
		const output = (await n8n.executionOutput(execution.id)).Trigger;
		expect(output[0].event.chat.id).toBe(chat);

		await page.goto(`${n8n.url}/workflow/${workflow.id}/executions/${execution.id}`);
		await openTriggerOutput(chat);
		// The item as stored: no token or secret of the platform in it (minapp's shows as ***).
		const html = await page.content();
		for (const secret of Object.values(sim.credentials())) expect(html).not.toContain(secret);
		await picture(`trigger-output-${short(platform)}.png`, page);
	});
});

test('send-and-wait-chat.png and send-and-wait-page.png: the Approve a deployment question in the bi.ink chat, and its answer page', async () => {
	const version = 'v2.4.0';
	const status = async (id) =>
		((await n8n.executions(flows['approve-deployment.json'].id)).results ?? []).find(
			(e) => String(e.id) === String(id),
		)?.status;
	const res = await n8n.webhookWhenLive('approve-deployment', {
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ version }),
	});
	expect(res.status).toBe(200);
	const question = `Deploy ${version} to production?`;
	// The link is added to the question last: then the execution is about to wait.
	const asked = await until(
		() =>
			sim.platforms.biInk.sent.find(
				(m) => m.content?.startsWith(question) && /\/webhook-waiting\//.test(m.content),
			),
		'the question on bi.ink',
	);
	const link = asked.content.match(/https?:\/\/\S+\/webhook-waiting\/\S+/)[0];
	const waiting = new URL(link).pathname.split('/')[2];
	await until(async () => (await status(waiting)) === 'waiting', `execution ${waiting} waiting`);

	const phone = await browser.newPage({ viewport: { width: 640, height: 200 } });
	try {
		await phone.goto(
			`${sim.url}/_sim/chat?platform=biInk&chat=${encodeURIComponent(asked.target_user_id)}`,
		);
		const bubble = phone.locator('.message.bot', { hasText: question });
		await bubble.locator(`a[href="${link}"]`).waitFor();
		await bubble.getByRole('button', { name: 'Deploy', exact: true }).waitFor();
		await bubble.getByRole('button', { name: 'Hold', exact: true }).waitFor();
		await picture('send-and-wait-chat.png', phone, { fullPage: true });

		// The answer page as the link opens it: the question and the two choices.
		await phone.goto(link);
		await phone.getByText(question).first().waitFor();
		await phone.getByRole('button', { name: 'Deploy', exact: true }).waitFor();
		await phone.getByRole('button', { name: 'Hold', exact: true }).waitFor();
		await picture('send-and-wait-page.png', phone, { fullPage: true });
		// Opening the page decides nothing.
		expect(await status(waiting)).toBe('waiting');
	} finally {
		await phone.close();
	}
});

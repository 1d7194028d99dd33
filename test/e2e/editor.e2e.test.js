'use strict';
// The editor as a user sees it: a Chromium (playwright-core; test/helpers/browser.js finds the
// machine's) signs in to a running n8n with the five packages installed, adds each action node
// from the node panel, sees the node's whole list of actions, its parameters and its icon on the
// canvas, saves, and leaves a screenshot in .e2e-artifacts/.
const fs = require('fs');
const path = require('path');
const { packPackages, startN8n, ROOT } = require('../helpers/n8n');
const { launchChromium, signIn, startOnlyWorkflow } = require('../helpers/browser');
const { nodeType, packageOfNode } = require('../helpers/packages');

jest.setTimeout(15 * 60 * 1000);

const ARTIFACTS = path.join(ROOT, '.e2e-artifacts');
const ACTION_NODES = ['mpChat', 'biInk', 'fly', 'minapp', 'botTalk'];

let n8n;
let browser;
let page;
let workflow;
let types;

beforeAll(async () => {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	n8n = await startN8n({ tarballs: packPackages() });
	await n8n.setupOwner();
	types = await n8n.nodeTypes();
	workflow = await startOnlyWorkflow(n8n, 'editor e2e');
	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	await signIn(page, n8n);
	await page.goto(`${n8n.url}/workflow/${workflow.id}`);
	await page.locator('[data-test-id=canvas-node][data-node-name=Start]').waitFor();
});

afterAll(async () => {
	if (page)
		await page.screenshot({ path: path.join(ARTIFACTS, 'editor-last.png') }).catch(() => {});
	if (browser) await browser.close();
	if (n8n) await n8n.cleanup();
});

/** The node's actions as n8n lists them: one per operation option of every resource. */
function actionsOf(name) {
	const type = types.find((t) => t.name === nodeType(name));
	const operations = type.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => p.options);
	return { displayName: type.displayName, actions: operations.map((o) => o.action ?? o.name) };
}

test.each(ACTION_NODES)(
	'%s: added from the node panel, with its actions, parameters and icon',
	async (name) => {
		const { displayName, actions } = actionsOf(name);
		await page.click('[data-test-id=node-creator-plus-button]');
		const creator = page.locator('[data-test-id=node-creator]');
		await creator.locator('input[data-test-id=node-creator-search-bar]').fill(displayName);
		const item = creator.locator('[data-test-id=item-iterator-item]').filter({
			has: page.locator('[data-test-id=node-creator-item-name]', {
				hasText: new RegExp(`^\\s*${displayName.replace('.', '\\.')}\\s*$`),
			}),
		});
		await item.first().click();

		// The node's page in the panel lists every action, grouped by resource.
		await creator.getByText(`Actions (${actions.length})`).waitFor();
		for (const action of actions)
			await expect(creator.getByText(action, { exact: true }).count()).resolves.toBeGreaterThan(0);

		await creator.getByText(actions[0], { exact: true }).first().click();
		const ndv = page.locator('[data-test-id=ndv]');
		await ndv.locator('[data-test-id=parameter-input-operation]').waitFor();
		await ndv.locator('[data-test-id=node-credentials-slot]').waitFor(); // asks for its credential
		await page.keyboard.press('Escape');
		await ndv.waitFor({ state: 'hidden' });

		const icon = page.locator(`[data-test-id=canvas-node][data-node-type="${nodeType(name)}"] img`);
		await icon.waitFor();
		const { src, width } = await icon.evaluate(async (img) => {
			if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
			return { src: img.src, width: img.naturalWidth };
		});
		expect(src).toContain(`/icons/${packageOfNode(name).name}/`);
		expect(width).toBeGreaterThan(0); // the SVG was served and drawn
	},
);

test('the workflow with all five nodes saves, and a screenshot is left as an artifact', async () => {
	await page.keyboard.press('Control+s');
	const saved = await (async () => {
		for (
			const end = Date.now() + 30_000;
			Date.now() < end;
			await new Promise((r) => setTimeout(r, 200))
		) {
			const wf = await n8n.request('GET', `/rest/workflows/${workflow.id}`);
			if (wf.nodes.length === 1 + ACTION_NODES.length) return wf;
		}
		throw new Error('the editor did not save the workflow');
	})();
	expect(
		saved.nodes
			.map((n) => n.type)
			.filter((t) => t !== 'n8n-nodes-base.manualTrigger')
			.sort(),
	).toEqual(ACTION_NODES.map((n) => nodeType(n)).sort());
	await page.click('[data-test-id=tidy-up-button]');
	await page.click('[data-test-id=zoom-to-fit]');
	const file = path.join(ARTIFACTS, 'editor-action-nodes.png');
	await page.screenshot({ path: file });
	expect(fs.statSync(file).size).toBeGreaterThan(10_000);
});

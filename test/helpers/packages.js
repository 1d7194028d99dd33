'use strict';
// The five packages, one per platform, in one place: where each lives, its npm name, its
// credential and node types, and paths into its build. Tests, scripts, examples' checks and the
// benchmarks name node types through nodeType() instead of writing package names out.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');

const LAYOUT = {
	mpChat: { folder: 'n8n-nodes-mpchat', nodes: ['mpChat', 'mpChatTrigger'] },
	biInk: { folder: 'n8n-nodes-biink', nodes: ['biInk', 'biInkTrigger'] },
	fly: { folder: 'n8n-nodes-fly', nodes: ['fly', 'flyTrigger', 'flyPollingTrigger'] },
	minapp: { folder: 'n8n-nodes-minapp', nodes: ['minapp', 'minappTrigger'] },
	botTalk: { folder: 'n8n-nodes-bottalk', nodes: ['botTalk'] },
};

/** [{platform, dir, name, version, pkg, credential, nodes}] in a fixed order. */
const PACKAGES = Object.entries(LAYOUT).map(([platform, { folder, nodes }]) => {
	const dir = path.join(ROOT, 'packages', folder);
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	return {
		platform,
		dir,
		name: pkg.name,
		version: pkg.version,
		pkg,
		credential: `${platform}Api`,
		nodes,
	};
});

const byPlatform = Object.fromEntries(PACKAGES.map((p) => [p.platform, p]));

/** The package that holds node `name` (e.g. "flyTrigger"). */
function packageOfNode(name) {
	const found = PACKAGES.find((p) => p.nodes.includes(name));
	if (!found) throw new Error(`no package holds a node named ${name}`);
	return found;
}

/**
 * The node type n8n knows a node by, e.g. nodeType('flyTrigger') → "n8n-nodes-fly.flyTrigger";
 * the variants n8n generates for an action node keep its package ('flyTool', 'flyHitlTool').
 */
const nodeType = (name) => `${packageOfNode(name.replace(/(Hitl)?Tool$/, '')).name}.${name}`;

/** A path in a platform's build, e.g. dist('biInk', 'nodes/BiInk/webhookSecret'). */
function dist(platform, rel) {
	if (!byPlatform[platform]) throw new Error(`unknown platform ${platform}`);
	return path.join(byPlatform[platform].dir, 'dist', rel);
}

/**
 * A core module as built into a platform's package, e.g. core('json', 'mpChat'). Each package
 * compiles in only the core modules it uses, and each has its own copy with its own state (pacing
 * lanes, nonce stores) and classes, so a test takes every module it combines from one package.
 */
function core(rel, platform) {
	const file = dist(platform, `nodes/shared/${rel}.js`);
	if (!fs.existsSync(file))
		throw new Error(
			`${byPlatform[platform].name} has no nodes/shared/${rel}.js: not built (\`npm run build\`), or the package does not use it`,
		);
	return file;
}

module.exports = { ROOT, PACKAGES, byPlatform, packageOfNode, nodeType, dist, core };

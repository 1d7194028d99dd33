'use strict';
// The simulator speaks big-ID JSON with the package's own toolkit (built into dist/): one
// implementation, pinned by its unit tests against literal wire texts.
let core;
try {
	core = require('../dist/nodes/shared/json');
} catch {
	throw new Error('The simulator needs the package built first: run `npm run build`.');
}
module.exports = core;

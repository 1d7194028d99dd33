'use strict';
// With n8n's default (in-memory) binary mode the file is inline base64 instead of a stream:
// uploads must carry the same bytes.
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'default';
const crypto = require('crypto');
const { setupNodeTests } = require('../helpers/nodes');

const t = setupNodeTests();

afterAll(() => {
	delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
});

test('an inline binary uploads intact', async () => {
	const bytes = crypto.randomBytes(70_000);
	const r = await t.run(
		'biInk',
		{ resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
		{
			items: [
				{
					json: {},
					binary: {
						data: { data: bytes, fileName: 'x.bin', mimeType: 'application/octet-stream' },
					},
				},
			],
		},
	);
	expect(r.error).toBeUndefined();
	const input = r.run.data.resultData.runData.Input[0].data.main[0][0].binary.data;
	expect(input.id).toBeUndefined();
	expect(t.last('biInk').multipart.files.file).toMatchObject({
		size: bytes.length,
		sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
	});
});

'use strict';
// Small HTTP helpers for the simulator: body reading, JSON answers, multipart parsing.
const { parseJson, stringifyJson } = require('./json');

const MAX_BUFFERED = 64 * 1024 * 1024;

/** Reads the whole body (up to a limit) as a Buffer. */
function readBody(req, limit = MAX_BUFFERED) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > limit) {
				reject(Object.assign(new Error('body too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function sendJson(res, status, body, headers = {}) {
	if (res.destroyed || res.headersSent) return;
	const text = typeof body === 'string' ? body : stringifyJson(body);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
	res.end(text);
}

/**
 * Streams a multipart/form-data body, keeping text fields and, for file parts, their name,
 * type, size, sha256 and the first bytes (so a 512 MB upload never sits in memory).
 */
function parseMultipart(req, keepBytes = 1024 * 1024) {
	const crypto = require('crypto');
	const type = req.headers['content-type'] || '';
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
	if (!/^multipart\/form-data/i.test(type) || !m) {
		return Promise.reject(
			Object.assign(new Error('expected multipart/form-data'), { status: 400 }),
		);
	}
	const boundary = Buffer.from(`\r\n--${m[1] || m[2]}`);
	return new Promise((resolve, reject) => {
		const fields = {};
		const files = {};
		// Prefix CRLF so the first boundary looks like every other one.
		let buf = Buffer.from('\r\n');
		let part = null; // { headersDone, name, filename, contentType, hash, size, kept: [] }
		let finished = false;

		const startPart = (headerText) => {
			const disp = /content-disposition:[^\r\n]*/i.exec(headerText)?.[0] || '';
			const name = /name="([^"]*)"/i.exec(disp)?.[1];
			const filename = /filename="([^"]*)"/i.exec(disp)?.[1];
			const contentType = /content-type:\s*([^\r\n]+)/i.exec(headerText)?.[1]?.trim();
			part = {
				name,
				filename,
				contentType,
				hash: crypto.createHash('sha256'),
				size: 0,
				kept: [],
				keptSize: 0,
			};
		};
		const feed = (data) => {
			if (!part) return;
			part.size += data.length;
			part.hash.update(data);
			if (part.keptSize < keepBytes) {
				const slice = data.subarray(0, keepBytes - part.keptSize);
				part.kept.push(Buffer.from(slice));
				part.keptSize += slice.length;
			}
		};
		const endPart = () => {
			if (!part || part.name === undefined) return;
			const content = Buffer.concat(part.kept);
			if (part.filename !== undefined) {
				files[part.name] = {
					filename: part.filename,
					contentType: part.contentType || 'application/octet-stream',
					size: part.size,
					sha256: part.hash.digest('hex'),
					content: part.size <= keepBytes ? content : undefined,
				};
			} else fields[part.name] = content.toString('utf8');
			part = null;
		};
		const pump = () => {
			for (;;) {
				if (finished) return;
				if (part === null) {
					// Looking for a boundary line, then the part headers.
					const at = buf.indexOf(boundary);
					if (at < 0) return;
					const after = at + boundary.length;
					if (buf.length < after + 2) return;
					if (buf.subarray(after, after + 2).toString() === '--') {
						finished = true;
						return;
					}
					const headersEnd = buf.indexOf('\r\n\r\n', after);
					if (headersEnd < 0) return;
					startPart(buf.subarray(after + 2, headersEnd).toString('utf8'));
					buf = buf.subarray(headersEnd + 4);
					continue;
				}
				const at = buf.indexOf(boundary);
				if (at >= 0) {
					feed(buf.subarray(0, at));
					endPart();
					buf = buf.subarray(at);
					continue;
				}
				// Keep a tail that might hold the start of a boundary.
				const safe = buf.length - boundary.length;
				if (safe > 0) {
					feed(buf.subarray(0, safe));
					buf = buf.subarray(safe);
				}
				return;
			}
		};
		req.on('data', (chunk) => {
			buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
			try {
				pump();
			} catch (e) {
				reject(e);
			}
		});
		req.on('end', () => {
			if (!finished)
				return reject(Object.assign(new Error('malformed multipart body'), { status: 400 }));
			if (req.journal)
				req.journal.multipart = {
					fields,
					files: Object.fromEntries(
						Object.entries(files).map(([k, f]) => [
							k,
							{ filename: f.filename, contentType: f.contentType, size: f.size, sha256: f.sha256 },
						]),
					),
				};
			resolve({ fields, files });
		});
		req.on('error', reject);
	});
}

/** Parses a JSON body with the platform's big-ID rules; undefined for an empty body. */
async function readJson(req) {
	const raw = await readBody(req);
	const text = raw.toString('utf8');
	if (req.journal) req.journal.text = text.slice(0, 65536);
	if (text.trim() === '') return { raw, body: undefined };
	try {
		return { raw, body: parseJson(text) };
	} catch {
		throw Object.assign(new Error('request body is not valid JSON'), { status: 400 });
	}
}

module.exports = { readBody, readJson, sendJson, parseMultipart };

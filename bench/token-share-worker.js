#!/usr/bin/env node
'use strict';
// One "worker" of benchmark 6: a Node process that sends MPChat messages through the package's
// compiled request core (as built into the MPChat package: pacing, retries) with n8n's own HTTP client, as an n8n worker's
// MPChat node would, 8 chats at a time. Started by bench.js; reports counts over IPC.
const { core, dist } = require('../test/helpers/packages');
const { apiRequest } = require(core('request', 'mpChat'));
const { mpChat } = require(dist('mpChat', 'nodes/MpChat/platform'));
const { makeContext } = require('../test/helpers/context');

const CHATS = 8;

process.once('message', async ({ credentials, label, count }) => {
	const ctx = makeContext('mpChatApi', credentials);
	let next = 0;
	let failed = 0;
	const errors = new Set();
	await Promise.all(
		Array.from({ length: CHATS }, async (_, chat) => {
			while (next < count) {
				const n = next++;
				try {
					await apiRequest.call(ctx, mpChat, {
						path: '/sendMessage',
						body: { chat_id: String(7000 + chat), text: `${label} ${n}` },
					});
				} catch (e) {
					failed++;
					errors.add(String(e.message).slice(0, 120));
				}
			}
		}),
	);
	process.send({ failed, errors: [...errors].slice(0, 3) }, () => process.exit(0));
});
process.send({ ready: true });

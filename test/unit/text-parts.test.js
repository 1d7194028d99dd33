'use strict';
// Telling a refusal for length from any other refusal (core/textParts.ts): only the
// first earns the error naming "Split Long Text at"; rate limits, auth and malformed fields never.
const { core } = require('../helpers/packages');
const { refusedForLength } = require(core('textParts', 'mpChat'));

test.each([
	'MPChat POST /sendMessage failed with HTTP 400: Bad Request: message is too long',
	'Fly POST /api/v1/s/bot/send failed with HTTP 400 (code 40000): data.content: too long',
	'minapp POST /api/send failed with HTTP 400 (code 40003): text.content exceeds the maximum length',
	'bi.ink POST /bot/sendmessage failed with HTTP 400: 消息内容过长',
	'failed: content exceeds max length 2048',
	'failed: 文本长度超过限制',
	'failed with HTTP 413: request entity too large',
])('a length refusal: %s', (message) => {
	expect(refusedForLength(new Error(message))).toBe(true);
});

test.each([
	'MPChat POST /sendMessage failed with HTTP 429: Too Many Requests: retry after 1',
	'BotTalk POST /notify failed with code 42901: 发送频率超限',
	'BotTalk POST /notify failed with code 50001: 全部推送失败',
	'MPChat POST /sendMessage failed with HTTP 401: Unauthorized',
	'Fly POST /api/v1/s/bot/send failed with HTTP 400 (code 40000): data.content: Required',
	'bi.ink POST /bot/sendmessage failed with HTTP 400: exactly one of group_id and target_user_id is required',
])('not a length refusal: %s', (message) => {
	expect(refusedForLength(new Error(message))).toBe(false);
});

test("the description counts too (where n8n puts the platform's details)", () => {
	expect(
		refusedForLength(
			Object.assign(new Error('The platform refused the request'), {
				description: 'message is too long',
			}),
		),
	).toBe(true);
});

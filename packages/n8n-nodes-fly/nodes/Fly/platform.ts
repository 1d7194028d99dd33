/** Fly as the shared core sees it: its credential, envelope and secrets. */
import { FlyApi } from '../../credentials/FlyApi.credentials';
import { decodeCodeMessage, httpHint, isObject, type Decoded } from '../shared/envelopes';
import { platformOf } from '../shared/platform';

/**
 * Fly's document never shows a `code`: its clients read `resp["data"]` and raise on the HTTP
 * status. Both that literal shape and `{code, message, data}` are accepted.
 */
function decode(status: number, body: unknown): Decoded {
	if (isObject(body) && !('code' in body) && !('errcode' in body)) {
		if (status < 400 && 'data' in body) return { ok: true, data: body.data };
		if (status >= 400) {
			const said = body.message ?? body.msg ?? body.error;
			return {
				ok: false,
				error: {
					code: status,
					platformMessage: typeof said === 'string' && said ? said : `HTTP ${status}`,
					description: httpHint(status),
				},
			};
		}
	}
	return decodeCodeMessage('Fly', status, body);
}

export const fly = platformOf(new FlyApi(), {
	name: 'Fly',
	decode,
	secretFields: ['accessToken', 'webhookSecret'],
});

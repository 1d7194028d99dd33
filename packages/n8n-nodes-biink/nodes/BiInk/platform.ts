/** bi.ink as the shared core sees it: its credential, envelope and secrets. */
import { BiInkApi } from '../../credentials/BiInkApi.credentials';
import {
	httpHint,
	isObject,
	num,
	unknownShape,
	withoutKeys,
	type Decoded,
} from '../shared/envelopes';
import { platformOf } from '../shared/platform';

/** `{code: 200 or 0, data}`, or `{code, msg}` for an error. */
function decode(status: number, body: unknown): Decoded {
	if (isObject(body) && 'code' in body) {
		const code = num(body.code);
		if (code === 200 || code === 0)
			return { ok: true, data: 'data' in body ? body.data : withoutKeys(body, ['code', 'msg']) };
		return {
			ok: false,
			error: {
				code: code ?? status,
				platformMessage: String(body.msg ?? 'bi.ink error'),
				description: httpHint(code ?? status),
			},
		};
	}
	return unknownShape(status, body);
}

export const biInk = platformOf(new BiInkApi(), {
	name: 'bi.ink',
	decode,
	secretFields: ['accessToken'],
});

/** minapp as the shared core sees it: its credential, envelope and secret. */
import { MinappApi } from '../../credentials/MinappApi.credentials';
import { decodeCodeMessage } from '../shared/envelopes';
import { platformOf } from '../shared/platform';

// minapp has no token: its credential holds a secret.
const HINTS: Record<number, string> = {
	401: 'The minapp secret is invalid or was reset: update the credential.',
};

export const minapp = platformOf(new MinappApi(), {
	name: 'minapp',
	decode: (status, body) => decodeCodeMessage('minapp', status, body, HINTS),
	secretFields: ['secret'],
});

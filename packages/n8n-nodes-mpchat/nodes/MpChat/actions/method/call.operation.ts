import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, forOperation } from '../../../shared/describe';
import { stringifyJson } from '../../../shared/json';
import { MultipartForm, inputFile } from '../../../shared/multipart';
import { failParam, jsonObjectParam, requiredString } from '../../../shared/params';
import { apiRequest } from '../../../shared/request';
import { mpChat } from '../../platform';

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'editMessageText',
		description:
			'Any Bot API method name, e.g. editMessageText, deleteMessage, answerCallbackQuery, getWebhookInfo. Methods that change the bot itself (setWebhook, deleteWebhook…) need Allow Bot Settings Methods.',
	},
	{
		displayName: 'Allow Bot Settings Methods',
		name: 'allowBotSettings',
		type: 'boolean',
		default: false,
		description:
			'Whether Method may change the bot itself: setWebhook, deleteWebhook, logOut, close, setChatMenuButton, and every setMy…, deleteMy… and removeMy… method (commands, name, descriptions, administrator rights). Off, they are refused, so a model filling Method in a tool cannot re-point, silence or rename the bot.',
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'parameters',
		type: 'json',
		default: '{}',
		description:
			"The method's parameters. Write IDs longer than 15 digits as strings so they stay exact.",
	},
	{
		displayName: 'Send Binary File',
		name: 'sendBinary',
		type: 'boolean',
		default: false,
		description: 'Whether to upload a file from the input item (the request becomes multipart)',
	},
	{
		...binaryPropertyField('The binary field of the input item holding the file'),
		displayOptions: { show: { sendBinary: [true] } },
	},
	{
		displayName: 'File Parameter Name',
		name: 'fileField',
		type: 'string',
		default: 'document',
		displayOptions: { show: { sendBinary: [true] } },
		description: 'The parameter that carries the file, e.g. photo, document, video, audio, voice',
	},
];

export const description = forOperation('method', 'call', properties);

// Methods that change the bot rather than act in a chat: where its updates go, its session, and
// what every user sees of it. Telegram's Bot API shape, which MPChat follows; the prefixes also
// cover such methods added later.
const BOT_SETTINGS_METHODS = new Set([
	'setwebhook',
	'deletewebhook',
	'logout',
	'close',
	'setchatmenubutton',
]);
const BOT_SETTINGS_PREFIXES = /^(set|delete|remove)my/;

/** Whether a method changes the bot itself; names compare as the server may: without case. */
export function changesBot(method: string): boolean {
	const name = method.toLowerCase().replace(/_/g, '');
	return BOT_SETTINGS_METHODS.has(name) || BOT_SETTINGS_PREFIXES.test(name);
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const method = requiredString(this, 'method', itemIndex, 'Method');
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(method))
		failParam(
			this,
			itemIndex,
			`Method "${method}" is not a method name (letters, digits and _ only)`,
		);
	if (changesBot(method) && this.getNodeParameter('allowBotSettings', itemIndex, false) !== true)
		failParam(
			this,
			itemIndex,
			`Method "${method}" changes the bot itself (its webhook, session, commands or profile): turn on "Allow Bot Settings Methods" to call it`,
		);
	const params = jsonObjectParam(this, 'parameters', itemIndex, 'Parameters (JSON)', {});
	let result: unknown;
	if (this.getNodeParameter('sendBinary', itemIndex, false)) {
		const property = requiredString(this, 'binaryPropertyName', itemIndex, 'Input Binary Field');
		const fileField = requiredString(this, 'fileField', itemIndex, 'File Parameter Name');
		const file = await inputFile(this, itemIndex, property, 'Input Binary Field');
		const form = () => {
			const f = new MultipartForm();
			for (const [k, v] of Object.entries(params))
				f.append(k, typeof v === 'string' ? v : stringifyJson(v));
			f.append(fileField, file.part());
			return f;
		};
		result = await apiRequest.call(this, mpChat, {
			path: `/${method}`,
			form,
			itemIndex,
			timeoutMs: 600_000,
		});
	} else {
		// Unknown methods may have effects: only rate-limit answers and refused connections are retried.
		result = await apiRequest.call(this, mpChat, {
			path: `/${method}`,
			body: params,
			itemIndex,
			idempotent: /^get/.test(method) && method !== 'getUpdates',
		});
	}
	if (
		Array.isArray(result) &&
		result.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))
	)
		return result as IDataObject[];
	if (result !== null && typeof result === 'object' && !Array.isArray(result))
		return result as IDataObject;
	return { result } as IDataObject;
}

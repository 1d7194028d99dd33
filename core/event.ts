/**
 * The one event shape every trigger outputs next to the platform's raw event, so a reply needs
 * the same expressions on every platform (`{{ $json.event.chat.id }}`, `{{ $json.event.text }}`),
 * the fields an AI Agent and its memory read by default (`chatInput`, `sessionId`), plus the
 * filters all triggers share.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

export type AttachmentKind =
	| 'image'
	| 'video'
	| 'audio'
	| 'voice'
	| 'file'
	| 'sticker'
	| 'link'
	| 'miniprogram'
	| 'contact'
	| 'other';

export interface Attachment {
	kind: AttachmentKind;
	url?: string;
	fileId?: string;
	name?: string;
	mimeType?: string;
}

export interface ChatEvent {
	/** The platform's ID, e.g. "mpChat". */
	platform: string;
	/** message, edited_message, callback_query, member_joined, … */
	type: string;
	chat: { id: string; type: string };
	/** `isBot` only where the platform marks bots (MPChat's Telegram-shaped `from.is_bot`). */
	sender: { id: string; name: string; isBot?: boolean };
	text: string;
	attachments: Attachment[];
	callback: { id: string; data: string } | null;
	messageId: string;
	/** Unix seconds. */
	timestamp: number;
}

/** A string for any scalar; IDs arrive as numbers, decimal strings (beyond 2^53) or strings. */
export function str(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') return '';
	return String(value);
}

export function obj(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export function seconds(value: unknown, fallback = Math.floor(Date.now() / 1000)): number {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/**
 * The event of a Bot API style button press: `callback_query` with the pressed message and its
 * chat. Each platform reads the sender, message ID and time its own way.
 */
export function buttonPressEvent(
	platform: string,
	cb: IDataObject,
	sender: ChatEvent['sender'],
	messageId: string,
	timestamp: number,
): ChatEvent {
	const chat = obj(obj(cb.message).chat);
	return {
		platform,
		type: 'callback_query',
		chat: { id: str(chat.id), type: str(chat.type) },
		sender,
		text: '',
		attachments: [],
		callback: { id: str(cb.id), data: str(cb.data) },
		messageId,
		timestamp,
	};
}

/** What the message carries, for the Message Types filter: its first attachment, else text. */
export function messageKind(event: ChatEvent): string {
	if (event.attachments.length) return event.attachments[0].kind;
	return event.text !== '' ? 'text' : 'other';
}

type MessageKind = Exclude<AttachmentKind, 'other'> | 'text';

const KIND_NAMES: Record<MessageKind, string> = {
	audio: 'Audio',
	contact: 'Contact',
	file: 'File',
	image: 'Image',
	link: 'Link',
	miniprogram: 'Mini Program',
	sticker: 'Sticker',
	text: 'Text',
	video: 'Video',
	voice: 'Voice',
};

/**
 * The Message Types a platform's messages come in (values as `messageKind` names them), in
 * alphabetical order, each under the platform's own name for it where it has one.
 */
export function messageKindOptions(
	kinds: MessageKind[],
	names: Partial<Record<MessageKind, string>> = {},
): Array<{ name: string; value: MessageKind }> {
	return kinds
		.map((value) => ({ name: names[value] ?? KIND_NAMES[value], value }))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface EventFilters {
	types: string[];
	chatIds: Set<string>;
	userIds: Set<string>;
	messageKinds: string[];
	includeBots: boolean;
}

const idList = (value: unknown) =>
	new Set(
		str(value)
			.split(/[\s,]+/)
			.map((s) => s.trim())
			.filter(Boolean),
	);

export function readFilters(types: unknown, options: IDataObject): EventFilters {
	return {
		types: Array.isArray(types) ? (types as string[]) : [],
		chatIds: idList(options.chatIds),
		userIds: idList(options.userIds),
		messageKinds: Array.isArray(options.messageTypes) ? (options.messageTypes as string[]) : [],
		includeBots: options.includeBotMessages === true,
	};
}

/** Empty filters let everything through. `rawType` is the platform's own name for the event. */
export function passes(event: ChatEvent, f: EventFilters, rawType = event.type): boolean {
	// A bot answering a bot (or itself) would loop without end.
	if (event.sender.isBot === true && !f.includeBots) return false;
	if (f.types.length && !f.types.includes(rawType) && !f.types.includes(event.type)) return false;
	if (f.chatIds.size && !f.chatIds.has(event.chat.id)) return false;
	if (f.userIds.size && !f.userIds.has(event.sender.id)) return false;
	if (
		f.messageKinds.length &&
		event.type !== 'callback_query' &&
		!f.messageKinds.includes(messageKind(event))
	)
		return false;
	return true;
}

/** The filter options every trigger offers (inside its Options collection). */
export function filterOptions(
	messageTypes: Array<{ name: string; value: string }>,
): INodeProperties[] {
	return [
		{
			displayName: 'Only Chat IDs',
			name: 'chatIds',
			type: 'string',
			default: '',
			placeholder: '10001, -100200300',
			description: 'Start the workflow only for these chats (comma-separated). Empty: every chat.',
		},
		{
			displayName: 'Only User IDs',
			name: 'userIds',
			type: 'string',
			default: '',
			description: 'Start the workflow only for these senders (comma-separated). Empty: everyone.',
		},
		{
			displayName: 'Only Message Types',
			name: 'messageTypes',
			type: 'multiOptions',
			options: messageTypes,
			default: [],
			description:
				'Start the workflow only for messages of these types (button presses always pass). None selected: every type.',
		},
	];
}

/** For triggers whose platform marks bots: without it, bots' messages start nothing. */
export const botMessagesOption: INodeProperties = {
	displayName: 'Include Bot Messages',
	name: 'includeBotMessages',
	type: 'boolean',
	default: false,
	description:
		'Whether messages from bots (the platform marks them) start the workflow too. Off by default, so a bot never answers a bot, itself included.',
};

/** How items are grouped into conversations for an AI Agent's memory (`sessionId`). */
export const sessionOption: INodeProperties = {
	displayName: 'Separate Memory per Group Member',
	name: 'sessionPerUser',
	type: 'boolean',
	default: false,
	description:
		"Whether sessionId also names the sender in group chats, so an AI Agent's memory is kept per person rather than shared by the group",
};

/**
 * The conversation an event belongs to, stable across messages: platform and chat, plus the
 * sender in group chats when asked. Memory nodes read it from `$json.sessionId` by default.
 */
function sessionIdOf(event: ChatEvent, options: IDataObject): string {
	const conversation = `${event.platform}:${event.chat.id}`;
	return options.sessionPerUser === true && event.chat.type !== 'private'
		? `${conversation}:${event.sender.id}`
		: conversation;
}

/**
 * A trigger item: `chatInput` (the message text, caption or link title: what an AI Agent reads by
 * default), `sessionId`, the normalized `event` and the platform's `raw` event.
 */
export function eventJson(event: ChatEvent, raw: IDataObject, options: IDataObject): IDataObject {
	return {
		chatInput: event.text,
		sessionId: sessionIdOf(event, options),
		event: event as unknown as IDataObject,
		raw,
	};
}

/** The "which events start the workflow" selector every trigger has. */
export function eventTypesProperty(
	name: string,
	displayName: string,
	options: INodePropertyOptions[],
	defaults: string[] = [],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		options,
		default: [...defaults],
		description: `Which ${displayName.toLowerCase()} start the workflow. None selected: all of them.`,
	};
}

/** The selector of the triggers that start on a Bot API style update: messages and button presses unless changed. */
export function updateTypesProperty(options: INodePropertyOptions[]): INodeProperties {
	return eventTypesProperty('updates', 'Updates', options, ['message', 'callback_query']);
}

/** A trigger's subtitle: how it listens, then the types its selector (`events` or `updates`) lets through. */
export function selectionSubtitle(how: string, selector: string, none: string): string {
	return `={{"${how}: " + ($parameter["${selector}"].join(", ") || "${none}")}}`;
}

export function setupNotice(text: string): INodeProperties {
	return { displayName: text, name: 'setupNotice', type: 'notice', default: '' };
}

/**
 * A trigger's description beyond the fields its class states (name, group, icon, subtitle, the
 * empty inputs, credentials and webhooks, which n8n's linter reads there): its default name, one
 * output and its fields.
 */
export function triggerNode(
	displayName: string,
	description: string,
	properties: INodeProperties[],
) {
	return {
		description,
		defaults: { name: displayName },
		outputs: [NodeConnectionTypes.Main],
		properties,
	};
}

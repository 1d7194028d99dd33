/**
 * In-chat answers: what a button's callback_data carries, and the proof a trigger gives the
 * waiting node that a press is real.
 *
 * A waiting execution resumes only through its n8n-signed resume URL, so the button must carry
 * what rebuilds it: execution ID, node ID, the question (see question.ts) and n8n's signature. A
 * tag (HMAC with a key derived from the bot token) lets the trigger recognise our buttons and
 * refuse forged or altered ones before it calls anything. Packed binary in base64url: at most 91
 * characters for n8n's numeric execution IDs (below 2^32), UUID node IDs and questions below 128
 * (bi.ink's document sets no length limit for callback_data). The 64-bit tag only screens
 * presses: the resume itself is guarded by n8n's full signature.
 */
import { createHmac, timingSafeEqual } from 'crypto';

import { secretsEqual } from '../secretsEqual';
import { QUESTION_PARAM } from './question';

export const PRESS_PREFIX = 'n8w2.';
/** Buttons sent before questions were named (no question in the reference or the URL). */
const PRESS_PREFIX_V1 = 'n8w1.';
const TAG_BYTES = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHOICES = ['approve', 'decline'] as const;
export type Choice = (typeof CHOICES)[number];

export interface PressRef {
	choice: Choice;
	executionId: string;
	nodeId: string;
	/** The question the button answers; '' in buttons sent before questions were named. */
	question: string;
	/** n8n's resume-URL signature (hex). */
	signature: string;
}

function keyFor(token: string): Buffer {
	return createHmac('sha256', token).update('imbots send-and-wait press v1').digest();
}

function short(buf: Buffer, key: Buffer): Buffer {
	return createHmac('sha256', key).update(buf).digest().subarray(0, TAG_BYTES);
}

function lenPrefixed(s: string): Buffer {
	const b = Buffer.from(s, 'utf8');
	if (b.length >= 0x80) throw new Error('identifier too long for a button reference');
	return Buffer.concat([Buffer.from([b.length]), b]);
}

/** Execution IDs are decimal numbers in n8n's databases: packed as bytes (high bit set), else as text. */
function packExecutionId(id: string): Buffer {
	if (!/^[1-9]\d{0,17}$/.test(id)) return lenPrefixed(id);
	let hex = BigInt(id).toString(16);
	if (hex.length % 2) hex = `0${hex}`;
	const bytes = Buffer.from(hex, 'hex');
	return Buffer.concat([Buffer.from([0x80 | bytes.length]), bytes]);
}

function unpackExecutionId(body: Buffer, at: number): [string, number] {
	const head = body[at];
	const len = head & 0x7f;
	const bytes = body.subarray(at + 1, at + 1 + len);
	return [
		head & 0x80 ? BigInt(`0x${bytes.toString('hex') || '0'}`).toString() : bytes.toString('utf8'),
		at + 1 + len,
	];
}

/** A question (a run index) as a base-128 varint. */
function packQuestion(question: string): Buffer {
	if (!/^(0|[1-9]\d{0,8})$/.test(question)) throw new Error('question must be a run index');
	const bytes: number[] = [];
	let n = Number(question);
	do {
		bytes.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
		n = Math.floor(n / 0x80);
	} while (n > 0);
	return Buffer.from(bytes);
}

function unpackQuestion(body: Buffer, at: number): [string, number] {
	let n = 0;
	for (let shift = 1; at < body.length && shift <= 0x80 ** 4; shift *= 0x80) {
		const b = body[at++];
		n += (b & 0x7f) * shift;
		if (!(b & 0x80)) return [String(n), at];
	}
	return ['', at];
}

export function encodePressRef(ref: PressRef, token: string): string {
	if (!/^[0-9a-f]{64}$/.test(ref.signature)) throw new Error('resume URL has no n8n signature');
	const node = UUID.test(ref.nodeId)
		? Buffer.concat([Buffer.from([0xff]), Buffer.from(ref.nodeId.replace(/-/g, ''), 'hex')])
		: lenPrefixed(ref.nodeId);
	const body = Buffer.concat([
		Buffer.from([CHOICES.indexOf(ref.choice)]),
		packExecutionId(ref.executionId),
		node,
		packQuestion(ref.question),
		Buffer.from(ref.signature, 'hex'),
	]);
	return PRESS_PREFIX + Buffer.concat([body, short(body, keyFor(token))]).toString('base64url');
}

export function isPressRef(callbackData: unknown): callbackData is string {
	return (
		typeof callbackData === 'string' &&
		(callbackData.startsWith(PRESS_PREFIX) || callbackData.startsWith(PRESS_PREFIX_V1))
	);
}

/** The reference, or undefined when it is malformed or was not issued with this token. */
export function decodePressRef(callbackData: string, token: string): PressRef | undefined {
	if (!isPressRef(callbackData)) return undefined;
	const v1 = callbackData.startsWith(PRESS_PREFIX_V1);
	const all = Buffer.from(callbackData.slice(PRESS_PREFIX.length), 'base64url');
	if (all.length <= TAG_BYTES + 36) return undefined;
	const body = all.subarray(0, all.length - TAG_BYTES);
	const tag = all.subarray(all.length - TAG_BYTES);
	if (!timingSafeEqual(tag, short(body, keyFor(token)))) return undefined;
	let at = 0;
	const choice = CHOICES[body[at++]];
	const [executionId, next] = unpackExecutionId(body, at);
	at = next;
	let nodeId: string;
	if (body[at] === 0xff) {
		const hex = body.subarray(at + 1, (at += 17)).toString('hex');
		nodeId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	} else {
		const len = body[at++];
		nodeId = body.subarray(at, (at += len)).toString('utf8');
	}
	let question = '';
	if (!v1) [question, at] = unpackQuestion(body, at);
	const signature = body.subarray(at).toString('hex');
	if (!choice || !executionId || !nodeId || (!v1 && !question) || signature.length !== 64)
		return undefined;
	return { choice, executionId, nodeId, question, signature };
}

/** What the trigger tells the waiting node about a press (the node checks it with its own token). */
export interface PressClaim {
	choice: Choice;
	senderId: string;
	senderName: string;
	messageId: string;
	callbackId: string;
	proof: string;
}

function claimText(signature: string, c: Omit<PressClaim, 'proof'>): string {
	return ['press', signature, c.choice, c.senderId, c.senderName, c.messageId, c.callbackId].join(
		'\u0000',
	);
}

function proofOf(token: string, signature: string, claim: Omit<PressClaim, 'proof'>): string {
	return createHmac('sha256', keyFor(token)).update(claimText(signature, claim)).digest('hex');
}

export function provePress(
	token: string,
	signature: string,
	claim: Omit<PressClaim, 'proof'>,
): PressClaim {
	return { ...claim, proof: proofOf(token, signature, claim) };
}

export function pressIsGenuine(token: string, signature: string, claim: PressClaim): boolean {
	return secretsEqual(proofOf(token, signature, claim), claim.proof);
}

/** The signed resume URL the reference stands for, under n8n's waiting-webhook base. */
export function resumeUrl(waitingBase: string, ref: PressRef): string {
	const question = ref.question ? `${QUESTION_PARAM}=${ref.question}&` : '';
	return `${waitingBase.replace(/\/+$/, '')}/${encodeURIComponent(ref.executionId)}/${encodeURIComponent(ref.nodeId)}?${question}signature=${ref.signature}`;
}

/** n8n's signature in a signed resume URL. */
export function signatureOf(signedUrl: string): string {
	return new URL(signedUrl).searchParams.get('signature') ?? '';
}

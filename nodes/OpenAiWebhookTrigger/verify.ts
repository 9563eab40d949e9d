import OpenAI, { InvalidWebhookSignatureError } from 'openai';

/**
 * What a rejected request is answered with: 400 for a request that is not a signed webhook event, 401 for
 * a wrong or stale signature, 500 when this n8n cannot check signatures at all.
 */
export interface Rejection {
	status: 400 | 401 | 500;
	reason: string;
}

export interface VerifiedEvent {
	event: WebhookEvent;
	webhookId: string;
	webhookTimestamp: number;
}

export interface WebhookEvent {
	id: string;
	type: string;
	created_at?: number;
	data: Record<string, unknown>;
	[field: string]: unknown;
}

export const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/** Only the SDK's signature check is used: no request is ever sent by this client. */
const verifier = new OpenAI({ apiKey: 'unused: verifies signatures only', organization: null, project: null, webhookSecret: null, logLevel: 'off' });

/**
 * Checks a request the way OpenAI signs webhooks (Standard Webhooks: HMAC-SHA256 over
 * `<webhook-id>.<webhook-timestamp>.<raw body>` with the endpoint's `whsec_` secret), with the openai
 * SDK's `webhooks.verifySignature`, then reads the event. The body must be the bytes as sent.
 */
export async function verifyWebhook(
	rawBody: Buffer | undefined,
	headers: Record<string, string | string[] | undefined>,
	secret: string,
	toleranceSeconds: number,
): Promise<VerifiedEvent | Rejection> {
	const signatureHeaders: Record<string, string> = {};
	for (const name of SIGNATURE_HEADERS) {
		const value = headers[name];
		if (typeof value !== 'string' || value === '') {
			return { status: 400, reason: `The request has no ${name} header: it is not a signed OpenAI webhook` };
		}
		signatureHeaders[name] = value;
	}
	if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) {
		return { status: 400, reason: 'The request has no body to verify' };
	}
	const payload = rawBody.toString('utf8');
	try {
		await verifier.webhooks.verifySignature(payload, signatureHeaders, secret, toleranceSeconds);
	} catch (error) {
		if (error instanceof InvalidWebhookSignatureError) return { status: 401, reason: reasonFor(error.message) };
		return { status: 500, reason: 'The signature could not be checked on this n8n (no Web Crypto)' };
	}
	const event = parseEvent(payload);
	if (typeof event === 'string') return { status: 400, reason: event };
	return { event, webhookId: signatureHeaders['webhook-id'], webhookTimestamp: Number.parseInt(signatureHeaders['webhook-timestamp'], 10) };
}

function reasonFor(sdkMessage: string): string {
	if (/too old|too new/.test(sdkMessage)) return `${sdkMessage}: outside the Timestamp Tolerance (a replayed or delayed request, or a clock off)`;
	return sdkMessage;
}

/** The event or what is wrong with it (it was signed, but it is still checked before use). */
function parseEvent(payload: string): WebhookEvent | string {
	let value: unknown;
	try {
		value = JSON.parse(payload);
	} catch {
		return 'The signed body is not JSON';
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'The signed body is not a JSON object';
	const event = value as Record<string, unknown>;
	if (typeof event.id !== 'string' || event.id === '') return 'The event has no id';
	if (typeof event.type !== 'string' || event.type === '') return 'The event has no type';
	if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) return 'The event has no data object';
	return event as WebhookEvent;
}

export function isRejection(value: VerifiedEvent | Rejection): value is Rejection {
	return 'status' in value;
}

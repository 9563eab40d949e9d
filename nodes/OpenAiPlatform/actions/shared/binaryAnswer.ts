import { UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';

/**
 * Binary answers (speech audio, a file's content) are not JSON, so no shape fits them; what can be
 * checked cheaply is that there is a body and that the type the server declared fits. A proxy's
 * HTML page or an API error object sent with status 200 is then an error naming what came, never
 * a "file" stored in n8n.
 */
interface WithResponse<T> {
	withResponse(): Promise<{ data: T; response: Response }>;
}

/** What the declared media type (lower case, without parameters; undefined when none) says is wrong, or undefined. */
export type MediaTypeRule = (mediaType: string | undefined) => string | undefined;

/** How much of a refused binary body is read, for the error's preview. */
const PREVIEW_BYTES = 4 * 1024;

/** Awaits an SDK call whose answer is a binary body, and checks it has a body whose declared type `rule` accepts. */
export async function checkedBinary(call: WithResponse<Response | null>, expected: string, rule: MediaTypeRule): Promise<Response> {
	const { data, response } = await call.withResponse();
	const contentType = response.headers.get('content-type');
	if (!data || response.status === 204 || response.status === 205 || !data.body) {
		throw new UnexpectedResponseError(expected, 'the answer has no body', { status: response.status, contentType, body: '' });
	}
	const problem = rule(mediaTypeOf(contentType));
	if (problem) await refuse(data, expected, problem);
	return data;
}

/** Throws the UnexpectedResponseError for a binary body, with a preview of its first bytes (the rest is not read). */
export async function refuse(response: Response, expected: string, problem: string): Promise<never> {
	throw new UnexpectedResponseError(expected, problem, {
		status: response.status,
		contentType: response.headers.get('content-type'),
		body: await previewOf(response),
	});
}

export function mediaTypeOf(contentType: string | null | undefined): string | undefined {
	const type = contentType?.split(';')[0]?.trim().toLowerCase();
	return type || undefined;
}

export const isHtml = (mediaType: string | undefined): boolean => mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
export const isJson = (mediaType: string | undefined): boolean =>
	mediaType !== undefined && (mediaType === 'application/json' || mediaType.endsWith('+json'));

/** Audio is never a web page, JSON or text. A missing type is let through (nothing says it is not audio). */
export const audioRule: MediaTypeRule = (mediaType) => {
	if (isHtml(mediaType)) return `it is an HTML page (${mediaType}), not audio`;
	if (isJson(mediaType)) return `it is JSON (${mediaType}), not audio`;
	if (mediaType?.startsWith('text/')) return `it is text (${mediaType}), not audio`;
	return undefined;
};

/** Bodies larger than this are never taken for an API error object. */
const MAX_ERROR_OBJECT_CHARS = 64 * 1024;

/**
 * Whether a text is an API error object and nothing else (`{"error": {…}}`): what a server sends
 * with status 200 instead of a file's bytes. Cheap for anything else (a look at the first characters).
 */
export function isApiErrorObject(text: string): boolean {
	if (text.length > MAX_ERROR_OBJECT_CHARS || !/^\s*\{\s*"error"\s*:/.test(text)) return false;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return false;
	}
	const error = (value as { error?: unknown }).error;
	return Object.keys(value as object).length === 1 && typeof error === 'object' && error !== null;
}

/** The first PREVIEW_BYTES of a body as text; the rest is left unread and the body closed. */
async function previewOf(response: Response): Promise<string> {
	if (!response.body || response.bodyUsed) return '';
	const reader = response.body.getReader();
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		while (size < PREVIEW_BYTES) {
			const { value, done } = await reader.read();
			if (done) break;
			chunks.push(Buffer.from(value));
			size += value.length;
		}
	} catch {
		// a body that fails or stalls while being previewed: what came is enough
	} finally {
		reader.cancel().catch(() => undefined);
	}
	return Buffer.concat(chunks).subarray(0, PREVIEW_BYTES).toString('utf8');
}

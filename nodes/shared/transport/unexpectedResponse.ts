/**
 * A server's answer that is not what the endpoint promises: a 200 with `{}`, an HTML page, a
 * `text/plain` "OK", a list page without `data`, a cursor that does not advance. Plain TypeScript
 * (no n8n): the usage engine raises it too. `errors.ts` turns it into a NodeApiError whose message
 * says what was expected and what came, with a hint that the Base URL may not point at an
 * OpenAI-compatible API.
 */
export interface AnswerFacts {
	status?: number;
	contentType?: string | null;
	/** The body as the SDK handed it over (parsed JSON, or text for a non-JSON answer). */
	body?: unknown;
}

export class UnexpectedResponseError extends Error {
	override name = 'UnexpectedResponseError';
	/** e.g. "a moderation result with a `results` array" */
	readonly expected: string;
	/** What was wrong, e.g. "`results` is missing" */
	readonly problem: string;
	readonly status?: number;
	readonly contentType?: string;
	/** At most PREVIEW_CHARS characters of the answer; an HTML page reduced to its title. */
	readonly preview: string;

	constructor(expected: string, problem: string, facts: AnswerFacts = {}) {
		super(`The server's answer is not ${expected}: ${problem}`);
		this.expected = expected;
		this.problem = problem;
		this.status = facts.status;
		this.contentType = facts.contentType ?? undefined;
		this.preview = previewOf(facts.body, this.contentType);
	}
}

/** A paging loop that would not end: a repeated or missing cursor, or more pages than a run may read. */
export class PagingError extends Error {
	override name = 'PagingError';
}

export const PREVIEW_CHARS = 200;

/** A short, safe preview of a body: HTML → its title; JSON → compact text; cut at PREVIEW_CHARS. */
export function previewOf(body: unknown, contentType?: string | null): string {
	if (body === undefined || body === null || body === '') return '(empty)';
	let text: string;
	if (typeof body === 'string') text = body;
	else if (Buffer.isBuffer(body)) text = body.subarray(0, 4 * PREVIEW_CHARS).toString('utf8');
	else text = boundedJson(body, PREVIEW_CHARS + 1);
	if (looksLikeHtml(text, contentType)) {
		const title = htmlTitle(text);
		return title ? `an HTML page titled "${cut(title)}"` : 'an HTML page without a title';
	}
	return cut(text.replace(/\s+/g, ' ').trim());
}

/** JSON text of a value, stopping soon after `max` characters (an answer may hold 50 MB). */
export function boundedJson(value: unknown, max: number): string {
	let out = '';
	const seen = new Set<unknown>();
	const write = (part: unknown): void => {
		if (out.length > max) return;
		if (part === null || typeof part !== 'object') {
			out += typeof part === 'string' ? JSON.stringify(part.length > max ? part.slice(0, max) : part) : (JSON.stringify(part) ?? 'null');
			return;
		}
		if (seen.has(part)) {
			out += '"[circular]"';
			return;
		}
		seen.add(part);
		if (Array.isArray(part)) {
			out += '[';
			for (let index = 0; index < part.length && out.length <= max; index++) {
				if (index > 0) out += ',';
				write(part[index]);
			}
			out += ']';
			return;
		}
		out += '{';
		let first = true;
		for (const [key, field] of Object.entries(part)) {
			if (out.length > max) break;
			if (field === undefined) continue;
			out += `${first ? '' : ','}${JSON.stringify(key)}:`;
			first = false;
			write(field);
		}
		out += '}';
	};
	write(value);
	return out;
}

export function looksLikeHtml(text: string, contentType?: string | null): boolean {
	if (contentType && /html/i.test(contentType)) return true;
	return /^\s*(?:<!doctype html|<html|<head|<body|<title)/i.test(text);
}

export function htmlTitle(html: string): string | undefined {
	const match = /<title[^>]*>([\s\S]{0,1000}?)<\/title>/i.exec(html);
	if (!match) return undefined;
	return decodeEntities(match[1]).replace(/\s+/g, ' ').trim() || undefined;
}

function decodeEntities(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}

function cut(text: string, max = PREVIEW_CHARS): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A response body that did not arrive whole within the request's Timeout (headers came, then it stalled). */
export class BodyTimeoutError extends Error {
	override name = 'BodyTimeoutError';
	constructor(
		readonly timeoutMs: number,
		readonly bytesRead?: number,
	) {
		super(
			`The answer's body did not arrive whole within the Timeout (${timeoutMs} ms)${bytesRead !== undefined ? `: ${bytesRead} bytes came, then it stalled` : ''}`,
		);
	}
}

/** The server answered, but its body could not be read whole: cut off mid-stream, or not decompressible. */
export class BodyReadError extends Error {
	override name = 'BodyReadError';
	constructor(
		readonly status: number,
		readonly bytesRead: number,
		readonly reason: 'cut' | 'decompress',
		cause?: unknown,
	) {
		super(
			reason === 'decompress'
				? `The server answered (HTTP ${status}) with a body that could not be decompressed (its Content-Encoding does not match the bytes)`
				: `The server answered (HTTP ${status}), but the connection closed${bytesRead > 0 ? ` after ${bytesRead} bytes of the body,` : ''} before the whole answer arrived`,
		);
		if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, configurable: true });
	}
}

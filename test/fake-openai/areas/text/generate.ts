import { asArray, asString, type JsonObject } from './fields';
import { countTokens, firstTokens } from './tokens';

/**
 * The fake's "model": a deterministic reply derived from the prompt, so tests can assert it.
 *
 *   Echo: <the first 12 words of the last user message> … [<tag>]
 *   Echo: <words> (turn 2) [<tag>]        when earlier user turns exist
 *
 * The tag is 7 base-36 characters hashed from the model, the whole conversation, the seed and the
 * choice (so n > 1 gives different choices unless temperature is 0).
 */
export const SNIPPET_WORDS = 12;

export function snippetOf(text: string): string {
	const words = text.split(/\s+/).filter((word) => word !== '');
	if (words.length === 0) return '(no text)';
	return words.slice(0, SNIPPET_WORDS).join(' ') + (words.length > SNIPPET_WORDS ? ' …' : '');
}

export function replyTag(hash: number): string {
	return hash.toString(36).padStart(7, '0');
}

export function echoReply(lastText: string, turn: number, tag: string): string {
	return `Echo: ${snippetOf(lastText)}${turn > 1 ? ` (turn ${turn})` : ''} [${tag}]`;
}

export interface LimitedOutput {
	text: string;
	/** 'stop': the natural end or a stop sequence; 'length': the token budget cut it */
	finish: 'stop' | 'length';
}

/** Applies stop sequences (the text ends before the first one) and the output token budget. */
export function limitOutput(text: string, maxTokens: number | undefined, stop: readonly string[] = []): LimitedOutput {
	let end = text.length;
	for (const sequence of stop) {
		const at = sequence === '' ? -1 : text.indexOf(sequence);
		if (at >= 0 && at < end) end = at;
	}
	const stopped = text.slice(0, end);
	if (maxTokens !== undefined && countTokens(stopped) > maxTokens) {
		return { text: firstTokens(stopped, maxTokens), finish: 'length' };
	}
	return { text: stopped, finish: 'stop' };
}

export const MAX_STOP_SEQUENCES = 4;

/** `stop`: a string or up to 4 strings. */
export function readStop(body: JsonObject): string[] {
	const value = body.stop;
	if (value === undefined || value === null) return [];
	if (typeof value === 'string') return [value];
	return asArray(value, 'stop', { nonEmpty: true, max: MAX_STOP_SEQUENCES }).map((entry, index) => asString(entry, `stop[${index}]`));
}

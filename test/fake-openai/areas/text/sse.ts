import type { RawResponse } from '../../area';

/**
 * Server-sent events for `stream: true`. The fake computes the whole answer first and sends all
 * events in one body (the SDK's stream parser does not care how the bytes are chunked).
 */
export function chatStyleStream(chunks: readonly unknown[]): RawResponse {
	const body = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') + 'data: [DONE]\n\n';
	return { raw: body, contentType: 'text/event-stream; charset=utf-8' };
}

/** Responses API streams: `event: <type>` lines, no [DONE]. */
export function typedEventStream(events: ReadonlyArray<{ type: string } & Record<string, unknown>>): RawResponse {
	const body = events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
	return { raw: body, contentType: 'text/event-stream; charset=utf-8' };
}

/** Splits a text into stream deltas (words with their leading space). */
export function textDeltas(text: string): string[] {
	return text.match(/\s*\S+|\s+$/g) ?? (text === '' ? [] : [text]);
}

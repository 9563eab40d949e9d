import type { AreaContext, FakeRequest, FakeResponse } from '../../area';
import type { KeyRecord } from '../../keys';
import { perServer } from './serverState';

/**
 * The synchronous endpoints' own handlers, as the batch worker calls them for a request line: an
 * area registers its route handler here under the batch endpoint URL, and the worker hands it a
 * request made of the line's body (JSON), so a batch line is answered exactly like the request
 * sent directly — same checks, same errors, same body.
 */
export type LineHandler = (request: FakeRequest) => FakeResponse;

export function lineHandlers(anchor: Pick<AreaContext, 'clock'>): Map<string, LineHandler> {
	return perServer(anchor, 'batchLineHandlers', () => new Map<string, LineHandler>());
}

/** The request a batch line amounts to: POST with the line's JSON body, made with the batch creator's key. */
export function lineRequest(url: string, body: Record<string, unknown>, key: KeyRecord | undefined): FakeRequest {
	return {
		method: 'POST',
		path: url,
		params: {},
		query: {},
		headers: { 'content-type': 'application/json', host: '127.0.0.1' },
		body,
		rawBody: Buffer.from(JSON.stringify(body)),
		key: key as KeyRecord,
		reportTokens: () => undefined,
	};
}

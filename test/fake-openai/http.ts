import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ApiError } from './errors';

/** A response ready to be written. */
export interface Outcome {
	status: number;
	headers: Record<string, string>;
	contentType: string;
	payload: string | Buffer;
}

const EMPTY = Buffer.alloc(0);

export function jsonOutcome(status: number, body: unknown, headers: Record<string, string> = {}): Outcome {
	return { status, headers, contentType: 'application/json', payload: JSON.stringify(body) };
}

export function errorOutcome(error: ApiError, headers: Record<string, string> = {}): Outcome {
	return jsonOutcome(error.status, error.toBody(), { ...headers, ...error.headers });
}

/** Reads the whole request body; rejects if the client goes away first. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let ended = false;
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.once('end', () => {
			ended = true;
			resolve(chunks.length === 0 ? EMPTY : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
		});
		req.once('error', reject);
		req.once('close', () => {
			if (!ended) reject(new Error('request aborted'));
		});
	});
}

/** Writes the outcome unless the connection is gone; returns whether it was written. */
export function writeOutcome(res: ServerResponse, outcome: Outcome, headers: Record<string, string>): boolean {
	if (res.destroyed || res.writableEnded) return false;
	const payload = outcome.payload;
	res.writeHead(outcome.status, {
		...headers,
		...outcome.headers,
		'content-type': outcome.contentType,
		'content-length': String(Buffer.byteLength(payload)),
	});
	res.end(payload);
	return true;
}

/** Parses a JSON body; `ok: false` when it is not valid JSON. An empty body is `undefined`. */
export function parseJsonBody(raw: Buffer): { ok: true; value: unknown } | { ok: false } {
	if (raw.length === 0) return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(raw.toString('utf8')) };
	} catch {
		return { ok: false };
	}
}

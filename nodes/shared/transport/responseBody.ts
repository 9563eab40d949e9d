import { BodyReadError, BodyTimeoutError } from './unexpectedResponse';

/**
 * Reading response bodies with a deadline and a size bound (the trust rules: every byte has a
 * deadline; an error body is never buffered beyond a bounded prefix).
 */

/** n8n's Node stream of a response body, seen structurally. */
export interface BodyStream extends AsyncIterable<Buffer> {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	once(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy(error?: Error): unknown;
	readableEnded?: boolean;
}

/** The most of an error body (status ≥ 300) that is read; the rest is dropped unread. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface CollectOptions {
	status: number;
	/** Read at most this many bytes; the stream is closed after them. */
	maxBytes?: number;
	/** Epoch ms by which the whole body must have arrived. */
	deadline?: number;
	timeoutMs?: number;
	signal?: AbortSignal;
	/** The error to reject with when `signal` aborts. */
	onAbort?: () => Error;
}

export interface Collected {
	bytes: Buffer;
	/** False when `maxBytes` cut the body short. */
	complete: boolean;
}

export function isBodyStream(body: unknown): body is BodyStream {
	return typeof body === 'object' && body !== null && typeof (body as BodyStream).on === 'function' && Symbol.asyncIterator in body;
}

/** Reads a body stream into one Buffer (or its first `maxBytes`), within the deadline. */
export async function collectBody(stream: BodyStream, options: CollectOptions): Promise<Collected> {
	const maxBytes = options.maxBytes ?? Infinity;
	return await new Promise<Collected>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		const deadline = options.deadline !== undefined ? AbortSignal.timeout(Math.max(0, options.deadline - Date.now())) : undefined;
		const finish = (settle: () => void) => {
			if (done) return;
			done = true;
			deadline?.removeEventListener('abort', onDeadline);
			options.signal?.removeEventListener('abort', onAbort);
			stream.removeListener('data', onData);
			stream.removeListener('end', onEnd);
			stream.removeListener('close', onClose);
			settle();
		};
		const stop = (error: Error) =>
			finish(() => {
				stream.destroy();
				reject(error);
			});
		const onAbort = () => stop(options.onAbort?.() ?? new Error('The request was aborted'));
		const onDeadline = () => stop(new BodyTimeoutError(options.timeoutMs ?? 0, size));
		const onData = (chunk: unknown) => {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
			chunks.push(buffer);
			size += buffer.length;
			if (size >= maxBytes) {
				finish(() => {
					stream.destroy();
					resolve({ bytes: Buffer.concat(chunks, size).subarray(0, maxBytes), complete: false });
				});
			}
		};
		const onEnd = () => finish(() => resolve({ bytes: Buffer.concat(chunks, size), complete: true }));
		// n8n's HTTP client ends the body with its own error when the request's signal aborts (the SDK's
		// timer, Stop): that is the abort, not a broken body.
		const failed = (error: unknown) =>
			options.signal?.aborted ? onAbort() : finish(() => reject(readError(options.status, size, error)));
		const onError = (error: unknown) => failed(error);
		const onClose = () => failed(undefined);
		if (options.signal?.aborted) return onAbort();
		options.signal?.addEventListener('abort', onAbort, { once: true });
		deadline?.addEventListener('abort', onDeadline, { once: true });
		stream.on('data', onData);
		stream.on('end', onEnd);
		stream.on('error', onError);
		stream.on('close', onClose);
	});
}

/** The errors of streamed bodies, as this package explains them (see `bodyErrorOf`). */
const explained = new WeakMap<object, BodyReadError>();

/**
 * Holds a streamed body (a binary download) to the deadline: when it has not ended by then, it is
 * destroyed with a BodyTimeoutError, which whoever reads it (n8n's binary store, the SDK) receives,
 * and `onDeadline` runs (it aborts the request: axios hands out a wrapper whose destroy waits for
 * the stalled socket, so the socket itself must go). A read error (a body cut off, a bad gzip body)
 * reaches the reader as it is; `bodyErrorOf` explains it afterwards. Returns the stream.
 */
export function armDeadline<T extends BodyStream>(
	stream: T,
	status: number,
	deadline: number | undefined,
	timeoutMs: number | undefined,
	onDeadline?: (error: BodyTimeoutError) => void,
): T {
	// an error nobody listens to would crash the process; readers add their own listeners (no 'data'
	// listener here: it would start the flow before the reader is there)
	stream.on('error', (error: unknown) => {
		if (typeof error === 'object' && error !== null && !(error instanceof BodyTimeoutError) && !isAbort(error)) {
			const read = readError(status, 0, error);
			if (read instanceof BodyReadError) explained.set(error, read);
		}
	});
	if (deadline === undefined) return stream;
	// an abort signal as the timer (the package uses no raw setTimeout); released when the stream ends
	const timer = AbortSignal.timeout(Math.max(0, deadline - Date.now()));
	const fire = () => {
		if (stream.readableEnded) return;
		const error = new BodyTimeoutError(timeoutMs ?? 0);
		stream.destroy(error);
		onDeadline?.(error);
	};
	const release = () => timer.removeEventListener('abort', fire);
	timer.addEventListener('abort', fire, { once: true });
	stream.once('close', release);
	stream.once('end', release);
	return stream;
}

/**
 * The body error behind `error` (or its causes): a BodyTimeoutError or BodyReadError, also one
 * explained from a raw read error of a streamed body ("aborted", "incorrect header check").
 */
export function bodyErrorOf(error: unknown): BodyTimeoutError | BodyReadError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		if (current instanceof BodyTimeoutError || current instanceof BodyReadError) return current;
		const read = explained.get(current);
		if (read) return read;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function readError(status: number, bytesRead: number, error: unknown): Error {
	if (error instanceof BodyTimeoutError || error instanceof BodyReadError) return error;
	if (isAbort(error)) return error as Error;
	const code = (error as { code?: unknown } | undefined)?.code;
	const decompress = typeof code === 'string' && /^Z_|ERR_.*(ZLIB|BROTLI|DECOMPRESS)/i.test(code);
	return new BodyReadError(status, bytesRead, decompress ? 'decompress' : 'cut', error);
}

function isAbort(error: unknown): boolean {
	return error instanceof Error && (error.name === 'AbortError' || error.name === 'CanceledError');
}

/** Cheap check that bytes said to be JSON look like a JSON object or array (first and last non-blank byte). */
export function looksLikeJsonDocument(bytes: Buffer): boolean {
	let start = 0;
	let end = bytes.length - 1;
	while (start <= end && isBlank(bytes[start])) start++;
	while (end >= start && isBlank(bytes[end])) end--;
	if (start > end) return false;
	const first = bytes[start];
	const last = bytes[end];
	return (first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d);
}

function isBlank(byte: number): boolean {
	return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0xef || byte === 0xbb || byte === 0xbf;
}

import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { PipeableBody } from './pipeableBody';
import type { BodyStream } from './responseBody';
import { armDeadline, collectBody, isBodyStream, looksLikeJsonDocument, MAX_ERROR_BODY_BYTES } from './responseBody';
import type { RateLimitGovernor } from './rateLimitGovernor';
import { estimateTokens } from './rateLimitGovernor';

/**
 * A WHATWG `fetch` for the openai SDK that sends every request through n8n's own HTTP helper
 * (`httpRequestWithAuthentication`), so that n8n's proxy settings, SSRF protection, the
 * credential's allowed domains and the credential's `authenticate` block apply to this package
 * exactly as they do to n8n's built-in nodes. The SDK never opens a socket of its own.
 *
 * Pitfalls this handles (see docs/ARCHITECTURE.md "Transport"):
 * - n8n overwrites `abortSignal` with the execution's cancel signal; the SDK's own signal
 *   (its timeout and aborts) is merged back in through an accessor.
 * - the SDK must see 4xx/5xx itself (to retry and raise typed errors): no throw on HTTP errors.
 * - abort surfaces as an `AbortError`-named Error (the SDK's test for a timeout/abort).
 * - 204/205/304 responses carry no body; `Response.url` is set after construction.
 * - Streamed request bodies (big uploads) stay streams: axios sends them chunk by chunk.
 * - A binary response body can be taken as n8n's own Node stream (`nodeStreamOf`), which n8n's
 *   binary helpers write straight into the binary store.
 */

/** The full response n8n returns with `returnFullResponse: true`. */
interface N8nFullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
	statusMessage?: string;
}

export type SendThroughN8n = (options: IHttpRequestOptions) => Promise<unknown>;

export interface N8nFetchOptions {
	/** The credential's allowed domains (comma list), enforced by n8n before sending and on redirects. */
	allowedDomains?: string;
	/** Called with n8n's error when n8n refuses to send (domain not allowed, SSRF block). */
	onRefused?: (error: Error) => void;
	/** Paces requests by the rate-limit headers of earlier responses. */
	governor?: RateLimitGovernor;
	/**
	 * Signals the SDK's own request signal already follows (the client's lifetime signal: Stop in
	 * n8n). When n8n hands one of them to the request, the SDK's signal alone carries both.
	 */
	followedSignals?: AbortSignal[];
	/**
	 * The request Timeout (ms). The SDK's own timer ends when the headers arrive; this one holds the
	 * body to the same deadline, counted from the request's start.
	 */
	timeoutMs?: number;
	/** The credential's secrets: an answer that carries one back is refused (see SECRET_ECHO_TYPE). */
	secrets?: readonly string[];
}

/**
 * The error type of the answer this adapter makes in place of a 2xx JSON answer that contains the
 * credential's key (a gateway echoing headers): the key must never reach an output. A 502 with
 * `x-should-retry: false`, so the SDK raises it at once; errors.ts explains it.
 */
export const SECRET_ECHO_TYPE = 'secret_echoed_by_server';

/** Set on an answer that says it is JSON but is not: the SDK then hands it over as text, for the shape checks to report. */
export const NOT_JSON_HEADER = 'x-openai-platform-not-json';

export type SdkFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & {
	Response: typeof Response;
};

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function createN8nFetch(send: SendThroughN8n, options: N8nFetchOptions = {}): SdkFetch {
	const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8).map((secret) => Buffer.from(secret));
	const n8nFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		const method = (init.method ?? 'GET').toUpperCase() as IHttpRequestMethods;
		const sdkSignal = init.signal ?? undefined;
		if (sdkSignal?.aborted) throw abortError(sdkSignal);

		const body = await toN8nBody(init.body, sdkSignal);
		const headers = toHeaderObject(init.headers, body);
		const request: IHttpRequestOptions = {
			url,
			method,
			headers,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			// Always a stream: an error body is read only up to a bounded prefix, and a body is held to
			// the Timeout. A JSON answer (read whole by the SDK anyway) is collected here into one Buffer
			// (see readBody); binary downloads stay streams.
			encoding: 'stream',
			...(body !== undefined ? { body: body as IDataObject } : {}),
			// OpenAI does not redirect API calls. Following redirects would make axios wrap every
			// request (measured: about 0.5 ms each in n8n) and keep a copy of everything sent, to resend
			// it — a stream is sent once. A 3xx reaches the SDK as an error with a hint (errors.ts).
			disableFollowRedirect: true,
			...(options.allowedDomains ? { allowedDomains: options.allowedDomains } : {}),
		};
		const deadline = options.timeoutMs ? Date.now() + options.timeoutMs : undefined;
		const wholeJson = expectsWholeJson(headers, body);
		// A streamed answer (a download) outlives the SDK's timer; its deadline must be able to end the
		// request itself, so it gets a signal of its own. JSON answers need none (read before fetch returns).
		const bodyAbort = !wholeJson && deadline !== undefined ? new AbortController() : undefined;
		const requestSignal = bodyAbort ? (sdkSignal ? AbortSignal.any([sdkSignal, bodyAbort.signal]) : bodyAbort.signal) : sdkSignal;
		mergeAbortSignals(request, requestSignal, options.followedSignals);

		const { governor } = options;
		const tokens = governor ? estimateTokens(body) : 0;
		if (governor) {
			try {
				await governor.acquire(tokens, sdkSignal);
			} catch {
				throw abortError(sdkSignal ?? AbortSignal.abort());
			}
		}
		let raw: unknown;
		try {
			raw = await send(request);
		} catch (error) {
			// axios leaves a streamed body waiting when the request fails: release the file it reads
			if (body instanceof PipeableBody) body.destroy();
			governor?.release();
			if (sdkSignal?.aborted) throw abortError(sdkSignal);
			const refusal = findRefusal(error);
			if (refusal) options.onRefused?.(refusal);
			// The SDK must see the transport's own error to retry and classify it; errors.ts turns
			// it into the NodeApiError the user sees.
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw error;
		}
		let full = raw as N8nFullResponse;
		if (body instanceof PipeableBody) releaseAfterResponse(body, full.body);
		try {
			full = await readBody(full, { wholeJson, deadline, timeoutMs: options.timeoutMs, sdkSignal, bodyAbort, secrets });
		} catch (error) {
			governor?.release();
			// a broken or stalled body: the SDK retries it, errors.ts explains it
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw error;
		}
		const response =
			full.statusCode === 429 ? await quotaAwareResponse(full, url) : toResponse(full, url, sdkSignal);
		governor?.observe(response.headers, full.statusCode === 429 ? tokens : undefined);
		return response;
	};
	return Object.assign(n8nFetch, { Response });
}

/**
 * What of a response body is handed to the SDK, and how:
 * - an error (status ≥ 300): at most MAX_ERROR_BODY_BYTES, the rest dropped unread;
 * - a JSON answer: collected into one Buffer within the deadline; one that does not look like a
 *   JSON document is re-labelled as text (NOT_JSON_HEADER keeps what it said), so that the SDK
 *   hands it over as text and the operation's shape check reports it, instead of a JSON.parse error;
 * - anything else (a binary file): left a stream, held to the deadline.
 */
async function readBody(
	full: N8nFullResponse,
	options: {
		wholeJson: boolean;
		deadline?: number;
		timeoutMs?: number;
		sdkSignal?: AbortSignal;
		bodyAbort?: AbortController;
		secrets: Buffer[];
	},
): Promise<N8nFullResponse> {
	if (!isBodyStream(full.body) || NULL_BODY_STATUSES.has(full.statusCode)) return full;
	const stream = full.body;
	const isError = full.statusCode >= 300;
	if (!isError && !options.wholeJson) {
		armDeadline(stream, full.statusCode, options.deadline, options.timeoutMs, (error) => options.bodyAbort?.abort(error));
		return full;
	}
	const { bytes } = await collectBody(stream, {
		status: full.statusCode,
		maxBytes: isError ? MAX_ERROR_BODY_BYTES : undefined,
		// While fetch has not returned, the SDK's own timer (the same Timeout) aborts its signal: no second timer.
		deadline: options.sdkSignal ? undefined : options.deadline,
		timeoutMs: options.timeoutMs,
		signal: options.sdkSignal,
		onAbort: () => abortError(options.sdkSignal ?? AbortSignal.abort()),
	});
	if (!isError && options.secrets.some((secret) => bytes.includes(secret))) return secretEchoed(full);
	if (isError || bytes.length === 0 || looksLikeJsonDocument(bytes)) return { ...full, body: bytes };
	const contentType = headerValue(full.headers, 'content-type');
	if (!contentType || !/json/i.test(contentType)) return { ...full, body: bytes };
	const headers = { ...full.headers, 'content-type': 'text/plain; charset=utf-8', [NOT_JSON_HEADER]: contentType };
	return { ...full, headers, body: bytes };
}

function secretEchoed(full: N8nFullResponse): N8nFullResponse {
	const body = JSON.stringify({
		error: {
			message: `The server's answer (HTTP ${full.statusCode}) contains the credential's key; it was refused and not used`,
			type: SECRET_ECHO_TYPE,
			code: String(full.statusCode),
		},
	});
	return { statusCode: 502, statusMessage: 'Refused', headers: { 'content-type': 'application/json', 'x-should-retry': 'false' }, body: Buffer.from(body) };
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : value === undefined || value === null ? undefined : String(value);
	}
	return undefined;
}

/** The SDK asks for JSON (not a binary file), and not as server-sent events (`"stream": true`). */
function expectsWholeJson(headers: Record<string, string>, body: unknown): boolean {
	if (headers.accept !== 'application/json') return false;
	return !(typeof body === 'string' && /"stream"\s*:\s*true/.test(body));
}

/**
 * n8n assigns `abortSignal = this.getExecutionCancelSignal()` inside the helper, which would drop
 * the SDK's signal. An accessor keeps both: whatever n8n assigns is combined with the SDK's —
 * unless the SDK's signal already follows it (`followed`), which spares a composite signal per request.
 */
function mergeAbortSignals(
	request: IHttpRequestOptions,
	sdkSignal: AbortSignal | undefined,
	followed: AbortSignal[] = [],
): void {
	let assigned: AbortSignal | undefined;
	let merged: AbortSignal | undefined;
	Object.defineProperty(request, 'abortSignal', {
		enumerable: true,
		configurable: true,
		get(): AbortSignal | undefined {
			if (!assigned || assigned === sdkSignal) return sdkSignal;
			if (sdkSignal && followed.includes(assigned)) return sdkSignal;
			if (!sdkSignal) return assigned;
			merged ??= AbortSignal.any([assigned, sdkSignal]);
			return merged;
		},
		set(value: AbortSignal | undefined) {
			assigned = value;
			merged = undefined;
		},
	});
}

function abortError(signal: AbortSignal): Error {
	const error = new Error('The request was aborted');
	error.name = 'AbortError';
	Object.defineProperty(error, 'cause', { value: signal.reason, configurable: true });
	return error;
}

async function toN8nBody(body: BodyInit | null | undefined, sdkSignal: AbortSignal | undefined): Promise<unknown> {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string') return body;
	if (body instanceof FormData) return body;
	if (body instanceof URLSearchParams) return body.toString();
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
	// A streamed upload (the SDK's lazy multipart body for a file read from n8n's binary store):
	// sent as it is read, with chunked transfer encoding, never collected.
	if (body instanceof ReadableStream || isAsyncIterable(body)) {
		return new PipeableBody(body as ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>, sdkSignal);
	}
	return body;
}

/**
 * A server may answer before it has read a whole upload (413, 401); axios then stops sending but
 * leaves the body waiting. Once the response is read (its stream closed; axios is done with the
 * request by then), an unfinished body is released. A finished one is left as it is.
 */
function releaseAfterResponse(body: PipeableBody, responseBody: unknown): void {
	const stream = responseBody as { once?: (event: string, listener: () => void) => unknown } | null | undefined;
	if (typeof stream?.once === 'function') stream.once('close', () => body.destroy());
	else body.destroy();
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function toHeaderObject(headers: HeadersInit | undefined, body: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	(headers instanceof Headers ? headers : new Headers(headers)).forEach((value, name) => {
		// The credential's authenticate block is the one place a key is attached.
		if (name === 'authorization') return;
		// The SDK's platform telemetry (OS, arch, runtime …) is not needed by the API and costs
		// time on every request; the retry count and timeout stay (they explain a request).
		if (name.startsWith('x-stainless-') && name !== 'x-stainless-retry-count' && name !== 'x-stainless-timeout') {
			return;
		}
		// Multipart: the HTTP client writes the content type with its own boundary.
		if (name === 'content-type' && body instanceof FormData) return;
		out[name] = value;
	});
	if (body instanceof URLSearchParams && !out['content-type']) {
		out['content-type'] = 'application/x-www-form-urlencoded';
	}
	return out;
}

/**
 * A 429 can mean "slow down" (retry after the delay) or "quota exhausted" (retrying never helps,
 * and each retry delays the error). OpenAI tells them apart only in the body, so a 429 body (always
 * small) is read here and a quota error gets `x-should-retry: false`, which the SDK obeys.
 */
async function quotaAwareResponse(raw: N8nFullResponse, url: string): Promise<Response> {
	const text = await readText(raw.body);
	const headers = { ...raw.headers };
	if (/"(?:code|type)"\s*:\s*"insufficient_quota"/.test(text)) headers['x-should-retry'] = 'false';
	return toResponse({ ...raw, headers, body: text }, url, undefined);
}

async function readText(body: unknown): Promise<string> {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (!isAsyncIterable(body)) return body === undefined || body === null ? '' : JSON.stringify(body);
	const chunks: Buffer[] = [];
	for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
	}
	return Buffer.concat(chunks).toString('utf8');
}

function toResponse(raw: N8nFullResponse, url: string, sdkSignal: AbortSignal | undefined): Response {
	const status = raw.statusCode;
	const headers = new Headers();
	for (const [name, value] of Object.entries(raw.headers ?? {})) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) value.forEach((v) => headers.append(name, String(v)));
		else headers.set(name, String(value));
	}
	const nodeBody = isAsyncIterable(raw.body) ? { stream: raw.body as NodeReadable, webStarted: false, taken: false } : undefined;
	const body = NULL_BODY_STATUSES.has(status) ? null : Buffer.isBuffer(raw.body) ? (raw.body as Uint8Array<ArrayBuffer>) : toWebStream(raw.body, sdkSignal, nodeBody);
	if (body === null) discard(raw.body);
	const response = new Response(body, { status, statusText: raw.statusMessage ?? '', headers });
	Object.defineProperty(response, 'url', { value: url });
	if (body !== null && nodeBody) nodeBodies.set(response, nodeBody);
	return response;
}

/** n8n's Node stream of a response body (an `http.IncomingMessage` or a decompressing stream), seen structurally. */
export type NodeReadable = BodyStream;

/** The stream behind a Response's body, and which way it is being read. */
interface NodeBody {
	stream: NodeReadable;
	/** the web body has been pulled from: the stream is no longer whole */
	webStarted: boolean;
	/** handed out by nodeStreamOf: the web body must not read it too */
	taken: boolean;
}

const nodeBodies = new WeakMap<Response, NodeBody>();

/**
 * A taken stream keeps its Response reachable: the SDK holds the callback that carries an abort
 * (Stop, the engine's stop) to this request only as long as the response body lives.
 */
const responsesOfTakenStreams = new WeakMap<object, Response>();

/**
 * n8n's own Node stream of a response body, for n8n's binary helpers (`prepareBinaryData` writes a
 * stream straight into the binary store in filesystem mode). Only while the web body is unread;
 * afterwards the web body cannot be read. Undefined when the body was buffered or already read.
 * An abort of the request (the SDK's signal) destroys the stream with an AbortError.
 */
export function nodeStreamOf(response: Response): NodeReadable | undefined {
	const nodeBody = nodeBodies.get(response);
	if (!nodeBody || nodeBody.taken || nodeBody.webStarted || response.bodyUsed || response.body?.locked) return undefined;
	nodeBody.taken = true;
	responsesOfTakenStreams.set(nodeBody.stream, response);
	return nodeBody.stream;
}

function toWebStream(body: unknown, sdkSignal: AbortSignal | undefined, nodeBody?: NodeBody): ReadableStream<Uint8Array> | null {
	if (body === undefined || body === null) return null;
	if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array) {
		const bytes = typeof body === 'string' ? Buffer.from(body) : body;
		return new ReadableStream({
			start(controller) {
				controller.enqueue(new Uint8Array(bytes));
				controller.close();
			},
		});
	}
	if (isAsyncIterable(body)) {
		const stream = body as AsyncIterable<Uint8Array | string> & {
			destroy?: (error?: Error) => void;
			once?: (event: string, listener: () => void) => void;
			listenerCount?: (event: string) => number;
		};
		let iterator: AsyncIterator<Uint8Array | string> | undefined;
		// With an AbortError for whoever reads it; without one when nobody listens ('error' unheard throws).
		const destroy = () => stream.destroy?.(stream.listenerCount?.('error') ? abortError(sdkSignal ?? AbortSignal.abort()) : undefined);
		const release = () => sdkSignal?.removeEventListener('abort', destroy);
		sdkSignal?.addEventListener('abort', destroy, { once: true });
		stream.once?.('close', release);
		// highWaterMark 0: nothing is read before someone reads, so the stream stays whole for nodeStreamOf.
		return new ReadableStream<Uint8Array>(
			{
				async pull(controller) {
					if (nodeBody?.taken) {
						controller.error(new TypeError('The response body was taken as a Node stream'));
						return;
					}
					if (nodeBody) nodeBody.webStarted = true;
					iterator ??= stream[Symbol.asyncIterator]();
					try {
						const { value, done } = await iterator.next();
						if (done) {
							release();
							controller.close();
							return;
						}
						controller.enqueue(typeof value === 'string' ? Buffer.from(value) : value);
					} catch (error) {
						release();
						controller.error(sdkSignal?.aborted ? abortError(sdkSignal) : error);
					}
				},
				cancel() {
					release();
					if (!nodeBody?.taken) stream.destroy?.();
				},
			},
			{ highWaterMark: 0 },
		);
	}
	return toWebStream(JSON.stringify(body), sdkSignal);
}

function discard(body: unknown): void {
	const stream = body as { resume?: () => void } | null;
	if (stream && typeof stream.resume === 'function') stream.resume();
}

/** n8n's refusals to send: allowed-domain restriction and SSRF protection. */
function findRefusal(error: unknown): Error | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current; depth++) {
		if (current instanceof Error) {
			if (/^Domain not allowed/.test(current.message) || /^Ssrf/.test(current.name)) return current;
			if (/restricted IP address|blocked hostname/i.test(current.message)) return current;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * Fault injection: a FIFO of faults; each request takes the first matching one (and uses up one of its `times`).
 * Faults apply to API requests only (never to /_fake/ control requests) and before auth,
 * like a failing gateway or network would.
 */
export interface FaultMatch {
	method?: string;
	/** exact path (without query, e.g. '/v1/models') or a RegExp tested against the path */
	path?: string | RegExp;
}

interface FaultBase {
	/** how many requests it affects; default 1, Infinity for all */
	times?: number;
	match?: FaultMatch;
}

/** Respond with this status; the default body is what OpenAI (or its gateway) sends for it. */
export interface StatusFault extends FaultBase {
	kind: 'status';
	status: number;
	/** an object is sent as JSON; a string as text/html if it starts with '<', else text/plain */
	body?: unknown;
	headers?: Record<string, string>;
	/** the Content-Type of a string body instead (e.g. 'application/json' for JSON cut short) */
	contentType?: string;
}

/** Destroy the socket without a response (ECONNRESET / "socket hang up" at the client). */
export interface ResetFault extends FaultBase {
	kind: 'reset';
}

/** Hold the response: for `ms` and then respond normally, or (no ms) until the client aborts or stop(). */
export interface StallFault extends FaultBase {
	kind: 'stall';
	ms?: number;
}

/** A 429 like the real rate limiter's, with retry-after / retry-after-ms headers. */
export interface RateLimitFault extends FaultBase {
	kind: 'rateLimit';
	/** default 1000 */
	retryAfterMs?: number;
}

export type FaultSpec = StatusFault | ResetFault | StallFault | RateLimitFault;

interface QueuedFault {
	spec: FaultSpec;
	remaining: number;
}

export class FaultQueue {
	private queue: QueuedFault[] = [];

	add(spec: FaultSpec): void {
		validateFault(spec);
		this.queue.push({ spec, remaining: spec.times ?? 1 });
	}

	/** Takes the first fault matching the request, or null. */
	take(method: string, path: string): FaultSpec | null {
		if (this.queue.length === 0) return null;
		const index = this.queue.findIndex((fault) => matches(fault.spec.match, method, path));
		if (index === -1) return null;
		const fault = this.queue[index];
		fault.remaining--;
		if (fault.remaining <= 0) this.queue.splice(index, 1);
		return fault.spec;
	}

	clear(): void {
		this.queue = [];
	}

	/** the queued faults with their remaining counts */
	pending(): Array<FaultSpec & { remaining: number }> {
		return this.queue.map((fault) => ({ ...fault.spec, remaining: fault.remaining }));
	}
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
	if (!match) return true;
	if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
	if (match.path === undefined) return true;
	return typeof match.path === 'string' ? match.path === path : match.path.test(path);
}

function validateFault(spec: FaultSpec): void {
	if (!spec || typeof spec !== 'object') throw new TypeError('injectFault: a fault object is required');
	const times = spec.times ?? 1;
	if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
		throw new TypeError('injectFault: times must be a positive integer or Infinity');
	}
	switch (spec.kind) {
		case 'status':
			if (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599) {
				throw new TypeError('injectFault: status must be an HTTP status code');
			}
			return;
		case 'stall':
			if (spec.ms !== undefined && !(Number.isFinite(spec.ms) && spec.ms >= 0)) {
				throw new TypeError('injectFault: stall ms must be a non-negative number');
			}
			return;
		case 'rateLimit':
			if (spec.retryAfterMs !== undefined && !(Number.isFinite(spec.retryAfterMs) && spec.retryAfterMs >= 0)) {
				throw new TypeError('injectFault: retryAfterMs must be a non-negative number');
			}
			return;
		case 'reset':
			return;
		default:
			throw new TypeError(`injectFault: unknown fault kind ${String((spec as { kind?: unknown }).kind)}`);
	}
}

/** Default bodies for injected statuses: OpenAI's own JSON errors, Cloudflare's HTML for gateway errors. */
export function defaultFaultBody(status: number): { contentType: string; body: string } {
	if (status === 502 || status === 504) {
		const title = status === 502 ? '502 Bad Gateway' : '504 Gateway Time-out';
		return {
			contentType: 'text/html',
			body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`,
		};
	}
	const error = defaultFaultError(status);
	return { contentType: 'application/json', body: JSON.stringify({ error }) };
}

function defaultFaultError(status: number): { message: string; type: string; param: null; code: string | null } {
	switch (status) {
		case 500:
			return {
				message: 'The server had an error while processing your request. Sorry about that!',
				type: 'server_error',
				param: null,
				code: null,
			};
		case 503:
			return {
				message: 'The engine is currently overloaded, please try again later.',
				type: 'server_error',
				param: null,
				code: null,
			};
		case 429:
			return {
				message: 'Rate limit reached. Please try again later.',
				type: 'requests',
				param: null,
				code: 'rate_limit_exceeded',
			};
		default:
			return status >= 500
				? { message: `The server returned status ${status}.`, type: 'server_error', param: null, code: null }
				: { message: `Injected error with status ${status}.`, type: 'invalid_request_error', param: null, code: null };
	}
}

/**
 * A minimal fetch-based client for tests of the fake itself (deliberately not the openai SDK).
 */
export interface CallOptions {
	/** sent as `Authorization: Bearer <key>`; omit for no auth header */
	key?: string;
	method?: string;
	/** an object is sent as JSON; a string as is */
	body?: unknown;
	headers?: Record<string, string>;
	signal?: AbortSignal;
}

export interface CallResult<T = unknown> {
	status: number;
	headers: Headers;
	/** parsed JSON when the response is JSON, else the text */
	body: T;
	text: string;
}

/** Calls `baseUrl + path` (e.g. fake.url + '/models'). */
export async function call<T = unknown>(baseUrl: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
	let body: string | undefined;
	if (typeof options.body === 'string') body = options.body;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	const response = await fetch(`${baseUrl}${path}`, {
		method: options.method ?? (body === undefined ? 'GET' : 'POST'),
		headers,
		body,
		signal: options.signal,
	});
	const text = await response.text();
	const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
	return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : text) as T, text };
}

/** Polls `condition` until true or `timeoutMs` passes. */
export async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('waitUntil: condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

import type { Answer, HostileRequest, Script } from './server';

/**
 * The catalogue of hostile answers: what a server that is not (or no longer) an OpenAI API sends
 * back — a captive portal, a proxy's error page, a gateway that echoes headers, a stalled or cut
 * connection, bodies of the wrong shape. Each entry names the issue class it proves (docs/RELIABILITY.md)
 * and what a clear error about it must say.
 */

export const MB = 1024 * 1024;
export const BIG_BODY_BYTES = 50 * MB;
/** Bytes sent before a stalled body stops. */
export const STALL_AFTER_BYTES = 24;

export interface AnswerContext {
	/** The answer the family's healthy server gives (undefined when the kit has none for it). */
	valid?: Answer;
}

export interface HostileAnswer {
	name: string;
	/** Issue 10 classes this answer proves (1 keys, 2 shapes, 4 deadlines, 5 loops, 6 bounds, 7 smaller holes). */
	classes: number[];
	what: string;
	/** The answers, in order (the last repeats); undefined: not applicable to this family. */
	script(context: AnswerContext): Answer[] | undefined;
	/** A clear error about this answer mentions this. */
	says: RegExp;
	/** … and never this (e.g. "Could not connect" when the server did answer). */
	saysNot?: RegExp;
	/** The message or the description shows this of what came (e.g. an HTML page's title). */
	describes?: RegExp;
	/** The first answers are retried by the SDK (5xx, 429, timeouts, dropped connections). */
	retried?: boolean;
	/** A 50 MB body read whole: run only a few at a time (matrix50mb.test.ts). */
	heavy?: boolean;
	/** No server listens: the Base URL points at a closed port. */
	refused?: boolean;
	/** Answers that end in a healthy answer: the run is expected to succeed. */
	recovers?: boolean;
	/**
	 * The Base URL carries `user:password@` (always for this answer; a third of the others get one too).
	 * n8n's HTTP client then sends Basic credentials from it instead of the credential's Bearer key.
	 */
	userinfo?: boolean;
	/** A Timeout long enough to read the answer whole on a busy machine (50 MB of it). */
	timeoutMs?: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Script => ({
	status,
	headers: { 'content-type': 'application/json', ...headers },
	body: typeof body === 'string' ? body : JSON.stringify(body),
});

const html = (status: number, title: string, filler = 0): Script => ({
	status,
	headers: { 'content-type': 'text/html; charset=utf-8' },
	body: htmlPage(title, filler),
});

function htmlPage(title: string, filler: number): string {
	return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title><style>body{font-family:sans-serif}</style></head>\n<body><h1>${title}</h1><p>${'Please try again later. '.repeat(Math.ceil(filler / 24))}</p><hr><address>nginx</address></body></html>\n`;
}

const CAPTIVE_PORTAL_TITLE = 'Sign in to Hotel Wi-Fi';
const PROXY_502_TITLE = '502 Bad Gateway';
const BIG_500_TITLE = '500 Internal Server Error';

/** `{"padding":"xxx…"}`, 50 MB, produced in 64 KiB chunks. */
function* bigJson(): Iterable<Buffer> {
	yield Buffer.from('{"padding":"');
	yield* filler(BIG_BODY_BYTES);
	yield Buffer.from('"}');
}

/** A 50 MB HTML error page (its title first), produced in 64 KiB chunks. */
function* bigHtml(): Iterable<Buffer> {
	yield Buffer.from(`<!DOCTYPE html><html><head><title>${BIG_500_TITLE}</title></head><body><pre>`);
	yield* filler(BIG_BODY_BYTES);
	yield Buffer.from('</pre></body></html>');
}

function* filler(bytes: number): Iterable<Buffer> {
	const chunk = Buffer.alloc(64 * 1024, 'x');
	for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, bytes - sent));
}

/** Every top-level field any endpoint reads, each of the wrong type. */
const WRONG_TYPES = {
	id: 42,
	object: 42,
	data: 'nope',
	choices: 'nope',
	results: 'nope',
	output: 'nope',
	output_text: 42,
	text: 42,
	status: 42,
	created: 'nope',
	created_at: 'nope',
	usage: 'nope',
	has_more: 'nope',
	next_page: 42,
	first_id: 42,
	last_id: 42,
	model: 42,
	bytes: 'nope',
	filename: 42,
	request_counts: 'nope',
	custom_id: 42,
	response: 'nope',
	email: 42,
	name: 42,
};

const isUsagePath = (path: string) => /\/organization\/(usage\/|costs)/.test(path);

function queryParam(request: HostileRequest, name: string): string | undefined {
	return new URLSearchParams(request.query).get(name) ?? undefined;
}

/** A list page of the endpoint asked, with `has_more: true` and the same cursor every time. */
function repeatingPage(request: HostileRequest): Script {
	const { path } = request;
	if (isUsagePath(path)) {
		const start = Number(queryParam(request, 'start_time') ?? 0);
		const width = { '1m': 60, '1h': 3_600, '1d': 86_400 }[queryParam(request, 'bucket_width') ?? '1d'] ?? 86_400;
		return json(200, {
			object: 'page',
			data: [{ object: 'bucket', start_time: start, end_time: start + width, results: [] }],
			has_more: true,
			next_page: 'page_AAAAAAAAAAAAAAAA',
		});
	}
	const entry = listEntry(path);
	return json(200, { object: 'list', data: [entry], first_id: entry.id, last_id: entry.id, has_more: true });
}

function listEntry(path: string): Record<string, unknown> & { id: string } {
	const at = 1_760_000_000;
	if (/\/models$/.test(path)) return { id: 'model-same', object: 'model', created: at, owned_by: 'system' };
	if (/\/files$/.test(path)) return { id: 'file-same', object: 'file', bytes: 1, created_at: at, filename: 'same.jsonl', purpose: 'user_data', status: 'processed' };
	if (/\/batches$/.test(path)) return { ...VALID_BATCH, id: 'batch_same' };
	if (/\/api_keys$/.test(path) || /\/admin_api_keys$/.test(path)) {
		return { id: 'key_same', object: 'organization.project.api_key', name: 'same', redacted_value: 'sk-abc...xyz', created_at: at, last_used_at: at, owner: { type: 'user' } };
	}
	if (/\/rate_limits$/.test(path)) return { id: 'rl-same', object: 'project.rate_limit', model: 'gpt-4o', max_requests_per_1_minute: 1, max_tokens_per_1_minute: 1 };
	if (/\/projects$/.test(path)) return { id: 'proj_same', object: 'organization.project', name: 'Same', created_at: at, archived_at: null, status: 'active' };
	if (/\/users$/.test(path)) return { id: 'user-same', object: 'organization.user', name: 'Same', email: 'same@example.com', role: 'owner', added_at: at };
	if (/\/audit_logs$/.test(path)) return { id: 'audit_same', type: 'project.created', effective_at: at, actor: { type: 'session' } };
	return { id: 'same-1', object: 'list.entry' };
}

/** Empty lists everywhere: a valid empty page for list endpoints, an answer missing its content for the others. */
function emptyLists(request: HostileRequest): Script {
	if (isUsagePath(request.path)) return json(200, { object: 'page', data: [], has_more: false, next_page: null });
	return json(200, { object: 'list', data: [], results: [], choices: [], output: [], has_more: false, first_id: null, last_id: null });
}

/** Headers a gateway sets from the request: every one carries the caller's key. */
function echoHeaders(key: string): Record<string, string> {
	return {
		'x-request-id': key,
		'openai-organization': key,
		'x-echo-authorization': `Bearer ${key}`,
		'www-authenticate': `Bearer realm="api", error="invalid_token", error_description="${key}"`,
		'set-cookie': `session=${key}; Path=/`,
	};
}

function echoError(status: number, message: (key: string) => string): Answer {
	return (request) => {
		const key = request.secret ?? 'no-key-sent';
		return json(
			status,
			{ error: { message: message(key), type: key, param: key, code: key } },
			echoHeaders(key),
		);
	};
}

/** A batch that finished with an output file: Batch → Get Results then downloads the results file. */
export const VALID_BATCH = {
	id: 'batch_hostile',
	object: 'batch',
	endpoint: '/v1/chat/completions',
	errors: null,
	input_file_id: 'file-input',
	completion_window: '24h',
	status: 'completed',
	output_file_id: 'file-output',
	error_file_id: null,
	created_at: 1_760_000_000,
	in_progress_at: 1_760_000_010,
	expires_at: 1_760_086_400,
	finalizing_at: 1_760_000_100,
	completed_at: 1_760_000_110,
	failed_at: null,
	expired_at: null,
	cancelling_at: null,
	cancelled_at: null,
	request_counts: { total: 1, completed: 1, failed: 0 },
	metadata: null,
};

/** A clear error about a body of the wrong shape says what was expected or what came. */
const SHAPE_SAYS = /answer is not|answer was not|not (?:valid )?JSON|HTML|missing|expected|should be|no body|empty|instead of/i;
/** … and does not blame the network, a timeout or the user. */
const SHAPE_SAYS_NOT = /did not answer in time|Could not connect|cancelled/i;

const always = (answer: Answer) => () => [answer];
const thenValid = (first: Answer) => (context: AnswerContext) => (context.valid ? [first, context.valid] : undefined);

const TEXT_PLAIN_OK: Answer = () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'OK' });
const STALL_JSON: Answer = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"stalled","object":"chat.completion","choices":[]}', stallAfterBytes: STALL_AFTER_BYTES });
const HANG: Answer = () => ({ status: 200, hang: true });
const SERVER_ERROR: Answer = () => json(500, { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } });
const RATE_LIMITED: Answer = () =>
	json(429, { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, { 'retry-after-ms': '50' });

/** The matrix's answers. The order is the order of the report. */
export const HOSTILE_ANSWERS: HostileAnswer[] = [
	{
		name: 'text/plain 200 "OK"',
		classes: [2],
		what: 'a web server that answers anything with 200 text/plain "OK"',
		script: always(TEXT_PLAIN_OK),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'HTML 200 (captive portal)',
		classes: [2],
		what: `a captive portal's 200 HTML login page titled "${CAPTIVE_PORTAL_TITLE}"`,
		script: always(() => html(200, CAPTIVE_PORTAL_TITLE, 2_000)),
		says: /HTML|Hotel Wi-Fi/i,
	},
	{
		name: 'HTML 502 (proxy)',
		classes: [2, 6],
		what: `a proxy's 7 KB HTML error page, 502, titled "${PROXY_502_TITLE}"`,
		script: always(() => html(502, PROXY_502_TITLE, 7_000)),
		says: /Bad Gateway/,
		retried: true,
	},
	{
		name: '{}',
		classes: [2],
		what: 'an empty JSON object',
		script: always(() => json(200, {})),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'wrong types',
		classes: [2],
		what: 'every field an endpoint reads, of the wrong type ({"data":"nope","choices":"nope","id":42,…})',
		script: always(() => json(200, WRONG_TYPES)),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'JSON null',
		classes: [2],
		what: 'the JSON document `null`',
		script: always(() => json(200, 'null')),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'JSON string "OK"',
		classes: [2],
		what: 'the JSON document `"OK"` (a string where an object belongs)',
		script: always(() => json(200, '"OK"')),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'empty lists',
		classes: [2],
		what: 'empty `data`/`results`/`choices`/`output` arrays (fewer vectors, results, images than inputs)',
		script: always(emptyLists),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'truncated JSON',
		classes: [2, 7],
		what: 'application/json that stops in the middle of a document',
		script: always(() => json(200, '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis')),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: '204 No Content',
		classes: [2],
		what: 'a 204 without a body',
		script: always(() => ({ status: 204 })),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'stalled JSON body',
		classes: [4],
		what: `200 application/json: headers and ${STALL_AFTER_BYTES} bytes, then nothing`,
		script: always(STALL_JSON),
		says: /in time|time ?out|timed out/i,
		saysNot: /Could not connect|cancelled/i,
		retried: true,
	},
	{
		name: 'stalled binary body',
		classes: [4],
		what: `200 application/octet-stream: headers and ${STALL_AFTER_BYTES} bytes, then nothing`,
		script: always(() => ({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(4096, 0x49), stallAfterBytes: STALL_AFTER_BYTES })),
		says: /in time|time ?out|timed out/i,
		saysNot: /Could not connect|cancelled/i,
		retried: true,
	},
	{
		name: 'no answer at all',
		classes: [4],
		what: 'the connection is accepted and never answered',
		script: always(HANG),
		says: /in time|time ?out|timed out/i,
		saysNot: /Could not connect|cancelled/i,
		retried: true,
	},
	{
		name: '50 MB 200',
		classes: [2, 6],
		what: 'a 50 MB JSON document of the wrong shape, streamed',
		script: always(() => ({ status: 200, headers: { 'content-type': 'application/json' }, stream: bigJson })),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
		heavy: true,
		timeoutMs: 8_000,
	},
	{
		name: '50 MB 500',
		classes: [6],
		what: `a 50 MB HTML error page, 500, titled "${BIG_500_TITLE}", streamed`,
		script: always(() => ({ status: 500, headers: { 'content-type': 'text/html' }, stream: bigHtml })),
		says: /Internal Server Error|500/,
		retried: true,
	},
	{
		name: 'repeating cursor',
		classes: [5],
		what: 'a list page saying has_more: true with the same cursor (last id / next_page) every time',
		script: always(repeatingPage),
		says: /cursor|pages|answer is not|not a page/i,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'gzip header, plain body',
		classes: [7],
		what: 'Content-Encoding: gzip on a plain JSON body',
		script: always(() => json(200, '{"id":"x","object":"model"}', { 'content-encoding': 'gzip' })),
		says: /compress|encod/i,
		saysNot: /Could not connect/i,
		retried: true,
	},
	{
		name: 'body cut mid-stream',
		classes: [7],
		what: 'Content-Length 4096, 100 bytes sent, then the socket is destroyed',
		script: always(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: `{"padding":"${'x'.repeat(4080)}"}`, cutAfterBytes: 100 })),
		says: /closed|cut|before the whole|incomplete|dropped/i,
		saysNot: /Could not connect/i,
		retried: true,
	},
	{
		name: 'key echoed in a 400',
		classes: [1],
		what: "a 400 whose message, param, code and type are the caller's key, and headers that echo it",
		script: always(echoError(400, (key) => `Invalid request: the token ${key} is not allowed here.`)),
		says: /OpenAI|rejected|Invalid request/i,
	},
	{
		name: 'key echoed in a 401',
		classes: [1],
		what: "a 401 'Incorrect API key provided: <key>' with the key in every field and header",
		script: always(echoError(401, (key) => `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`)),
		says: /Incorrect API key|key/i,
	},
	{
		name: 'key echoed in a 500',
		classes: [1],
		what: 'a 500 with the key in every field and header (retried)',
		script: always(echoError(500, (key) => `Upstream failed for Bearer ${key}`)),
		says: /OpenAI|server|Upstream/i,
		retried: true,
	},
	{
		name: 'key echoed in a 200',
		classes: [1, 2],
		what: 'a 200 of the wrong shape whose fields are the key (it lands in the "what came" preview)',
		script: always((request) => {
			const key = request.secret ?? 'no-key-sent';
			return json(200, { id: key, echo: key, authorization: `Bearer ${key}` }, echoHeaders(key));
		}),
		says: SHAPE_SAYS,
		saysNot: SHAPE_SAYS_NOT,
	},
	{
		name: 'key in an HTML title',
		classes: [1, 6],
		what: "a 502 HTML page whose <title> carries the caller's Bearer token",
		script: always((request) => html(502, `Gateway refused Bearer ${request.secret ?? 'no-key-sent'}`, 500)),
		says: /Gateway refused|HTML|502/i,
		retried: true,
	},
	{
		name: 'connection refused',
		classes: [1, 7],
		what: 'nothing listens at the Base URL (which carries user:password@)',
		script: always(() => ({ status: 599, body: 'unreachable: no server listens' })),
		says: /connect|refused|reach/i,
		refused: true,
		userinfo: true,
		retried: true,
	},
	{
		name: '429 then valid',
		classes: [4],
		what: 'a 429 with retry-after-ms: 50, then a healthy answer',
		script: thenValid(RATE_LIMITED),
		says: /./,
		recovers: true,
		// the healthy answer comes from the fake API through the harness: on a busy machine it may take more than 1 s
		timeoutMs: 3_000,
	},
	{
		name: '500 then valid',
		classes: [4],
		what: 'a 500, then a healthy answer',
		script: thenValid(SERVER_ERROR),
		says: /./,
		recovers: true,
		// the healthy answer comes from the fake API through the harness: on a busy machine it may take more than 1 s
		timeoutMs: 3_000,
	},
	{
		name: 'no answer, then valid',
		classes: [4],
		what: 'one request never answered (Timeout, retried), then a healthy answer',
		script: thenValid(HANG),
		says: /./,
		recovers: true,
		// the healthy answer comes from the fake API through the harness: on a busy machine it may take more than 1 s
		timeoutMs: 3_000,
	},
];

export const HTML_TITLES = { captivePortal: CAPTIVE_PORTAL_TITLE, proxy502: PROXY_502_TITLE, big500: BIG_500_TITLE };

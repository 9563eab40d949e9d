import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

import type { AreaContext, AreaFactory, FakeArea, FakeRequest, FakeResponse, RouteDefinition } from './area';
import { createSyntheticOrg, type SyntheticOrg } from './areas/admin/syntheticOrg';
import { DEFAULT_AREAS } from './areas';
import { authorize, readApiKey } from './auth';
import { FakeClock } from './clock';
import { handleControl, type ControlTarget } from './control';
import { hash32, IdFactory } from './deterministic';
import { formatDuration } from './duration';
import { ApiError, insufficientQuota, invalidJsonBody, invalidUrl, serverError } from './errors';
import { defaultFaultBody, FaultQueue, type FaultSpec, type RateLimitFault, type StatusFault } from './faults';
import { errorOutcome, jsonOutcome, parseJsonBody, readBody, writeOutcome, type Outcome } from './http';
import { KeyRegistry, type KeyRecord } from './keys';
import { Latency, type LatencySetting } from './latency';
import { parseQuery, splitTarget, type ParsedQuery } from './query';
import { RateLimiter, type RateLimitConfig } from './rateLimit';
import {
	DEFAULT_MAX_LOG_ENTRIES,
	RequestLog,
	summarizeRawBody,
	type LoggingOptions,
	type RequestLogEntry,
} from './requestLog';
import { Router } from './router';
import { Waits } from './waits';

export interface FakeOpenAiOptions {
	/** default 0: a random free port */
	port?: number;
	/** delay before each API response (default 0) */
	latencyMs?: LatencySetting;
	/** per-key RPM/TPM limits (default: none) */
	rateLimit?: RateLimitConfig | null;
	/** request log on/off (default on) */
	logging?: boolean;
	/** request log cap (default 10,000; oldest dropped) */
	maxLogEntries?: number;
	/** extra areas served next to the default ones (models, admin costs) */
	areas?: readonly AreaFactory[];
	/** seeds ids, synthetic data and latency jitter (default 'fake-openai') */
	seed?: string;
}

const HOST = '127.0.0.1';
const COMMON_HEADERS = { 'openai-version': '2020-10-01' } as const;

interface ParsedBody {
	raw: Buffer;
	json: { ok: true; value: unknown } | { ok: false } | null;
}

/** An in-process fake of the OpenAI API. Start it with `startFakeOpenAi()`. */
export class FakeOpenAi implements ControlTarget {
	readonly clock = new FakeClock();
	readonly org: SyntheticOrg;
	readonly keys: KeyRegistry;

	private readonly seed: string;
	private readonly ids: IdFactory;
	private readonly router = new Router<RouteDefinition>();
	private readonly areas: FakeArea[];
	private readonly faults = new FaultQueue();
	private readonly rateLimiter: RateLimiter;
	private readonly latency: Latency;
	private readonly log = new RequestLog();
	private readonly waits = new Waits();
	private readonly sockets = new Set<Socket>();
	private readonly server: Server;
	private port = 0;
	private stopping: Promise<void> | null = null;

	constructor(private readonly options: FakeOpenAiOptions = {}) {
		this.seed = options.seed ?? 'fake-openai';
		this.org = createSyntheticOrg(this.seed);
		this.keys = new KeyRegistry(this.org.defaultProjectId);
		this.ids = new IdFactory(this.seed);
		this.rateLimiter = new RateLimiter(this.clock, this.org.id);
		this.latency = new Latency(hash32(this.seed, 'latency'));
		this.applyStartupSettings();

		const context: AreaContext = {
			clock: this.clock,
			org: this.org,
			ids: this.ids,
			keys: this.keys,
			seed: this.seed,
			hash: (...parts) => hash32(this.seed, ...parts),
		};
		this.areas = [...DEFAULT_AREAS, ...(options.areas ?? [])].map((factory) => factory(context));
		for (const area of this.areas) for (const route of area.routes) this.router.add(route);

		this.server = createServer((req, res) => this.onRequest(req, res));
		this.server.keepAliveTimeout = 10_000;
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
	}

	/** Starts listening on 127.0.0.1. */
	async listen(): Promise<this> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port ?? 0, HOST, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	/** 'http://127.0.0.1:<port>' */
	get origin(): string {
		return `http://${HOST}:${this.port}`;
	}

	/** the base URL with /v1, as a credential's Base URL */
	get url(): string {
		return `${this.origin}/v1`;
	}

	/** the request log (live array; API requests only) */
	get requests(): readonly RequestLogEntry[] {
		return this.log.entries;
	}

	clearRequests(): void {
		this.log.clear();
	}

	/** delay before each response: a fixed number of ms, or a seeded random range */
	setLatency(setting: LatencySetting): void {
		this.latency.set(setting);
	}

	/** per-key RPM/TPM token buckets; null disables (the default) */
	setRateLimit(config: RateLimitConfig | null): void {
		this.rateLimiter.configure(config);
	}

	/** turn the request log off for benchmarks, or change its cap */
	setLogging(enabled: boolean, options: LoggingOptions = {}): void {
		this.log.configure(enabled, options);
	}

	injectFault(spec: FaultSpec): void {
		this.faults.add(spec);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	pendingFaults(): Array<FaultSpec & { remaining: number }> {
		return this.faults.pending();
	}

	/** Back to the startup settings: keys, faults, rate limits, latency, log, clock, ids and area state. */
	reset(): void {
		this.keys.resetToDefaults();
		this.faults.clear();
		this.clock.useRealTime();
		this.ids.reset();
		this.applyStartupSettings();
		for (const area of this.areas) area.reset?.();
	}

	config(): Record<string, unknown> {
		return {
			url: this.url,
			latencyMs: this.latency.current,
			rateLimit: this.rateLimiter.current,
			logging: this.log.isEnabled,
			clock: { now: this.clock.now(), frozen: this.clock.isFrozen },
			organizationId: this.org.id,
		};
	}

	/** Open client sockets and responses being held (latency, stalls): both drop to 0 when idle. */
	diagnostics(): { openSockets: number; heldResponses: number } {
		return { openSockets: this.sockets.size, heldResponses: this.waits.size };
	}

	/** Closes the server and every open socket (stalled and delayed requests too). */
	stop(): Promise<void> {
		if (!this.stopping) {
			this.stopping = new Promise<void>((resolve) => {
				if (!this.server.listening) {
					resolve();
					return;
				}
				this.server.close(() => resolve());
				this.waits.cancelAll();
				for (const socket of this.sockets) socket.destroy();
				this.server.closeAllConnections();
			});
		}
		return this.stopping;
	}

	private applyStartupSettings(): void {
		this.latency.reset(this.options.latencyMs ?? 0);
		this.rateLimiter.configure(this.options.rateLimit ?? null);
		this.log.reset(this.options.logging ?? true, this.options.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES);
	}

	private onRequest(req: IncomingMessage, res: ServerResponse): void {
		this.serve(req, res).catch(() => {
			// Handlers' errors are turned into responses in dispatch(); this is a last resort.
			if (!res.destroyed && !res.headersSent) writeOutcome(res, errorOutcome(serverError()), {});
		});
	}

	private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const startedAt = performance.now();
		const method = req.method ?? 'GET';
		const { path, search } = splitTarget(req.url ?? '/');
		if (path === '/_fake' || path.startsWith('/_fake/')) {
			await handleControl(this, req, res, path);
			return;
		}
		let raw: Buffer;
		try {
			raw = await readBody(req);
		} catch {
			return; // the client went away while sending
		}
		const query = parseQuery(search);
		const apiKey = readApiKey(req.headers);
		const body: ParsedBody = { raw, json: null };
		const requestId = this.ids.requestId();
		const fault = this.faults.take(method, path);
		const entry = this.log.start({
			id: requestId,
			method,
			path,
			query,
			headers: req.headers,
			authKey: apiKey,
			body: undefined,
			startedAt: this.clock.now(),
			...(fault ? { fault: fault.kind } : {}),
		});

		if (entry && fault) entry.body = loggedBody(body, req.headers['content-type']);
		if (fault?.kind === 'stall') {
			const completed = await this.waits.wait(fault.ms ?? null, res);
			if (!completed) return;
		}
		let outcome: Outcome | null = null;
		if (fault?.kind === 'status') outcome = statusFaultOutcome(fault);
		else if (fault?.kind === 'rateLimit') outcome = this.rateLimitFaultOutcome(fault, apiKey);
		else if (fault?.kind !== 'reset') outcome = await this.dispatch(req, method, path, query, body, apiKey);
		if (entry && !fault) entry.body = loggedBody(body, req.headers['content-type']);

		const delay = this.latency.next();
		if (delay > 0 && !(await this.waits.wait(delay, res))) return;
		if (!outcome) {
			req.socket.destroy();
			return;
		}
		const written = writeOutcome(res, outcome, {
			...COMMON_HEADERS,
			'x-request-id': requestId,
			'openai-processing-ms': String(Math.round(performance.now() - startedAt)),
		});
		if (entry && written) {
			entry.status = outcome.status;
			entry.durationMs = performance.now() - startedAt;
		}
	}

	private async dispatch(
		req: IncomingMessage,
		method: string,
		path: string,
		query: ParsedQuery,
		body: ParsedBody,
		apiKey: string | null,
	): Promise<Outcome> {
		const match = this.router.match(method, path);
		if (!match) return errorOutcome(invalidUrl(method, path));
		const route = match.route;
		let key: KeyRecord;
		try {
			key = authorize(this.keys, apiKey, req.headers, route.auth, this.org.id);
		} catch (error) {
			return errorOutcome(asApiError(error));
		}
		if (route.billable && key.quotaExhausted) return errorOutcome(insufficientQuota());

		let parsedBody: unknown;
		if ((route.body ?? 'json') === 'json') {
			body.json = parseJsonBody(body.raw);
			if (!body.json.ok) return errorOutcome(invalidJsonBody(), this.rateLimiter.headersFor(key.key));
			parsedBody = body.json.value;
		}
		let reported: number | null = null;
		const request: FakeRequest = {
			method,
			path,
			params: match.params,
			query,
			headers: req.headers,
			body: parsedBody,
			rawBody: body.raw,
			key,
			reportTokens: (actual) => {
				reported = actual;
			},
		};
		let estimate = 0;
		let response: FakeResponse;
		let rateHeaders: Record<string, string> = {};
		try {
			estimate = route.estimateTokens?.(request) ?? 0;
			const decision = this.rateLimiter.check(key.key, estimate);
			if (!decision.allowed) return errorOutcome(decision.error, decision.headers);
			rateHeaders = decision.headers;
			response = await route.handle(request);
		} catch (error) {
			return errorOutcome(asApiError(error), rateHeaders);
		}
		if (reported !== null) this.rateLimiter.adjustTokens(key.key, reported - estimate);
		return toOutcome(response, rateHeaders);
	}

	private rateLimitFaultOutcome(fault: RateLimitFault, apiKey: string | null): Outcome {
		const retryAfterMs = fault.retryAfterMs ?? 1000;
		const limitHeaders = apiKey ? this.rateLimiter.headersFor(apiKey) : {};
		const limit = this.rateLimiter.current?.rpm ?? 60;
		const error = new ApiError(
			429,
			'requests',
			`Rate limit reached for requests per min (RPM) in organization ${this.org.id}: Limit ${limit}, Used ${limit}, Requested 1. Please try again in ${formatDuration(retryAfterMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
			null,
			'rate_limit_exceeded',
			{
				'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
				'retry-after-ms': String(retryAfterMs),
			},
		);
		return errorOutcome(error, limitHeaders);
	}
}

/** Starts a fake on 127.0.0.1 (random port unless `port` is given). */
export function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
	return new FakeOpenAi(options).listen();
}

function asApiError(error: unknown): ApiError {
	return error instanceof ApiError ? error : serverError();
}

function toOutcome(response: FakeResponse, rateHeaders: Record<string, string>): Outcome {
	const headers = { ...rateHeaders, ...response.headers };
	if ('raw' in response) {
		return { status: response.status ?? 200, headers, contentType: response.contentType, payload: response.raw };
	}
	return jsonOutcome(response.status ?? 200, response.body, headers);
}

function statusFaultOutcome(fault: StatusFault): Outcome {
	const headers = fault.headers ?? {};
	if (fault.body === undefined) {
		const { contentType, body } = defaultFaultBody(fault.status);
		return { status: fault.status, headers, contentType, payload: body };
	}
	if (typeof fault.body === 'string') {
		const contentType = fault.contentType ?? (fault.body.trimStart().startsWith('<') ? 'text/html' : 'text/plain');
		return { status: fault.status, headers, contentType, payload: fault.body };
	}
	return jsonOutcome(fault.status, fault.body, headers);
}

function loggedBody(body: ParsedBody, contentType: string | undefined): unknown {
	if (body.raw.length === 0) return undefined;
	if (body.json?.ok) return body.json.value;
	if (body.json === null && (!contentType || /json/i.test(contentType))) {
		const parsed = parseJsonBody(body.raw);
		if (parsed.ok) return parsed.value;
	}
	return summarizeRawBody(body.raw, contentType);
}

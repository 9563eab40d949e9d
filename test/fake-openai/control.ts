import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FakeClock } from './clock';
import type { FaultSpec } from './faults';
import { jsonOutcome, parseJsonBody, readBody, writeOutcome, type Outcome } from './http';
import type { KeyRegistry } from './keys';
import type { LatencySetting } from './latency';
import type { RateLimitConfig } from './rateLimit';
import type { LoggingOptions, RequestLogEntry } from './requestLog';

/**
 * The control API under /_fake/ (no auth), for out-of-process use, e.g. a real n8n process in e2e tests:
 *   GET    /_fake/health          -> { ok: true }
 *   GET    /_fake/requests        -> { object: 'list', data: RequestLogEntry[] }
 *   DELETE /_fake/requests
 *   GET    /_fake/config          -> current config
 *   POST   /_fake/config          { latencyMs?, rateLimit?, logging?, maxLogEntries?, clock?: { set?, advance?, real? } }
 *   GET    /_fake/faults          -> pending faults
 *   POST   /_fake/faults          a FaultSpec; match.path is an exact path, match.pathRegex a RegExp source;
 *                                 times may be a number or "Infinity"
 *   DELETE /_fake/faults
 *   POST   /_fake/reset
 *   GET    /_fake/keys            -> { data: KeyRecord[] }
 *   POST   /_fake/keys            { key, kind?: 'api'|'admin', project?, scopes?, revoked?, quotaExhausted? }
 *                                 adds the key when `kind` is given (or it is unknown), then applies the flags
 */
export interface ControlTarget {
	readonly requests: readonly RequestLogEntry[];
	readonly clock: FakeClock;
	readonly keys: KeyRegistry;
	clearRequests(): void;
	setLatency(setting: LatencySetting): void;
	setRateLimit(config: RateLimitConfig | null): void;
	setLogging(enabled: boolean, options?: LoggingOptions): void;
	injectFault(spec: FaultSpec): void;
	clearFaults(): void;
	reset(): void;
	config(): Record<string, unknown>;
	pendingFaults(): unknown[];
}

class ControlError extends Error {}
class NotFound extends ControlError {}

export async function handleControl(target: ControlTarget, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
	const method = req.method ?? 'GET';
	let outcome: Outcome;
	try {
		const raw = await readBody(req);
		const parsed = parseJsonBody(raw);
		if (!parsed.ok) throw new ControlError('The body is not valid JSON');
		outcome = jsonOutcome(200, route(target, method, path, parsed.value ?? {}));
	} catch (error) {
		if (res.destroyed) return;
		const known = error instanceof ControlError || error instanceof TypeError || error instanceof RangeError;
		const message = error instanceof Error ? error.message : String(error);
		outcome = jsonOutcome(known ? (error instanceof NotFound ? 404 : 400) : 500, {
			error: { message, type: 'fake_control_error', param: null, code: null },
		});
	}
	writeOutcome(res, outcome, { 'cache-control': 'no-store' });
}

function route(target: ControlTarget, method: string, path: string, body: unknown): unknown {
	const input = asObject(body);
	switch (`${method} ${path}`) {
		case 'GET /_fake/health':
			return { ok: true };
		case 'GET /_fake/requests':
			return { object: 'list', data: target.requests };
		case 'DELETE /_fake/requests':
			target.clearRequests();
			return { ok: true };
		case 'GET /_fake/config':
			return target.config();
		case 'POST /_fake/config':
			applyConfig(target, input);
			return target.config();
		case 'GET /_fake/faults':
			return { data: target.pendingFaults() };
		case 'POST /_fake/faults':
			target.injectFault(toFaultSpec(input));
			return { data: target.pendingFaults() };
		case 'DELETE /_fake/faults':
			target.clearFaults();
			return { ok: true };
		case 'POST /_fake/reset':
			target.reset();
			return { ok: true };
		case 'GET /_fake/keys':
			return { data: target.keys.list() };
		case 'POST /_fake/keys':
			return applyKey(target.keys, input);
		default:
			throw new NotFound(`Unknown control endpoint ${method} ${path}`);
	}
}

function applyConfig(target: ControlTarget, input: Record<string, unknown>): void {
	if (input.latencyMs !== undefined) target.setLatency(input.latencyMs as LatencySetting);
	if (input.rateLimit !== undefined) target.setRateLimit(input.rateLimit as RateLimitConfig | null);
	if (input.logging !== undefined || input.maxLogEntries !== undefined) {
		const maxEntries = input.maxLogEntries === undefined ? undefined : Number(input.maxLogEntries);
		const enabled = input.logging === undefined ? target.config().logging === true : input.logging === true;
		target.setLogging(enabled, { maxEntries });
	}
	if (input.clock !== undefined) {
		const clock = asObject(input.clock);
		if (clock.real === true) target.clock.useRealTime();
		if (clock.set !== undefined) target.clock.set(Number(clock.set));
		if (clock.advance !== undefined) target.clock.advance(Number(clock.advance));
	}
}

function toFaultSpec(input: Record<string, unknown>): FaultSpec {
	const match = input.match === undefined ? undefined : asObject(input.match);
	const times = input.times === 'Infinity' ? Infinity : (input.times as number | undefined);
	const spec = { ...input, times } as FaultSpec & { match?: Record<string, unknown> };
	if (match) {
		if (match.pathRegex !== undefined && typeof match.pathRegex !== 'string') throw new ControlError('match.pathRegex must be a string');
		spec.match = {
			method: typeof match.method === 'string' ? match.method : undefined,
			path: typeof match.pathRegex === 'string' ? new RegExp(match.pathRegex) : (match.path as string | undefined),
		};
	}
	return spec;
}

function applyKey(keys: KeyRegistry, input: Record<string, unknown>): unknown {
	const key = input.key;
	if (typeof key !== 'string') throw new ControlError('key must be a string');
	if (input.kind === 'admin') {
		if (!Array.isArray(input.scopes)) throw new ControlError('scopes must be an array for admin keys');
		keys.addAdminKey(key, { scopes: input.scopes.map(String) });
	} else if (input.kind === 'api' || (input.kind === undefined && !keys.get(key))) {
		keys.addApiKey(key, { project: typeof input.project === 'string' ? input.project : undefined });
	} else if (input.kind !== undefined) {
		throw new ControlError("kind must be 'api' or 'admin'");
	}
	if (input.revoked === true) keys.revoke(key);
	if (input.quotaExhausted !== undefined) keys.setQuotaExhausted(key, input.quotaExhausted === true);
	return keys.get(key);
}

function asObject(value: unknown): Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ControlError('Expected a JSON object');
	return value as Record<string, unknown>;
}

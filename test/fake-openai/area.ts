import type { IncomingHttpHeaders } from 'node:http';

import type { RouteAuth } from './auth';
import type { Clock } from './clock';
import type { IdFactory } from './deterministic';
import type { KeyRecord, KeyRegistry } from './keys';
import type { ParsedQuery } from './query';
import type { SyntheticOrg } from './areas/admin/syntheticOrg';

/**
 * The contract between the server and an API area (models, costs, later chat, files, batches...).
 * An area is a factory: it gets the shared context once per server and returns its routes,
 * keeping any state in its closure; `reset()` brings that state back to the initial one.
 */
export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';

export interface AreaContext {
	/** simulated time (timestamps in bodies, usage data) */
	readonly clock: Clock;
	/** the synthetic organization (projects, keys, cost records) */
	readonly org: SyntheticOrg;
	/** deterministic ids where the real API makes new ones; reset with the server */
	readonly ids: IdFactory;
	readonly keys: KeyRegistry;
	/** the server's seed, for deterministic data (see deterministic.ts: hash32, unitFloat, createPrng) */
	readonly seed: string;
	/** seeded 32-bit hash of the parts: deterministic "random" numbers for synthetic data */
	hash(...parts: Array<string | number | boolean | null | undefined>): number;
}

export interface FakeRequest {
	readonly method: string;
	/** path without query, e.g. '/v1/models/gpt-4o' */
	readonly path: string;
	/** path parameters, decoded */
	readonly params: Readonly<Record<string, string>>;
	readonly query: ParsedQuery;
	readonly headers: IncomingHttpHeaders;
	/** parsed JSON body (undefined when there is none) for routes with body 'json' */
	readonly body: unknown;
	readonly rawBody: Buffer;
	/** the authenticated key */
	readonly key: KeyRecord;
	/** Reports the tokens actually used, for TPM accounting (the estimate was charged up front). */
	reportTokens(actual: number): void;
}

export interface JsonResponse {
	status?: number;
	headers?: Record<string, string>;
	/** serialized as JSON */
	body: unknown;
}

export interface RawResponse {
	status?: number;
	headers?: Record<string, string>;
	raw: Buffer | string;
	contentType: string;
}

export type FakeResponse = JsonResponse | RawResponse;

export interface RouteDefinition {
	readonly method: HttpMethod;
	/** a spec path template, e.g. '/v1/models/{model}' */
	readonly path: string;
	readonly auth: RouteAuth;
	/** true for endpoints that spend money: an exhausted quota gives 429 insufficient_quota */
	readonly billable?: boolean;
	/** 'json' (default): the body must be JSON when present; 'raw': handed over as is (multipart later) */
	readonly body?: 'json' | 'raw';
	/** tokens charged against the TPM bucket before handling (default 0) */
	estimateTokens?(request: Omit<FakeRequest, 'reportTokens'>): number;
	handle(request: FakeRequest): FakeResponse | Promise<FakeResponse>;
}

export interface FakeArea {
	readonly name: string;
	readonly routes: readonly RouteDefinition[];
	reset?(): void;
}

export type AreaFactory = (context: AreaContext) => FakeArea;

import type { IncomingHttpHeaders } from 'node:http';

import type { FaultSpec } from './faults';
import type { ParsedQuery } from './query';

/** What the fake records about each API request (control requests under /_fake/ are not logged). */
export interface RequestLogEntry {
	/** the x-request-id sent back */
	id: string;
	method: string;
	/** without query */
	path: string;
	query: ParsedQuery;
	/** lower-case names */
	headers: Record<string, string | string[]>;
	/** the API key sent (bearer token), or null */
	authKey: string | null;
	/** parsed JSON; a string for other text bodies up to 64 KiB; { bytes } otherwise; undefined when empty */
	body: unknown;
	/** null while pending, or when no response was sent (reset, client gone during a stall) */
	status: number | null;
	/** clock time (ms) when the request arrived */
	startedAt: number;
	/** real milliseconds until the response was written; null while pending or without a response */
	durationMs: number | null;
	fault?: FaultSpec['kind'];
}

export interface LoggingOptions {
	/** oldest entries are dropped beyond this (default 10,000) */
	maxEntries?: number;
}

export const DEFAULT_MAX_LOG_ENTRIES = 10_000;
const MAX_TEXT_BODY = 64 * 1024;

export class RequestLog {
	private list: RequestLogEntry[] = [];
	private enabled = true;
	private maxEntries = DEFAULT_MAX_LOG_ENTRIES;

	get entries(): readonly RequestLogEntry[] {
		return this.list;
	}

	get isEnabled(): boolean {
		return this.enabled;
	}

	configure(enabled: boolean, options: LoggingOptions = {}): void {
		if (options.maxEntries !== undefined && !(Number.isInteger(options.maxEntries) && options.maxEntries > 0)) {
			throw new TypeError('setLogging: maxEntries must be a positive integer');
		}
		this.enabled = enabled;
		this.maxEntries = options.maxEntries ?? this.maxEntries;
		this.trim();
	}

	/** Records an arriving request; null when logging is off. */
	start(entry: Omit<RequestLogEntry, 'headers' | 'status' | 'durationMs'> & { headers: IncomingHttpHeaders }): RequestLogEntry | null {
		if (!this.enabled) return null;
		const logged: RequestLogEntry = { ...entry, headers: plainHeaders(entry.headers), status: null, durationMs: null };
		this.list.push(logged);
		this.trim();
		return logged;
	}

	clear(): void {
		this.list = [];
	}

	reset(enabled: boolean, maxEntries: number): void {
		this.list = [];
		this.enabled = enabled;
		this.maxEntries = maxEntries;
	}

	private trim(): void {
		const excess = this.list.length - this.maxEntries;
		if (excess > 0) this.list.splice(0, excess);
	}
}

function plainHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) out[name] = value;
	}
	return out;
}

/** The log's view of a body that was not parsed as JSON. */
export function summarizeRawBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return undefined;
	const isText = !contentType || /^(text\/|application\/(json|x-www-form-urlencoded))/i.test(contentType);
	if (isText && raw.length <= MAX_TEXT_BODY) return raw.toString('utf8');
	return { bytes: raw.length, contentType: contentType ?? null };
}

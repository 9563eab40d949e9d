import type { UsageBucket } from './collect';
import { canonicalDecimal, subtractDecimals } from './decimal';
import type { BucketWidth, EndpointSpec } from './endpoints';

/**
 * The ledger remembers what was emitted for the buckets that may still be re-read, so that a row is
 * emitted once, and again only when its values changed (a revision, with the delta to what was
 * emitted before). A row is identified by endpoint + bucket width + bucket start + the values of its
 * dimensions (project, user, key, model, ...: null unless grouped by).
 *
 * Layout (JSON, kept in the trigger's static data): bucket start → dimension key → stored row.
 * Only buckets inside the revision window (or not yet read past) are kept: the state stays bounded.
 */
export type RowValue = number | string | null;

export interface StoredRow {
	/** Revision number of the last emission: 0 for the first. */
	r: number;
	/** Metric values in the endpoint's metric order (costs: amount as decimal text, quantity). */
	v: RowValue[];
	/** Numeric fields OpenAI sent that this version does not know (kept to detect their changes). */
	x?: Record<string, number>;
}

export type Ledger = Record<string, Record<string, StoredRow>>;

export type ChangeType = 'new' | 'revision';

export interface RowChange {
	endpoint: EndpointSpec;
	width: BucketWidth;
	bucket: UsageBucket;
	/** The result as OpenAI sent it (for a removed row: zeros with its dimensions). */
	result: Record<string, unknown>;
	changeType: ChangeType;
	revision: number;
	/** Per metric: new − previously emitted (revisions only). */
	delta?: Record<string, number | string | null>;
	/** The row disappeared from its bucket (its values went to zero). */
	removed?: boolean;
	/** Found by the late check: the bucket changed after the trigger stopped re-reading it. */
	warning?: string;
}

/** Fields of a result that are neither metrics nor dimensions. */
const DESCRIPTIVE = new Set(['object', 'currency', 'quantity_unit', 'amount']);

export function dimensionValues(endpoint: EndpointSpec, result: Record<string, unknown>): Array<string | boolean | null> {
	return endpoint.dimensions.map((name) => normaliseDimension(name, result[name]));
}

function normaliseDimension(name: string, value: unknown): string | boolean | null {
	if (value === undefined || value === null) return null;
	if (name === 'batch') {
		if (value === true || value === 'true') return true;
		if (value === false || value === 'false') return false;
	}
	return typeof value === 'string' ? value : String(value);
}

/** The ledger's key of a row within its bucket. */
export function dimensionKey(endpoint: EndpointSpec, result: Record<string, unknown>): string {
	return JSON.stringify(dimensionValues(endpoint, result));
}

/** The stable key of a row: endpoint | width | bucket start | dimension values. */
export function rowKey(endpoint: EndpointSpec, width: BucketWidth, bucketStart: number, result: Record<string, unknown>): string {
	const dims = dimensionValues(endpoint, result).map((value) => (value === null ? '' : String(value)));
	return [endpoint.name, width, bucketStart, ...dims].join('|');
}

export function metricValue(endpoint: EndpointSpec, result: Record<string, unknown>, metric: string): RowValue {
	if (metric === 'amount') {
		const amount = result.amount as { value?: unknown } | null | undefined;
		return canonicalDecimal(amount?.value);
	}
	let value = result[metric];
	if (value === undefined && metric === 'num_sessions') value = result.sessions; // renamed 2025-02
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) value = Number(value);
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const knownFields = new Map<string, ReadonlySet<string>>();

/** Metric and dimension names of an endpoint, plus the renamed `sessions` (cached per endpoint). */
export function knownFieldsOf(endpoint: EndpointSpec): ReadonlySet<string> {
	let known = knownFields.get(endpoint.name);
	if (!known) {
		known = new Set<string>([...endpoint.metrics, ...endpoint.dimensions, 'sessions']);
		knownFields.set(endpoint.name, known);
	}
	return known;
}

export function storedValues(endpoint: EndpointSpec, result: Record<string, unknown>): Omit<StoredRow, 'r'> {
	const v = endpoint.metrics.map((metric) => metricValue(endpoint, result, metric));
	const known = knownFieldsOf(endpoint);
	let x: Record<string, number> | undefined;
	for (const [name, value] of Object.entries(result)) {
		if (known.has(name) || DESCRIPTIVE.has(name) || typeof value !== 'number') continue;
		(x ??= {})[name] = value;
	}
	return x ? { v, x } : { v };
}

export function sameValues(a: Omit<StoredRow, 'r'>, b: Omit<StoredRow, 'r'>): boolean {
	return JSON.stringify(a.v) === JSON.stringify(b.v) && JSON.stringify(a.x ?? {}) === JSON.stringify(b.x ?? {});
}

/** A short fingerprint of a row's values (what the ledger compares). */
export function valueHash(values: Omit<StoredRow, 'r'>): string {
	const text = JSON.stringify([values.v, values.x ?? {}]);
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, '0');
}

function isZero(values: Omit<StoredRow, 'r'>): boolean {
	return values.v.every((value) => value === null || Number(value) === 0) && Object.values(values.x ?? {}).every((value) => value === 0);
}

function delta(endpoint: EndpointSpec, next: Omit<StoredRow, 'r'>, previous: Omit<StoredRow, 'r'>): Record<string, number | string | null> {
	const out: Record<string, number | string | null> = {};
	endpoint.metrics.forEach((metric, index) => {
		const after = next.v[index];
		const before = previous.v[index];
		if (metric === 'amount') out.amount = subtractDecimals(after ?? 0, before ?? 0);
		else if (after === null && before === null) out[metric] = null;
		else out[metric] = Number(after ?? 0) - Number(before ?? 0);
	});
	for (const name of new Set([...Object.keys(next.x ?? {}), ...Object.keys(previous.x ?? {})])) {
		out[name] = (next.x?.[name] ?? 0) - (previous.x?.[name] ?? 0);
	}
	return out;
}

/**
 * Compares freshly read buckets with the ledger. Returns the changes to emit and the ledger that holds
 * once they are emitted; the given ledger is not modified (a poll commits only what it emits).
 * Every bucket passed in counts as read in full: a stored row missing from it was removed.
 */
export function reconcile(
	ledger: Ledger,
	endpoint: EndpointSpec,
	width: BucketWidth,
	buckets: readonly UsageBucket[],
): { ledger: Ledger; changes: RowChange[] } {
	const next: Ledger = { ...ledger };
	const changes: RowChange[] = [];
	for (const bucket of buckets) {
		const slot = String(bucket.start_time);
		const before = ledger[slot] ?? {};
		const after: Record<string, StoredRow> = {};
		for (const result of bucket.results) {
			const key = dimensionKey(endpoint, result);
			const values = storedValues(endpoint, result);
			const previous = before[key] ?? after[key];
			if (!previous) {
				after[key] = { r: 0, ...values };
				changes.push({ endpoint, width, bucket, result, changeType: 'new', revision: 0 });
			} else if (sameValues(previous, values)) {
				after[key] = previous;
			} else {
				const revision = previous.r + 1;
				after[key] = { r: revision, ...values };
				changes.push({ endpoint, width, bucket, result, changeType: 'revision', revision, delta: delta(endpoint, values, previous) });
			}
		}
		for (const [key, previous] of Object.entries(before)) {
			if (after[key] || isZero(previous)) continue;
			const result = removedResult(endpoint, key);
			const revision = previous.r + 1;
			changes.push({
				endpoint,
				width,
				bucket,
				result,
				changeType: 'revision',
				revision,
				delta: delta(endpoint, storedValues(endpoint, result), previous),
				removed: true,
			});
		}
		if (Object.keys(after).length > 0) next[slot] = after;
		else delete next[slot];
	}
	return { ledger: next, changes };
}

function removedResult(endpoint: EndpointSpec, key: string): Record<string, unknown> {
	const dims = JSON.parse(key) as Array<string | boolean | null>;
	const result: Record<string, unknown> = { object: endpoint.resultObject };
	endpoint.dimensions.forEach((name, index) => {
		result[name] = dims[index] ?? null;
	});
	for (const metric of endpoint.metrics) {
		if (metric === 'amount') result.amount = { value: 0, currency: 'usd' };
		else result[metric] = 0;
	}
	return result;
}

/** Forgets buckets that start before `keepFromSec` (they are final and never re-read). */
export function pruneLedger(ledger: Ledger, keepFromSec: number): Ledger {
	const next: Ledger = {};
	for (const [slot, rows] of Object.entries(ledger)) {
		if (Number(slot) >= keepFromSec) next[slot] = rows;
	}
	return next;
}

export function ledgerRowCount(ledger: Ledger): number {
	return Object.values(ledger).reduce((sum, rows) => sum + Object.keys(rows).length, 0);
}

import type { UsageBucket } from './collect';
import { canonicalDecimal, sumDecimals } from './decimal';
import type { BucketWidth, EndpointSpec } from './endpoints';
import type { ChangeType } from './ledger';
import { knownFieldsOf, metricValue, rowKey } from './ledger';
import { toIso } from './window';

/**
 * Flat output rows: one per result, warehouse-ready. Field names are camelCase (input_tokens →
 * inputTokens); every metric and dimension of the endpoint is present (dimensions are null unless
 * grouped by); fields OpenAI adds later are passed through. Costs carry `amount` as a number and
 * `amountRaw` exactly as received (OpenAI sometimes sends a 28-decimal string).
 */
export type FlatRow = Record<string, unknown>;

export interface RowChangeInfo {
	changeType: ChangeType;
	revision: number;
	delta?: Record<string, number | string | null>;
	removed?: boolean;
	/** The late check's warning (the bucket changed after it left the revision window). */
	warning?: string;
}

/** Names looked up for IDs (the "enrich" option). */
export interface NameLookup {
	projects: Record<string, string | null>;
	users: Record<string, string | null>;
	apiKeys: Record<string, string | null>;
}

const camelNames = new Map<string, string>();

/** Result fields shown in their own way (object, costs' amount and unit). */
const DESCRIPTIVE_FIELDS = new Set(['object', 'quantity_unit', 'amount']);

export function camelCase(name: string): string {
	let camel = camelNames.get(name);
	if (camel === undefined) {
		camel = name.replace(/[_.]([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
		if (camelNames.size < 10_000) camelNames.set(name, camel);
	}
	return camel;
}

export function toRow(
	endpoint: EndpointSpec,
	width: BucketWidth,
	bucket: UsageBucket,
	result: Record<string, unknown>,
	nowSec: number,
	change?: RowChangeInfo,
): FlatRow {
	const row: FlatRow = {
		queryType: endpoint.name,
		bucketWidth: width,
		bucketStart: bucket.start_time,
		bucketEnd: bucket.end_time,
		bucketStartIso: toIso(bucket.start_time),
		bucketEndIso: toIso(bucket.end_time),
		object: result.object ?? endpoint.resultObject,
	};
	for (const dimension of endpoint.dimensions) {
		const value = result[dimension] ?? null;
		row[camelCase(dimension)] = dimension === 'batch' ? toBoolean(value) : value;
	}
	for (const metric of endpoint.metrics) {
		if (metric === 'amount') Object.assign(row, amountFields(result.amount));
		else row[camelCase(metric)] = metricValue(endpoint, result, metric);
	}
	if (endpoint.name === 'costs') row.quantityUnit = result.quantity_unit ?? null;
	const known = knownFieldsOf(endpoint);
	for (const [name, value] of Object.entries(result)) {
		if (!known.has(name) && !DESCRIPTIVE_FIELDS.has(name)) row[camelCase(name)] = value;
	}
	row.rowKey = rowKey(endpoint, width, bucket.start_time, result);
	row.provisional = bucket.end_time > nowSec;
	if (change) {
		row.changeType = change.changeType;
		row.revision = change.revision;
		if (change.delta) row.delta = camelKeys(change.delta);
		if (change.removed) row.removed = true;
		if (change.warning) row.warning = change.warning;
	}
	return row;
}

function amountFields(amount: unknown): FlatRow {
	const value = (amount as { value?: unknown } | null | undefined)?.value;
	const currency = (amount as { currency?: unknown } | null | undefined)?.currency ?? null;
	const decimal = canonicalDecimal(value);
	return {
		amount: decimal === null ? null : Number(decimal),
		amountRaw: value === undefined || value === null ? null : String(value),
		currency,
	};
}

function toBoolean(value: unknown): unknown {
	if (value === 'true') return true;
	if (value === 'false') return false;
	return value;
}

function camelKeys(values: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(values)) {
		out[camelCase(name)] = name === 'amount' && typeof value === 'string' ? Number(value) : value;
		if (name === 'amount') out.amountRaw = value;
	}
	return out;
}

/** A result with every metric zero and every dimension null: a zero-filled empty bucket. */
export function zeroResult(endpoint: EndpointSpec): Record<string, unknown> {
	const result: Record<string, unknown> = { object: endpoint.resultObject };
	for (const dimension of endpoint.dimensions) result[dimension] = null;
	for (const metric of endpoint.metrics) {
		if (metric === 'amount') result.amount = { value: 0, currency: 'usd' };
		else if (metric === 'quantity') result.quantity = null;
		else result[metric] = 0;
	}
	if (endpoint.name === 'costs') result.quantity_unit = null;
	return result;
}

/** Buckets with `results: []` get one zero result (the "zero-fill" option). */
export function zeroFill(endpoint: EndpointSpec, buckets: readonly UsageBucket[]): UsageBucket[] {
	return buckets.map((bucket) => (bucket.results.length > 0 ? bucket : { ...bucket, results: [zeroResult(endpoint)] }));
}

export interface BucketChangeInfo {
	changeType: ChangeType;
	/** How many of its rows are new or revised. */
	changedRows: number;
	/** Sum of the changed rows' deltas (revisions; new rows count in full). */
	delta?: Record<string, unknown>;
	/** The late check's warning, when any row has one. */
	warning?: string;
}

/** One item for a whole bucket (the "one item per bucket" option): totals plus every row. */
export function toBucketItem(
	endpoint: EndpointSpec,
	width: BucketWidth,
	bucket: UsageBucket,
	nowSec: number,
	rows: FlatRow[],
	change?: BucketChangeInfo,
): FlatRow {
	const item: FlatRow = {
		queryType: endpoint.name,
		bucketWidth: width,
		bucketStart: bucket.start_time,
		bucketEnd: bucket.end_time,
		bucketStartIso: toIso(bucket.start_time),
		bucketEndIso: toIso(bucket.end_time),
		provisional: bucket.end_time > nowSec,
		rowCount: rows.length,
		totals: totals(endpoint, rows),
		rows,
	};
	if (change) {
		item.changeType = change.changeType;
		item.changedRows = change.changedRows;
		if (change.delta) item.delta = change.delta;
		if (change.warning) item.warning = change.warning;
	}
	return item;
}

/** Sums of the metrics over flat rows (amount exactly, from amountRaw). */
export function totals(endpoint: EndpointSpec, rows: FlatRow[]): FlatRow {
	const out: FlatRow = {};
	for (const metric of endpoint.metrics) {
		if (metric === 'amount') {
			const sum = sumDecimals(rows.map((row) => row.amountRaw ?? row.amount));
			out.amount = Number(sum);
			out.amountRaw = sum;
		} else {
			const name = camelCase(metric);
			const values = rows.map((row) => row[name]).filter((value): value is number => typeof value === 'number');
			out[name] = values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
		}
	}
	return out;
}

/** Sums per-row deltas (camelCase, as on flat rows); a new row counts with its full values. */
export function sumDeltas(endpoint: EndpointSpec, rows: FlatRow[]): FlatRow {
	const parts = rows.map((row) =>
		row.changeType === 'revision' && row.delta ? (row.delta as FlatRow) : totals(endpoint, [row]),
	);
	return totals(endpoint, parts);
}

import type { BucketWidth, EndpointSpec, FilterName, QueryType } from './endpoints';
import {
	ENDPOINTS,
	FILTERS,
	allFilters,
	allGroupByFields,
	endpointsOf,
	isBucketWidth,
	isQueryType,
} from './endpoints';
import { toIso } from './window';

/**
 * Checks a usage query before any request: dates, their order, the bucket width, group-by fields and
 * filters per endpoint. Problems are `UsageParameterError`s naming the parameter as the node shows
 * it; the n8n layer turns them into NodeOperationErrors.
 */
export class UsageParameterError extends Error {
	constructor(
		/** The parameter as the node shows it, e.g. 'Start Time'. */
		readonly parameter: string,
		message: string,
		/** How to fix it. */
		readonly description: string,
	) {
		super(message);
		this.name = 'UsageParameterError';
	}
}

export type FilterValue = string[] | boolean;
export type QueryFilters = Partial<Record<FilterName, FilterValue>>;

/** What one endpoint of a query is asked: only what it accepts. */
export interface EndpointQuery {
	endpoint: EndpointSpec;
	width: BucketWidth;
	groupBy: string[];
	filters: QueryFilters;
}

export interface UsageQuery {
	queryType: QueryType;
	/** The requested width (costs always use 1d). */
	width: BucketWidth;
	endpoints: EndpointQuery[];
	/** Unix seconds as given (not aligned); null when empty and no default applies. */
	startSec: number | null;
	endSec: number | null;
	/** Stable text of everything that defines the rows (a change of it starts collection over). */
	signature: string;
}

/** Parameter values as the node reads them (expressions already resolved). */
export interface UsageQueryInput {
	queryType: unknown;
	startTime?: unknown;
	endTime?: unknown;
	bucketWidth?: unknown;
	groupBy?: unknown;
	/** Keyed by the API names (project_ids) or the node's names (projectIds). */
	filters?: unknown;
}

export interface UsageQueryDefaults {
	/** Used when Start Time is empty (null: no start, e.g. the trigger anchors at activation). */
	startSec: number | null;
	/** Used when End Time is empty (null: open end). */
	endSec: number | null;
	/**
	 * Leave the times out of the signature (the trigger, for times given as expressions such as
	 * "7 days before now": they move with every poll but mean the start of the first collection).
	 */
	timesOutsideSignature?: { start: boolean; end: boolean };
}

/** The node's names of the filters (camelCase of the API names). */
export const FILTER_PARAMETER_NAMES: Readonly<Record<FilterName, string>> = {
	project_ids: 'projectIds',
	user_ids: 'userIds',
	api_key_ids: 'apiKeyIds',
	models: 'models',
	batch: 'batch',
	sources: 'sources',
	sizes: 'sizes',
	context_levels: 'contextLevels',
	vector_store_ids: 'vectorStoreIds',
};

const FILTER_BY_PARAMETER: Readonly<Record<string, FilterName>> = Object.fromEntries(
	Object.entries(FILTER_PARAMETER_NAMES).flatMap(([api, node]) => [
		[api, api as FilterName],
		[node, api as FilterName],
	]),
);

const DATE_HINT = 'Use an ISO 8601 date and time such as 2026-11-01T00:00:00Z, or Unix seconds. Times are UTC.';

export function validateUsageQuery(input: UsageQueryInput, defaults: UsageQueryDefaults): UsageQuery {
	const queryType = readQueryType(input.queryType);
	const width = readWidth(input.bucketWidth, queryType);
	const parsedStart = parseTimeInput(input.startTime, 'Start Time');
	const parsedEnd = parseTimeInput(input.endTime, 'End Time');
	const startSec = parsedStart ?? defaults.startSec;
	const endSec = parsedEnd ?? defaults.endSec;
	if (startSec !== null && endSec !== null && startSec >= endSec) {
		throw new UsageParameterError(
			'Start Time',
			`The "Start Time" (${toIso(startSec)}) is not before the "End Time" (${toIso(endSec)})`,
			'Choose a start time earlier than the end time (an empty End Time means now).',
		);
	}
	const groupBy = readGroupBy(input.groupBy, queryType);
	const filters = readFilters(input.filters, queryType);
	const endpoints = endpointsOf(queryType).map((endpoint) => ({
		endpoint,
		width: endpoint.widths.includes(width) ? width : endpoint.widths[0],
		groupBy: groupBy.filter((field) => endpoint.groupBy.includes(field)),
		filters: Object.fromEntries(
			Object.entries(filters).filter(([name]) => endpoint.filters.includes(name as FilterName)),
		) as QueryFilters,
	}));
	const signature = JSON.stringify({
		queryType,
		width,
		groupBy: [...groupBy].sort(),
		filters: Object.keys(filters)
			.sort()
			.map((name) => [name, filters[name as FilterName]]),
		start: defaults.timesOutsideSignature?.start ? 'expression' : parsedStart,
		end: defaults.timesOutsideSignature?.end ? 'expression' : parsedEnd,
	});
	return { queryType, width, endpoints, startSec, endSec, signature };
}

function readQueryType(value: unknown): QueryType {
	if (isQueryType(value)) return value;
	throw new UsageParameterError(
		'Query Type',
		`The "Query Type" parameter has an unknown value "${String(value)}"`,
		'Pick a query type from the list: all, or one usage endpoint, or costs.',
	);
}

function readWidth(value: unknown, queryType: QueryType): BucketWidth {
	const width = value === undefined || value === '' ? '1d' : value;
	if (!isBucketWidth(width)) {
		throw new UsageParameterError(
			'Bucket Width',
			`The "Bucket Width" parameter has an unknown value "${String(value)}"`,
			'Use 1m (one minute), 1h (one hour) or 1d (one day).',
		);
	}
	if (queryType !== 'all' && !ENDPOINTS[queryType].widths.includes(width)) {
		const endpoint = ENDPOINTS[queryType];
		throw new UsageParameterError(
			'Bucket Width',
			`The "Bucket Width" ${width} is not available for ${endpoint.displayName}: it comes in ${endpoint.widths.join(', ')} buckets only`,
			`Set Bucket Width to ${endpoint.widths.join(' or ')}${queryType === 'costs' ? ' (OpenAI reports costs per UTC day)' : ''}.`,
		);
	}
	return width;
}

/** Unix seconds from a date parameter: ISO text (UTC unless it names a zone), Unix s or ms, a Date. */
export function parseTimeInput(value: unknown, parameter: string): number | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string' && value.trim() === '') return null;
	const ms = toMilliseconds(value);
	if (ms === null || !Number.isFinite(ms)) {
		throw new UsageParameterError(
			parameter,
			`The "${parameter}" parameter is not a date: "${truncate(String(value))}"`,
			DATE_HINT,
		);
	}
	return Math.floor(ms / 1000);
}

function toMilliseconds(value: unknown): number | null {
	if (typeof value === 'number') return value > 1e11 ? value : value * 1000;
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return (value as { toMillis(): number }).toMillis();
	}
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return toMilliseconds(Number(text));
	if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
	const hasZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text);
	const withTime = /T|\s\d/.test(text) ? text.replace(' ', 'T') : `${text}T00:00:00`;
	const parsed = Date.parse(hasZone ? withTime : `${withTime}Z`);
	return Number.isNaN(parsed) ? null : parsed;
}

function readGroupBy(value: unknown, queryType: QueryType): string[] {
	const fields = toList(value);
	const accepted = queryType === 'all' ? allGroupByFields() : [...ENDPOINTS[queryType].groupBy];
	for (const field of fields) {
		if (accepted.includes(field)) continue;
		const where = queryType === 'all' ? 'any query type' : ENDPOINTS[queryType].displayName;
		throw new UsageParameterError(
			'Group By',
			`The "Group By" field "${field}" is not available for ${where}`,
			`${queryType === 'all' ? 'The endpoints' : ENDPOINTS[queryType].displayName} can be grouped by: ${accepted.join(', ')}.`,
		);
	}
	return [...new Set(fields)];
}

function readFilters(value: unknown, queryType: QueryType): QueryFilters {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new UsageParameterError('Filters', 'The "Filters" parameter is not an object', 'Add filters from the list.');
	}
	const accepted = queryType === 'all' ? allFilters() : [...ENDPOINTS[queryType].filters];
	const where = queryType === 'all' ? 'any query type' : ENDPOINTS[queryType].displayName;
	const filters: QueryFilters = {};
	for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
		const name = FILTER_BY_PARAMETER[key];
		if (!name || !accepted.includes(name)) {
			const label = name ? FILTERS[name].displayName : key;
			throw new UsageParameterError(
				'Filters',
				`The filter "${label}" is not available for ${where}`,
				`${queryType === 'all' ? 'The endpoints' : ENDPOINTS[queryType].displayName} accept these filters: ${accepted.map((f) => FILTERS[f].displayName).join(', ')}.`,
			);
		}
		const filterValue = readFilterValue(name, raw);
		if (filterValue !== undefined) filters[name] = filterValue;
	}
	return filters;
}

function readFilterValue(name: FilterName, raw: unknown): FilterValue | undefined {
	const spec = FILTERS[name];
	if (spec.kind === 'boolean') {
		if (raw === true || raw === 'true') return true;
		if (raw === false || raw === 'false') return false;
		if (raw === undefined || raw === null || raw === '' || raw === 'any') return undefined;
		throw new UsageParameterError(
			'Filters',
			`The filter "${spec.displayName}" has an unknown value "${String(raw)}"`,
			'Use true (batch jobs only), false (no batch jobs) or any.',
		);
	}
	const values = toList(raw);
	if (values.length === 0) return undefined;
	if (spec.kind === 'enum') {
		for (const item of values) {
			if (!spec.values?.includes(item)) {
				throw new UsageParameterError(
					'Filters',
					`The filter "${spec.displayName}" has an unknown value "${item}"`,
					`Allowed values: ${spec.values?.join(', ')}.`,
				);
			}
		}
	}
	return [...new Set(values)];
}

/** A list from an array or a comma-separated text; trimmed, empty entries dropped. */
export function toList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value) ? value.map((part) => String(part)) : String(value).split(',');
	return parts.flatMap((part) => part.split(',')).map((part) => part.trim()).filter((part) => part !== '');
}

function truncate(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

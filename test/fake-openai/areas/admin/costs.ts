import type { AreaFactory, FakeRequest, JsonResponse } from '../../area';
import { hash32 } from '../../deterministic';
import { invalidValue } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams, type ParamSpec } from '../../params';
import type { CostRecord, SyntheticOrg } from './syntheticOrg';
import {
	BUCKET_WIDTH_SECONDS,
	bucketsFrom,
	decodePageCursor,
	encodePageCursor,
	isBucketStart,
	rangeStart,
	type TimeBucket,
} from './timeBuckets';

/** GET /v1/organization/costs: daily cost buckets of the synthetic org. */
const COSTS_PARAMS = {
	start_time: { type: 'integer', required: true, min: 0 },
	end_time: { type: 'integer', min: 0 },
	bucket_width: { type: 'string', enum: ['1d'], default: '1d' },
	project_ids: { type: 'array' },
	api_key_ids: { type: 'array' },
	group_by: { type: 'array', enum: ['project_id', 'line_item', 'api_key_id'] },
	limit: { type: 'integer', min: 1, max: 180, default: 7 },
	page: { type: 'string' },
} as const satisfies Record<string, ParamSpec>;

type GroupField = 'project_id' | 'line_item' | 'api_key_id';

export interface CostsResult {
	object: 'organization.costs.result';
	amount: { value: number | string; currency: 'usd' };
	line_item: string | null;
	project_id: string | null;
	api_key_id: string | null;
	quantity: number | null;
	quantity_unit: string | null;
}

export const costsArea: AreaFactory = ({ clock, org }) => ({
	name: 'admin/costs',
	routes: [
		{
			method: 'GET',
			path: '/v1/organization/costs',
			auth: { kind: 'admin', scope: ADMIN_SCOPES.usageRead },
			handle: (request) => listCosts(request, org, clock.nowSeconds()),
		},
	],
});

function listCosts(request: FakeRequest, org: SyntheticOrg, now: number): JsonResponse {
	const params = readQueryParams(request.query, COSTS_PARAMS);
	const width = BUCKET_WIDTH_SECONDS['1d'];
	const from = rangeStart(params.start_time);
	const end = params.end_time ?? now;
	if (params.end_time !== undefined && params.end_time <= params.start_time) {
		throw invalidValue('end_time', `'end_time' (${params.end_time}) must be greater than 'start_time' (${params.start_time}).`);
	}
	const fingerprint = hash32('costs', params.start_time, params.end_time ?? 'now', params.bucket_width);
	let pageStart = from;
	if (params.page !== undefined) {
		const cursor = decodePageCursor(params.page);
		if (!cursor || cursor.fingerprint !== fingerprint || !isBucketStart(cursor.nextStart, from, end, width)) {
			throw invalidValue('page', 'the page cursor is invalid or does not belong to this query.');
		}
		pageStart = cursor.nextStart;
	}
	const buckets = bucketsFrom(pageStart, end, width, params.limit + 1);
	const page = buckets.slice(0, params.limit);
	const next = buckets[params.limit];
	const filters = { projectIds: new Set(params.project_ids), apiKeyIds: new Set(params.api_key_ids) };
	return {
		body: {
			object: 'page',
			data: page.map((bucket) => ({
				object: 'bucket',
				start_time: bucket.start,
				end_time: bucket.end,
				results: bucketResults(org, bucket, now, params.group_by as GroupField[], filters),
			})),
			has_more: next !== undefined,
			next_page: next ? encodePageCursor(next.start, fingerprint) : null,
		},
	};
}

function bucketResults(
	org: SyntheticOrg,
	bucket: TimeBucket,
	now: number,
	groupBy: readonly GroupField[],
	filters: { projectIds: Set<string>; apiKeyIds: Set<string> },
): CostsResult[] {
	const to = Math.min(bucket.end, now);
	if (to <= bucket.start) return [];
	const records = org
		.costRecords(bucket.start, to)
		.filter(
			(record) =>
				(filters.projectIds.size === 0 || filters.projectIds.has(record.projectId)) &&
				(filters.apiKeyIds.size === 0 || filters.apiKeyIds.has(record.apiKeyId)),
		);
	const groups = new Map<string, CostRecord[]>();
	for (const record of records) {
		const key = groupKey(record, groupBy);
		const group = groups.get(key);
		if (group) group.push(record);
		else groups.set(key, [record]);
	}
	return [...groups.keys()].sort().map((key) => toResult(groups.get(key) ?? [], groupBy, bucket.start, key));
}

function groupKey(record: CostRecord, groupBy: readonly GroupField[]): string {
	return [
		groupBy.includes('project_id') ? record.projectId : '',
		groupBy.includes('line_item') ? record.lineItem : '',
		groupBy.includes('api_key_id') ? record.apiKeyId : '',
	].join('|');
}

function toResult(records: CostRecord[], groupBy: readonly GroupField[], bucketStart: number, key: string): CostsResult {
	const first = records[0];
	const micros = records.reduce((sum, record) => sum + record.amountMicros, 0);
	const byLineItem = groupBy.includes('line_item');
	return {
		object: 'organization.costs.result',
		amount: { value: amountValue(micros, bucketStart, key), currency: 'usd' },
		line_item: byLineItem ? first.lineItem : null,
		project_id: groupBy.includes('project_id') ? first.projectId : null,
		api_key_id: groupBy.includes('api_key_id') ? first.apiKeyId : null,
		quantity: byLineItem ? records.reduce((sum, record) => sum + record.quantity, 0) : null,
		quantity_unit: byLineItem ? first.quantityUnit : null,
	};
}

/**
 * The live API sometimes sends `amount.value` as a string with 28 decimals
 * ("0.1739150000000000000000000000"); a seeded quarter of the results do the same here.
 */
function amountValue(micros: number, bucketStart: number, key: string): number | string {
	if (hash32('string-amount', bucketStart, key) % 4 !== 0) return micros / 1_000_000;
	return formatMicrosAsDecimalString(micros);
}

export function formatMicrosAsDecimalString(micros: number): string {
	const sign = micros < 0 ? '-' : '';
	const absolute = Math.abs(micros);
	const whole = Math.floor(absolute / 1_000_000);
	const fraction = String(absolute % 1_000_000).padStart(6, '0');
	return `${sign}${whole}.${fraction}${'0'.repeat(22)}`;
}

import type { AreaFactory, FakeRequest, JsonResponse } from '../../area';
import { hash32 } from '../../deterministic';
import { invalidValue } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams, type ParamSpec } from '../../params';
import type { CostRecord, SyntheticOrg } from './syntheticOrg';
import { pageOfBuckets, type TimeBucket } from './timeBuckets';

/**
 * GET /v1/organization/costs: daily cost buckets of the synthetic org, derived from the same usage
 * the usage endpoints report (see usageModel.ts), so they agree, and they grow with late usage too.
 */
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

export type CostGroupField = 'project_id' | 'line_item' | 'api_key_id';

export interface CostsResult {
	object: 'organization.costs.result';
	amount: { value: number | string; currency: 'usd' };
	line_item: string | null;
	project_id: string | null;
	api_key_id: string | null;
	quantity: number | null;
	quantity_unit: string | null;
}

export interface CostFilters {
	projectIds?: readonly string[];
	apiKeyIds?: readonly string[];
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
	const page = pageOfBuckets({
		scope: 'costs',
		startTime: params.start_time,
		endTime: params.end_time,
		width: '1d',
		limit: params.limit,
		page: params.page,
		now,
	});
	if ('param' in page) throw invalidValue(page.param, page.message);
	const filters = { projectIds: params.project_ids, apiKeyIds: params.api_key_ids };
	return {
		body: {
			object: 'page',
			data: page.buckets.map((bucket) => ({
				object: 'bucket',
				start_time: bucket.start,
				end_time: bucket.end,
				results: costResults(org, bucket, now, params.group_by as CostGroupField[], filters),
			})),
			has_more: page.nextPage !== null,
			next_page: page.nextPage,
		},
	};
}

/** The results of one cost bucket as visible at `now` (also the tests' ground truth). */
export function costResults(
	org: SyntheticOrg,
	bucket: TimeBucket,
	now: number,
	groupBy: readonly CostGroupField[],
	filters: CostFilters = {},
): CostsResult[] {
	const to = Math.min(bucket.end, now);
	if (to <= bucket.start) return [];
	const projectIds = new Set(filters.projectIds ?? []);
	const apiKeyIds = new Set(filters.apiKeyIds ?? []);
	const records = org
		.costRecords(bucket.start, to, now)
		.filter(
			(record) =>
				(projectIds.size === 0 || projectIds.has(record.projectId)) && (apiKeyIds.size === 0 || apiKeyIds.has(record.apiKeyId)),
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

function groupKey(record: CostRecord, groupBy: readonly CostGroupField[]): string {
	return [
		groupBy.includes('project_id') ? record.projectId : '',
		groupBy.includes('line_item') ? record.lineItem : '',
		groupBy.includes('api_key_id') ? record.apiKeyId : '',
	].join('|');
}

function toResult(records: CostRecord[], groupBy: readonly CostGroupField[], bucketStart: number, key: string): CostsResult {
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

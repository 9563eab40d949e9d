import type { AreaFactory, FakeRequest, JsonResponse, RouteDefinition } from '../../area';
import { integerAboveMax, invalidValue } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams, type ParamSpec } from '../../params';
import type { SyntheticOrg } from './syntheticOrg';
import { pageOfBuckets, type BucketWidth } from './timeBuckets';
import type { UsageEndpointName } from './usageModel';
import { usageResults, type UsageFilters } from './usageResults';

/**
 * GET /v1/organization/usage/{endpoint} for all ten usage endpoints. Each accepts exactly the
 * parameters the spec lists for it (anything else is a 400), with the page limits per bucket width.
 */
export const USAGE_PAGE_LIMITS: Readonly<Record<BucketWidth, { default: number; max: number }>> = {
	'1d': { default: 7, max: 31 },
	'1h': { default: 24, max: 168 },
	'1m': { default: 60, max: 1_440 },
};

const PEOPLE = ['project_id', 'user_id', 'api_key_id'];
const PEOPLE_FILTERS = ['project_ids', 'user_ids', 'api_key_ids'];

/** group_by values and filters per endpoint (OpenAPI spec 2.3.0). */
export const USAGE_ENDPOINT_PARAMS: Readonly<Record<UsageEndpointName, { groupBy: string[]; filters: string[] }>> = {
	completions: { groupBy: [...PEOPLE, 'model', 'batch', 'service_tier'], filters: [...PEOPLE_FILTERS, 'models', 'batch'] },
	embeddings: { groupBy: [...PEOPLE, 'model'], filters: [...PEOPLE_FILTERS, 'models'] },
	moderations: { groupBy: [...PEOPLE, 'model'], filters: [...PEOPLE_FILTERS, 'models'] },
	images: { groupBy: [...PEOPLE, 'model', 'size', 'source'], filters: [...PEOPLE_FILTERS, 'models', 'sources', 'sizes'] },
	audio_speeches: { groupBy: [...PEOPLE, 'model'], filters: [...PEOPLE_FILTERS, 'models'] },
	audio_transcriptions: { groupBy: [...PEOPLE, 'model'], filters: [...PEOPLE_FILTERS, 'models'] },
	vector_stores: { groupBy: ['project_id'], filters: ['project_ids'] },
	code_interpreter_sessions: { groupBy: ['project_id'], filters: ['project_ids'] },
	file_search_calls: { groupBy: [...PEOPLE, 'vector_store_id'], filters: [...PEOPLE_FILTERS, 'vector_store_ids'] },
	web_search_calls: { groupBy: [...PEOPLE, 'model', 'context_level'], filters: [...PEOPLE_FILTERS, 'models', 'context_levels'] },
};

export const USAGE_ENDPOINTS = Object.keys(USAGE_ENDPOINT_PARAMS) as UsageEndpointName[];

const FILTER_SPECS: Readonly<Record<string, ParamSpec>> = {
	project_ids: { type: 'array' },
	user_ids: { type: 'array' },
	api_key_ids: { type: 'array' },
	models: { type: 'array' },
	vector_store_ids: { type: 'array' },
	batch: { type: 'boolean' },
	sources: { type: 'array', enum: ['image.generation', 'image.edit', 'image.variation'] },
	sizes: { type: 'array', enum: ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792'] },
	context_levels: { type: 'array', enum: ['low', 'medium', 'high'] },
};

function paramSpecs(endpoint: UsageEndpointName): Record<string, ParamSpec> {
	const { groupBy, filters } = USAGE_ENDPOINT_PARAMS[endpoint];
	return {
		start_time: { type: 'integer', required: true, min: 0 },
		end_time: { type: 'integer', min: 0 },
		bucket_width: { type: 'string', enum: ['1m', '1h', '1d'], default: '1d' },
		group_by: { type: 'array', enum: groupBy },
		limit: { type: 'integer', min: 1 },
		page: { type: 'string' },
		...Object.fromEntries(filters.map((name) => [name, FILTER_SPECS[name]])),
	};
}

export const usageArea: AreaFactory = ({ clock, org }) => ({
	name: 'admin/usage',
	reset: () => {
		org.usage.setRevisionDelay();
		org.usage.setBusyFrom();
	},
	routes: USAGE_ENDPOINTS.map(
		(endpoint): RouteDefinition => ({
			method: 'GET',
			path: `/v1/organization/usage/${endpoint}`,
			auth: { kind: 'admin', scope: ADMIN_SCOPES.usageRead },
			handle: (request) => listUsage(request, org, endpoint, clock.nowSeconds()),
		}),
	),
});

function listUsage(request: FakeRequest, org: SyntheticOrg, endpoint: UsageEndpointName, now: number): JsonResponse {
	const params = readQueryParams(request.query, paramSpecs(endpoint)) as Record<string, unknown>;
	const width = params.bucket_width as BucketWidth;
	const limits = USAGE_PAGE_LIMITS[width];
	const limit = (params.limit as number | undefined) ?? limits.default;
	if (limit > limits.max) throw integerAboveMax('limit', limits.max, limit);
	const page = pageOfBuckets({
		scope: `usage/${endpoint}`,
		startTime: params.start_time as number,
		endTime: params.end_time as number | undefined,
		width,
		limit,
		page: params.page as string | undefined,
		now,
	});
	if ('param' in page) throw invalidValue(page.param, page.message);
	const groupBy = params.group_by as string[];
	const filters = filtersOf(params);
	return {
		body: {
			object: 'page',
			data: page.buckets.map((bucket) => ({
				object: 'bucket',
				start_time: bucket.start,
				end_time: bucket.end,
				results: usageResults(org, endpoint, bucket.start, bucket.end, now, groupBy, filters),
			})),
			has_more: page.nextPage !== null,
			next_page: page.nextPage,
		},
	};
}

function filtersOf(params: Record<string, unknown>): UsageFilters {
	const filters: Record<string, unknown> = {};
	for (const name of Object.keys(FILTER_SPECS)) {
		const value = params[name];
		if (Array.isArray(value) ? value.length > 0 : value !== undefined) filters[name] = value;
	}
	return filters as UsageFilters;
}

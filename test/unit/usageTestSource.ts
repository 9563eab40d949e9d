import type { FetchPage, UsagePage, UsageRequestParams } from '../../nodes/usage/collect';
import { baseParams } from '../../nodes/usage/collect';
import { subtractDecimals } from '../../nodes/usage/decimal';
import type { EndpointSpec } from '../../nodes/usage/endpoints';
import { WIDTH_SECONDS } from '../../nodes/usage/endpoints';
import { rowKey, storedValues } from '../../nodes/usage/ledger';
import type { EndpointQuery } from '../../nodes/usage/validate';
import { createSyntheticOrg, type SyntheticOrg } from '../fake-openai';
import { costResults, type CostGroupField } from '../fake-openai/areas/admin/costs';
import { pageOfBuckets } from '../fake-openai/areas/admin/timeBuckets';
import type { UsageEndpointName } from '../fake-openai/areas/admin/usageModel';
import { usageResults } from '../fake-openai/areas/admin/usageResults';

/**
 * The fake organization as an in-process `fetchPage` (no HTTP): the same pages the fake server
 * returns, for fast engine tests. `calls` records every request; `fail` can throw for a request.
 */
export interface TestSource {
	fetchPage: FetchPage;
	org: SyntheticOrg;
	calls: Array<{ endpoint: string; params: UsageRequestParams }>;
	now: { sec: number };
	fail?: (call: { endpoint: string; params: UsageRequestParams; index: number }) => Error | undefined;
}

export function testSource(nowSec: number, org: SyntheticOrg = createSyntheticOrg('fake-openai')): TestSource {
	const source: TestSource = {
		org,
		calls: [],
		now: { sec: nowSec },
		fetchPage: async (endpoint: EndpointSpec, params: UsageRequestParams): Promise<UsagePage> => {
			const index = source.calls.length;
			source.calls.push({ endpoint: endpoint.name, params: { ...params } });
			const failure = source.fail?.({ endpoint: endpoint.name, params, index });
			if (failure) throw failure;
			return pageOf(org, endpoint, params, source.now.sec);
		},
	};
	return source;
}

export function pageOf(org: SyntheticOrg, endpoint: EndpointSpec, params: UsageRequestParams, now: number): UsagePage {
	const page = pageOfBuckets({
		scope: endpoint.name,
		startTime: params.start_time,
		endTime: params.end_time,
		width: params.bucket_width,
		limit: params.limit,
		page: params.page,
		now,
	});
	if ('param' in page) throw new Error(`400 ${page.param}: ${page.message}`);
	const groupBy = params.group_by ?? [];
	return {
		object: 'page',
		data: page.buckets.map((bucket) => ({
			object: 'bucket',
			start_time: bucket.start,
			end_time: bucket.end,
			results:
				endpoint.name === 'costs'
					? (costResults(org, bucket, now, groupBy as CostGroupField[], {
							projectIds: params.project_ids,
							apiKeyIds: params.api_key_ids,
						}) as unknown as Array<Record<string, unknown>>)
					: usageResults(org, endpoint.name as UsageEndpointName, bucket.start, bucket.end, now, groupBy, {
							project_ids: params.project_ids,
							user_ids: params.user_ids,
							api_key_ids: params.api_key_ids,
							models: params.models,
							batch: params.batch,
							sources: params.sources,
							sizes: params.sizes,
							context_levels: params.context_levels,
							vector_store_ids: params.vector_store_ids,
						}),
		})),
		has_more: page.nextPage !== null,
		next_page: page.nextPage,
	};
}

/**
 * The fake's ground truth for an endpoint query over [from, to) as visible at `now`: row key →
 * stored values (what the ledger compares), zero rows left out.
 */
export function groundTruth(
	org: SyntheticOrg,
	query: EndpointQuery,
	from: number,
	to: number,
	now: number,
): Map<string, ReturnType<typeof storedValues>> {
	const truth = new Map<string, ReturnType<typeof storedValues>>();
	const buckets = Math.ceil((to - from) / WIDTH_SECONDS[query.width]);
	const page = pageOf(org, query.endpoint, { ...baseParams(query), start_time: from, end_time: to, limit: buckets }, now);
	for (const bucket of page.data) {
		for (const result of bucket.results) truth.set(rowKey(query.endpoint, query.width, bucket.start_time, result), storedValues(query.endpoint, result));
	}
	return truth;
}

/** Emitted rows replayed: the last values per row key, checking every emission on the way. */
export function replayEmissions(
	emissions: ReadonlyArray<{ rowKey: string; changeType: string; revision: number; values: ReturnType<typeof storedValues>; delta?: Record<string, unknown> }>,
	metrics: (rowKey: string) => readonly string[],
): Map<string, ReturnType<typeof storedValues>> {
	const last = new Map<string, { values: ReturnType<typeof storedValues>; revision: number }>();
	for (const emission of emissions) {
		const previous = last.get(emission.rowKey);
		if (!previous) {
			if (emission.changeType !== 'new' || emission.revision !== 0) throw new Error(`${emission.rowKey}: first emission is ${emission.changeType} #${emission.revision}`);
		} else {
			if (emission.changeType !== 'revision') throw new Error(`${emission.rowKey}: emitted as ${emission.changeType} twice (duplicate)`);
			if (emission.revision !== previous.revision + 1) throw new Error(`${emission.rowKey}: revision ${emission.revision} after ${previous.revision}`);
			if (JSON.stringify(emission.values) === JSON.stringify(previous.values)) throw new Error(`${emission.rowKey}: re-emitted unchanged (duplicate)`);
			metrics(emission.rowKey).forEach((metric, index) => {
				const expected = metric === 'amount'
					? subtractDecimals(emission.values.v[index] ?? 0, previous.values.v[index] ?? 0)
					: Number(emission.values.v[index] ?? 0) - Number(previous.values.v[index] ?? 0);
				const actual = emission.delta?.[metric];
				if (String(actual) !== String(expected)) throw new Error(`${emission.rowKey}: delta of ${metric} is ${String(actual)}, expected ${String(expected)}`);
			});
		}
		last.set(emission.rowKey, { values: emission.values, revision: emission.revision });
	}
	return new Map([...last].map(([key, { values }]) => [key, values]));
}

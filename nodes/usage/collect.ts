import type { BucketWidth, EndpointSpec } from './endpoints';
import { maxPageLimit } from './endpoints';
import type { EndpointQuery, QueryFilters } from './validate';
import { chunkWindow } from './window';

/**
 * Reading buckets page by page. The data source is injected (`fetchPage`), so this runs against the
 * SDK in n8n and against anything in tests.
 *
 * - A window is split into chunks of the most buckets a page may hold (31 days, 168 hours, 1440
 *   minutes, 180 cost days): one request per chunk, and `next_page` is followed should OpenAI return
 *   less than asked. Chunks are independent, so they run with bounded concurrency, endpoints
 *   interleaved so that all of them progress.
 * - The poll budget: no chunk starts when the time left would not cover a page (the slowest seen
 *   so far) plus a reserve. What was started is finished; the rest is left for the next poll.
 * - A chunk that fails (after the SDK's own retries) fails its endpoint's whole window: nothing of
 *   it counts, so the next poll reads that window again from the same position.
 */
export interface UsageBucket {
	object?: string;
	start_time: number;
	end_time: number;
	results: Array<Record<string, unknown>>;
}

export interface UsagePage {
	object?: string;
	data: UsageBucket[];
	has_more: boolean;
	next_page: string | null;
}

/** Query parameters of one request, as the API names them. */
export interface UsageRequestParams {
	start_time: number;
	end_time?: number;
	bucket_width: BucketWidth;
	limit: number;
	group_by?: string[];
	page?: string;
	project_ids?: string[];
	user_ids?: string[];
	api_key_ids?: string[];
	models?: string[];
	batch?: boolean;
	sources?: string[];
	sizes?: string[];
	context_levels?: string[];
	vector_store_ids?: string[];
}

export type FetchPage = (endpoint: EndpointSpec, params: UsageRequestParams) => Promise<UsagePage>;

/** Parameters shared by every page of an endpoint query (everything but time, limit and cursor). */
export function baseParams(query: EndpointQuery): Omit<UsageRequestParams, 'start_time' | 'limit'> {
	const params: Omit<UsageRequestParams, 'start_time' | 'limit'> = { bucket_width: query.width };
	if (query.groupBy.length > 0) params.group_by = [...query.groupBy];
	Object.assign(params, filterParams(query.filters));
	return params;
}

function filterParams(filters: QueryFilters): Partial<UsageRequestParams> {
	const params: Record<string, string[] | boolean> = {};
	for (const [name, value] of Object.entries(filters)) {
		if (value === undefined) continue;
		params[name] = Array.isArray(value) ? [...value] : value;
	}
	return params as Partial<UsageRequestParams>;
}

export interface CollectPlan {
	query: EndpointQuery;
	/** Aligned window [from, to). */
	from: number;
	to: number;
}

export interface CollectOptions {
	fetchPage: FetchPage;
	/** Requests in flight at once (default 4). */
	concurrency?: number;
	/** Time this collection may take (ms); Infinity for no limit. */
	budgetMs?: number;
	/** Milliseconds since the poll started. */
	elapsedMs: () => number;
	/** Time kept back for what follows the collection (ms). Default: 10% of the budget, at most 5 s. */
	reserveMs?: number;
	/** Guard against a cursor loop within one chunk (default 1000 pages). */
	maxPagesPerChunk?: number;
}

export interface EndpointCollection {
	query: EndpointQuery;
	from: number;
	/** Exclusive end of what was read: the planned end, or less when the budget ran out. */
	readTo: number;
	/** Whether the whole planned window was read. */
	complete: boolean;
	/** Buckets in time order (empty when failed). */
	buckets: UsageBucket[];
	pages: number;
	/** The failure that voided this endpoint's window. */
	error?: unknown;
}

interface Chunk {
	plan: number;
	index: number;
	start: number;
	end: number;
	buckets: number;
}

export async function collect(plans: CollectPlan[], options: CollectOptions): Promise<EndpointCollection[]> {
	const budgetMs = options.budgetMs ?? Infinity;
	const reserveMs = options.reserveMs ?? Math.min(5_000, budgetMs * 0.1);
	const maxPages = options.maxPagesPerChunk ?? 1_000;
	const chunksByPlan = plans.map((plan, planIndex) =>
		chunkWindow(plan.from, plan.to, plan.query.width, maxPageLimit(plan.query.endpoint, plan.query.width)).map(
			(chunk, index): Chunk => ({ plan: planIndex, index, ...chunk }),
		),
	);
	const queue = interleave(chunksByPlan);
	const results = chunksByPlan.map((chunks) => new Array<UsageBucket[] | undefined>(chunks.length));
	const launched = plans.map(() => 0);
	const failures: unknown[] = plans.map(() => undefined);
	const pages = plans.map(() => 0);
	let slowestPageMs = 0;
	let anyLaunched = false;
	let next = 0;

	const hasTime = () => {
		if (!anyLaunched) return true; // always make progress
		return options.elapsedMs() + slowestPageMs + reserveMs < budgetMs;
	};

	const worker = async () => {
		while (next < queue.length) {
			const chunk = queue[next];
			if (failures[chunk.plan] !== undefined || chunk.index !== launched[chunk.plan]) {
				next++; // its endpoint failed, or an earlier chunk of it was not started
				continue;
			}
			if (!hasTime()) return;
			next++;
			anyLaunched = true;
			launched[chunk.plan]++;
			try {
				results[chunk.plan][chunk.index] = await readChunk(plans[chunk.plan], chunk, options.fetchPage, maxPages, (ms) => {
					pages[chunk.plan]++;
					slowestPageMs = Math.max(slowestPageMs, ms);
				}, options.elapsedMs);
			} catch (error) {
				if (failures[chunk.plan] === undefined) failures[chunk.plan] = error ?? new Error('Unknown failure');
			}
		}
	};
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
	await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));

	return plans.map((plan, planIndex) => {
		const chunks = chunksByPlan[planIndex];
		const started = launched[planIndex];
		const error = failures[planIndex];
		const readTo = started === 0 ? plan.from : chunks[started - 1].end;
		if (error !== undefined) {
			return { query: plan.query, from: plan.from, readTo: plan.from, complete: false, buckets: [], pages: pages[planIndex], error };
		}
		const buckets = results[planIndex].slice(0, started).flatMap((chunk) => chunk ?? []);
		return {
			query: plan.query,
			from: plan.from,
			readTo,
			complete: started === chunks.length,
			buckets,
			pages: pages[planIndex],
		};
	});
}

/** Round-robin over the plans' chunks: first chunks of all endpoints, then the second ones, ... */
function interleave(chunksByPlan: Chunk[][]): Chunk[] {
	const out: Chunk[] = [];
	const longest = Math.max(0, ...chunksByPlan.map((chunks) => chunks.length));
	for (let index = 0; index < longest; index++) {
		for (const chunks of chunksByPlan) if (index < chunks.length) out.push(chunks[index]);
	}
	return out;
}

async function readChunk(
	plan: CollectPlan,
	chunk: Chunk,
	fetchPage: FetchPage,
	maxPages: number,
	onPage: (ms: number) => void,
	elapsedMs: () => number,
): Promise<UsageBucket[]> {
	const buckets: UsageBucket[] = [];
	const params: UsageRequestParams = {
		...baseParams(plan.query),
		start_time: chunk.start,
		end_time: chunk.end,
		limit: chunk.buckets,
	};
	const cursors = new Set<string>();
	for (let page = 0; page < maxPages; page++) {
		const started = elapsedMs();
		const response = await fetchPage(plan.query.endpoint, params);
		onPage(elapsedMs() - started);
		for (const bucket of response.data ?? []) {
			if (bucket.start_time >= chunk.start && bucket.start_time < chunk.end) buckets.push(bucket);
		}
		const cursor = response.next_page;
		if (!response.has_more || !cursor) return buckets;
		if (cursors.has(cursor)) throw new Error(`OpenAI returned the same next_page cursor twice for ${plan.query.endpoint.path}`);
		cursors.add(cursor);
		params.page = cursor;
	}
	throw new Error(`More than ${maxPages} pages for one chunk of ${plan.query.endpoint.path}; stopping`);
}

/**
 * Reads a range page by page following `next_page` (the Usage node), calling `onPage` with each
 * page's buckets; `onPage` returns false to stop early. Returns the cursor of the next page, if any.
 */
export async function readPages(
	query: EndpointQuery,
	range: { start: number; end: number },
	fetchPage: FetchPage,
	onPage: (buckets: UsageBucket[]) => boolean,
	maxPages = 10_000,
): Promise<{ nextPage: string | null; pages: number }> {
	const params: UsageRequestParams = {
		...baseParams(query),
		start_time: range.start,
		end_time: range.end,
		limit: maxPageLimit(query.endpoint, query.width),
	};
	let pages = 0;
	while (pages < maxPages) {
		const response = await fetchPage(query.endpoint, params);
		pages++;
		const more = onPage(response.data ?? []);
		const cursor = response.has_more ? response.next_page : null;
		if (!cursor || !more) return { nextPage: cursor, pages };
		params.page = cursor;
	}
	throw new Error(`More than ${maxPages} pages for ${query.endpoint.path}; stopping`);
}

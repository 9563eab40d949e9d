import { MAX_PAGES_PER_RUN, PageGuard } from '../shared/paging';
import type { BucketWidth, EndpointSpec } from './endpoints';
import { WIDTH_SECONDS, maxPageLimit } from './endpoints';
import { checkUsagePage } from './pageShape';
import type { EndpointQuery, QueryFilters } from './validate';
import { chunkWindow, toIso } from './window';

/**
 * Reading buckets page by page. The data source is injected (`fetchPage`), so this runs against the
 * SDK in n8n and against anything in tests.
 *
 * - Every page is checked before it is used (pageShape.ts): a `{}`, an HTML page, wrong types or a
 *   bucket outside the requested window is an error, never an empty page. Every paging loop has the
 *   shared PageGuard: a cursor that repeats or is missing is an error at once, and a read of N
 *   buckets stops after N + 1 pages (each page holds at least one bucket).
 * - A window is split into chunks of the most buckets a page may hold (31 days, 168 hours, 1440
 *   minutes, 180 cost days): one request per chunk, and `next_page` is followed should OpenAI return
 *   less than asked. Chunks are independent, so they run with bounded concurrency, endpoints
 *   interleaved so that all of them progress.
 * - The poll budget: no chunk starts, and no `next_page` of a chunk is followed, when the time left
 *   would not cover a page (the slowest seen so far) plus a reserve. A `deadline` signal (the end of
 *   the budget) aborts what is still in flight: such a chunk counts up to its last page read, like a
 *   budget that ran out, not as a failure. The rest is left for the next poll.
 * - A chunk that fails (after the SDK's own retries, or because its page is not a valid page) ends
 *   its endpoint's read: the unbroken run of good chunks before it counts (as when the budget runs
 *   out), everything from the failed chunk on is read again by the next poll.
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

/**
 * One request: the page as the server sent it (anything: it is checked before use), or a
 * `FetchedPage` (pageShape.ts) that adds the answer's HTTP status and content type for the error.
 */
export type FetchPage = (endpoint: EndpointSpec, params: UsageRequestParams) => Promise<unknown>;

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
	/** Most pages one chunk may take (default: its buckets + 1). */
	maxPagesPerChunk?: number;
	/**
	 * Aborted when the budget is over (the requests follow it): a read it ends is cut at its last
	 * page, not failed.
	 */
	deadline?: AbortSignal;
}

export interface EndpointCollection {
	query: EndpointQuery;
	from: number;
	/**
	 * Exclusive end of what was read: the planned end, or less when the budget ran out or a chunk
	 * failed (then the end of the unbroken run of good chunks before it).
	 */
	readTo: number;
	/** Whether the whole planned window was read. */
	complete: boolean;
	/** Buckets of [from, readTo) in time order. */
	buckets: UsageBucket[];
	pages: number;
	/** The failure that ended this endpoint's read (what came before it counts). */
	error?: unknown;
}

interface Chunk {
	plan: number;
	index: number;
	start: number;
	end: number;
	buckets: number;
}

/** What one chunk read: all of it, or (out of time) [start, end) up to its last page. */
interface ChunkRead {
	buckets: UsageBucket[];
	end: number;
	partial: boolean;
}

export async function collect(plans: CollectPlan[], options: CollectOptions): Promise<EndpointCollection[]> {
	const budgetMs = options.budgetMs ?? Infinity;
	const reserveMs = options.reserveMs ?? Math.min(5_000, budgetMs * 0.1);
	const chunksByPlan = plans.map((plan, planIndex) =>
		chunkWindow(plan.from, plan.to, plan.query.width, maxPageLimit(plan.query.endpoint, plan.query.width)).map(
			(chunk, index): Chunk => ({ plan: planIndex, index, ...chunk }),
		),
	);
	const queue = interleave(chunksByPlan);
	const results = chunksByPlan.map((chunks) => new Array<ChunkRead | undefined>(chunks.length));
	const launched = plans.map(() => 0);
	/** Per plan, the failure of its earliest failed chunk. */
	const failures: Array<{ index: number; error: unknown } | undefined> = plans.map(() => undefined);
	const pages = plans.map(() => 0);
	let slowestPageMs = 0;
	let anyLaunched = false;
	let next = 0;

	const hasTime = () => {
		if (options.deadline?.aborted) return false;
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
				results[chunk.plan][chunk.index] = await readChunk(plans[chunk.plan], chunk, options, hasTime, (ms) => {
					pages[chunk.plan]++;
					slowestPageMs = Math.max(slowestPageMs, ms);
				});
			} catch (error) {
				const failure = failures[chunk.plan];
				if (failure === undefined || chunk.index < failure.index) {
					failures[chunk.plan] = { index: chunk.index, error: error ?? new Error('Unknown failure') };
				}
			}
		}
	};
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
	await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));

	return plans.map((plan, planIndex) => {
		const chunks = chunksByPlan[planIndex];
		const failure = failures[planIndex];
		// The unbroken run of good chunks from the start: chunks after a failed or cut one do not count.
		const read = results[planIndex].slice(0, failure === undefined ? launched[planIndex] : failure.index);
		const cut = read.findIndex((chunk) => chunk === undefined || chunk.partial);
		const run = cut === -1 ? read : read.slice(0, cut + (read[cut] === undefined ? 0 : 1));
		const last = run[run.length - 1];
		const collection: EndpointCollection = {
			query: plan.query,
			from: plan.from,
			readTo: last === undefined ? plan.from : last.end,
			complete: failure === undefined && cut === -1 && run.length === chunks.length,
			buckets: run.flatMap((chunk) => chunk?.buckets ?? []),
			pages: pages[planIndex],
		};
		if (failure !== undefined) collection.error = failure.error;
		return collection;
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
	options: CollectOptions,
	hasTime: () => boolean,
	onPage: (ms: number) => void,
): Promise<ChunkRead> {
	const { endpoint } = plan.query;
	const params: UsageRequestParams = {
		...baseParams(plan.query),
		start_time: chunk.start,
		end_time: chunk.end,
		limit: chunk.buckets,
	};
	const guard = new PageGuard(
		`GET ${endpoint.path} (${toIso(chunk.start)} – ${toIso(chunk.end)})`,
		options.maxPagesPerChunk ?? chunk.buckets + 1,
	);
	const buckets: UsageBucket[] = [];
	// Out of time part-way: what the pages so far cover, [start, end of the last bucket read).
	const cut = (): ChunkRead => ({ buckets, end: buckets[buckets.length - 1]?.end_time ?? chunk.start, partial: true });
	for (;;) {
		guard.page();
		const started = options.elapsedMs();
		let fetched: unknown;
		try {
			fetched = await options.fetchPage(endpoint, params);
		} catch (error) {
			if (options.deadline?.aborted) return cut();
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- plain engine code: the caller maps it
			throw error;
		}
		onPage(options.elapsedMs() - started);
		const page = checkUsagePage(fetched, endpoint, chunk, buckets[buckets.length - 1]?.start_time);
		for (const bucket of page.data) buckets.push(bucket);
		if (!page.has_more) return { buckets, end: chunk.end, partial: false };
		guard.follow(page.next_page);
		if (!hasTime()) return cut();
		params.page = page.next_page as string;
	}
}

/**
 * Reads a range page by page following `next_page` (the Usage node, the manual sample, the late
 * check), calling `onPage` with each page's checked buckets; `onPage` returns false to stop early.
 * Returns the cursor of the next page, if any. A range of N buckets stops after N + 1 pages (or
 * `maxPages`), a repeated or missing cursor at once.
 */
export async function readPages(
	query: EndpointQuery,
	range: { start: number; end: number },
	fetchPage: FetchPage,
	onPage: (buckets: UsageBucket[]) => boolean,
	maxPages?: number,
): Promise<{ nextPage: string | null; pages: number }> {
	const { endpoint } = query;
	const params: UsageRequestParams = {
		...baseParams(query),
		start_time: range.start,
		end_time: range.end,
		limit: maxPageLimit(endpoint, query.width),
	};
	const buckets = Math.ceil((range.end - range.start) / WIDTH_SECONDS[query.width]);
	const guard = new PageGuard(`GET ${endpoint.path}`, maxPages ?? Math.min(MAX_PAGES_PER_RUN, buckets + 1));
	let last: number | undefined;
	for (;;) {
		guard.page();
		const page = checkUsagePage(await fetchPage(endpoint, params), endpoint, range, last);
		if (page.data.length > 0) last = page.data[page.data.length - 1].start_time;
		const more = onPage(page.data);
		if (!page.has_more) return { nextPage: null, pages: guard.pages };
		if (!more) return { nextPage: page.next_page, pages: guard.pages };
		guard.follow(page.next_page);
		params.page = page.next_page as string;
	}
}

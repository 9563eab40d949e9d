import { collect, readPages, type CollectPlan, type FetchPage, type UsagePage } from '../../nodes/usage/collect';
import { PagingError, UnexpectedResponseError } from '../../nodes/shared/transport/unexpectedResponse';
import { ENDPOINTS } from '../../nodes/usage/endpoints';
import type { EndpointQuery } from '../../nodes/usage/validate';
import { testSource } from './usageTestSource';

const H = 3_600;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;
const query = (name: 'completions' | 'embeddings' | 'costs', width: '1h' | '1d' = '1h'): EndpointQuery => ({
	endpoint: ENDPOINTS[name],
	width,
	groupBy: ['project_id'],
	filters: { project_ids: ['proj_x'] },
});

describe('collect', () => {
	it('reads a 90-day backfill in the fewest pages: 168 buckets each, endpoints interleaved', async () => {
		const source = testSource(DAY_START);
		const plans: CollectPlan[] = [
			{ query: query('completions'), from: DAY_START - 90 * 24 * H, to: DAY_START },
			{ query: query('costs', '1d'), from: DAY_START - 90 * 24 * H, to: DAY_START },
		];
		const [usage, costs] = await collect(plans, { fetchPage: source.fetchPage, elapsedMs: () => 0, concurrency: 3 });
		expect(usage).toMatchObject({ complete: true, readTo: DAY_START, pages: 13 });
		expect(usage.buckets).toHaveLength(2160);
		expect(costs).toMatchObject({ complete: true, pages: 1 });
		expect(costs.buckets).toHaveLength(90);
		expect(source.calls.map((c) => c.endpoint).slice(0, 3)).toEqual(['completions', 'costs', 'completions']);
		expect(source.calls[0].params).toEqual({
			bucket_width: '1h',
			group_by: ['project_id'],
			project_ids: ['proj_x'],
			start_time: DAY_START - 90 * 24 * H,
			end_time: DAY_START - 90 * 24 * H + 168 * H,
			limit: 168,
		});
		const limits = source.calls.map((c) => `${c.endpoint}:${c.params.limit}`);
		expect(limits.filter((l) => l === 'completions:168')).toHaveLength(12);
		expect(limits).toContain('completions:144');
		expect(limits).toContain('costs:90');
	});

	it('keeps at most `concurrency` requests in flight', async () => {
		let inFlight = 0;
		let peak = 0;
		const source = testSource(DAY_START);
		const fetchPage: FetchPage = async (endpoint, params) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			inFlight--;
			return await source.fetchPage(endpoint, params);
		};
		await collect([{ query: query('completions'), from: DAY_START - 60 * 24 * H, to: DAY_START }], { fetchPage, elapsedMs: () => 0, concurrency: 2 });
		expect(peak).toBe(2);
	});

	it('stops starting pages before the budget runs out, and reports what it read', async () => {
		let clock = 0;
		const source = testSource(DAY_START);
		const fetchPage: FetchPage = async (endpoint, params) => {
			clock += 100;
			return await source.fetchPage(endpoint, params);
		};
		const [result] = await collect([{ query: query('completions'), from: DAY_START - 90 * 24 * H, to: DAY_START }], {
			fetchPage,
			elapsedMs: () => clock,
			concurrency: 1,
			budgetMs: 1_000,
			reserveMs: 250,
		});
		// 100 ms per page: page n starts only if clock + 100 + 250 < 1000 → 7 pages.
		expect(result).toMatchObject({ complete: false, pages: 7, readTo: DAY_START - 90 * 24 * H + 7 * 168 * H });
		expect(result.buckets).toHaveLength(7 * 168);
	});

	it('does not follow next_page inside a chunk once the budget is spent: the chunk counts up to its last page', async () => {
		let clock = 0;
		const source = testSource(DAY_START);
		// OpenAI answering 12 buckets per page although 168 were asked: next_page inside each chunk.
		const fetchPage: FetchPage = async (endpoint, params) => {
			clock += 100;
			return await source.fetchPage(endpoint, { ...params, limit: 12 });
		};
		const from = DAY_START - 30 * 24 * H;
		const [result] = await collect([{ query: query('completions'), from, to: DAY_START }], {
			fetchPage,
			elapsedMs: () => clock,
			concurrency: 1,
			budgetMs: 1_000,
			reserveMs: 250,
		});
		// After 7 pages the 8th is not followed (700 + 100 + 250 >= 1000): 7 × 12 hours of the first chunk.
		expect(result).toMatchObject({ complete: false, pages: 7, readTo: from + 84 * H });
		expect(result.error).toBeUndefined();
		expect(result.buckets.map((b) => b.start_time)).toEqual(Array.from({ length: 84 }, (_, i) => from + i * H));
	});

	it('a page still in flight at the deadline is cut, not failed: the pages before it count', async () => {
		const deadline = new AbortController();
		const source = testSource(DAY_START);
		const from = DAY_START - 30 * 24 * H;
		let calls = 0;
		const fetchPage: FetchPage = async (endpoint, params) => {
			if (++calls === 3) {
				// A page that would take far longer than the poll may: it ends with the deadline.
				setTimeout(() => deadline.abort(), 10);
				await new Promise((_, reject) => deadline.signal.addEventListener('abort', () => reject(new Error('Request was aborted.'))));
			}
			return await source.fetchPage(endpoint, { ...params, limit: 24 });
		};
		const [result] = await collect([{ query: query('completions'), from, to: DAY_START }], {
			fetchPage,
			elapsedMs: () => 0,
			concurrency: 1,
			deadline: deadline.signal,
		});
		expect(result).toMatchObject({ complete: false, readTo: from + 2 * 24 * H });
		expect(result.error).toBeUndefined();
		expect(result.buckets).toHaveLength(48);
	});

	it('a failed chunk ends its endpoint\'s read: the good chunks before it count, other endpoints are kept', async () => {
		const source = testSource(DAY_START);
		source.fail = ({ endpoint, index }) => (endpoint === 'completions' && index > 1 ? Object.assign(new Error('boom'), { status: 500 }) : undefined);
		const from = DAY_START - 30 * 24 * H;
		const [usage, embeddings] = await collect(
			[
				{ query: query('completions'), from, to: DAY_START },
				{ query: query('embeddings'), from, to: DAY_START },
			],
			{ fetchPage: source.fetchPage, elapsedMs: () => 0, concurrency: 1 },
		);
		expect(usage).toMatchObject({ complete: false, readTo: from + 168 * H });
		expect(usage.buckets.map((b) => b.start_time)).toEqual(Array.from({ length: 168 }, (_, i) => from + i * H));
		expect((usage.error as Error).message).toBe('boom');
		expect(embeddings).toMatchObject({ complete: true, readTo: DAY_START });
		expect(source.calls.filter((c) => c.endpoint === 'completions')).toHaveLength(2); // no more pages after the failure
	});

	it('only the unbroken run counts: a chunk that finished after a failed one is read again', async () => {
		const source = testSource(DAY_START);
		const from = DAY_START - 30 * 24 * H;
		const fetchPage: FetchPage = async (endpoint, params) => {
			if (params.start_time === from + 168 * H) {
				await new Promise((resolve) => setTimeout(resolve, 20));
				throw new Error('chunk 2 failed');
			}
			return await source.fetchPage(endpoint, params);
		};
		const [result] = await collect([{ query: query('completions'), from, to: DAY_START }], { fetchPage, elapsedMs: () => 0, concurrency: 3 });
		expect(source.calls.map((c) => c.params.start_time)).toContain(from + 2 * 168 * H); // chunk 3 was read...
		expect(result).toMatchObject({ complete: false, readTo: from + 168 * H }); // ...but does not count
		expect(result.buckets).toHaveLength(168);
		expect(String(result.error)).toMatch(/chunk 2 failed/);
	});

	it('an invalid page is a failure of its chunk, never an empty page', async () => {
		const from = DAY_START - 2 * H;
		const bad = [{}, '<html><title>Sign in</title></html>', { data: [], has_more: 'no' }, null];
		for (const answer of bad) {
			const [result] = await collect([{ query: query('completions'), from, to: DAY_START }], { fetchPage: async () => answer, elapsedMs: () => 0 });
			expect(result).toMatchObject({ complete: false, readTo: from, buckets: [] });
			expect(result.error).toBeInstanceOf(UnexpectedResponseError);
			expect((result.error as Error).message).toMatch(/^The server's answer is not a page of GET \/organization\/usage\/completions: /);
		}
	});

	it('follows next_page within a chunk and refuses a cursor loop', async () => {
		const bucketAt = (start: number) => ({ start_time: start, end_time: start + H, results: [] });
		const pages: UsagePage[] = [
			{ data: [bucketAt(DAY_START - 2 * H)], has_more: true, next_page: 'p2' },
			{ data: [bucketAt(DAY_START - H)], has_more: false, next_page: null },
		];
		let call = 0;
		const [result] = await collect([{ query: query('completions'), from: DAY_START - 2 * H, to: DAY_START }], {
			fetchPage: async () => pages[call++],
			elapsedMs: () => 0,
		});
		expect(result.buckets.map((b) => b.start_time)).toEqual([DAY_START - 2 * H, DAY_START - H]);
		const looping = await collect([{ query: query('completions'), from: DAY_START - 2 * H, to: DAY_START }], {
			fetchPage: async () => ({ data: [], has_more: true, next_page: 'same' }),
			elapsedMs: () => 0,
		});
		expect(looping[0].error).toBeInstanceOf(PagingError);
		expect(String(looping[0].error)).toMatch(/returned the same page cursor twice for GET \/organization\/usage\/completions/);
		const endless = await collect([{ query: query('completions'), from: DAY_START - 2 * H, to: DAY_START }], {
			fetchPage: async () => ({ data: [], has_more: true, next_page: `p${call++}` }),
			elapsedMs: () => 0,
		});
		expect(String(endless[0].error)).toMatch(/Stopped reading GET \/organization\/usage\/completions .* after 3 pages/);
	});
});

describe('readPages', () => {
	it('follows next_page with all other parameters unchanged, and can stop early', async () => {
		const source = testSource(DAY_START);
		const seen: number[] = [];
		const result = await readPages(query('costs', '1d'), { start: DAY_START - 400 * 86_400, end: DAY_START }, source.fetchPage, (buckets) => {
			seen.push(buckets.length);
			return true;
		});
		expect(seen).toEqual([180, 180, 40]);
		expect(result).toEqual({ nextPage: null, pages: 3 });
		expect(source.calls[1].params).toEqual({ ...source.calls[0].params, page: expect.stringMatching(/^page_/) });
		const early = await readPages(query('costs', '1d'), { start: DAY_START - 400 * 86_400, end: DAY_START }, source.fetchPage, () => false);
		expect(early.pages).toBe(1);
		expect(early.nextPage).toMatch(/^page_/);
	});

	it('checks every page, and a server that keeps saying "more" is stopped at N + 1 pages for N buckets, the cap named', async () => {
		const range = { start: DAY_START - 3 * 86_400, end: DAY_START };
		await expect(readPages(query('costs', '1d'), range, async () => ({}), () => true)).rejects.toThrow(
			/^The server's answer is not a page of GET \/organization\/costs: `data` should be a list, but is nothing$/,
		);
		let call = 0;
		const endless = async () => ({ data: [], has_more: true, next_page: `p${++call}` });
		await expect(readPages(query('costs', '1d'), range, endless, () => true)).rejects.toThrow(
			/^Stopped reading GET \/organization\/costs after 4 pages, the most one run reads/,
		);
		expect(call).toBe(4);
		call = 0;
		await expect(readPages(query('costs', '1d'), range, async () => ({ data: [], has_more: true, next_page: 'same' }), () => true)).rejects.toThrow(PagingError);
	});
});

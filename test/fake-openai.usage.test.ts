import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { call } from './fake-openai/testClient';

/** The fake's synthetic usage: one organization behind every usage endpoint and costs. */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const H = 3_600;
const DAY = 86_400;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;

type Result = Record<string, unknown> & { amount?: { value: number | string } };
type Page = { data: Array<{ start_time: number; end_time: number; results: Result[] }>; has_more: boolean; next_page: string | null };

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
});

async function page(path: string): Promise<Page> {
	const result = await call<Page>(fake.url, path, { key: FAKE_KEYS.admin });
	expect(result.status).toBe(200);
	return result.body;
}

const sum = (results: Result[], field: string) => results.reduce((total, result) => total + Number(result[field] ?? 0), 0);
const micros = (value: unknown) => Math.round(Number(value) * 1_000_000);

describe('synthetic usage', () => {
	it('is deterministic, and the groups of a bucket add up to its total', async () => {
		const range = `start_time=${DAY_START - 3 * DAY}&end_time=${DAY_START}&bucket_width=1h&limit=72`;
		const total = await page(`/organization/usage/completions?${range}`);
		const grouped = await page(`/organization/usage/completions?${range}&group_by[]=project_id&group_by[]=model&group_by[]=batch`);
		expect(await page(`/organization/usage/completions?${range}`)).toEqual(total);
		total.data.forEach((bucket, index) => {
			for (const metric of ['input_tokens', 'output_tokens', 'num_model_requests', 'input_cached_tokens']) {
				expect(sum(grouped.data[index].results, metric)).toBe(sum(bucket.results, metric));
			}
		});
		const models = new Set(grouped.data.flatMap((bucket) => bucket.results.map((result) => result.model)));
		expect(models.size).toBeGreaterThanOrEqual(3);
	});

	it('usage and costs agree: input tokens = input + cached input line items, per model and day', async () => {
		const range = `start_time=${DAY_START - 5 * DAY}&end_time=${DAY_START}&limit=5`;
		const usage = await page(`/organization/usage/completions?${range}&group_by[]=model&batch=false`);
		const costs = await page(`/organization/costs?${range}&group_by[]=line_item`);
		usage.data.forEach((bucket, index) => {
			for (const result of bucket.results) {
				const model = String(result.model);
				const lines = costs.data[index].results.filter((row) => new RegExp(`^${model}, (flex )?(cached )?input$`).test(String(row.line_item)));
				expect(sum(lines, 'quantity')).toBe(result.input_tokens);
			}
		});
		// and 1 day = the sum of its 24 hours = the sum of its 1440 minutes
		const day = await page(`/organization/usage/web_search_calls?start_time=${DAY_START - DAY}&end_time=${DAY_START}`);
		const hours = await page(`/organization/usage/web_search_calls?start_time=${DAY_START - DAY}&end_time=${DAY_START}&bucket_width=1h&limit=24`);
		const minutes = await page(`/organization/usage/web_search_calls?start_time=${DAY_START - DAY}&end_time=${DAY_START}&bucket_width=1m&limit=1440`);
		const daily = sum(day.data[0].results, 'num_requests');
		expect(daily).toBeGreaterThan(0);
		expect(hours.data.reduce((total, b) => total + sum(b.results, 'num_requests'), 0)).toBe(daily);
		expect(minutes.data.reduce((total, b) => total + sum(b.results, 'num_requests'), 0)).toBe(daily);
		expect(minutes.data.filter((b) => b.results.length === 0).length).toBeGreaterThan(100); // empty minutes
	});

	it('recent buckets keep growing for 15 minutes after they close, then stay', async () => {
		const hour = DAY_START + 11 * H; // 11:00-12:00, closed at NOW
		const requests = async () => sum((await page(`/organization/usage/completions?start_time=${hour}&end_time=${hour + H}&bucket_width=1h&limit=1`)).data[0].results, 'num_model_requests');
		const todayCosts = async () => micros((await page(`/organization/costs?start_time=${DAY_START}&end_time=${DAY_START + DAY}&limit=1`)).data[0].results[0]?.amount?.value ?? 0);
		const seen = [await requests()];
		const costs = [await todayCosts()];
		for (const minutes of [5, 5, 5, 5, 30]) {
			fake.clock.advance(minutes * 60_000);
			seen.push(await requests());
			costs.push(await todayCosts());
		}
		expect(seen[3]).toBeGreaterThan(seen[0]); // revised after closing
		expect(seen.slice(1)).toEqual([...seen.slice(1)].sort((a, b) => a - b)); // only grows
		expect(seen[5]).toBe(seen[4]); // final after 15 minutes
		expect(costs[5]).toBeGreaterThan(costs[0]); // today's costs grow
	});

	it('uses the page limits per width, starts the first bucket at the start minute, and ends at now without end_time', async () => {
		expect((await page(`/organization/usage/embeddings?start_time=${DAY_START - 40 * DAY}`)).data).toHaveLength(7);
		expect((await page(`/organization/usage/embeddings?start_time=${DAY_START - 40 * DAY}&bucket_width=1h`)).data).toHaveLength(24);
		expect((await page(`/organization/usage/embeddings?start_time=${DAY_START - 40 * DAY}&bucket_width=1m`)).data).toHaveLength(60);
		const open = await page(`/organization/usage/moderations?start_time=${DAY_START - DAY + 90 * 60 + 30}&bucket_width=1d`);
		expect(open.data.map((b) => [b.start_time, b.end_time])).toEqual([
			[DAY_START - DAY + 90 * 60, DAY_START],
			[DAY_START, NOW / 1000],
		]);
	});

	it('filters by project, user, key, model, batch, size, source, context level and vector store', async () => {
		const range = `start_time=${DAY_START - 7 * DAY}&end_time=${DAY_START}&limit=7`;
		const check = async (endpoint: string, filter: string, field: string, expected: unknown) => {
			const body = await page(`/organization/usage/${endpoint}?${range}&${filter}&group_by[]=${field}`);
			const rows = body.data.flatMap((b) => b.results);
			expect({ endpoint, filter, rows: rows.length > 0 }).toEqual({ endpoint, filter, rows: true });
			for (const row of rows) expect(row[field]).toBe(expected);
		};
		const project = fake.org.projects[0].id;
		await check('completions', `project_ids[]=${project}`, 'project_id', project);
		await check('completions', 'batch=true', 'batch', true);
		await check('images', 'sources[]=image.edit', 'source', 'image.edit');
		await check('images', 'sizes[]=1024x1024', 'size', '1024x1024');
		await check('web_search_calls', 'context_levels[]=high', 'context_level', 'high');
		const stores = await page(`/organization/usage/file_search_calls?${range}&group_by[]=vector_store_id`);
		const used = String(stores.data.flatMap((b) => b.results)[0]?.vector_store_id);
		await check('file_search_calls', `vector_store_ids[]=${used}`, 'vector_store_id', used);
		const byUser = await page(`/organization/usage/completions?${range}&group_by[]=user_id`);
		const user = String(byUser.data.flatMap((b) => b.results).find((row) => row.user_id !== null)?.user_id);
		await check('completions', `user_ids[]=${user}`, 'user_id', user);
		await check('completions', 'models[]=gpt-4.1-2025-04-14', 'model', 'gpt-4.1-2025-04-14');
		const key = fake.org.apiKeys[0].id;
		await check('completions', `api_key_ids[]=${key}`, 'api_key_id', key);
	});
	it('busy from an hour on (for runs against the real clock): every minute of it has usage, earlier hours keep theirs', async () => {
		const hour = DAY_START - DAY + 3 * H; // 03:00 the day before: a low hour with empty minutes
		const minutes = async (from: number) =>
			(await page(`/organization/usage/completions?start_time=${from}&end_time=${from + H}&bucket_width=1m&limit=60`)).data.map((bucket) =>
				sum(bucket.results, 'num_model_requests'),
			);
		const before = await minutes(hour - H);
		const quiet = await minutes(hour);
		expect(quiet.filter((n) => n === 0).length).toBeGreaterThan(0);

		fake.org.usage.setBusyFrom(hour + 1_234); // any second of the hour
		expect((await minutes(hour)).filter((n) => n === 0)).toEqual([]);
		expect(await minutes(hour - H)).toEqual(before);

		fake.reset();
		fake.clock.set(NOW);
		expect(await minutes(hour)).toEqual(quiet);
	});
});

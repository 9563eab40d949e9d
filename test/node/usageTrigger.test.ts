import type { IDataObject } from 'n8n-workflow';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { createPollSession, runPoll } from '../harness';
import { TRIGGER_NAME, triggerState, triggerWorkflow } from './usageWorkflows';

/** The OpenAI Usage Trigger through n8n's poll machinery (harness) against the fake Admin API. */
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

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 19, 12, 5); // Thu 12:05 UTC
const HOUR = Date.UTC(2026, 10, 19, 12) / 1000;
const credentials = (apiKey: string = FAKE_KEYS.admin) => ({ openAiAdminApi: { apiKey, url: fake.url } });
const now = () => fake.clock.now();
const usageCalls = () => fake.requests.filter((r) => r.path.startsWith('/v1/organization/usage/') || r.path === '/v1/organization/costs');
const json = (items: Array<{ json: IDataObject }> | undefined) => (items ?? []).map((item) => item.json);

describe('manual mode ("Fetch test event")', () => {
	it('returns the latest closed bucket\'s rows and never touches the stored position', async () => {
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', groupBy: ['model'] });
		const staticData: IDataObject = {};
		await createPollSession(wf, TRIGGER_NAME, { staticData, credentials: credentials(), now }).activate();
		const stored = structuredClone(staticData);
		expect(triggerState(stored)).toMatchObject({ anchorSec: NOW / 1000 });

		fake.clock.advance(3 * H);
		fake.clearRequests();
		const result = await runPoll(wf, TRIGGER_NAME, { mode: 'manual', staticData, credentials: credentials(), now });
		const rows = json(result.items?.[0]);
		expect(rows.length).toBeGreaterThan(1);
		for (const row of rows) {
			expect(row).toMatchObject({ queryType: 'completions', bucketStartIso: '2026-11-19T14:00:00Z', bucketEndIso: '2026-11-19T15:00:00Z', changeType: 'new' });
			expect(typeof row.model).toBe('string');
		}
		expect(usageCalls()).toHaveLength(1);
		expect(usageCalls()[0].query).toMatchObject({ bucket_width: '1h', end_time: String(HOUR + 3 * 3_600), group_by: ['model'] });
		expect(result.persisted).toBe(false);
		expect(staticData).toEqual(stored);
		expect(result.inMemoryStaticData).toEqual(stored);
	});
});

describe('polling', () => {
	it('starts at activation (no history), emits each closed bucket once, then revisions with deltas', async () => {
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', groupBy: ['project_id', 'model'] });
		const staticData: IDataObject = {};
		const session = createPollSession(wf, TRIGGER_NAME, { staticData, credentials: credentials(), now });
		const activation = await session.activate();
		expect(activation.items).toBeNull();
		expect(activation.persisted).toBe(true);
		expect(usageCalls()).toHaveLength(0);

		fake.clock.advance(H); // 13:05: the 12:00 bucket is closed
		const first = await session.poll();
		const rows = json(first.items?.[0]);
		expect(rows.length).toBeGreaterThan(2);
		expect(new Set(rows.map((row) => row.bucketStartIso))).toEqual(new Set(['2026-11-19T12:00:00Z']));
		expect(rows.every((row) => row.changeType === 'new' && row.revision === 0 && row.provisional === false)).toBe(true);
		expect(first.persisted).toBe(true);
		expect(usageCalls()[0].query).toMatchObject({ start_time: String(HOUR), end_time: String(HOUR + 3_600), limit: '1', bucket_width: '1h', group_by: ['project_id', 'model'] });

		fake.clock.advance(0.25 * H); // 13:20: late usage of 12:00-13:00 has arrived
		const second = await session.poll();
		const revisions = json(second.items?.[0]);
		expect(revisions.length).toBeGreaterThan(0);
		for (const revision of revisions) {
			const before = rows.find((row) => row.rowKey === revision.rowKey) as IDataObject;
			expect(revision).toMatchObject({ changeType: 'revision', revision: 1, bucketStartIso: '2026-11-19T12:00:00Z' });
			const delta = revision.delta as Record<string, number>;
			expect(delta.numModelRequests).toBe((revision.numModelRequests as number) - (before.numModelRequests as number));
			expect(delta.inputTokens).toBe((revision.inputTokens as number) - (before.inputTokens as number));
		}

		const third = await session.poll();
		expect(third.items).toBeNull();
		expect(third.persisted).toBe(false);
	});

	it('backfills a past start page by page within the poll budget and resumes on the next poll', async () => {
		fake.setLatency(25);
		const start = Date.UTC(2026, 6, 1) / 1000; // 141 days of hours: 21 pages of 168
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', startTime: '2026-07-01T00:00:00Z' });
		const staticData: IDataObject = {};
		const session = createPollSession(wf, TRIGGER_NAME, { staticData, credentials: credentials(), now, pollBudgetMs: 150 });
		const seen = new Map<string, number>();
		const polls: number[] = [];
		const caughtUp = () => [...seen.keys()].some((key) => Number(key.split('|')[2]) === HOUR - 3_600);
		let starved = 0;
		for (let poll = 0; poll < 60 && !caughtUp(); poll++) {
			fake.clearRequests();
			// On a machine too busy to get even one 25 ms page within 150 ms, a poll fails as designed (it
			// says no page arrived; the position stays) and the next poll reads the same window again.
			const result = await session.poll().catch((error: unknown) => {
				if (!(error instanceof Error && error.message.startsWith("No page of OpenAI's usage arrived"))) throw error;
				starved++;
				return null;
			});
			polls.push(usageCalls().length);
			for (const row of json(result?.items?.[0])) seen.set(row.rowKey as string, (seen.get(row.rowKey as string) ?? 0) + 1);
		}
		expect(starved).toBeLessThan(polls.length);
		expect(polls.length).toBeGreaterThan(1); // the budget cut the backfill
		// Pages are started only while the budget allows; one still in flight at the end of the budget
		// is cut (its rows are not used) and asked again by the next poll: every row is emitted once.
		expect(polls.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(21);
		expect([...seen.values()].every((count) => count === 1)).toBe(true);
		const starts = [...seen.keys()].map((key) => Number(key.split('|')[2]));
		expect(Math.min(...starts)).toBe(start);
		expect(Math.max(...starts)).toBe(HOUR - 3_600);
		expect(seen.size).toBeGreaterThan(2500);
	});

	it('a page failing after retries: the pages before it are emitted and stored, the next poll resumes at the failed one', async () => {
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', startTime: '2026-11-09T00:00:00Z', options: { concurrency: 1 } });
		const staticData: IDataObject = {};
		const session = createPollSession(wf, TRIGGER_NAME, { staticData, credentials: credentials(), now });
		const match = { path: '/v1/organization/usage/completions' };
		const first = Date.UTC(2026, 10, 9) / 1000;
		const second = first + 168 * 3_600;
		fake.injectFault({ kind: 'stall', ms: 0, match }); // page 1 answers normally
		fake.injectFault({ kind: 'status', status: 500, times: 3, match, headers: { 'retry-after-ms': '1' } }); // page 2 fails 3×
		const partial = await session.poll();
		expect(usageCalls().map((r) => [r.query.start_time, r.status])).toEqual([
			[String(first), 200],
			[String(second), 500],
			[String(second), 500],
			[String(second), 500],
		]);
		const rows = json(partial.items?.[0]);
		expect(Math.min(...rows.map((row) => row.bucketStart as number))).toBe(first);
		expect(Math.max(...rows.map((row) => row.bucketStart as number))).toBe(second - 3_600);
		expect(partial.persisted).toBe(true);
		expect(triggerState(staticData)).toMatchObject({ endpoints: { completions: { settled: second } } });
		expect(partial.logs.some((line) => /^warn: OpenAI usage poll: reading completions failed; what came before the failure is emitted.*The server had an error/.test(line))).toBe(true);

		fake.clearRequests();
		const rest = await session.poll();
		expect(usageCalls().map((r) => r.query.start_time)).toEqual([String(second)]);
		const starts = json(rest.items?.[0]).map((row) => row.bucketStart as number);
		expect(Math.min(...starts)).toBe(second);
		expect(Math.max(...starts)).toBe(HOUR - 3_600);
		const keys = [...rows, ...json(rest.items?.[0])].map((row) => row.rowKey);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('the first page failing after retries: nothing is emitted or stored, the poll fails, the next poll reads it again', async () => {
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', startTime: '2026-11-09T00:00:00Z', options: { concurrency: 1 } });
		const staticData: IDataObject = {};
		const session = createPollSession(wf, TRIGGER_NAME, { staticData, credentials: credentials(), now });
		const match = { path: '/v1/organization/usage/completions' };
		fake.injectFault({ kind: 'status', status: 500, times: 3, match, headers: { 'retry-after-ms': '1' } });
		await expect(session.poll()).rejects.toThrow(/^OpenAI: The server had an error/);
		expect(staticData).toEqual({});
		expect(usageCalls().map((r) => r.status)).toEqual([500, 500, 500]);

		fake.clearRequests();
		const retry = await session.poll();
		const starts = json(retry.items?.[0]).map((row) => row.bucketStart as number);
		expect(Math.min(...starts)).toBe(Date.UTC(2026, 10, 9) / 1000);
		expect(Math.max(...starts)).toBe(HOUR - 3_600);
		expect(usageCalls().map((r) => r.query.start_time)).toEqual([String(Date.UTC(2026, 10, 9) / 1000), String(Date.UTC(2026, 10, 9) / 1000 + 168 * 3_600)]);
	});

	it('a Start Time expression relative to now sets the first collection only; a changed query starts over', async () => {
		const parameters = { queryType: 'costs', groupBy: ['project_id'], startTime: "={{ $now.toUTC().startOf('day').minus({ days: 7 }).toISO() }}" };
		const staticData: IDataObject = {};
		const session = createPollSession(triggerWorkflow(parameters), TRIGGER_NAME, { staticData, credentials: credentials(), now });
		const first = json((await session.activate()).items?.[0]);
		expect(new Set(first.map((row) => String(row.bucketStartIso).slice(0, 10))).size).toBe(8); // 7 closed days + today (provisional)
		expect(first.every((row) => row.changeType === 'new')).toBe(true);

		fake.clock.advance(24 * H); // the expression now says a day later
		const next = json((await session.poll()).items?.[0]);
		const fresh = next.filter((row) => row.changeType === 'new');
		expect(new Set(fresh.map((row) => row.bucketStartIso))).toEqual(new Set(['2026-11-20T00:00:00Z']));
		expect(next.filter((row) => row.changeType === 'revision').every((row) => row.bucketStartIso === '2026-11-19T00:00:00Z')).toBe(true);

		const other = createPollSession(triggerWorkflow({ ...parameters, groupBy: [] }), TRIGGER_NAME, { staticData, credentials: credentials(), now });
		const restarted = json((await other.poll()).items?.[0]);
		expect(restarted.length).toBe(8); // the new query is collected from its own start
		expect(restarted.every((row) => row.changeType === 'new' && row.projectId === null)).toBe(true);
	});

	it('a 429 within the retries is waited out (Retry-After) and invisible', async () => {
		fake.injectFault({ kind: 'rateLimit', retryAfterMs: 5, match: { path: '/v1/organization/costs' } });
		const wf = triggerWorkflow({ queryType: 'costs', startTime: '2026-11-17T00:00:00Z' });
		const result = await runPoll(wf, TRIGGER_NAME, { mode: 'trigger', staticData: {}, credentials: credentials(), now });
		expect(usageCalls().map((r) => r.status)).toEqual([429, 200]);
		const rows = json(result.items?.[0]);
		expect(rows.map((row) => [row.bucketStartIso, row.provisional])).toEqual([
			['2026-11-17T00:00:00Z', false],
			['2026-11-18T00:00:00Z', false],
			['2026-11-19T00:00:00Z', true],
		]);
		expect(typeof rows[0].amount).toBe('number');
		expect(typeof rows[0].amountRaw).toBe('string');
	});

	it('"all" sends each endpoint only what it accepts; options zero-fill, per-bucket items, names, no open costs', async () => {
		const wf = triggerWorkflow({
			queryType: 'all',
			bucketWidth: '1h',
			startTime: '2026-11-19T09:00:00Z',
			groupBy: ['project_id', 'model', 'line_item'],
			filters: { models: 'gpt-4o-2024-08-06', projectIds: fake.org.projects.map((p) => p.id).join(',') },
			options: { emptyBuckets: 'zero', outputMode: 'buckets', enrichNames: true, includeTodaysCosts: false },
		});
		const result = await runPoll(wf, TRIGGER_NAME, { mode: 'trigger', staticData: {}, credentials: credentials(), now });
		const byPath = Object.fromEntries(usageCalls().map((r) => [r.path.split('/').pop(), r.query]));
		// Costs: today's bucket is still open and not asked for, so there is nothing to read yet.
		expect(Object.keys(byPath)).toHaveLength(10);
		expect(byPath).not.toHaveProperty('costs');
		expect(byPath.completions).toMatchObject({ group_by: ['project_id', 'model'], models: ['gpt-4o-2024-08-06'], bucket_width: '1h' });
		expect(byPath.vector_stores.group_by).toEqual(['project_id']);
		expect(byPath.vector_stores).not.toHaveProperty('models');
		expect(byPath.vector_stores).toHaveProperty('project_ids');
		expect(byPath.code_interpreter_sessions).not.toHaveProperty('user_ids');
		const items = json(result.items?.[0]);
		expect(items.filter((item) => item.queryType === 'costs')).toEqual([]);
		const buckets = items.filter((item) => item.queryType === 'completions');
		expect(buckets.map((item) => item.bucketStartIso)).toEqual(['2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z', '2026-11-19T11:00:00Z']);
		const first = buckets[0] as { rows: IDataObject[]; totals: IDataObject; changeType: string; changedRows: number };
		expect(first).toMatchObject({ changeType: 'new', changedRows: first.rows.length });
		expect(first.totals.inputTokens).toBe(first.rows.reduce((sum, row) => sum + (row.inputTokens as number), 0));
		expect(first.rows.every((row) => typeof row.projectName === 'string' && row.model === 'gpt-4o-2024-08-06')).toBe(true);
		expect(fake.requests.some((r) => r.path === '/v1/organization/projects')).toBe(true);
		const images = items.filter((item) => item.queryType === 'images');
		expect(images.some((item) => (item.rows as IDataObject[])[0].images === 0)).toBe(true); // zero-filled
	});
});

describe('errors', () => {
	it('a project key gets OpenAI\'s message naming the missing scope and what key to use', async () => {
		const wf = triggerWorkflow({ queryType: 'costs' });
		const staticData: IDataObject = {};
		const error = await runPoll(wf, TRIGGER_NAME, { mode: 'trigger', staticData, credentials: credentials(FAKE_KEYS.project), now }).catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/Missing scopes: api\.usage\.read/);
		expect((error as { description?: string }).description).toMatch(/^While reading costs: The key lacks the scope api\.usage\.read \(it is a project API key.*Usage and costs need an Admin key/);
		expect(JSON.stringify(error)).not.toContain(FAKE_KEYS.project);
		expect(staticData).toEqual({});
	});

	it.each([
		[{ queryType: 'costs', bucketWidth: '1h' }, /^The "Bucket Width" 1h is not available for Costs/],
		[{ queryType: 'completions', startTime: 'next week' }, /^The "Start Time" parameter is not a date: "next week"$/],
		[{ queryType: 'completions', startTime: '2026-11-19T00:00:00Z', endTime: '2026-11-18T00:00:00Z' }, /"Start Time" \(2026-11-19T00:00:00Z\) is not before the "End Time"/],
		[{ queryType: 'embeddings', groupBy: ['batch'] }, /"Group By" field "batch" is not available for Embeddings/],
		[{ queryType: 'vector_stores', groupBy: '={{ "project_id, model" }}' }, /"Group By" field "model" is not available for Vector Stores/],
	])('%j is a NodeOperationError before any request', async (parameters, message) => {
		const error = await runPoll(triggerWorkflow(parameters), TRIGGER_NAME, { mode: 'trigger', staticData: {}, credentials: credentials(), now }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).name).toBe('NodeOperationError');
		expect((error as Error).message).toMatch(message);
		expect((error as { description?: string }).description).toBeTruthy();
		expect(fake.requests).toHaveLength(0);
	});
});

describe('options', () => {
	it.each([
		[{ timeoutMs: -5 }, /"Timeout \(Ms\)" must be a number of milliseconds above 0 \(it is -5\)/],
		[{ maxRetries: 11 }, /"Max Retries" must be a whole number from 0 to 10 \(it is 11\)/],
		[{ concurrency: 0 }, /"Concurrency" must be a whole number from 1 to 500 \(it is 0\)/],
	])('%j is refused before any request, naming the option', async (options, message) => {
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', options });
		await expect(runPoll(wf, TRIGGER_NAME, { mode: 'manual', staticData: {}, credentials: credentials(), now })).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(message),
		});
		expect(fake.requests).toHaveLength(0);
	});
});

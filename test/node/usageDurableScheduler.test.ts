import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { createPollSession, type PollResult } from '../harness';
import { TRIGGER_NAME, triggerWorkflow } from './usageWorkflows';

/**
 * The Usage Trigger on n8n's durable scheduler with durable cursors (harness: poll-session.ts, as n8n
 * 2.41 runs it): the activation poll keeps nothing, every scheduled poll starts from the stored
 * cursor, a poll that outlives the poll timeout is abandoned. Each case is run beside n8n's legacy
 * path and must deliver the same rows, each once.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
});

const S = 1_000;
const credentials = () => ({ openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } });
const now = () => fake.clock.now();
/** n8n's 45 s poll timeout scaled down: the budget is then 3 s − 1.5 s (n8n's margin formula). */
const durableScheduler = { pollTimeoutMs: 3_000 };

const rowsOf = (result: PollResult): IDataObject[] => (result.items?.[0] ?? []).map((item: INodeExecutionData) => item.json);
const keysOf = (rows: IDataObject[]) => rows.map((row) => String(row.rowKey));
const bucketsOf = (rows: IDataObject[]) => [...new Set(rows.map((row) => String(row.bucketStartIso)))].sort();

describe('empty Start Time on the durable scheduler', () => {
	it.each([
		['1h', Date.UTC(2026, 10, 19, 12, 59, 30), '2026-11-19T12:00:00Z'],
		['1d', Date.UTC(2026, 10, 19, 23, 59, 30), '2026-11-19T00:00:00Z'],
		['1m', Date.UTC(2026, 10, 19, 12, 59, 30), '2026-11-19T12:59:00Z'],
	])('%s buckets: the bucket the workflow was activated in is emitted, as on the legacy path', async (bucketWidth, activatedAt, activationBucket) => {
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth, groupBy: ['model'] });
		const emitted = { legacy: [] as IDataObject[], durable: [] as IDataObject[] };
		for (const path of ['legacy', 'durable'] as const) {
			fake.clock.set(activatedAt);
			const session = createPollSession(wf, TRIGGER_NAME, {
				staticData: {},
				credentials: credentials(),
				now,
				...(path === 'durable' ? { durableScheduler } : {}),
			});
			const activation = await session.activate();
			expect(activation.items).toBeNull();
			// The durable path keeps nothing from an activation poll that emitted nothing.
			expect(activation.persisted).toBe(path === 'legacy');
			// The first scheduled poll, 50 s later (every minute, n8n's seeded second).
			fake.clock.set(activatedAt + 50 * S);
			const first = await session.poll();
			expect(first.timedOut ?? false).toBe(false);
			emitted[path] = rowsOf(first);
		}
		expect(bucketsOf(emitted.legacy)).toEqual([activationBucket]);
		expect(bucketsOf(emitted.durable)).toEqual([activationBucket]);
		expect(keysOf(emitted.durable).sort()).toEqual(keysOf(emitted.legacy).sort());
	});
});

describe('the poll budget on the durable scheduler', () => {
	it('a request that would outlive the poll ends at the budget: what was read is emitted and saved, the rest comes next poll', async () => {
		const start = Date.UTC(2026, 10, 19, 12, 5);
		const wf = triggerWorkflow({ queryType: 'all', bucketWidth: '1d', startTime: '2026-11-15T00:00:00Z' });

		fake.clock.set(start);
		const legacy = createPollSession(wf, TRIGGER_NAME, { staticData: {}, credentials: credentials(), now });
		const truth = rowsOf(await legacy.activate());
		expect(truth.length).toBeGreaterThan(10);

		const staticData: IDataObject = {};
		const session = createPollSession(wf, TRIGGER_NAME, { staticData, credentials: credentials(), now, durableScheduler });
		// Embeddings' page hangs for 10 s: longer than n8n's poll timeout (scaled: 3 s), and than the
		// trigger's default 60 s Timeout would allow for.
		fake.injectFault({ kind: 'stall', ms: 10 * S, match: { path: '/v1/organization/usage/embeddings' } });
		const first = await session.poll();
		expect(first.timedOut).toBe(false);
		expect(first.persisted).toBe(true);
		const firstRows = rowsOf(first);
		expect(firstRows.length).toBeGreaterThan(0);
		expect(firstRows.some((row) => row.queryType === 'embeddings')).toBe(false);
		expect(first.logs.join('\n')).not.toMatch(/reading embeddings failed/);

		const second = await session.poll();
		expect(second.timedOut).toBe(false);
		const secondRows = rowsOf(second);
		expect(secondRows.length).toBeGreaterThan(0);
		expect(secondRows.every((row) => row.queryType === 'embeddings')).toBe(true);

		const all = [...firstRows, ...secondRows];
		expect(new Set(keysOf(all)).size).toBe(all.length); // none twice
		expect(keysOf(all).sort()).toEqual(keysOf(truth).sort()); // none lost
	});

	it('a backfill longer than the budget is read over several polls, each ending in time, every bucket once', async () => {
		const start = Date.UTC(2026, 10, 19, 12, 5);
		const wf = triggerWorkflow({
			queryType: 'completions',
			bucketWidth: '1m',
			groupBy: ['model'],
			startTime: '2026-11-16T00:00:00Z',
			options: { concurrency: 1 },
		});
		fake.clock.set(start);
		const truth = rowsOf(await createPollSession(wf, TRIGGER_NAME, { staticData: {}, credentials: credentials(), now }).activate());

		fake.setLatency(600); // a page every 0.6 s: about two fit into the 1.5 s budget
		const session = createPollSession(wf, TRIGGER_NAME, { staticData: {}, credentials: credentials(), now, durableScheduler });
		const all: IDataObject[] = [];
		let polls = 0;
		for (; polls < 10 && all.length < truth.length; polls++) {
			const started = performance.now();
			const result = await session.poll();
			expect(result.timedOut).toBe(false);
			expect(performance.now() - started).toBeLessThan(durableScheduler.pollTimeoutMs);
			all.push(...rowsOf(result));
		}
		expect(polls).toBeGreaterThan(1);
		expect(new Set(keysOf(all)).size).toBe(all.length);
		expect(keysOf(all).sort()).toEqual(keysOf(truth).sort());
	});

	it('when not one page arrives in time, the poll fails with a clear error instead of timing out', async () => {
		fake.clock.set(Date.UTC(2026, 10, 19, 12, 5));
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', startTime: '2026-11-18T00:00:00Z' });
		const staticData: IDataObject = {};
		const session = createPollSession(wf, TRIGGER_NAME, { staticData, credentials: credentials(), now, durableScheduler });
		fake.injectFault({ kind: 'stall', ms: 10 * S, match: { path: '/v1/organization/usage/completions' } });
		const started = performance.now();
		await expect(session.poll()).rejects.toThrow(/No page of OpenAI's usage arrived within the poll's time budget \(2 s\)/);
		expect(performance.now() - started).toBeLessThan(durableScheduler.pollTimeoutMs);
		expect(staticData).toEqual({});
	});
});

describe('polls that overlap (several Poll Times run at once; a poll run again after its main died)', () => {
	const wf = () => triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', groupBy: ['model'], startTime: '2026-11-18T00:00:00Z' });

	it.each(['legacy', 'durable'] as const)('%s: of two polls at once, one emits and the other emits nothing', async (path) => {
		fake.clock.set(Date.UTC(2026, 10, 19, 12, 5));
		fake.setLatency(200);
		const staticData: IDataObject = {};
		const session = createPollSession(wf(), TRIGGER_NAME, {
			staticData,
			credentials: credentials(),
			now,
			...(path === 'durable' ? { durableScheduler } : {}),
		});
		const [a, b] = await Promise.all([session.poll(), session.poll()]);
		const emitted = [a, b].filter((result) => result.items !== null);
		expect(emitted).toHaveLength(1);
		expect(rowsOf(emitted[0]).length).toBeGreaterThan(10);
		expect([...a.logs, ...b.logs].join('\n')).toMatch(/skipped, another poll of this trigger is still running/);
		fake.setLatency(0);
		const next = await session.poll();
		expect(next.items).toBeNull(); // nothing new: the rows were emitted once
	});

	it('durable: a poll that read the stored position before the last emitting poll committed emits nothing', async () => {
		fake.clock.set(Date.UTC(2026, 10, 19, 12, 5));
		const staticData: IDataObject = {};
		const first = createPollSession(wf(), TRIGGER_NAME, { staticData, credentials: credentials(), now, durableScheduler });
		await first.poll(); // emits the backfill; its position is stored
		fake.clock.advance(3_600 * S);
		const before = structuredClone(staticData); // what a second job read before the next commit
		const emitting = await first.poll();
		expect(rowsOf(emitting).length).toBeGreaterThan(0);

		const late = createPollSession(wf(), TRIGGER_NAME, { staticData: before, credentials: credentials(), now, durableScheduler });
		const result = await late.poll();
		expect(result.items).toBeNull();
		expect(result.logs.join('\n')).toMatch(/skipped, it started from a position older than the one this trigger emitted/);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { validateUsageQuery } from '../../nodes/usage/validate';
import { closedEnd, floorTo } from '../../nodes/usage/window';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { createPollSession } from '../harness';
import { groundTruth, replayEmissions } from '../unit/usageTestSource';
import { endpointOf, toEmission, type Emission } from './usageEmissions';
import { TRIGGER_NAME, triggerWorkflow } from './usageWorkflows';

/**
 * Buckets that OpenAI keeps revising for 5 hours after they close (the fake set to settle late).
 * With the default revision window for 1h buckets (24 h, no extra request) the trigger's totals end
 * equal to the truth. With a window shorter than the settling time (3 h) the trigger does not stay
 * silently low: its late check re-reads a bucket it left behind, emits the change as a revision
 * with a `warning`, and logs a warning.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
afterEach(() => {
	fake.reset(); // also restores the fake's settling time
});

const MINUTE = 60_000;
const HOUR = 3_600;
const NOW = Date.UTC(2026, 10, 16, 8, 2);

async function pollEvery30Minutes(hours: number, options: IDataObject) {
	fake.reset();
	fake.clock.set(NOW);
	fake.org.usage.setRevisionDelay(5 * HOUR);
	const parameters = { queryType: 'completions', bucketWidth: '1h', groupBy: ['model'], startTime: '2026-11-16T06:00:00Z', options };
	const session = createPollSession(triggerWorkflow(parameters), TRIGGER_NAME, {
		staticData: {},
		credentials: { openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } },
		now: () => fake.clock.now(),
	});
	const emitted: Emission[] = [];
	const warnings: string[] = [];
	for (let poll = 0; poll < hours * 2; poll++) {
		fake.clock.advance(30 * MINUTE);
		const result = await session.poll();
		for (const item of result.items?.[0] ?? []) emitted.push(toEmission(item.json));
		warnings.push(...result.logs.filter((line) => line.startsWith('warn:')));
	}
	const final = replayEmissions(emitted, (key) => endpointOf(key).metrics); // throws on duplicates or wrong deltas
	const nowSec = Math.floor(fake.clock.now() / 1000);
	const query = validateUsageQuery(parameters, { startSec: null, endSec: null });
	// every bucket that has settled by now
	const truth = groundTruth(fake.org, query.endpoints[0], floorTo(query.startSec ?? 0, '1h'), closedEnd(nowSec, '1h') - 5 * HOUR, nowSec);
	const low = [...truth].filter(([key, values]) => JSON.stringify(final.get(key)?.v) !== JSON.stringify(values.v));
	return { emitted, final, truth, low, warnings, requests: fake.requests.length };
}

describe('buckets that settle after 5 hours', () => {
	it('the default revision window (24 h for 1h buckets) ends exactly at the truth, with one request per poll and no warning', async () => {
		const { truth, low, emitted, warnings, requests } = await pollEvery30Minutes(36, {});
		expect(truth.size).toBeGreaterThan(60);
		expect(low).toEqual([]);
		expect(emitted.filter((row) => row.warning)).toEqual([]);
		expect(warnings).toEqual([]);
		// a request per poll that has a closed bucket to read, plus at most one late check per 24 h
		expect(requests).toBeLessThanOrEqual(72 + 2);
		console.info(`[late revisions] default window, settling after 5 h: ${truth.size} rows, ${low.length} low, ${requests} requests in 72 polls`);
	});

	it('a 3 h window is too short: a changed bucket comes as a revision with a warning, and the log says so', async () => {
		const { truth, low, emitted, warnings, requests } = await pollEvery30Minutes(36, { revisionWindowMinutes: 180 });
		const warned = emitted.filter((row) => row.warning);
		expect(warned.length).toBeGreaterThan(0);
		for (const row of warned) {
			expect(row.changeType).toBe('revision');
			expect(row.warning).toMatch(/^OpenAI changed this bucket [\d.]+ h after it closed, after the trigger had stopped re-reading it \(revision window 3 h\)/);
			expect(truth.has(row.rowKey) ? low.some(([key]) => key === row.rowKey) : false).toBe(false); // a warned row is right now
		}
		expect(warnings.some((line) => /^warn: OpenAI usage poll: \d+ row\(s\) of completions bucket .* changed after the revision window\. OpenAI changed this bucket/.test(line))).toBe(true);
		// Not every late change is caught (one bucket per window), but none goes unreported for good
		expect(low.length).toBeGreaterThan(0);
		// at most one extra request per 3 h window: 36 h → 12
		expect(requests).toBeLessThanOrEqual(72 + 12);
		console.info(`[late revisions] 3 h window, settling after 5 h: ${warned.length} rows revised with a warning, ${low.length} of ${truth.size} rows still low, ${requests} requests in 72 polls`);
	});
});

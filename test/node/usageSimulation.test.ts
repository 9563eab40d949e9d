import type { IDataObject } from 'n8n-workflow';

import { validateUsageQuery } from '../../nodes/usage/validate';
import { ceilTo, closedEnd, floorTo } from '../../nodes/usage/window';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { createPrng } from '../fake-openai/deterministic';
import { createPollSession, type PollSession } from '../harness';
import { groundTruth, replayEmissions } from '../unit/usageTestSource';
import { endpointOf, toEmission, type Emission } from './usageEmissions';
import { TRIGGER_NAME, triggerWorkflow } from './usageWorkflows';

/**
 * The trigger in simulated time, through n8n's real poll machinery (harness) against the fake
 * Admin API whose buckets keep growing for 15 minutes after they close. Polls at irregular
 * intervals; 429s and 500s injected, some mid-pagination and beyond the retries; n8n restarts that
 * lose whatever a poll did not persist (n8n saves static data only when a poll emits), some with the
 * activation poll that does persist. At the end, per bucket and row: the last emitted values equal
 * the fake's ground truth, every row was emitted once as new and then only as revisions whose deltas
 * are exact, and the stored state stayed small.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi({ logging: true, maxLogEntries: 200 });
});
afterAll(async () => {
	await fake.stop();
});

const MINUTE = 60_000;
const DAY = 86_400;

interface Scenario {
	name: string;
	parameters: IDataObject & { queryType: string };
	/** Simulated start (ms) and span. */
	startMs: number;
	spanMs: number;
	/** Minutes between polls, drawn at random. */
	intervals: number[];
	seed: number;
	/** Extra minutes without any poll (n8n down) starting at this share of the span. */
	outage?: { at: number; minutes: number };
}

async function simulate(scenario: Scenario) {
	const rng = createPrng(scenario.seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
	fake.reset();
	fake.setLogging(true, { maxEntries: 200 });
	fake.clock.set(scenario.startMs);
	const staticData: IDataObject = {};
	const wf = triggerWorkflow(scenario.parameters);
	const session: PollSession = createPollSession(wf, TRIGGER_NAME, {
		staticData,
		credentials: { openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } },
		now: () => fake.clock.now(),
	});
	const emitted: Emission[] = [];
	const stats = { polls: 0, failedPolls: 0, endpointFailures: 0, restarts: 0, activations: 0, faults: 0, maxStateBytes: 0, revisions: 0 };
	const collect = (items: Array<{ json: IDataObject }> | undefined) => {
		for (const item of items ?? []) emitted.push(toEmission(item.json));
	};
	const pollOnce = async (activation = false) => {
		stats.polls++;
		try {
			const result = activation ? await session.activate('init') : await session.poll();
			collect(result.items?.[0]);
			// Endpoints that failed while others emitted (their windows are read again next time).
			if (result.logs.some((line) => /OpenAI usage poll .*"failed":"[a-z]/.test(line))) stats.endpointFailures++;
		} catch {
			stats.failedPolls++;
		}
		stats.maxStateBytes = Math.max(stats.maxStateBytes, JSON.stringify(staticData).length);
	};

	// The first poll backfills and fails on its second page (mid-pagination, beyond the retries).
	const usagePaths = /^\/v1\/organization\/usage\//;
	const query = validateUsageQuery(scenario.parameters, { startSec: null, endSec: null });
	const endpointPaths = query.endpoints.map((q) => `/v1${q.endpoint.path}`);
	fake.injectFault({ kind: 'stall', ms: 0, match: { path: '/v1/organization/usage/completions' } });
	fake.injectFault({ kind: 'status', status: 500, times: 3, match: { path: '/v1/organization/usage/completions' }, headers: { 'retry-after-ms': '1' } });
	await pollOnce(true);
	stats.activations++;

	const end = scenario.startMs + scenario.spanMs;
	let outageDone = !scenario.outage;
	while (fake.clock.now() < end) {
		fake.clock.advance(pick(scenario.intervals) * MINUTE);
		if (!outageDone && scenario.outage && fake.clock.now() > scenario.startMs + scenario.outage.at * scenario.spanMs) {
			fake.clock.advance(scenario.outage.minutes * MINUTE); // n8n was down
			session.restart();
			stats.restarts++;
			await pollOnce(true);
			stats.activations++;
			outageDone = true;
			continue;
		}
		const dice = rng();
		if (dice < 0.04) {
			session.restart(); // unsaved in-memory static data is lost
			stats.restarts++;
			if (rng() < 0.5) {
				await pollOnce(true);
				stats.activations++;
				continue;
			}
		} else if (dice < 0.08) {
			fake.injectFault({ kind: 'rateLimit', retryAfterMs: 2, match: { path: usagePaths } }); // retried: invisible
			stats.faults++;
		} else if (dice < 0.11) {
			// one endpoint fails beyond its retries: its window is read again next time
			fake.injectFault({ kind: 'status', status: 500, times: 3, match: { path: pick(endpointPaths) }, headers: { 'retry-after-ms': '1' } });
			stats.faults++;
		} else if (dice < 0.13) {
			fake.injectFault({ kind: 'rateLimit', retryAfterMs: 1, times: 3, match: { path: pick(endpointPaths) } });
			stats.faults++;
		}
		await pollOnce();
	}
	fake.clearFaults();
	// Let the last buckets settle (15 minutes of late usage), then two clean polls.
	fake.clock.advance(30 * MINUTE);
	await pollOnce();
	fake.clock.advance(5 * MINUTE);
	await pollOnce();
	stats.revisions = emitted.filter((e) => e.changeType === 'revision').length;
	return { emitted, stats, finalSec: Math.floor(fake.clock.now() / 1000) };
}

function expectMatchesTruth(scenario: Scenario, result: Awaited<ReturnType<typeof simulate>>) {
	const final = replayEmissions(result.emitted, (key) => endpointOf(key).metrics); // throws on duplicates or wrong deltas
	const query = validateUsageQuery(scenario.parameters, { startSec: null, endSec: null });
	const mismatches: unknown[] = [];
	let compared = 0;
	for (const endpointQuery of query.endpoints) {
		const from = floorTo(query.startSec ?? 0, endpointQuery.width);
		const to = endpointQuery.endpoint.name === 'costs' ? ceilTo(result.finalSec, '1d') : closedEnd(result.finalSec, endpointQuery.width);
		const truth = groundTruth(fake.org, endpointQuery, from, to, result.finalSec);
		for (const [key, values] of truth) {
			const emitted = final.get(key);
			if (JSON.stringify(emitted?.v) !== JSON.stringify(values.v)) mismatches.push({ key, truth: values.v, emitted: emitted?.v });
		}
		const prefix = `${endpointQuery.endpoint.name}|`;
		for (const [key, values] of final) {
			const zero = values.v.every((value) => value === null || Number(value) === 0);
			if (key.startsWith(prefix) && !truth.has(key) && !zero) mismatches.push({ key, truth: 'no row', emitted: values.v });
		}
		compared += truth.size;
	}
	expect(mismatches.slice(0, 5)).toEqual([]);
	return compared;
}

describe('exactly-once through 14 simulated days', () => {
	it('1h buckets of every endpoint (costs daily), with revisions, faults and restarts', async () => {
		const scenario: Scenario = {
			name: 'all-1h',
			// A 3 h revision window (the fake's buckets settle within 15 minutes): it keeps this long run
			// fast, and makes the late check run every 3 hours under the faults and restarts too.
			parameters: {
				queryType: 'all',
				bucketWidth: '1h',
				groupBy: ['project_id', 'model', 'line_item'],
				startTime: '2026-10-27T00:00:00Z',
				options: { revisionWindowMinutes: 180 },
			},
			startMs: Date.UTC(2026, 10, 6, 8, 3),
			spanMs: 14 * DAY * 1000,
			intervals: [3, 5, 10, 30, 60, 90, 120, 180],
			seed: 1,
			outage: { at: 0.5, minutes: 26 * 60 },
		};
		const result = await simulate(scenario);
		const compared = expectMatchesTruth(scenario, result);
		expect(compared).toBeGreaterThan(10_000);
		expect(result.stats.revisions).toBeGreaterThan(200);
		expect(result.stats.endpointFailures).toBeGreaterThan(3);
		expect(result.stats.restarts).toBeGreaterThan(5);
		expect(result.stats.maxStateBytes).toBeLessThan(150_000);
	});

	it('1m buckets over a shorter span, with a two-page backfill failing mid-way', async () => {
		const scenario: Scenario = {
			name: 'completions-1m',
			parameters: { queryType: 'completions', bucketWidth: '1m', groupBy: ['model', 'batch'], startTime: '2026-11-17T22:00:00Z' },
			startMs: Date.UTC(2026, 10, 19, 9, 0, 30),
			spanMs: 10 * 3_600_000,
			intervals: [1, 2, 3, 5, 8, 13],
			seed: 2,
		};
		const result = await simulate(scenario);
		const compared = expectMatchesTruth(scenario, result);
		expect(compared).toBeGreaterThan(3_000);
		expect(result.stats.revisions).toBeGreaterThan(50);
		expect(result.stats.failedPolls).toBeGreaterThan(0);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { validateUsageQuery } from '../../nodes/usage/validate';
import { closedEnd, floorTo } from '../../nodes/usage/window';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { createPrng } from '../fake-openai/deterministic';
import type { FaultSpec } from '../fake-openai/faults';
import { createPollSession } from '../harness';
import { saveSequenceFigures } from '../hostile/report';
import { groundTruth, replayEmissions } from '../unit/usageTestSource';
import { endpointOf, toEmission, type Emission } from './usageEmissions';
import { TRIGGER_NAME, triggerWorkflow } from './usageWorkflows';

/**
 * The trigger sequence test: seeded random interleavings of good polls and bad ones — a `{}`, an
 * HTML page with status 200, a 500 after every retry, a connection cut before the answer, JSON cut
 * short, a repeated cursor, a bucket outside the window, wrong types — sometimes on the first page
 * of a backfill, sometimes on the second, with n8n restarts in between (the harness's poll session
 * keeps n8n's rules: static data is saved only when a poll emits, or on activation). At the end,
 * after the server is healthy again, the emitted rows replayed (new, then revisions with exact
 * deltas) equal the fake's truth: 0 rows lost, 0 duplicated.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi({ logging: true, maxLogEntries: 1_000 });
});
afterAll(async () => {
	await fake.stop();
});

const MINUTE = 60_000;
const USAGE = { path: /^\/v1\/organization\/usage\// };
const HTML = '<!DOCTYPE html><html><head><title>Wi-Fi login</title></head><body>Accept the terms</body></html>';

/** A bad answer for the next usage request(s). */
const BAD: Record<string, FaultSpec> = {
	'{}': { kind: 'status', status: 200, body: {} },
	'HTML 200': { kind: 'status', status: 200, body: HTML },
	'500 after retries': { kind: 'status', status: 500, times: 3, headers: { 'retry-after-ms': '1' } },
	'connection cut': { kind: 'reset', times: 3 },
	'JSON cut short': { kind: 'status', status: 200, body: '{"object":"page","data":[{"object":"bucket","start_ti', contentType: 'application/json' },
	'repeated cursor': { kind: 'status', status: 200, times: 2, body: { object: 'page', data: [], has_more: true, next_page: 'page_again' } },
	'bucket outside the window': { kind: 'status', status: 200, body: { object: 'page', data: [{ object: 'bucket', start_time: 86_400, end_time: 90_000, results: [] }], has_more: false, next_page: null } },
	'wrong types': { kind: 'status', status: 200, body: { object: 'page', data: [{ object: 'bucket', start_time: 'now', end_time: null, results: {} }], has_more: 'no', next_page: 1 } },
};
const BAD_KINDS = Object.keys(BAD);

async function runSequence(seed: number) {
	const rng = createPrng(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
	fake.reset();
	fake.clock.set(Date.UTC(2026, 10, 18, 7, 41));
	// A short revision window (1 h): a bad answer taken for an empty page would lose buckets for good.
	const parameters = {
		queryType: 'completions',
		bucketWidth: '1h',
		groupBy: ['model'],
		startTime: '2026-11-06T00:00:00Z',
		options: { concurrency: 2, revisionWindowMinutes: 60 },
	};
	const staticData: IDataObject = {};
	const session = createPollSession(triggerWorkflow(parameters), TRIGGER_NAME, {
		staticData,
		credentials: { openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } },
		now: () => fake.clock.now(),
	});
	const emitted: Emission[] = [];
	const stats = { polls: 0, badPolls: 0, failedPolls: 0, restarts: 0, activations: 0, kinds: new Set<string>() };
	const pollOnce = async (activation: boolean) => {
		stats.polls++;
		try {
			const result = activation ? await session.activate('init') : await session.poll();
			for (const item of result.items?.[0] ?? []) emitted.push(toEmission(item.json));
		} catch {
			stats.failedPolls++;
		}
	};

	const injectBad = () => {
		const kind = pick(BAD_KINDS);
		if (rng() < 0.3) fake.injectFault({ kind: 'stall', ms: 0, match: USAGE }); // the first page is fine: the bad one comes second
		fake.injectFault({ ...BAD[kind], match: USAGE });
		stats.badPolls++;
		stats.kinds.add(kind);
	};

	if (rng() < 0.5) injectBad(); // the backfill (two pages) may meet one too
	await pollOnce(true);
	stats.activations++;
	for (let step = 0; step < 45; step++) {
		fake.clock.advance(pick([10, 20, 30, 45, 60, 90, 150]) * MINUTE);
		const dice = rng();
		if (dice < 0.1) {
			session.restart(); // what the last polls did not persist is gone
			stats.restarts++;
			if (rng() < 0.5) {
				await pollOnce(true);
				stats.activations++;
				continue;
			}
		} else if (dice < 0.65) {
			injectBad();
		}
		await pollOnce(false);
	}

	fake.clearFaults();
	fake.clock.advance(60 * MINUTE);
	await pollOnce(false);
	fake.clock.advance(20 * MINUTE);
	await pollOnce(false);

	const final = replayEmissions(emitted, (key) => endpointOf(key).metrics); // throws on a duplicate or a wrong delta
	const nowSec = Math.floor(fake.clock.now() / 1000);
	const query = validateUsageQuery(parameters, { startSec: null, endSec: null });
	const truth = groundTruth(fake.org, query.endpoints[0], floorTo(query.startSec ?? 0, '1h'), closedEnd(nowSec, '1h'), nowSec);
	const lost = [...truth].filter(([key, values]) => JSON.stringify(final.get(key)?.v) !== JSON.stringify(values.v));
	const extra = [...final].filter(([key, values]) => !truth.has(key) && values.v.some((value) => value !== null && Number(value) !== 0));
	return { stats, truth, lost, extra, emitted };
}

describe('trigger sequence: random bad and good polls with restarts', () => {
	const totals = { polls: 0, badPolls: 0, failedPolls: 0, restarts: 0, rows: 0, lost: 0, duplicated: 0 };
	afterAll(() => {
		if (process.env.RELIABILITY_REPORT) saveSequenceFigures({ seeds: 3, ...totals, at: new Date().toISOString() });
		console.info(
			`[trigger sequence] 3 seeds: ${totals.polls} polls, ${totals.badPolls} with a bad answer, ${totals.failedPolls} failed, ${totals.restarts} restarts; ` +
				`${totals.rows} rows compared with the truth: lost ${totals.lost}, duplicated ${totals.duplicated}`,
		);
	});

	it.each([101, 202, 303])('seed %i ends with the emitted totals equal to the truth', async (seed) => {
		const { stats, truth, lost, extra } = await runSequence(seed);
		expect(truth.size).toBeGreaterThan(500);
		expect(stats.badPolls).toBeGreaterThan(15);
		expect(stats.kinds.size).toBeGreaterThanOrEqual(6);
		expect(stats.restarts).toBeGreaterThan(0);
		expect(stats.failedPolls).toBeGreaterThan(0);
		expect(lost.slice(0, 3)).toEqual([]);
		expect(extra.slice(0, 3)).toEqual([]);
		Object.assign(totals, {
			polls: totals.polls + stats.polls,
			badPolls: totals.badPolls + stats.badPolls,
			failedPolls: totals.failedPolls + stats.failedPolls,
			restarts: totals.restarts + stats.restarts,
			rows: totals.rows + truth.size,
		});
	});
});

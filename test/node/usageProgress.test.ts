import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, type EndpointName } from '../../nodes/usage/endpoints';
import { validateUsageQuery } from '../../nodes/usage/validate';
import { closedEnd, floorTo } from '../../nodes/usage/window';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { createPollSession } from '../harness';
import { groundTruth, replayEmissions } from '../unit/usageTestSource';
import { toEmission, type Emission } from './usageEmissions';
import { TRIGGER_NAME, triggerState, triggerWorkflow } from './usageWorkflows';

/**
 * The trigger keeps making progress under a steady error rate: a large 1m backfill (30 days, 30
 * pages of 1,440 minutes) against a fake that fails every 7th request, with Max Retries 0. Each
 * poll keeps the unbroken run of good pages before a failure, emits it and resumes after it, so the
 * backfill advances poll after poll and finally matches the fake's truth, without a row lost or
 * emitted twice.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi({ logging: true, maxLogEntries: 5_000 });
});
afterAll(async () => {
	await fake.stop();
});

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 30);
const USAGE_PATH = { path: /^\/v1\/organization\/usage\// };

/** Every 7th usage request fails with a 500 (FIFO faults: six pass through, one fails, repeated). */
function failEverySeventh(requests: number) {
	for (let cycle = 0; cycle < Math.ceil(requests / 7); cycle++) {
		fake.injectFault({ kind: 'stall', ms: 0, times: 6, match: USAGE_PATH });
		fake.injectFault({ kind: 'status', status: 500, match: USAGE_PATH });
	}
}

describe('progress under a steady error rate', () => {
	it('30 days of 1m buckets, 1 request in 7 failing, Max Retries 0: progress poll after poll, then the truth', async () => {
		fake.reset();
		fake.clock.set(NOW);
		const parameters = { queryType: 'completions', bucketWidth: '1m', startTime: '2026-10-21T12:00:00Z', options: { maxRetries: 0 } };
		const staticData: IDataObject = {};
		const session = createPollSession(triggerWorkflow(parameters), TRIGGER_NAME, {
			staticData,
			credentials: { openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } },
			now: () => fake.clock.now(),
		});
		failEverySeventh(2_000);
		const emitted: Emission[] = [];
		const settledAfter: number[] = [];
		let failedPolls = 0;
		let caughtUpAt = 0;
		for (let poll = 1; poll <= 20 && caughtUpAt === 0; poll++) {
			fake.clock.advance(MINUTE);
			try {
				const result = await session.poll();
				for (const item of result.items?.[0] ?? []) emitted.push(toEmission(item.json));
			} catch {
				failedPolls++;
			}
			const settled = (triggerState(session.inMemoryStaticData ?? {})?.endpoints as Record<string, { settled: number }>).completions.settled;
			settledAfter.push(settled);
			if (settled >= closedEnd(fake.clock.now() / 1000, '1m') - 3 * 3_600) caughtUpAt = poll;
		}
		const requests = fake.requests.length;
		const failures = fake.requests.filter((r) => r.status === 500).length;
		expect(caughtUpAt).toBeGreaterThan(0); // the backfill finished despite 1 request in 7 failing
		expect(failures).toBeGreaterThan(3);
		// Never stuck: the position never moves back, and moves on in (nearly) every poll — a poll keeps
		// the good pages before its failure; only a poll whose very first page fails cannot (pages run
		// four at once, so which one meets the failure varies).
		expect(settledAfter).toEqual([...settledAfter].sort((a, b) => a - b));
		const advancing = settledAfter.filter((settled, index) => settled > (settledAfter[index - 1] ?? 0)).length;
		expect(advancing).toBeGreaterThanOrEqual(Math.ceil((settledAfter.length * 2) / 3));
		expect(caughtUpAt).toBeLessThanOrEqual(15);

		// Healthy again: let the last minutes settle, then compare with the truth.
		fake.clearFaults();
		fake.clock.advance(30 * MINUTE);
		for (const item of (await session.poll()).items?.[0] ?? []) emitted.push(toEmission(item.json));
		const final = replayEmissions(emitted, (key) => ENDPOINTS[key.split('|')[0] as EndpointName].metrics); // throws on duplicates
		const query = validateUsageQuery(parameters, { startSec: null, endSec: null });
		const nowSec = Math.floor(fake.clock.now() / 1000);
		const truth = groundTruth(fake.org, query.endpoints[0], floorTo(query.startSec ?? 0, '1m'), closedEnd(nowSec, '1m'), nowSec);
		const lost = [...truth].filter(([key, values]) => JSON.stringify(final.get(key)?.v) !== JSON.stringify(values.v));
		expect(truth.size).toBeGreaterThan(20_000);
		expect(lost).toEqual([]);
		console.info(
			`[progress under faults] 30 days of 1m buckets (30 pages), 1 in 7 requests failing, Max Retries 0: caught up after ${caughtUpAt} polls ` +
				`(${failedPolls} failed), ${requests} requests (${failures} failed); ${truth.size} rows, lost 0, duplicated 0`,
		);
	});
});

import { ENDPOINTS } from '../../nodes/usage/endpoints';
import { lateWarning, pickProbe } from '../../nodes/usage/lateCheck';
import { rowKey, storedValues, type Ledger, type RowChange } from '../../nodes/usage/ledger';
import { runUsagePoll, type PollSettings, type TriggerState } from '../../nodes/usage/poll';
import { validateUsageQuery } from '../../nodes/usage/validate';
import { closedEnd, floorTo } from '../../nodes/usage/window';
import { createSyntheticOrg } from '../fake-openai';
import { groundTruth, replayEmissions, testSource } from './usageTestSource';

const M = 60;
const H = 3_600;
const START = Date.UTC(2026, 10, 16, 9, 7) / 1000; // Monday
const metricsOf = (key: string) => ENDPOINTS[key.split('|')[0] as keyof typeof ENDPOINTS].metrics;

function emission(change: RowChange) {
	return {
		rowKey: rowKey(change.endpoint, change.width, change.bucket.start_time, change.result),
		changeType: change.changeType,
		revision: change.revision,
		values: storedValues(change.endpoint, change.result),
		delta: change.delta,
		warning: change.warning,
		bucketStart: change.bucket.start_time,
	};
}

/** Polls every 20 minutes for `hours` against an org whose buckets settle only after 5 hours. */
async function pollFor(hours: number, settings: PollSettings) {
	const org = createSyntheticOrg('fake-openai');
	org.usage.setRevisionDelay(5 * H);
	const source = testSource(START, org);
	const query = validateUsageQuery({ queryType: 'completions', bucketWidth: '1h', groupBy: ['model'] }, { startSec: null, endSec: null });
	let state: unknown;
	const emitted: Array<ReturnType<typeof emission>> = [];
	let lateRequests = 0;
	for (let minute = 0; minute <= hours * 60; minute += 20) {
		source.now.sec = START + minute * M;
		const before = source.calls.length;
		const outcome = await runUsagePoll({ query, state, nowSec: source.now.sec, settings, fetchPage: source.fetchPage, budgetMs: Infinity, elapsedMs: () => 0 });
		lateRequests += outcome.lateChecks.length;
		expect(source.calls.length - before).toBeLessThanOrEqual(2); // the window, plus at most one late check
		state = outcome.state;
		emitted.push(...outcome.changes.map(emission));
	}
	const final = replayEmissions(emitted, metricsOf); // throws on duplicates or wrong deltas
	const to = closedEnd(source.now.sec, '1h') - 6 * H; // buckets settled by now
	const truth = groundTruth(org, query.endpoints[0], floorTo(START, '1h'), to, source.now.sec);
	return { emitted, final, truth, lateRequests, state: state as TriggerState, source };
}

describe('the late check (buckets that change after the revision window)', () => {
	it('with the default 24 h window for 1h buckets, buckets settling after 5 h end exactly right and nothing is reported', async () => {
		const { emitted, final, truth, lateRequests } = await pollFor(48, { emptyBuckets: 'skip', includeOpenCosts: false });
		expect(truth.size).toBeGreaterThan(50);
		for (const [key, values] of truth) expect({ key, values: final.get(key) }).toEqual({ key, values });
		expect(emitted.filter((row) => row.warning)).toEqual([]);
		expect(lateRequests).toBeLessThanOrEqual(2); // one per revision window (24 h)
	});

	it('with a 3 h window, a bucket that changed later is emitted as a revision with a warning, at most one request an hour', async () => {
		const { emitted, final, truth, lateRequests, source } = await pollFor(48, { emptyBuckets: 'skip', includeOpenCosts: false, revisionWindowMinutes: 180 });
		const warned = emitted.filter((row) => row.warning);
		expect(warned.length).toBeGreaterThan(0);
		for (const row of warned) {
			expect(row).toMatchObject({ changeType: 'revision', revision: expect.any(Number) });
			expect(row.warning).toMatch(/^OpenAI changed this bucket \d+(\.\d)? h after it closed, after the trigger had stopped re-reading it \(revision window 3 h\); emitted now as a revision\..*raise Options → Revision Window/);
			// the warned bucket is right now (re-read after it settled: its final value)
			expect(truth.get(row.rowKey)).toBeDefined();
			expect(final.get(row.rowKey)).toEqual(truth.get(row.rowKey));
		}
		// one late check per 3 h window per endpoint: 48 h → at most 16 requests, here a request every 3 h
		expect(lateRequests).toBeGreaterThan(5);
		expect(lateRequests).toBeLessThanOrEqual(16);
		// a late check asks for one bucket with the largest page (a regular read asks for exactly its buckets)
		const lateCalls = source.calls.filter((call) => (call.params.end_time ?? 0) - call.params.start_time === H && call.params.limit === 168);
		expect(lateCalls.length).toBe(lateRequests);
		// Without reading everything again the other buckets stay low: that is what the warning says.
		const low = [...truth].filter(([key, values]) => JSON.stringify(final.get(key)?.v) !== JSON.stringify(values.v));
		expect(low.length).toBeGreaterThan(0);
	});

	it('keeps the newest bucket that leaves the window, due one window (at least an hour) later', () => {
		const ledger: Ledger = { [String(START)]: { '["a"]': { r: 0, v: [1] } }, [String(START + H)]: { '["a"]': { r: 1, v: [2] } }, [String(START + 5 * H)]: {} };
		expect(pickProbe(ledger, START + 2 * H, START + 10 * H, 30 * M)).toEqual({ slot: START + H, rows: ledger[String(START + H)], due: START + 11 * H });
		expect(pickProbe(ledger, START + 2 * H, START + 10 * H, 24 * H)?.due).toBe(START + 34 * H);
		expect(pickProbe(ledger, START, START + 10 * H, H)).toBeUndefined();
		expect(lateWarning(30 * H, 24 * H)).toMatch(/^OpenAI changed this bucket 30 h after it closed, .*\(revision window 24 h\)/);
		expect(lateWarning(4 * 86_400, 3 * 86_400)).toMatch(/4 days after it closed, .*\(revision window 3 days\)/);
	});
});

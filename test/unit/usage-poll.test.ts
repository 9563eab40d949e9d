import { ENDPOINTS } from '../../nodes/usage/endpoints';
import { ledgerRowCount, rowKey, storedValues, type RowChange } from '../../nodes/usage/ledger';
import { runUsagePoll, sampleUsage, type PollSettings, type TriggerState } from '../../nodes/usage/poll';
import { validateUsageQuery, type UsageQuery, type UsageQueryInput } from '../../nodes/usage/validate';
import { closedEnd, floorTo } from '../../nodes/usage/window';
import { createPrng } from '../fake-openai/deterministic';
import { groundTruth, replayEmissions, testSource, type TestSource } from './usageTestSource';

const M = 60;
const H = 3_600;
const D = 86_400;
const START = Date.UTC(2026, 10, 12, 9, 7) / 1000;
const SETTINGS: PollSettings = { emptyBuckets: 'skip', includeOpenCosts: true };

function queryOf(input: Partial<UsageQueryInput>): UsageQuery {
	return validateUsageQuery({ queryType: 'completions', bucketWidth: '1h', ...input }, { startSec: null, endSec: null });
}

async function poll(source: TestSource, query: UsageQuery, state: unknown, settings: PollSettings = SETTINGS, budgetMs = Infinity) {
	return await runUsagePoll({ query, state, nowSec: source.now.sec, settings, fetchPage: source.fetchPage, budgetMs, elapsedMs: () => 0 });
}

function emission(change: RowChange) {
	return {
		rowKey: rowKey(change.endpoint, change.width, change.bucket.start_time, change.result),
		changeType: change.changeType,
		revision: change.revision,
		values: storedValues(change.endpoint, change.result),
		delta: change.delta,
	};
}

const metricsOf = (key: string) => ENDPOINTS[key.split('|')[0] as keyof typeof ENDPOINTS].metrics;
const nonZero = (values: { v: unknown[] }) => values.v.some((value) => value !== null && Number(value) !== 0);

describe('runUsagePoll', () => {
	it('with an empty start: anchors at the first poll, then emits each closed bucket once', async () => {
		const source = testSource(START);
		const query = queryOf({ groupBy: ['model'] });
		const first = await poll(source, query, undefined);
		expect(first).toMatchObject({ started: true, changes: [] });
		expect(first.state.anchorSec).toBe(START);
		expect(source.calls).toHaveLength(0);

		source.now.sec = floorTo(START, '1h') + H + 5 * M;
		const second = await poll(source, query, first.state);
		expect(second.started).toBe(false);
		expect(new Set(second.changes.map((c) => c.bucket.start_time))).toEqual(new Set([floorTo(START, '1h')]));
		expect(second.changes.every((c) => c.changeType === 'new')).toBe(true);
		expect(source.calls[0].params).toMatchObject({ start_time: floorTo(START, '1h'), end_time: floorTo(START, '1h') + H, limit: 1, group_by: ['model'] });

		source.now.sec += 20 * M; // late usage of the closed bucket arrives
		const third = await poll(source, query, second.state);
		expect(third.changes.length).toBeGreaterThan(0);
		expect(third.changes.every((c) => c.changeType === 'revision' && c.revision === 1)).toBe(true);
		const truth = groundTruth(source.org, query.endpoints[0], floorTo(START, '1h'), floorTo(START, '1h') + H, source.now.sec);
		for (const change of third.changes) {
			expect(storedValues(change.endpoint, change.result)).toEqual(truth.get(rowKey(change.endpoint, '1h', change.bucket.start_time, change.result)));
		}
		source.now.sec += 5 * M;
		expect((await poll(source, query, third.state)).changes).toEqual([]);
	});

	it('stays exactly-once when unsaved state is lost, pages fail, and the budget cuts a backfill', async () => {
		const source = testSource(START);
		const rng = createPrng(7);
		const query = queryOf({ queryType: 'all', groupBy: ['project_id', 'model', 'line_item'], startTime: START - 9 * D });
		source.fail = () => (rng() < 0.04 ? Object.assign(new Error('Injected 500'), { status: 500 }) : undefined);
		let memory: unknown;
		let persisted: unknown;
		const emitted: Array<ReturnType<typeof emission>> = [];
		for (let i = 0; i < 110; i++) {
			source.now.sec += M * (2 + Math.floor(rng() * 50)) + (rng() < 0.05 ? 5 * H : 0); // sometimes a long gap
			if (rng() < 0.08) memory = persisted && structuredClone(persisted); // n8n restarted: unsaved progress is gone
			const budget = i < 3 ? 0 : Infinity; // the first polls read one page per endpoint only
			const outcome = await poll(source, query, memory, SETTINGS, budget);
			memory = outcome.state;
			if (outcome.changes.length > 0) {
				emitted.push(...outcome.changes.map(emission));
				persisted = structuredClone(outcome.state); // n8n saves static data when a poll emits
			}
		}
		source.fail = undefined;
		source.now.sec += H;
		const last = await poll(source, query, memory);
		emitted.push(...last.changes.map(emission));

		const final = replayEmissions(emitted, metricsOf);
		for (const endpointQuery of query.endpoints) {
			const from = floorTo(START - 9 * D, endpointQuery.width);
			const to = endpointQuery.endpoint.name === 'costs' ? floorTo(source.now.sec, '1d') + D : closedEnd(source.now.sec, endpointQuery.width);
			const truth = groundTruth(source.org, endpointQuery, from, to, source.now.sec);
			expect(truth.size).toBeGreaterThan(0);
			for (const [key, values] of truth) expect({ key, values: final.get(key) }).toEqual({ key, values });
			const prefix = `${endpointQuery.endpoint.name}|`;
			for (const [key, values] of final) if (key.startsWith(prefix) && !truth.has(key)) expect({ key, zero: !nonZero(values) }).toEqual({ key, zero: true });
		}
		const state = last.state as TriggerState;
		for (const [name, endpointState] of Object.entries(state.endpoints)) {
			// Bounded: only the revision window (24 h, costs 3 days + today) is remembered.
			const slots = Object.keys(endpointState?.ledger ?? {}).map(Number);
			expect({ name, oldest: Math.min(...slots) >= source.now.sec - (name === 'costs' ? 4 * D : 25 * H) }).toEqual({ name, oldest: true });
		}
	});

	it('a failing endpoint keeps its position; the others move on', async () => {
		const source = testSource(START);
		const query = queryOf({ queryType: 'all', startTime: START - 30 * H });
		source.fail = ({ endpoint }) => (endpoint === 'embeddings' ? new Error('embeddings down') : undefined);
		const outcome = await poll(source, query, undefined);
		expect(outcome.failures.map((f) => f.endpoint)).toEqual(['embeddings']);
		expect(outcome.state.endpoints.embeddings?.settled).toBe(floorTo(START - 30 * H, '1h'));
		expect(outcome.state.endpoints.completions?.settled).toBe(closedEnd(START, '1h') - 24 * H);
		expect(outcome.changes.some((c) => c.endpoint.name === 'embeddings')).toBe(false);
		source.fail = undefined;
		const retry = await poll(source, query, outcome.state);
		expect(retry.changes.filter((c) => c.endpoint.name === 'embeddings').length).toBeGreaterThan(0);
		expect(retry.changes.filter((c) => c.endpoint.name === 'completions')).toEqual([]);
	});

	it('starts over when the query changes, and bounds the ledger', async () => {
		const source = testSource(START);
		const first = await poll(source, queryOf({ startTime: START - 2 * D, groupBy: ['project_id', 'api_key_id', 'model'] }), undefined, { ...SETTINGS, maxLedgerRows: 5 });
		expect(ledgerRowCount(first.state.endpoints.completions?.ledger ?? {})).toBeLessThanOrEqual(5);
		expect(first.progress[0].trimmedRows).toBeGreaterThan(0);
		const other = await poll(source, queryOf({ startTime: START - 2 * D, groupBy: ['model'] }), first.state);
		expect(other.started).toBe(true);
		expect(other.changes.length).toBeGreaterThan(0);
	});

	it('zero-fills empty buckets once, and emits today\'s costs as they grow', async () => {
		const source = testSource(Date.UTC(2026, 10, 11, 6) / 1000); // 2026-11-11 has no usage
		const query = queryOf({ queryType: 'costs', bucketWidth: '1d', startTime: '2026-11-10T00:00:00Z' });
		const first = await poll(source, query, undefined, { ...SETTINGS, emptyBuckets: 'zero' });
		const byDay = first.changes.map((c) => [c.bucket.start_time, c.result.project_id, (c.result.amount as { value: unknown }).value]);
		expect(byDay).toEqual([
			[Date.UTC(2026, 10, 10) / 1000, null, expect.anything()],
			[Date.UTC(2026, 10, 11) / 1000, null, 0],
		]);
		source.now.sec += H;
		expect((await poll(source, query, first.state, { ...SETTINGS, emptyBuckets: 'zero' })).changes).toEqual([]);

		source.now.sec = Date.UTC(2026, 10, 12, 10) / 1000;
		const day = await poll(source, query, first.state);
		const today = day.changes.find((c) => c.bucket.start_time === Date.UTC(2026, 10, 12) / 1000);
		expect(today?.bucket.end_time).toBeGreaterThan(source.now.sec);
		source.now.sec += 2 * H;
		const later = await poll(source, query, day.state);
		expect(later.changes.find((c) => c.bucket.start_time === today?.bucket.start_time)).toMatchObject({ changeType: 'revision', revision: 1 });
	});
});

describe('sampleUsage', () => {
	it('returns the rows of the latest closed bucket with data, one request per endpoint', async () => {
		const source = testSource(START);
		const sample = await sampleUsage(queryOf({ queryType: 'all', groupBy: ['model'] }), START, source.fetchPage, { includeOpenCosts: false });
		expect(source.calls).toHaveLength(11);
		const completions = sample.filter((row) => row.query.endpoint.name === 'completions');
		expect(completions.length).toBeGreaterThan(0);
		expect(completions[0].bucket).toMatchObject({ start_time: closedEnd(START, '1h') - H, end_time: closedEnd(START, '1h') });
		expect(sample.filter((row) => row.query.endpoint.name === 'costs').every((row) => row.bucket.end_time <= START)).toBe(true);
	});

	it('gives one zero row when there was no usage at all', async () => {
		const source = testSource(Date.UTC(2026, 10, 11, 23) / 1000);
		source.fail = undefined;
		const sample = await sampleUsage(queryOf({ bucketWidth: '1m', filters: { projectIds: 'proj_nobody' } }), source.now.sec, source.fetchPage, { includeOpenCosts: false });
		expect(sample).toHaveLength(1);
		expect(sample[0].result).toMatchObject({ input_tokens: 0, num_model_requests: 0, model: null });
	});
});

import { ceilTo, chunkWindow, closedEnd, floorTo, planWindow, revisionWindowSeconds, settledAfterRead, toIso } from '../../nodes/usage/window';

const H = 3_600;
const D = 86_400;
const NOW = Date.UTC(2026, 10, 20, 12, 34, 56) / 1000;
const HOUR_START = Date.UTC(2026, 10, 20, 12) / 1000;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;

describe('UTC alignment', () => {
	it('floors and rounds up to minute, hour and UTC midnight', () => {
		expect(floorTo(NOW, '1m')).toBe(NOW - 56);
		expect(floorTo(NOW, '1h')).toBe(HOUR_START);
		expect(floorTo(NOW, '1d')).toBe(DAY_START);
		expect(ceilTo(NOW, '1h')).toBe(HOUR_START + H);
		expect(ceilTo(DAY_START, '1d')).toBe(DAY_START);
		expect(closedEnd(NOW, '1h')).toBe(HOUR_START);
		expect(toIso(DAY_START)).toBe('2026-11-20T00:00:00Z');
	});

	it('has revision windows of whole buckets that fit in the page each poll reads anyway: 2 h, 24 h, 3 days; costs 3 days', () => {
		expect(revisionWindowSeconds('completions', '1m')).toBe(2 * H);
		expect(revisionWindowSeconds('completions', '1h')).toBe(24 * H);
		expect(revisionWindowSeconds('completions', '1d')).toBe(3 * D);
		expect(revisionWindowSeconds('costs', '1d')).toBe(3 * D);
		// with a poll gap of up to a day (1m: 2 h), the window and the new buckets fit in one page
		expect(revisionWindowSeconds('completions', '1m') / 60 + 22 * 60).toBeLessThanOrEqual(1_440);
		expect(revisionWindowSeconds('completions', '1h') / H + 24).toBeLessThanOrEqual(168);
		expect(revisionWindowSeconds('completions', '1d') / D + 1).toBeLessThanOrEqual(31);
		expect(revisionWindowSeconds('embeddings', '1h', 90)).toBe(2 * H);
		expect(revisionWindowSeconds('costs', '1d', 60)).toBe(D);
	});
});

describe('planWindow', () => {
	const base = { nowSec: NOW, width: '1h' as const, endSec: null, revisionSeconds: 3 * H, includeOpenBucket: false };

	it('starting now: nothing until the first bucket closes, then only that bucket', () => {
		expect(planWindow({ ...base, anchorSec: HOUR_START, settledSec: HOUR_START })).toBeNull();
		expect(planWindow({ ...base, nowSec: HOUR_START + H + 60, anchorSec: HOUR_START, settledSec: HOUR_START })).toEqual({
			from: HOUR_START,
			to: HOUR_START + H,
			settledBefore: HOUR_START - 2 * H,
		});
	});

	it('a start in the past: a backfill from the anchor', () => {
		const anchor = HOUR_START - 30 * D;
		expect(planWindow({ ...base, anchorSec: anchor, settledSec: anchor })).toEqual({ from: anchor, to: HOUR_START, settledBefore: HOUR_START - 3 * H });
		expect(planWindow({ ...base, anchorSec: anchor, settledSec: anchor + 10 * D })).toMatchObject({ from: anchor + 10 * D });
	});

	it('steady state: re-reads what was not final at the last read, so a long gap widens the window', () => {
		const polledAnHourAgo = settledAfterRead(HOUR_START - 30 * D, HOUR_START - H, { from: 0, to: HOUR_START - H, settledBefore: HOUR_START - 4 * H });
		expect(polledAnHourAgo).toBe(HOUR_START - 4 * H);
		expect(planWindow({ ...base, anchorSec: HOUR_START - 30 * D, settledSec: polledAnHourAgo })).toEqual({
			from: HOUR_START - 4 * H,
			to: HOUR_START,
			settledBefore: HOUR_START - 3 * H,
		});
		// a budget-cut read of an old range settles only what was read
		expect(settledAfterRead(HOUR_START - 30 * D, HOUR_START - 20 * D, { from: 0, to: HOUR_START, settledBefore: HOUR_START - 3 * H })).toBe(HOUR_START - 20 * D);
	});

	it('stops at the end time, and reads the open bucket only when asked (today\'s costs)', () => {
		const end = HOUR_START - 5 * H;
		expect(planWindow({ ...base, anchorSec: HOUR_START - D, settledSec: end, endSec: end })).toBeNull();
		expect(planWindow({ ...base, anchorSec: HOUR_START - D, settledSec: end - 2 * H, endSec: end })).toMatchObject({ from: end - 2 * H, to: end });
		const costs = { ...base, width: '1d' as const, revisionSeconds: 2 * D, includeOpenBucket: true };
		expect(planWindow({ ...costs, anchorSec: DAY_START - 10 * D, settledSec: DAY_START - 2 * D })).toEqual({
			from: DAY_START - 2 * D,
			to: DAY_START + D,
			settledBefore: DAY_START - 2 * D,
		});
	});
});

describe('chunkWindow', () => {
	it('splits into pages of the most buckets allowed', () => {
		const chunks = chunkWindow(DAY_START - 90 * D, DAY_START, '1h', 168);
		expect(chunks).toHaveLength(13);
		expect(chunks[0]).toEqual({ start: DAY_START - 90 * D, end: DAY_START - 90 * D + 168 * H, buckets: 168 });
		expect(chunks[12]).toEqual({ start: DAY_START - 90 * D + 12 * 168 * H, end: DAY_START, buckets: 2160 - 12 * 168 });
		expect(chunks.reduce((sum, chunk) => sum + chunk.buckets, 0)).toBe(2160);
		expect(chunkWindow(DAY_START, DAY_START, '1d', 31)).toEqual([]);
	});
});

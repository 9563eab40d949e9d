import { queryUsage } from '../../nodes/usage/query';
import { validateUsageQuery } from '../../nodes/usage/validate';
import { testSource } from './usageTestSource';

const NOW = Date.UTC(2026, 10, 20, 12) / 1000;
const D = 86_400;
const defaults = { startSec: NOW - 7 * D, endSec: NOW };

describe('queryUsage (the Usage node\'s read)', () => {
	it('Return All follows next_page over a long range with the largest pages', async () => {
		const source = testSource(NOW);
		const query = validateUsageQuery({ queryType: 'completions', bucketWidth: '1d', startTime: NOW - 100 * D }, defaults);
		const result = await queryUsage(query, source.fetchPage, { limit: Infinity, emptyBuckets: 'zero', outputMode: 'rows', nowSec: NOW });
		expect(result.pages).toBe(4); // 101 days at 31 per page
		expect(result.items).toHaveLength(101);
		expect(result.stopped).toBeUndefined();
		expect(source.calls.map((c) => c.params.limit)).toEqual([31, 31, 31, 31]);
		expect(source.calls[3].params.page).toMatch(/^page_/);
		expect(result.items[100]).toMatchObject({ bucketStartIso: '2026-11-20T00:00:00Z', provisional: true });
	});

	it('cuts at Limit and says where it stopped, mid-bucket and across endpoints of "all"', async () => {
		const source = testSource(NOW);
		const query = validateUsageQuery({ queryType: 'all', bucketWidth: '1d', groupBy: ['model'], startTime: NOW - 3 * D }, defaults);
		const result = await queryUsage(query, source.fetchPage, { limit: 5, emptyBuckets: 'skip', outputMode: 'rows', nowSec: NOW });
		expect(result.items).toHaveLength(5);
		expect(result.items.every((item) => item.queryType === 'completions')).toBe(true);
		expect(result.stopped).toMatchObject({ reason: 'limit', queryType: 'completions', limit: 5, notRead: expect.arrayContaining(['costs', 'embeddings']) });
		expect(result.items[4].stoppedAtLimit).toEqual(result.stopped);
		expect(result.items.slice(0, 4).every((item) => item.stoppedAtLimit === undefined)).toBe(true);
		expect(result.stopped?.resumeFromIso).toMatch(/^2026-11-1\dT00:00:00Z$/);
		expect(source.calls).toHaveLength(1);
	});

	it('one item per bucket, with totals', async () => {
		const source = testSource(NOW);
		const query = validateUsageQuery({ queryType: 'costs', bucketWidth: '1d', groupBy: ['project_id'], startTime: NOW - 3 * D, endTime: NOW - D }, defaults);
		const result = await queryUsage(query, source.fetchPage, { limit: 10, emptyBuckets: 'skip', outputMode: 'buckets', nowSec: NOW });
		// the end (Nov 19, 12:00) is rounded up to whole days
		expect(result.items.map((item) => item.bucketStartIso)).toEqual(['2026-11-17T00:00:00Z', '2026-11-18T00:00:00Z', '2026-11-19T00:00:00Z']);
		const [first] = result.items as Array<{ rows: Array<{ amountRaw: string }>; totals: { amount: number } }>;
		expect(first.rows.length).toBeGreaterThan(1);
		expect(first.totals.amount).toBeCloseTo(first.rows.reduce((sum, row) => sum + Number(row.amountRaw), 0), 9);
	});
});

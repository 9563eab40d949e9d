import { forecastMonth, forecastReadStart, type CostDay } from '../../nodes/usage/forecast';

/** Cost → Forecast Month's arithmetic on fixed data: exact sums, the stated rate, the projection, the budget day. */
const DAY = 86_400;
const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 1000;
const NOW = Date.UTC(2026, 10, 20, 12, 0) / 1000; // 2026-11-20 12:00 UTC: 19 complete days of 30
const everyDay = (amount: string, group: string | null = null, from = '2026-11-01', to = '2026-11-20'): CostDay[] => {
	const rows: CostDay[] = [];
	for (let start = day(from); start <= day(to); start += DAY) rows.push({ bucketStart: start, group, amount });
	return rows;
};

describe('forecastMonth', () => {
	it('10.00 a day: month-to-date of complete days, today shown but not used, projection over the 11 days left', () => {
		const rows = everyDay('10').map((row) => (row.bucketStart === day('2026-11-20') ? { ...row, amount: '3.5' } : row));
		const forecast = forecastMonth({ nowSec: NOW, rateDays: 7, rows });
		expect(forecast).toMatchObject({
			month: '2026-11',
			asOf: '2026-11-20T12:00:00Z',
			daysInMonth: 30,
			completeDays: 19,
			projectedDays: 11,
			monthToDate: '190',
			todaySoFar: '3.5',
			dailyRate: '10.00',
			projectedMonthTotal: '300.00',
			rateWindow: { from: '2026-11-13', to: '2026-11-19', days: 7 },
			budget: null,
			groups: [{ group: null, monthToDate: '190', dailyRate: '10.00', projectedMonthTotal: '300.00' }],
		});
		expect(forecast.method).toBe(
			"Daily rate: the mean of the last 7 complete UTC days (2026-11-13 to 2026-11-19), days without costs counting as 0, rounded to cents; today's provisional bucket is excluded. Projection: month-to-date (complete days) + daily rate × 11 days (today to the month's end).",
		);
	});

	it.each([
		['250', 'projected to exceed', '2026-11-25', '50.00'], // 190 + 6 × 10 = 250 by the end of the 25th
		['190.01', 'projected to exceed', '2026-11-20', '109.99'],
		['300', 'within', '2026-11-30', '0.00'],
		['400', 'within', null, '-100.00'],
		['150', 'reached', '2026-11-15', '150.00'], // 15 days × 10 = 150 at the end of the 15th
	])('budget %s: %s, runs out on %s, over by %s', (amount, status, runsOutOn, projectedOverBy) => {
		const forecast = forecastMonth({ nowSec: NOW, rateDays: 7, rows: everyDay('10', null, '2026-11-01', '2026-11-19'), budget: { amount, source: 'parameter' } });
		expect(forecast.budget).toEqual({ amount, source: 'parameter', status, runsOutOn, projectedOverBy });
	});

	it('exact sums of 28-decimal amounts; the rate is rounded to cents half up; days without costs count as 0', () => {
		const rows: CostDay[] = [
			{ bucketStart: day('2026-11-02'), group: 'proj_a', amount: '0.1' },
			{ bucketStart: day('2026-11-02'), group: 'proj_a', amount: 0.2 },
			{ bucketStart: day('2026-11-18'), group: 'proj_b', amount: '0.1739150000000000000000000000' },
			{ bucketStart: day('2026-11-19'), group: 'proj_b', amount: '0.8260850000000000000000000000' },
			{ bucketStart: day('2026-11-19'), group: 'proj_a', amount: '0.035' },
		];
		const forecast = forecastMonth({ nowSec: NOW, rateDays: 3, rows });
		expect(forecast.monthToDate).toBe('1.335');
		expect(forecast.dailyRate).toBe('0.35'); // 1.035 / 3 = 0.345 → 0.35
		expect(forecast.projectedMonthTotal).toBe('5.19'); // 1.335 + 0.35 × 11 = 5.185 → 5.19
		expect(forecast.groups).toEqual([
			{ group: 'proj_a', monthToDate: '0.335', todaySoFar: '0', dailyRate: '0.01', projectedMonthTotal: '0.45' }, // 0.035 / 3 = 0.01167
			{ group: 'proj_b', monthToDate: '1', todaySoFar: '0', dailyRate: '0.33', projectedMonthTotal: '4.63' },
		]);
	});

	it('on the first of the month the rate comes from the previous month, month-to-date is 0', () => {
		const now = Date.UTC(2026, 11, 1, 5, 0) / 1000;
		expect(forecastReadStart(now, 7)).toBe(day('2026-11-24'));
		const forecast = forecastMonth({ nowSec: now, rateDays: 7, rows: [...everyDay('7', null, '2026-11-20', '2026-11-30'), { bucketStart: day('2026-12-01'), group: null, amount: '1' }] });
		expect(forecast).toMatchObject({ month: '2026-12', completeDays: 0, projectedDays: 31, monthToDate: '0', todaySoFar: '1', dailyRate: '7.00', projectedMonthTotal: '217.00' });
	});

	it('no costs at all: zeros, and a budget never runs out', () => {
		const forecast = forecastMonth({ nowSec: NOW, rateDays: 7, rows: [], budget: { amount: '5', source: 'spend limit' } });
		expect(forecast).toMatchObject({ monthToDate: '0', dailyRate: '0.00', projectedMonthTotal: '0.00', budget: { status: 'within', runsOutOn: null }, groups: [] });
		expect(forecastReadStart(NOW, 30)).toBe(day('2026-10-21'));
	});

	it('refuses a rate window below one day and amounts that are not numbers', () => {
		expect(() => forecastMonth({ nowSec: NOW, rateDays: 0, rows: [] })).toThrow(RangeError);
		expect(() => forecastMonth({ nowSec: NOW, rateDays: 7, rows: [{ bucketStart: day('2026-11-02'), group: null, amount: 'n/a' }] })).toThrow(/not a number/);
	});
});

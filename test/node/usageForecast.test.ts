import type { IDataObject } from 'n8n-workflow';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import { sumDecimals } from '../../nodes/usage/decimal';
import { forecastReadStart } from '../../nodes/usage/forecast';
import { workflow } from './workflows';
import { usageNode } from './usageWorkflows';

/**
 * Cost → Forecast Month through n8n against the fake Admin API: what it reads (1d costs from the rate
 * window's start, grouped, filtered to a project), that its month-to-date is the costs' exact sum, and
 * the budget from a parameter or from the spend limit.
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
	fake.clock.useRealTime();
});

const DAY = 86_400;
const run = async (parameters: IDataObject, key: string = FAKE_KEYS.admin) =>
	await runWorkflow(workflow({ nodes: [usageNode({ resource: 'cost', operation: 'forecastMonth', ...parameters })] }), {
		credentials: { openAiAdminApi: { apiKey: key, url: fake.url } },
	});
const only = (result: Awaited<ReturnType<typeof run>>) => {
	expect(result.status).toBe('success');
	const items = result.output('OpenAI');
	expect(items).toHaveLength(1);
	return items[0].json as IDataObject & { groups: IDataObject[]; budget: IDataObject | null };
};
const costCalls = () => fake.requests.filter((r) => r.path === '/v1/organization/costs');
const project = () => fake.org.projects[0].id;

/** The fake's cost rows of complete days of this month, read with Cost → Get. */
async function completeDaysOfMonth(parameters: IDataObject = {}): Promise<IDataObject[]> {
	const now = new Date();
	const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
	const todayStart = Math.floor(Date.now() / 1000 / DAY) * DAY;
	if (todayStart === monthStart) return [];
	const result = await runWorkflow(
		workflow({ nodes: [usageNode({ resource: 'cost', operation: 'get', bucketWidth: '1d', startTime: monthStart, endTime: todayStart, returnAll: true, ...parameters })] }),
		{ credentials: { openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } } },
	);
	return result.output('OpenAI').map((item) => item.json);
}

describe('Cost → Forecast Month', () => {
	it('grouped by project: reads 1d costs from the rate window, month-to-date is the exact sum, groups add up', async () => {
		const forecast = only(await run({ forecastGroupBy: 'project_id', rateDays: 7 }));
		const nowSec = Math.floor(Date.now() / 1000);
		expect(costCalls()[0].query).toMatchObject({ bucket_width: '1d', group_by: ['project_id'] });
		expect(Math.abs(Number(costCalls()[0].query.start_time) - forecastReadStart(nowSec, 7))).toBeLessThanOrEqual(DAY);
		const rows = await completeDaysOfMonth({ groupBy: ['project_id'] });
		expect(forecast.monthToDate).toBe(sumDecimals(rows.map((row) => row.amountRaw)));
		expect(forecast).toMatchObject({ level: 'organization', groupBy: 'project_id', currency: 'usd', budget: null, rateWindow: { days: 7 } });
		expect(forecast.method).toMatch(/^Daily rate: the mean of the last 7 complete UTC days .*today's provisional bucket is excluded/);
		expect(sumDecimals(forecast.groups.map((group) => group.monthToDate))).toBe(forecast.monthToDate);
		expect(forecast.groups.length).toBeGreaterThan(1);
		for (const money of [forecast.dailyRate, forecast.projectedMonthTotal]) expect(money).toMatch(/^\d+\.\d\d$/);
		expect(Number(forecast.projectedMonthTotal)).toBeGreaterThanOrEqual(Number(forecast.monthToDate));
	});

	it('one project, by line item, against a budget given as text', async () => {
		const forecast = only(await run({ level: 'project', projectId: { __rl: true, mode: 'id', value: project() }, forecastGroupBy: 'line_item', budgetSource: 'amount', amount: '0.01' }));
		expect(costCalls()[0].query).toMatchObject({ group_by: ['line_item'], project_ids: [project()] });
		expect(forecast).toMatchObject({ level: 'project', project_id: project() });
		expect(forecast.budget).toMatchObject({ amount: '0.01', source: 'parameter', status: expect.stringMatching(/^(reached|projected to exceed)$/) });
		expect(forecast.groups.every((group) => typeof group.group === 'string')).toBe(true);
	});

	it('the budget read from the spend limit; none set is OpenAI\'s error, named', async () => {
		const missing = await run({ budgetSource: 'spendLimit', forecastGroupBy: 'none' });
		expect(missing.nodeError('OpenAI')?.message).toMatch(/^OpenAI: No spend limit is set for this organization/);
		await runWorkflow(workflow({ nodes: [usageNode({ resource: 'spendLimit', operation: 'set', amount: '1000000' })] }), {
			credentials: { openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } },
		});
		const forecast = only(await run({ budgetSource: 'spendLimit', forecastGroupBy: 'none' }));
		expect(forecast.budget).toMatchObject({ amount: '1000000.00', source: 'spend limit of the organization', status: 'within', runsOutOn: null });
		expect(forecast.groups).toEqual(forecast.monthToDate === '0' && forecast.todaySoFar === '0' ? [] : [expect.objectContaining({ group: null, monthToDate: forecast.monthToDate })]);
	});

	it.each([
		[{ rateDays: 0 }, 'The "Rate Days" parameter must be a whole number from 1 to 31, not 0 [item 0]'],
		[{ rateDays: 2.5 }, 'The "Rate Days" parameter must be a whole number from 1 to 31, not 2.5 [item 0]'],
		[{ budgetSource: 'amount', amount: '-100' }, 'The "Budget (USD)" parameter is negative ("-100") [item 0]'],
		[{ budgetSource: 'amount', amount: 'a lot' }, 'The "Budget (USD)" parameter is not an amount in dollars like "125.50" ("a lot") [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const result = await run(parameters);
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(fake.requests.filter((r) => r.path.startsWith('/v1/organization'))).toHaveLength(0);
	});

	it('a key without api.usage.read gets the scope named', async () => {
		const result = await run({}, FAKE_KEYS.adminNoUsageScope);
		expect(result.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.usage\.read/);
	});
});

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { toParameterError } from '../../../shared/usageParameters';
import { centsToDollars } from '../../../usage/cents';
import { forecastMonth, forecastReadStart, type CostDay } from '../../../usage/forecast';
import { queryUsage } from '../../../usage/query';
import { sdkFetchPage } from '../../../usage/sdk';
import { validateUsageQuery } from '../../../usage/validate';
import { SPEND_SHAPES, levelOutput, levelProperties, readCents, readLevel, type SpendAnswer, type SpendLevel } from '../../shared/spend';
import type { ItemOperation, OperationContext } from '../types';

/**
 * Cost → Forecast Month: this month's costs so far (daily buckets of the costs endpoint) and the
 * projection to the month's end from the recent daily rate, compared with a budget — the arithmetic is
 * nodes/usage/forecast.ts, this module reads the parameters, the costs and the spend limit.
 */
const GROUP_FIELD = { project_id: 'projectId', line_item: 'lineItem' } as const;
type GroupBy = keyof typeof GROUP_FIELD | 'none';

const properties: INodeProperties[] = [
	...levelProperties(),
	{
		displayName: 'Group By',
		name: 'forecastGroupBy',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Only the total' },
			{ name: 'Project', value: 'project_id', description: 'The total and one forecast per project' },
			{ name: 'Line Item', value: 'line_item', description: 'The total and one forecast per line item (model and kind)' },
		],
		default: 'project_id',
	},
	{
		displayName: 'Rate Days',
		name: 'rateDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 31 },
		default: 7,
		description: 'The daily rate is the mean of this many last complete UTC days (today is never one of them)',
	},
	{
		displayName: 'Budget',
		name: 'budgetSource',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Only the forecast' },
			{ name: 'Amount', value: 'amount', description: 'A budget given here' },
			{ name: 'Spend Limit', value: 'spendLimit', description: 'The hard spend limit of the organization or project, read from OpenAI' },
		],
		default: 'none',
	},
	{
		displayName: 'Budget (USD)',
		name: 'amount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1000.00',
		description: 'The month\'s budget in US dollars, as text with at most 2 decimals',
		displayOptions: { show: { budgetSource: ['amount'] } },
	},
];

export const forecastMonthCost: ItemOperation = {
	value: 'forecastMonth',
	name: 'Forecast Month',
	action: 'Forecast the month\'s costs',
	description: 'Project this month\'s costs to the month\'s end from the recent daily rate and compare them with a budget (read-only)',
	properties,
	async execute(ctx) {
		const { n8n, itemIndex } = ctx;
		const where = readLevel(n8n, itemIndex);
		const groupBy = readChoice(n8n, itemIndex, 'forecastGroupBy', 'Group By', ['none', 'project_id', 'line_item']) as GroupBy;
		const rateDays = readRateDays(n8n, itemIndex);
		const budgetSource = readChoice(n8n, itemIndex, 'budgetSource', 'Budget', ['none', 'amount', 'spendLimit']);
		const budgetCents = budgetSource === 'amount' ? readCents(n8n, itemIndex, 'amount', 'Budget (USD)', 0) : undefined;
		const nowSec = Math.floor(Date.now() / 1000);
		const rows = await readCostDays(ctx, where, groupBy, forecastReadStart(nowSec, rateDays), nowSec);
		let budget: { amount: string; source: string } | undefined;
		if (budgetCents !== undefined) budget = { amount: centsToDollars(budgetCents), source: 'parameter' };
		if (budgetSource === 'spendLimit') budget = await readSpendLimit(ctx, where);
		const forecast = forecastMonth({ nowSec, rateDays, rows, budget });
		return toItems({ ...levelOutput(where), groupBy, currency: 'usd', ...forecast } as unknown as IDataObject);
	},
};

async function readCostDays({ n8n, transport, itemIndex }: OperationContext, where: SpendLevel, groupBy: GroupBy, startSec: number, nowSec: number): Promise<CostDay[]> {
	let query;
	try {
		query = validateUsageQuery(
			{
				queryType: 'costs',
				bucketWidth: '1d',
				startTime: startSec,
				endTime: nowSec,
				groupBy: groupBy === 'none' ? [] : [groupBy],
				filters: where.level === 'project' ? { project_ids: [where.projectId] } : {},
			},
			{ startSec, endSec: nowSec },
		);
	} catch (error) {
		throw toParameterError(n8n.getNode(), error, itemIndex);
	}
	const result = await queryUsage(query, sdkFetchPage(transport.client), { limit: Infinity, emptyBuckets: 'skip', outputMode: 'rows', nowSec });
	return result.items.map((row) => ({
		bucketStart: row.bucketStart as number,
		group: groupBy === 'none' ? null : ((row[GROUP_FIELD[groupBy]] as string | null | undefined) ?? null),
		amount: row.amountRaw ?? row.amount,
	}));
}

async function readSpendLimit({ transport }: OperationContext, where: SpendLevel): Promise<{ amount: string; source: string }> {
	const organization = transport.client.admin.organization;
	const call = where.level === 'project' ? organization.projects.spendLimit.retrieve(where.projectId) : organization.spendLimit.retrieve();
	const limit = await checkedCall<SpendAnswer>(call, SPEND_SHAPES.limit, 'a spend limit');
	return { amount: centsToDollars(limit.threshold_amount), source: where.level === 'project' ? `spend limit of project ${where.projectId}` : 'spend limit of the organization' };
}

function readChoice(n8n: IExecuteFunctions, itemIndex: number, name: string, label: string, allowed: string[]): string {
	const value = n8n.getNodeParameter(name, itemIndex, allowed[0]);
	if (typeof value === 'string' && allowed.includes(value)) return value;
	throw new NodeOperationError(n8n.getNode(), `The "${label}" parameter has an unknown value "${String(value).slice(0, 40)}" [item ${itemIndex}]`, {
		itemIndex,
		description: `Use one of: ${allowed.join(', ')}.`,
	});
}

function readRateDays(n8n: IExecuteFunctions, itemIndex: number): number {
	const value = n8n.getNodeParameter('rateDays', itemIndex, 7);
	if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 31) return value;
	throw new NodeOperationError(n8n.getNode(), `The "Rate Days" parameter must be a whole number from 1 to 31, not ${JSON.stringify(value)?.slice(0, 40)} [item ${itemIndex}]`, {
		itemIndex,
		description: 'The daily rate is the mean of this many last complete days, e.g. 7.',
	});
}

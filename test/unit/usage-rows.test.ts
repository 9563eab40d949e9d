import type { UsageBucket } from '../../nodes/usage/collect';
import { enrichRows, referencedIds, resolveNames, type NameSource } from '../../nodes/usage/enrich';
import { ENDPOINTS } from '../../nodes/usage/endpoints';
import { camelCase, toBucketItem, toRow, totals, zeroFill } from '../../nodes/usage/rows';

const DAY = Date.UTC(2026, 10, 19) / 1000;
const costs = ENDPOINTS.costs;
const completions = ENDPOINTS.completions;

describe('flat rows', () => {
	const bucket: UsageBucket = { object: 'bucket', start_time: DAY, end_time: DAY + 86_400, results: [] };

	it('carry query type, bucket times as Unix and ISO-UTC, every metric and dimension, and pass new fields through', () => {
		const row = toRow(
			completions,
			'1d',
			bucket,
			{ object: completions.resultObject, input_tokens: 10, output_tokens: 2, num_model_requests: 1, model: 'gpt-4o', batch: 'false', api_source: 'agents_api', input_cache_write_12h_tokens: 3 },
			DAY + 2 * 86_400,
			{ changeType: 'new', revision: 0 },
		);
		expect(row).toMatchObject({
			queryType: 'completions',
			bucketWidth: '1d',
			bucketStart: DAY,
			bucketEnd: DAY + 86_400,
			bucketStartIso: '2026-11-19T00:00:00Z',
			bucketEndIso: '2026-11-20T00:00:00Z',
			object: 'organization.usage.completions.result',
			projectId: null,
			userId: null,
			apiKeyId: null,
			model: 'gpt-4o',
			batch: false,
			serviceTier: null,
			inputTokens: 10,
			inputCachedTokens: null,
			outputTokens: 2,
			numModelRequests: 1,
			apiSource: 'agents_api',
			inputCacheWrite12hTokens: 3,
			rowKey: `completions|1d|${DAY}||||gpt-4o|false|`,
			provisional: false,
			changeType: 'new',
			revision: 0,
		});
		expect(Object.keys(row).filter((key) => key.includes('_'))).toEqual([]);
	});

	it('give costs an amount number plus the raw string, and mark an open bucket provisional', () => {
		const result = { object: costs.resultObject, amount: { value: '0.1739150000000000000000000000', currency: 'usd' }, line_item: 'gpt-4o, input', project_id: 'proj_a', api_key_id: null, quantity: 1000, quantity_unit: 'tokens' };
		const row = toRow(costs, '1d', bucket, result, DAY + 3_600, { changeType: 'revision', revision: 2, delta: { amount: '0.05', quantity: 10 } });
		expect(row).toMatchObject({
			amount: 0.173915,
			amountRaw: '0.1739150000000000000000000000',
			currency: 'usd',
			lineItem: 'gpt-4o, input',
			projectId: 'proj_a',
			quantity: 1000,
			quantityUnit: 'tokens',
			provisional: true,
			changeType: 'revision',
			revision: 2,
			delta: { amount: 0.05, amountRaw: '0.05', quantity: 10 },
		});
		expect(toRow(costs, '1d', bucket, { ...result, amount: { value: 0.06, currency: 'usd' } }, DAY * 2).amountRaw).toBe('0.06');
	});

	it('zero-fill empty buckets, and sum rows into bucket items exactly', () => {
		const [filled] = zeroFill(costs, [bucket]);
		expect(filled.results).toHaveLength(1);
		const zero = toRow(costs, '1d', filled, filled.results[0], DAY * 2);
		expect(zero).toMatchObject({ amount: 0, amountRaw: '0', projectId: null, lineItem: null });
		const rows = ['0.1', '0.2000000000000000000000000000'].map((value) =>
			toRow(costs, '1d', bucket, { object: costs.resultObject, amount: { value, currency: 'usd' }, quantity: null }, DAY * 2),
		);
		expect(totals(costs, rows)).toEqual({ amount: 0.3, amountRaw: '0.3', quantity: null });
		expect(toBucketItem(costs, '1d', bucket, DAY * 2, rows)).toMatchObject({ rowCount: 2, totals: { amountRaw: '0.3' }, rows });
		expect(camelCase('input_cached_text_tokens')).toBe('inputCachedTextTokens');
	});
});

describe('name enrichment', () => {
	const calls: string[] = [];
	const source: NameSource = {
		listProjects: async () => (calls.push('projects'), [{ id: 'proj_a', name: 'Prod' }, { id: 'proj_b', name: 'Dev' }]),
		listUsers: async () => (calls.push('users'), [{ id: 'user-1', email: 'ada@example.com' }]),
		listProjectApiKeys: async (project) => (calls.push(`keys:${project}`), project === 'proj_a' ? [{ id: 'key_1', name: 'ci' }] : []),
	};

	it('looks names up once per TTL, keeping only referenced IDs', async () => {
		calls.length = 0;
		const rows = [{ projectId: 'proj_a', userId: 'user-1', apiKeyId: 'key_1' }, { projectId: 'proj_x', userId: null, apiKeyId: null }];
		const cache = await resolveNames(referencedIds(rows), undefined, source, 1_000);
		expect(cache).toEqual({ fetchedAt: 1_000, projects: { proj_a: 'Prod', proj_x: null }, users: { 'user-1': 'ada@example.com' }, apiKeys: { key_1: 'ci' } });
		expect(enrichRows(rows, cache)[0]).toEqual({ projectId: 'proj_a', projectName: 'Prod', userId: 'user-1', userEmail: 'ada@example.com', apiKeyId: 'key_1', apiKeyName: 'ci' });
		expect(calls).toEqual(['projects', 'users', 'keys:proj_a', 'keys:proj_b']);

		calls.length = 0;
		expect(await resolveNames(referencedIds(rows), cache, source, 2_000)).toBe(cache);
		expect(calls).toEqual([]);
		await resolveNames(referencedIds(rows), cache, source, 1_000 + 3_600);
		expect(calls).toContain('projects');
	});
});

import { ENDPOINTS, ENDPOINT_ORDER, maxPageLimit } from '../../nodes/usage/endpoints';
import { parseTimeInput, UsageParameterError, validateUsageQuery, type UsageQueryInput } from '../../nodes/usage/validate';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0) / 1000;
const defaults = { startSec: NOW - 7 * 86_400, endSec: NOW };

function problem(input: UsageQueryInput): UsageParameterError {
	try {
		validateUsageQuery(input, defaults);
	} catch (error) {
		if (error instanceof UsageParameterError) return error;
		throw error;
	}
	throw new Error('expected a UsageParameterError');
}

describe('validateUsageQuery', () => {
	it('accepts a query and keeps only what each endpoint of "all" supports', () => {
		const query = validateUsageQuery(
			{
				queryType: 'all',
				startTime: '2026-11-01T00:00:00Z',
				endTime: '2026-11-08',
				bucketWidth: '1h',
				groupBy: ['project_id', 'model', 'line_item', 'context_level'],
				filters: { projectIds: 'proj_a, proj_b', models: 'gpt-4o', batch: 'true', contextLevels: ['high'] },
			},
			defaults,
		);
		expect(query.startSec).toBe(Date.UTC(2026, 10, 1) / 1000);
		expect(query.endSec).toBe(Date.UTC(2026, 10, 8) / 1000);
		const byName = Object.fromEntries(query.endpoints.map((e) => [e.endpoint.name, e]));
		expect(query.endpoints.map((e) => e.endpoint.name)).toEqual(ENDPOINT_ORDER);
		expect(byName.completions).toMatchObject({ width: '1h', groupBy: ['project_id', 'model'], filters: { project_ids: ['proj_a', 'proj_b'], models: ['gpt-4o'], batch: true } });
		expect(byName.costs).toMatchObject({ width: '1d', groupBy: ['project_id', 'line_item'], filters: { project_ids: ['proj_a', 'proj_b'] } });
		expect(byName.vector_stores).toMatchObject({ groupBy: ['project_id'], filters: { project_ids: ['proj_a', 'proj_b'] } });
		expect(byName.web_search_calls.groupBy).toEqual(['project_id', 'model', 'context_level']);
		expect(byName.web_search_calls.filters).toEqual({ project_ids: ['proj_a', 'proj_b'], models: ['gpt-4o'], context_levels: ['high'] });
		expect(byName.embeddings.filters).not.toHaveProperty('batch');
	});

	it('uses the defaults for empty times, and "any" batch means no filter', () => {
		const query = validateUsageQuery({ queryType: 'completions', startTime: '', endTime: undefined, filters: { batch: 'any' } }, defaults);
		expect(query).toMatchObject({ startSec: defaults.startSec, endSec: NOW, width: '1d' });
		expect(query.endpoints[0].filters).toEqual({});
	});

	it.each([
		[{ queryType: 'costs', startTime: '2026-11-10T00:00:00Z', endTime: '2026-11-09T00:00:00Z' }, 'Start Time', /"Start Time" \(2026-11-10T00:00:00Z\) is not before the "End Time" \(2026-11-09T00:00:00Z\)/],
		[{ queryType: 'costs', startTime: '2026-11-10T00:00:00Z', endTime: '2026-11-10T00:00:00Z' }, 'Start Time', /is not before/],
		[{ queryType: 'costs', startTime: '2027-01-01' }, 'Start Time', /is not before the "End Time"/],
		[{ queryType: 'costs', startTime: 'last tuesday' }, 'Start Time', /"Start Time" parameter is not a date: "last tuesday"/],
		[{ queryType: 'costs', endTime: '2026-13-45' }, 'End Time', /"End Time" parameter is not a date/],
		[{ queryType: 'costs', bucketWidth: '1h' }, 'Bucket Width', /"Bucket Width" 1h is not available for Costs: it comes in 1d buckets only/],
		[{ queryType: 'completions', bucketWidth: '2h' }, 'Bucket Width', /unknown value "2h"/],
		[{ queryType: 'completions', groupBy: ['line_item'] }, 'Group By', /"Group By" field "line_item" is not available for Completions/],
		[{ queryType: 'vector_stores', groupBy: 'project_id, model' }, 'Group By', /field "model" is not available for Vector Stores/],
		[{ queryType: 'all', groupBy: ['colour'] }, 'Group By', /field "colour" is not available for any query type/],
		[{ queryType: 'costs', filters: { userIds: 'user-1' } }, 'Filters', /filter "User IDs" is not available for Costs/],
		[{ queryType: 'code_interpreter_sessions', filters: { models: 'gpt-4o' } }, 'Filters', /filter "Models" is not available for Code Interpreter Sessions/],
		[{ queryType: 'all', filters: { colour: 'red' } }, 'Filters', /filter "colour" is not available for any query type/],
		[{ queryType: 'images', filters: { sources: ['image.paint'] } }, 'Filters', /"Image Sources" has an unknown value "image.paint"/],
		[{ queryType: 'completions', filters: { batch: 'sometimes' } }, 'Filters', /"Batch" has an unknown value "sometimes"/],
		[{ queryType: 'tokens' }, 'Query Type', /"Query Type" parameter has an unknown value "tokens"/],
	])('%j → %s error', (input, parameter, message) => {
		const error = problem(input as UsageQueryInput);
		expect(error.parameter).toBe(parameter);
		expect(error.message).toMatch(message);
		expect(error.description.length).toBeGreaterThan(10);
	});

	it('says which fields an endpoint can be grouped by', () => {
		expect(problem({ queryType: 'costs', groupBy: ['model'] }).description).toBe('Costs can be grouped by: project_id, line_item, api_key_id.');
	});

	it('has a signature that changes with the query and not with spelling', () => {
		const a = validateUsageQuery({ queryType: 'completions', groupBy: ['model', 'project_id'], filters: { projectIds: 'p1' } }, defaults);
		const b = validateUsageQuery({ queryType: 'completions', groupBy: 'project_id,model', filters: { project_ids: ['p1'] } }, defaults);
		const c = validateUsageQuery({ queryType: 'completions', groupBy: ['model'], filters: { projectIds: 'p1' } }, defaults);
		expect(a.signature).toBe(b.signature);
		expect(c.signature).not.toBe(a.signature);
		const at = (start: string, ignore: boolean) =>
			validateUsageQuery({ queryType: 'costs', startTime: start }, { ...defaults, timesOutsideSignature: { start: ignore, end: false } }).signature;
		expect(at('2026-11-01', false)).not.toBe(at('2026-11-02', false));
		expect(at('2026-11-01', true)).toBe(at('2026-11-02', true)); // an expression like "7 days ago" moves every day
	});
});

describe('parseTimeInput', () => {
	it.each([
		['2026-11-20T12:00:00Z', NOW],
		['2026-11-20T12:00:00', NOW],
		['2026-11-20 12:00:00', NOW],
		['2026-11-20T13:00:00+01:00', NOW],
		['2026-11-20T12:00:00.999Z', NOW],
		['2026-11-20', NOW - 12 * 3_600],
		[NOW, NOW],
		[NOW * 1000, NOW],
		[String(NOW), NOW],
		[new Date(NOW * 1000), NOW],
		[{ toMillis: () => NOW * 1000 }, NOW],
		['', null],
		[null, null],
	])('%p → %p (UTC unless a zone is given)', (value, expected) => {
		expect(parseTimeInput(value, 'Start Time')).toBe(expected);
	});

	it.each([['yesterday'], ['20/11/2026'], [{}], [true]])('rejects %p', (value) => {
		expect(() => parseTimeInput(value, 'End Time')).toThrow(/"End Time" parameter is not a date/);
	});
});

describe('endpoint table', () => {
	it('has the spec page limits: 1d 31, 1h 168, 1m 1440, costs 180', () => {
		expect(maxPageLimit(ENDPOINTS.completions, '1d')).toBe(31);
		expect(maxPageLimit(ENDPOINTS.embeddings, '1h')).toBe(168);
		expect(maxPageLimit(ENDPOINTS.web_search_calls, '1m')).toBe(1440);
		expect(maxPageLimit(ENDPOINTS.costs, '1d')).toBe(180);
		expect(() => maxPageLimit(ENDPOINTS.costs, '1h')).toThrow(RangeError);
		expect(ENDPOINTS.file_search_calls.resultObject).toBe('organization.usage.file_searches.result');
		expect(ENDPOINTS.web_search_calls.resultObject).toBe('organization.usage.web_searches.result');
	});
});

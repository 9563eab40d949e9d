import { UnexpectedResponseError } from '../../nodes/shared/transport/unexpectedResponse';
import { ENDPOINTS } from '../../nodes/usage/endpoints';
import { FetchedPage, checkUsagePage } from '../../nodes/usage/pageShape';

const H = 3_600;
const START = Date.UTC(2026, 10, 20) / 1000;
const WINDOW = { start: START, end: START + 3 * H };
const completions = ENDPOINTS.completions;
const costs = ENDPOINTS.costs;

const bucket = (start: number, results: unknown[] = []) => ({ object: 'bucket', start_time: start, end_time: start + H, results });
const page = (data: unknown[], more: Record<string, unknown> = {}) => ({ object: 'page', data, has_more: false, next_page: null, ...more });
const usageResult = (fields: Record<string, unknown> = {}) => ({
	object: 'organization.usage.completions.result',
	input_tokens: 10,
	output_tokens: 5,
	num_model_requests: 1,
	model: null,
	...fields,
});
const costResult = (value: unknown) => ({ object: 'organization.costs.result', amount: { value, currency: 'usd' }, line_item: null, project_id: 'proj_1' });

describe('checkUsagePage: what a page of a usage or costs endpoint must be', () => {
	it.each([
		['an empty page', page([])],
		['buckets with results', page([bucket(START, [usageResult()]), bucket(START + H), bucket(START + 2 * H, [usageResult({ model: 'gpt-4o' })])])],
		['a page with more', page([bucket(START)], { has_more: true, next_page: 'page_x' })],
		['no next_page on the last page', { data: [bucket(START)], has_more: false }],
		['null and numeric-text metrics, fields OpenAI adds later', page([bucket(START, [usageResult({ input_cached_tokens: null, output_tokens: '7', new_metric: { any: 'thing' } })])])],
		['a batch dimension as true/false', page([bucket(START, [usageResult({ batch: true })])])],
	])('accepts %s', (_, body) => {
		expect(checkUsagePage(body, completions, WINDOW).data).toHaveLength((body as { data: unknown[] }).data.length);
	});

	it('accepts costs with a number, a 28-decimal text or no amount', () => {
		const body = page([bucket(START, [costResult(0.5), costResult('0.1739150000000000000000000000'), { object: 'organization.costs.result', amount: null }])]);
		expect(checkUsagePage(body, costs, { start: START, end: START + 86_400 }).data[0].results).toHaveLength(3);
	});

	it.each([
		['{}', {}, '`data` should be a list, but is nothing'],
		['an HTML page (handed over as text)', '<!doctype html><html><head><title>Sign in</title></head></html>', 'the answer should be an object, but is text'],
		['any other text', 'OK', 'the answer should be an object, but is text'],
		['no body (204)', null, 'the answer should be an object, but is null'],
		['a list', [], 'the answer should be an object, but is an array'],
		['data not a list', { data: {}, has_more: false, next_page: null }, '`data` should be a list, but is an object'],
		['has_more missing', { data: [], next_page: null }, '`has_more` should be true or false, but is nothing'],
		['has_more as text', { data: [], has_more: 'false', next_page: null }, '`has_more` should be true or false, but is text'],
		['next_page a number', page([], { next_page: 2 }), '`next_page` should be text, but is a number'],
		['start_time as text', page([{ ...bucket(START), start_time: String(START) }]), '`data[0].start_time` should be a number, but is text'],
		['end_time missing', page([{ start_time: START, results: [] }]), '`data[0].end_time` should be a number, but is nothing'],
		['results not a list', page([{ ...bucket(START), results: 'none' }]), '`data[0].results` should be a list, but is text'],
		['a result not an object', page([bucket(START, [7])]), '`data[0].results[0]` should be an object, but is a number'],
		['a metric as words', page([bucket(START, [usageResult({ input_tokens: 'lots' })])]), '`data[0].results[0].input_tokens` should be a number, but is text'],
		['a metric as an object', page([bucket(START, [usageResult({ num_model_requests: { n: 1 } })])]), '`data[0].results[0].num_model_requests` should be a number, but is an object'],
		['a dimension as an object', page([bucket(START, [usageResult({ model: { id: 'x' } })])]), '`data[0].results[0].model` should be text, but is an object'],
		['a bucket before the window', page([bucket(START - H)]), '`data[0]` starts at 2026-11-19T23:00:00Z, outside the requested window 2026-11-20T00:00:00Z – 2026-11-20T03:00:00Z'],
		['a bucket after the window', page([bucket(START), bucket(START + 3 * H)]), '`data[1]` starts at 2026-11-20T03:00:00Z, outside the requested window'],
		['a bucket ending before it starts', page([{ ...bucket(START), end_time: START }]), '`data[0]` ends (2026-11-20T00:00:00Z) before it starts'],
		['a bucket twice', page([bucket(START), bucket(START)]), '`data[1]` (2026-11-20T00:00:00Z) does not come after the bucket before it'],
		['buckets out of order', page([bucket(START + H), bucket(START)]), '`data[1]` (2026-11-20T00:00:00Z) does not come after the bucket before it'],
	])('refuses %s', (_, body, problem) => {
		let error: unknown;
		try {
			checkUsagePage(body, completions, WINDOW);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(UnexpectedResponseError);
		expect((error as UnexpectedResponseError).expected).toBe('a page of GET /organization/usage/completions');
		expect((error as UnexpectedResponseError).problem.startsWith(problem)).toBe(true);
	});

	it('refuses a costs amount that is not a number or decimal text', () => {
		const body = page([bucket(START, [costResult({ cents: 5 })])]);
		expect(() => checkUsagePage(body, costs, { start: START, end: START + 86_400 })).toThrow(
			"The server's answer is not a page of GET /organization/costs: `data[0].results[0].amount.value` should be a number, but is an object",
		);
	});

	it('refuses a page that repeats a bucket of the page before', () => {
		expect(() => checkUsagePage(page([bucket(START + H)]), completions, WINDOW, START + H)).toThrow(/`data\[0\]` \(2026-11-20T01:00:00Z\) repeats a bucket of the page before/);
		expect(checkUsagePage(page([bucket(START + 2 * H)]), completions, WINDOW, START + H).data).toHaveLength(1);
	});

	it('names the status and content type of the answer when the data source gives them', () => {
		const html = '<html><head><title>Captive portal</title></head><body>log in</body></html>';
		let error: UnexpectedResponseError | undefined;
		try {
			checkUsagePage(new FetchedPage(html, { status: 200, contentType: 'text/html' }), completions, WINDOW);
		} catch (caught) {
			error = caught as UnexpectedResponseError;
		}
		expect(error).toMatchObject({ status: 200, contentType: 'text/html', preview: 'an HTML page titled "Captive portal"' });
	});
});

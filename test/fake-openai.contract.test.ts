import { expectMatchesSpec, KNOWN_LIVE_DEVIATIONS, loadOpenApiSpec, validateResponse, validateSchema } from './contract/openApiValidator';
import { FAKE_KEYS, FINE_TUNED_MODEL_IDS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { call } from './fake-openai/testClient';

/**
 * Every response of the fake, success and error, must match OpenAI's official spec
 * (test/contract/openapi.yaml) for its operation and status.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;

let fake: FakeOpenAi;

beforeAll(async () => {
	loadOpenApiSpec(); // parse once up front (cached as JSON in the OS tmpdir)
	fake = await startFakeOpenAi();
});

afterAll(async () => {
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
});

interface Exchange {
	method: 'GET' | 'DELETE';
	path: string;
	key?: string;
	expectStatus: number;
}

/** Calls the fake and checks status, headers and the body against the spec for `template`. */
async function exchange(template: string, { method, path, key, expectStatus }: Exchange): Promise<unknown> {
	const result = await call(fake.url, path, { method, key });
	expect(result.status).toBe(expectStatus);
	expect(result.headers.get('content-type')).toBe('application/json');
	expect(result.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
	expectMatchesSpec(method, template, result.status, result.body);
	return result.body;
}

describe('spec copy', () => {
	it('is the official spec with its MIT license', () => {
		const spec = loadOpenApiSpec() as unknown as { openapi: string; info: { version: string; license: { name: string } } };
		expect(spec.openapi).toBe('3.1.0');
		expect(spec.info.version).toBe('2.3.0');
		expect(spec.info.license.name).toBe('MIT');
	});
});

describe('models', () => {
	const ft = FINE_TUNED_MODEL_IDS[1];

	it.each<[string, Exchange]>([
		['/models', { method: 'GET', path: '/models', key: FAKE_KEYS.project, expectStatus: 200 }],
		['/models', { method: 'GET', path: '/models', expectStatus: 401 }],
		['/models', { method: 'GET', path: '/models', key: FAKE_KEYS.admin, expectStatus: 401 }],
		['/models', { method: 'GET', path: '/models', key: 'sk-unknown-0000000000000', expectStatus: 401 }],
		['/models/{model}', { method: 'GET', path: '/models/gpt-4o-mini', key: FAKE_KEYS.user, expectStatus: 200 }],
		['/models/{model}', { method: 'GET', path: `/models/${ft}`, key: FAKE_KEYS.project, expectStatus: 200 }],
		['/models/{model}', { method: 'GET', path: '/models/gpt-nope', key: FAKE_KEYS.project, expectStatus: 404 }],
		['/models/{model}', { method: 'DELETE', path: '/models/gpt-4o', key: FAKE_KEYS.project, expectStatus: 403 }],
		['/models/{model}', { method: 'DELETE', path: '/models/gpt-nope', key: FAKE_KEYS.project, expectStatus: 404 }],
		['/models/{model}', { method: 'DELETE', path: `/models/${ft}`, key: FAKE_KEYS.project, expectStatus: 200 }],
	])('%s %j', async (template, request) => {
		await exchange(template, request);
	});

	it('a rate-limited models call is a spec ErrorResponse', async () => {
		fake.setRateLimit({ rpm: 1 });
		await exchange('/models', { method: 'GET', path: '/models', key: FAKE_KEYS.project, expectStatus: 200 });
		await exchange('/models', { method: 'GET', path: '/models', key: FAKE_KEYS.project, expectStatus: 429 });
	});
});

describe('organization costs', () => {
	const range = `start_time=${DAY_START - 30 * DAY}&end_time=${DAY_START + DAY}`;
	const costs = (query: string, expectStatus = 200, key: string = FAKE_KEYS.admin) =>
		exchange('/organization/costs', { method: 'GET', path: `/organization/costs?${query}`, key, expectStatus });

	it.each([
		['ungrouped', `${range}&limit=31`],
		['by line_item', `${range}&limit=31&group_by[]=line_item`],
		['by project and key', `${range}&limit=31&group_by[]=project_id&group_by[]=api_key_id`],
		['by everything', `${range}&limit=31&group_by=project_id,line_item,api_key_id`],
		['first page', `${range}&limit=3`],
		['open end (until now)', `start_time=${DAY_START - 2 * DAY + 1234}`],
		['empty range in the future', `start_time=${DAY_START + 5 * DAY}`],
	])('200 %s', async (_name, query) => {
		const body = (await costs(query)) as { data: Array<{ results: Array<{ amount: { value: unknown } }> }> };
		expect(body.data.length).toBeGreaterThanOrEqual(0);
	});

	it('200 with string amounts (a known live-API deviation the validator accepts)', async () => {
		const body = (await costs(`${range}&limit=31&group_by[]=line_item`)) as {
			data: Array<{ results: Array<{ amount: { value: unknown } }> }>;
		};
		const values = body.data.flatMap((bucket) => bucket.results.map((row) => row.amount.value));
		expect(values.some((value) => typeof value === 'string')).toBe(true);
		expect(values.some((value) => typeof value === 'number')).toBe(true);
		expect(KNOWN_LIVE_DEVIATIONS.map((deviation) => deviation.schema)).toContain('CostsResult');
	});

	it('200 on the second page', async () => {
		const first = (await costs(`${range}&limit=7`)) as { next_page: string };
		await costs(`${range}&limit=7&page=${encodeURIComponent(first.next_page)}`);
	});

	it.each([
		['missing start_time', 'limit=1', 400],
		['bad limit', `${range}&limit=x`, 400],
		['unsupported param', `${range}&user_ids[]=user-1`, 400],
		['bad cursor', `${range}&page=page_zzz`, 400],
	])('400 %s', async (_name, query, status) => {
		await costs(query, status);
	});

	it('401/403 auth errors', async () => {
		await costs(range, 401, 'sk-admin-unknown-000000000000');
		await costs(range, 403, FAKE_KEYS.project);
		await costs(range, 403, FAKE_KEYS.adminNoUsageScope);
		const missing = await call(fake.url, `/organization/costs?${range}`);
		expect(missing.status).toBe(401);
		expectMatchesSpec('GET', '/organization/costs', 401, missing.body);
	});

	it('429 matches #/components/responses/TooManyRequests', async () => {
		fake.setRateLimit({ rpm: 1 });
		await costs(range);
		const limited = await call(fake.url, `/organization/costs?${range}`, { key: FAKE_KEYS.admin });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		const check = validateResponse('GET', '/organization/costs', 429, limited.body);
		expect(check.schemaPointer).toBe('#/components/responses/TooManyRequests/content/application~1json/schema');
		expect(check).toMatchObject({ valid: true, errors: [] });
	});
});

describe('the validator can fail', () => {
	const model = { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' };
	const bucket = {
		object: 'bucket',
		start_time: DAY_START,
		end_time: DAY_START + DAY,
		results: [{ object: 'organization.costs.result', amount: { value: 0.06, currency: 'usd' }, line_item: null, project_id: null }],
	};
	const page = { object: 'page', data: [bucket], has_more: false, next_page: null };

	it('accepts the valid baselines', () => {
		expect(validateResponse('GET', '/models/{model}', 200, model).valid).toBe(true);
		expect(validateResponse('GET', '/organization/costs', 200, page).valid).toBe(true);
	});

	it.each([
		['a model without owned_by', 'GET', '/models/{model}', 200, { ...model, owned_by: undefined }, 'owned_by'],
		['a model list with object "page"', 'GET', '/models', 200, { object: 'page', data: [model] }, 'object'],
		['a model with a string created', 'GET', '/models', 200, { object: 'list', data: [{ ...model, created: '1715367049' }] }, 'created'],
		['a delete without deleted', 'DELETE', '/models/{model}', 200, { id: 'ft:x', object: 'model' }, 'deleted'],
		['costs with result instead of results', 'GET', '/organization/costs', 200, { ...page, data: [{ ...bucket, results: undefined, result: bucket.results }] }, 'results'],
		['costs without has_more', 'GET', '/organization/costs', 200, { ...page, has_more: undefined }, 'has_more'],
		['costs with a non-decimal string amount', 'GET', '/organization/costs', 200, { ...page, data: [{ ...bucket, results: [{ ...bucket.results[0], amount: { value: 'lots', currency: 'usd' } }] }] }, 'value'],
		['an error without code', 'GET', '/models', 401, { error: { message: 'x', type: 'invalid_request_error', param: null } }, 'code'],
		['an error as a bare string', 'GET', '/organization/costs', 429, { error: 'rate limited' }, 'error'],
	])('rejects %s', (_name, method, template, status, body, mention) => {
		const check = validateResponse(method, template, status, JSON.parse(JSON.stringify(body)));
		expect(check.valid).toBe(false);
		expect(check.errors.join('\n')).toContain(mention);
		expect(() => expectMatchesSpec(method, template, status, JSON.parse(JSON.stringify(body)))).toThrow(/does not match/);
	});

	it('refuses operations and statuses the spec does not have', () => {
		expect(() => validateResponse('GET', '/nope', 200, {})).toThrow(/no operation GET \/nope/);
		expect(() => validateResponse('PUT', '/models', 200, {})).toThrow(/no operation PUT/);
		expect(() => validateResponse('GET', '/models', 201, {})).toThrow(/declares no 201 response/);
		expect(() => validateSchema('NoSuchSchema', {})).toThrow(/no schema/);
	});
});

import {
	FAKE_KEYS,
	FAKE_ORG_ID,
	FINE_TUNED_MODEL_IDS,
	startFakeOpenAi,
	type AreaFactory,
	type FakeOpenAi,
	type OpenAiErrorBody,
} from './fake-openai';
import { call } from './fake-openai/testClient';

/** A test-only area: proves areas plug in, and gives a billable, token-counted POST route. */
const echoArea: AreaFactory = () => ({
	name: 'test/echo',
	routes: [
		{
			method: 'POST',
			path: '/v1/test/echo',
			auth: { kind: 'api' },
			billable: true,
			estimateTokens: ({ body }) => Number((body as { tokens?: number } | undefined)?.tokens ?? 1),
			handle: ({ body, key }) => ({ body: { echo: body, project: key.projectId } }),
		},
	],
});

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0); // Fri 2026-11-20 12:00 UTC
const DAY = 86_400;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;

let fake: FakeOpenAi;

beforeAll(async () => {
	fake = await startFakeOpenAi({ areas: [echoArea] });
});

afterAll(async () => {
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
});

function api<T = unknown>(path: string, options: Parameters<typeof call>[2] = {}) {
	return call<T>(fake.url, path, options);
}

type ErrorResult = { status: number; body: OpenAiErrorBody; text: string; headers: Headers };

describe('server basics', () => {
	it('exposes the base URL with /v1 on 127.0.0.1', () => {
		expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		expect(fake.url).toBe(`${fake.origin}/v1`);
	});

	it('sends JSON with x-request-id and openai-processing-ms on every response', async () => {
		for (const result of [await api('/models', { key: FAKE_KEYS.project }), await api('/models'), await api('/nope')]) {
			expect(result.headers.get('content-type')).toBe('application/json');
			expect(result.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
			expect(result.headers.get('openai-processing-ms')).toMatch(/^\d+$/);
		}
	});

	it('answers unknown routes and wrong methods with 404 Invalid URL', async () => {
		const unknown = await api<OpenAiErrorBody>('/nope', { key: FAKE_KEYS.project });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({
			error: { message: 'Invalid URL (GET /v1/nope)', type: 'invalid_request_error', param: null, code: null },
		});
		const wrongMethod = await api<OpenAiErrorBody>('/models', { key: FAKE_KEYS.project, method: 'POST', body: {} });
		expect(wrongMethod.status).toBe(404);
		expect(wrongMethod.body.error.message).toBe('Invalid URL (POST /v1/models)');
	});

	it('rejects an invalid JSON body with the real wording', async () => {
		const result = await api<OpenAiErrorBody>('/test/echo', {
			key: FAKE_KEYS.project,
			body: '{"tokens": 1,',
			headers: { 'content-type': 'application/json' },
		});
		expect(result.status).toBe(400);
		expect(result.body.error.message).toMatch(/^We could not parse the JSON body of your request\./);
		expect(result.body.error.type).toBe('invalid_request_error');
	});

	it('serves extra areas passed at start', async () => {
		const result = await api('/test/echo', { key: FAKE_KEYS.project, body: { hello: 'world' } });
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ echo: { hello: 'world' }, project: fake.org.defaultProjectId });
	});
});

describe('auth', () => {
	it('401s without an Authorization header', async () => {
		const result = (await api('/models')) as ErrorResult;
		expect(result.status).toBe(401);
		expect(result.body.error).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
		expect(result.body.error.message).toMatch(
			/^You didn't provide an API key\. You need to provide your API key in an Authorization header using Bearer auth \(i\.e\. Authorization: Bearer YOUR_KEY\)/,
		);
	});

	it('401s invalid_api_key for an unknown key and echoes it masked', async () => {
		const key = 'sk-proj-unknown-key-abcdefgh-9876';
		const result = (await api('/models', { key })) as ErrorResult;
		expect(result.status).toBe(401);
		expect(result.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
		expect(result.body.error.message).toBe(
			`Incorrect API key provided: sk-proj-${'*'.repeat(key.length - 12)}9876. You can find your API key at https://platform.openai.com/account/api-keys.`,
		);
		expect(result.text).not.toContain(key);
	});

	it('401s for revoked keys (default and revoked at runtime)', async () => {
		expect((await api('/models', { key: FAKE_KEYS.revoked })).status).toBe(401);
		expect((await api('/models', { key: FAKE_KEYS.user })).status).toBe(200);
		fake.keys.revoke(FAKE_KEYS.user);
		const result = (await api('/models', { key: FAKE_KEYS.user })) as ErrorResult;
		expect(result.status).toBe(401);
		expect(result.body.error.code).toBe('invalid_api_key');
	});

	it('rejects admin keys on non-admin endpoints with 401 invalid_api_key', async () => {
		const result = (await api('/models', { key: FAKE_KEYS.admin })) as ErrorResult;
		expect(result.status).toBe(401);
		expect(result.body.error.code).toBe('invalid_api_key');
		expect(result.body.error.message).toContain('sk-admin');
	});

	it.each([
		['project key', FAKE_KEYS.project],
		['user key', FAKE_KEYS.user],
		['admin key without api.usage.read', FAKE_KEYS.adminNoUsageScope],
	])('403s a %s on an admin usage endpoint naming the missing scope', async (_name, key) => {
		const result = (await api(`/organization/costs?start_time=${DAY_START}`, { key })) as ErrorResult;
		expect(result.status).toBe(403);
		expect(result.body.error).toEqual({
			message:
				"You have insufficient permissions for this operation. Missing scopes: api.usage.read. Check that you have the correct role in your organization, and if you're using a restricted API key, that it has the necessary scopes.",
			type: 'invalid_request_error',
			param: null,
			code: null,
		});
	});

	it('401s an unknown key on an admin endpoint', async () => {
		const result = (await api(`/organization/costs?start_time=${DAY_START}`, { key: 'sk-admin-nope-nope-nope-0000' })) as ErrorResult;
		expect(result.status).toBe(401);
		expect(result.body.error.code).toBe('invalid_api_key');
	});

	it('accepts keys added at runtime, with their scopes', async () => {
		fake.keys.addAdminKey('sk-admin-runtime-usage-only-1111', { scopes: ['api.usage.read'] });
		expect((await api(`/organization/costs?start_time=${DAY_START}`, { key: 'sk-admin-runtime-usage-only-1111' })).status).toBe(200);
		fake.keys.addApiKey('sk-proj-runtime-key-2222', { project: 'proj_custom' });
		const echo = await api<{ project: string }>('/test/echo', { key: 'sk-proj-runtime-key-2222', body: {} });
		expect(echo.body.project).toBe('proj_custom');
	});

	it('429s insufficient_quota on billable endpoints only, without retry-after', async () => {
		const result = (await api('/test/echo', { key: FAKE_KEYS.noQuota, body: {} })) as ErrorResult;
		expect(result.status).toBe(429);
		expect(result.body.error).toEqual({
			message:
				'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
			type: 'insufficient_quota',
			param: null,
			code: 'insufficient_quota',
		});
		expect(result.headers.get('retry-after')).toBeNull();
		expect((await api('/models', { key: FAKE_KEYS.noQuota })).status).toBe(200);
		fake.keys.setQuotaExhausted(FAKE_KEYS.project, true);
		expect((await api('/test/echo', { key: FAKE_KEYS.project, body: {} })).status).toBe(429);
	});

	it('checks OpenAI-Organization and OpenAI-Project headers against the key', async () => {
		const ok = await api('/models', { key: FAKE_KEYS.project, headers: { 'openai-organization': FAKE_ORG_ID } });
		expect(ok.status).toBe(200);
		const wrongOrg = (await api('/models', { key: FAKE_KEYS.project, headers: { 'OpenAI-Organization': 'org-other' } })) as ErrorResult;
		expect(wrongOrg.status).toBe(401);
		expect(wrongOrg.body.error.code).toBe('mismatched_organization');
		const wrongProject = (await api('/models', { key: FAKE_KEYS.project, headers: { 'OpenAI-Project': 'proj_other' } })) as ErrorResult;
		expect(wrongProject.status).toBe(401);
		expect(wrongProject.body.error.code).toBe('mismatched_project');
		const adminOrg = await api(`/organization/costs?start_time=${DAY_START}`, {
			key: FAKE_KEYS.admin,
			headers: { 'OpenAI-Organization': FAKE_ORG_ID },
		});
		expect(adminOrg.status).toBe(200);
	});

	it('accepts the key as the Basic auth password with a blank user', async () => {
		const basic = Buffer.from(`:${FAKE_KEYS.project}`).toString('base64');
		const result = await api('/models', { headers: { authorization: `Basic ${basic}` } });
		expect(result.status).toBe(200);
	});
});

describe('models', () => {
	type ModelList = { object: string; data: Array<{ id: string; object: string; created: number; owned_by: string }> };
	const ftModel = FINE_TUNED_MODEL_IDS[0];

	it('lists a realistic catalogue', async () => {
		const result = await api<ModelList>('/models', { key: FAKE_KEYS.project });
		expect(result.status).toBe(200);
		expect(result.body.object).toBe('list');
		const ids = result.body.data.map((model) => model.id);
		for (const id of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-5', 'o3', 'text-embedding-3-small', 'whisper-1', 'tts-1', 'dall-e-3', 'gpt-image-1']) {
			expect(ids).toContain(id);
		}
		expect(ids).toContain('ft:gpt-4o-mini-2024-07-18:fake-org::AbC123de');
		for (const model of result.body.data) {
			expect(model.object).toBe('model');
			expect(model.created).toBeGreaterThan(1_600_000_000);
			expect(model.created).toBeLessThan(NOW / 1000);
		}
		expect(result.body.data.find((model) => model.id === ftModel)?.owned_by).toBe(FAKE_ORG_ID);
	});

	it('retrieves a model, ids with colons raw or percent-encoded', async () => {
		const plain = await api<{ id: string }>(`/models/${ftModel}`, { key: FAKE_KEYS.project });
		expect(plain.status).toBe(200);
		expect(plain.body.id).toBe(ftModel);
		const encoded = await api<{ id: string }>(`/models/${encodeURIComponent(ftModel)}`, { key: FAKE_KEYS.project });
		expect(encoded.body).toEqual(plain.body);
	});

	it('404s an unknown model with model_not_found', async () => {
		const result = (await api('/models/gpt-nope', { key: FAKE_KEYS.project })) as ErrorResult;
		expect(result.status).toBe(404);
		expect(result.body.error).toEqual({
			message: "The model 'gpt-nope' does not exist",
			type: 'invalid_request_error',
			param: 'model',
			code: 'model_not_found',
		});
	});

	it('deletes only the org fine-tuned models', async () => {
		const base = (await api('/models/gpt-4o', { key: FAKE_KEYS.project, method: 'DELETE' })) as ErrorResult;
		expect(base.status).toBe(403);
		expect(base.body.error).toMatchObject({ type: 'invalid_request_error', code: null });
		expect(base.body.error.message).toMatch(/^You have insufficient permissions for this operation\./);

		const deleted = await api(`/models/${ftModel}`, { key: FAKE_KEYS.project, method: 'DELETE' });
		expect(deleted.status).toBe(200);
		expect(deleted.body).toEqual({ id: ftModel, object: 'model', deleted: true });
		expect((await api(`/models/${ftModel}`, { key: FAKE_KEYS.project })).status).toBe(404);
		const list = await api<ModelList>('/models', { key: FAKE_KEYS.project });
		expect(list.body.data.map((model) => model.id)).not.toContain(ftModel);
		expect((await api(`/models/${ftModel}`, { key: FAKE_KEYS.project, method: 'DELETE' })).status).toBe(404);

		fake.reset();
		expect((await api(`/models/${ftModel}`, { key: FAKE_KEYS.project })).status).toBe(200);
	});
});

describe('organization costs', () => {
	type Result = {
		object: string;
		amount: { value: number | string; currency: string };
		line_item: string | null;
		project_id: string | null;
		api_key_id: string | null;
		quantity: number | null;
		quantity_unit: string | null;
	};
	type Bucket = { object: string; start_time: number; end_time: number; results: Result[] };
	type Page = { object: string; data: Bucket[]; has_more: boolean; next_page: string | null };

	const costs = (query: string, key: string = FAKE_KEYS.admin) => api<Page>(`/organization/costs?${query}`, { key });
	const micros = (value: number | string) => Math.round(Number(value) * 1_000_000);

	it('returns UTC-day buckets in a page, paginated with an opaque cursor', async () => {
		const start = DAY_START - 10 * DAY;
		const first = await costs(`start_time=${start}&end_time=${DAY_START}`);
		expect(first.status).toBe(200);
		expect(first.body.object).toBe('page');
		expect(first.body.data).toHaveLength(7);
		expect(first.body.has_more).toBe(true);
		expect(first.body.next_page).toMatch(/^page_[A-Za-z0-9+/=]+$/);
		const second = await costs(`start_time=${start}&end_time=${DAY_START}&page=${encodeURIComponent(first.body.next_page ?? '')}`);
		expect(second.status).toBe(200);
		expect(second.body.data).toHaveLength(3);
		expect(second.body).toMatchObject({ has_more: false, next_page: null });
		const buckets = [...first.body.data, ...second.body.data];
		buckets.forEach((bucket, index) => {
			expect(bucket.object).toBe('bucket');
			expect(bucket.start_time).toBe(start + index * DAY);
			expect(bucket.end_time).toBe(bucket.start_time + DAY);
		});
	});

	it('starts the first bucket at start_time (floored to the minute) and ends the last at now without end_time', async () => {
		const start = DAY_START - 2 * DAY + 3_600 + 59; // 01:00:59 two days ago
		const result = await costs(`start_time=${start}`);
		const buckets = result.body.data;
		expect(buckets.map((bucket) => [bucket.start_time, bucket.end_time])).toEqual([
			[start - 59, DAY_START - DAY],
			[DAY_START - DAY, DAY_START],
			[DAY_START, NOW / 1000],
		]);
		expect(result.body.has_more).toBe(false);
	});

	it('has empty days, one ungrouped result otherwise, and some string amounts with 28 decimals', async () => {
		const result = await costs(`start_time=${DAY_START - 180 * DAY}&end_time=${DAY_START}&limit=180`);
		const buckets = result.body.data;
		expect(buckets).toHaveLength(180);
		const empty = buckets.filter((bucket) => bucket.results.length === 0);
		expect(empty.length).toBeGreaterThan(5);
		expect(empty.length).toBeLessThan(60);
		for (const bucket of buckets.filter((candidate) => candidate.results.length > 0)) {
			expect(bucket.results).toHaveLength(1);
			expect(bucket.results[0]).toMatchObject({
				object: 'organization.costs.result',
				line_item: null,
				project_id: null,
				api_key_id: null,
				quantity: null,
				quantity_unit: null,
			});
			expect(bucket.results[0].amount.currency).toBe('usd');
		}
		const values = buckets.flatMap((bucket) => bucket.results.map((row) => row.amount.value));
		const strings = values.filter((value): value is string => typeof value === 'string');
		expect(strings.length).toBeGreaterThan(10);
		expect(strings.length).toBeLessThan(values.length);
		for (const value of strings) expect(value).toMatch(/^\d+\.\d{28}$/);
	});

	it('is deterministic', async () => {
		const query = `start_time=${DAY_START - 30 * DAY}&end_time=${DAY_START}&limit=30&group_by[]=project_id&group_by[]=line_item`;
		const first = await costs(query);
		const second = await costs(query);
		expect(second.text).toBe(first.text);
	});

	it('groups by line_item/project_id/api_key_id, and the groups add up to the total', async () => {
		const range = `start_time=${DAY_START - 14 * DAY}&end_time=${DAY_START}&limit=14`;
		const total = await costs(range);
		const grouped = await costs(`${range}&group_by[]=line_item&group_by[]=project_id&group_by[]=api_key_id`);
		const projectIds = new Set(fake.org.projects.map((project) => project.id));
		const keyIds = new Set(fake.org.apiKeys.map((key) => key.id));
		total.body.data.forEach((bucket, index) => {
			const rows = grouped.body.data[index].results;
			expect(rows.length === 0).toBe(bucket.results.length === 0);
			const sum = rows.reduce((acc, row) => acc + micros(row.amount.value), 0);
			expect(sum).toBe(bucket.results.reduce((acc, row) => acc + micros(row.amount.value), 0));
			for (const row of rows) {
				expect(projectIds.has(row.project_id ?? '')).toBe(true);
				expect(keyIds.has(row.api_key_id ?? '')).toBe(true);
				expect(typeof row.line_item).toBe('string');
				expect(typeof row.quantity).toBe('number');
			}
		});
		const units = new Set(grouped.body.data.flatMap((bucket) => bucket.results.map((row) => row.quantity_unit)));
		expect(units).toContain('tokens');
		expect(units).toContain(null);
	});

	it('accepts group_by as brackets, repeated keys and comma lists alike', async () => {
		const range = `start_time=${DAY_START - 7 * DAY}&end_time=${DAY_START}`;
		const brackets = await costs(`${range}&group_by[]=project_id&group_by[]=line_item`);
		const repeated = await costs(`${range}&group_by=project_id&group_by=line_item`);
		const comma = await costs(`${range}&group_by=project_id,line_item`);
		expect(repeated.body).toEqual(brackets.body);
		expect(comma.body).toEqual(brackets.body);
		expect(brackets.body.data.some((bucket) => bucket.results.length > 1)).toBe(true);
	});

	it('filters by project_ids and api_key_ids', async () => {
		const project = fake.org.projects[1].id;
		const range = `start_time=${DAY_START - 14 * DAY}&end_time=${DAY_START}&limit=14&group_by[]=project_id&group_by[]=api_key_id`;
		const byProject = await costs(`${range}&project_ids[]=${project}`);
		const rows = byProject.body.data.flatMap((bucket) => bucket.results);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row.project_id).toBe(project);
		const apiKey = rows[0].api_key_id ?? '';
		const byKey = await costs(`${range}&api_key_ids[]=${apiKey}`);
		for (const row of byKey.body.data.flatMap((bucket) => bucket.results)) expect(row.api_key_id).toBe(apiKey);
	});

	it('leaves future parts of the range empty', async () => {
		const result = await costs(`start_time=${DAY_START}&end_time=${DAY_START + 3 * DAY}`);
		expect(result.body.data.map((bucket) => bucket.end_time)).toEqual([DAY_START + DAY, DAY_START + 2 * DAY, DAY_START + 3 * DAY]);
		expect(result.body.data[1].results).toEqual([]);
		expect(result.body.data[2].results).toEqual([]);
	});

	it('grows today as the clock advances', async () => {
		const todayTotal = async () => {
			const page = await costs(`start_time=${DAY_START}&end_time=${DAY_START + DAY}&limit=1`);
			return page.body.data[0].results.reduce((acc, row) => acc + micros(row.amount.value), 0);
		};
		const noon = await todayTotal();
		fake.clock.advance(6 * 3_600_000);
		const evening = await todayTotal();
		if (noon > 0) expect(evening).toBeGreaterThan(noon);
		else expect(evening).toBe(0);
	});

	it.each([
		['', 400, 'start_time', 'missing_required_parameter', "Missing required parameter: 'start_time'."],
		[`start_time=abc`, 400, 'start_time', 'invalid_type', "Invalid type for 'start_time': expected an integer, but got a string instead."],
		[`start_time=${DAY_START}&limit=abc`, 400, 'limit', 'invalid_type', "Invalid type for 'limit': expected an integer, but got a string instead."],
		[`start_time=${DAY_START}&limit=1.5`, 400, 'limit', 'invalid_type', "Invalid type for 'limit': expected an integer, but got a decimal number instead."],
		[`start_time=${DAY_START}&limit=0`, 400, 'limit', 'integer_below_min_value', "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 instead."],
		[`start_time=${DAY_START}&limit=181`, 400, 'limit', 'integer_above_max_value', "Invalid 'limit': integer above maximum value. Expected a value <= 180, but got 181 instead."],
		[`start_time=${DAY_START}&bucket_width=1h`, 400, 'bucket_width', 'invalid_value', "Invalid value for 'bucket_width': '1h'. Supported values are: '1d'."],
		[`start_time=${DAY_START}&group_by[]=model`, 400, 'group_by', 'invalid_value', "Invalid value for 'group_by': 'model'. Supported values are: 'project_id', 'line_item', and 'api_key_id'."],
		[`start_time=${DAY_START}&user_ids[]=user-1`, 400, 'user_ids', 'unknown_parameter', "Unknown parameter: 'user_ids'."],
		[`start_time=${DAY_START}&models=gpt-4o`, 400, 'models', 'unknown_parameter', "Unknown parameter: 'models'."],
		[`start_time=${DAY_START}&group_by[0]=project_id`, 400, 'group_by[0]', 'unknown_parameter', "Unknown parameter: 'group_by[0]'."],
		[`start_time=${DAY_START}&start_time=${DAY_START}`, 400, 'start_time', 'invalid_type', "Invalid type for 'start_time': expected an integer, but got an array instead."],
		[`start_time=${DAY_START}&end_time=${DAY_START}`, 400, 'end_time', 'invalid_value', undefined],
		[`start_time=${DAY_START}&page=page_bogus`, 400, 'page', 'invalid_value', undefined],
	])('validates %s', async (query, status, param, code, message) => {
		const result = (await costs(query)) as unknown as ErrorResult;
		expect(result.status).toBe(status);
		expect(result.body.error).toMatchObject({ type: 'invalid_request_error', param, code });
		if (message) expect(result.body.error.message).toBe(message);
	});

	it('rejects a cursor from another query', async () => {
		const first = await costs(`start_time=${DAY_START - 10 * DAY}&end_time=${DAY_START}`);
		const other = await costs(`start_time=${DAY_START - 20 * DAY}&end_time=${DAY_START}&page=${first.body.next_page ?? ''}`);
		expect(other.status).toBe(400);
	});
});

describe('request log', () => {
	it('records method, path, parsed query, headers, key, body, status and duration', async () => {
		fake.clearRequests();
		const response = await api('/test/echo?x=1&tags[]=a&tags[]=b', {
			key: FAKE_KEYS.project,
			body: { tokens: 2 },
			headers: { 'X-Custom': 'Yes' },
		});
		await api('/models');
		expect(fake.requests).toHaveLength(2);
		const [entry, unauthenticated] = fake.requests;
		expect(entry).toMatchObject({
			id: response.headers.get('x-request-id'),
			method: 'POST',
			path: '/v1/test/echo',
			query: { x: '1', tags: ['a', 'b'] },
			authKey: FAKE_KEYS.project,
			body: { tokens: 2 },
			status: 200,
			startedAt: NOW,
		});
		expect(entry.headers['x-custom']).toBe('Yes');
		expect(entry.headers.authorization).toBe(`Bearer ${FAKE_KEYS.project}`);
		expect(entry.durationMs).toBeGreaterThanOrEqual(0);
		expect(entry.fault).toBeUndefined();
		expect(unauthenticated).toMatchObject({ path: '/v1/models', authKey: null, status: 401, body: undefined });
	});

	it('logs non-JSON bodies as text', async () => {
		fake.clearRequests();
		await api('/test/echo', { key: FAKE_KEYS.project, body: 'not json', headers: { 'content-type': 'text/plain' } });
		expect(fake.requests[0]).toMatchObject({ body: 'not json', status: 400 });
	});

	it('can be switched off and capped', async () => {
		fake.setLogging(false);
		await api('/models', { key: FAKE_KEYS.project });
		expect(fake.requests).toHaveLength(0);
		fake.setLogging(true, { maxEntries: 2 });
		for (let i = 0; i < 3; i++) await api(`/models?i=${i}`, { key: FAKE_KEYS.project });
		expect(fake.requests.map((entry) => entry.query.i)).toEqual(['1', '2']);
		fake.clearRequests();
		expect(fake.requests).toHaveLength(0);
	});

	it('gives deterministic request ids after reset', async () => {
		fake.reset();
		const first = await api('/models', { key: FAKE_KEYS.project });
		fake.reset();
		const again = await api('/models', { key: FAKE_KEYS.project });
		expect(again.headers.get('x-request-id')).toBe(first.headers.get('x-request-id'));
	});
});

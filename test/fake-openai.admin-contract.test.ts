import { expectMatchesSpec, loadOpenApiSpec, validateResponse } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { USAGE_ENDPOINT_PARAMS, USAGE_ENDPOINTS } from './fake-openai/areas/admin/usage';
import { call } from './fake-openai/testClient';

/**
 * Every admin response of the fake (usage endpoints, projects, users, keys, rate limits, audit log),
 * success and error, must match OpenAI's official spec for its operation and status.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400;
const HOUR = 3_600;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;
const USAGE_ONLY_KEY = 'sk-admin-fake-usage-only-key-0099';

let fake: FakeOpenAi;

beforeAll(async () => {
	loadOpenApiSpec();
	fake = await startFakeOpenAi();
});

afterAll(async () => {
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
	fake.keys.addAdminKey(USAGE_ONLY_KEY, { scopes: ['api.usage.read'] });
});

/** GET `path` with `key`; checks the status and the body against the spec of `template`. */
async function get(template: string, path: string, expectStatus = 200, key: string = FAKE_KEYS.admin) {
	const result = await call<Record<string, unknown>>(fake.url, path, { key });
	expect({ path, status: result.status }).toEqual({ path, status: expectStatus });
	expectMatchesSpec('GET', template, result.status, result.body);
	return result.body;
}

type Page = { data: Array<{ start_time: number; end_time: number; results: Array<Record<string, unknown>> }>; has_more: boolean; next_page: string | null };

describe('usage endpoints', () => {
	const range = `start_time=${DAY_START - 7 * DAY}&end_time=${DAY_START}`;

	describe.each(USAGE_ENDPOINTS)('%s', (endpoint) => {
		const template = `/organization/usage/${endpoint}`;
		const usage = (query: string, status = 200, key?: string) => get(template, `${template}?${query}`, status, key);
		const { groupBy, filters } = USAGE_ENDPOINT_PARAMS[endpoint];

		it('200 ungrouped days, with results', async () => {
			const page = (await usage(range)) as unknown as Page;
			expect(page.data).toHaveLength(7);
			expect(page.data.some((bucket) => bucket.results.length > 0)).toBe(true);
		});

		it('200 grouped by every field it knows, hourly, max page', async () => {
			const page = (await usage(`${range}&bucket_width=1h&limit=168&${groupBy.map((field) => `group_by[]=${field}`).join('&')}`)) as unknown as Page;
			expect(page.data).toHaveLength(168);
			expect(page.has_more).toBe(false);
		});

		it('200 minutes, the next page through next_page, and an empty future', async () => {
			const first = (await usage(`start_time=${DAY_START - 3 * HOUR}&end_time=${DAY_START}&bucket_width=1m&limit=120`)) as unknown as Page;
			expect(first.has_more).toBe(true);
			await usage(`start_time=${DAY_START - 3 * HOUR}&end_time=${DAY_START}&bucket_width=1m&limit=120&page=${encodeURIComponent(first.next_page ?? '')}`);
			const future = (await usage(`start_time=${DAY_START + 2 * DAY}&end_time=${DAY_START + 3 * DAY}`)) as unknown as Page;
			expect(future.data[0].results).toEqual([]);
		});

		it('200 with every filter it accepts', async () => {
			const values: Record<string, string> = {
				project_ids: `project_ids[]=${fake.org.projects[0].id}`,
				user_ids: `user_ids[]=${fake.org.users[0].id}`,
				api_key_ids: `api_key_ids[]=${fake.org.apiKeys[0].id}`,
				models: 'models[]=gpt-4o-2024-08-06',
				batch: 'batch=false',
				sources: 'sources[]=image.generation',
				sizes: 'sizes[]=1024x1024',
				context_levels: 'context_levels[]=low',
				vector_store_ids: `vector_store_ids[]=${fake.org.vectorStores[0].id}`,
			};
			await usage(`${range}&${filters.map((name) => values[name]).join('&')}`);
		});

		it.each([
			['limit above the 1d maximum', 'limit=32'],
			['limit above the 1h maximum', 'bucket_width=1h&limit=169'],
			['limit above the 1m maximum', 'bucket_width=1m&limit=1441'],
			['an unknown width', 'bucket_width=1w'],
			['a group_by it does not know', 'group_by[]=line_item'],
			['a filter it does not know', 'line_items[]=x'],
			['a foreign cursor', 'page=page_AAAAAGdGxdEiJdKOAAAAAGcqsYA='],
		])('400 %s', async (_name, query) => {
			const body = (await usage(`${range}&${query}`, 400)) as { error: { param: string } };
			expect(body.error.param).toBeTruthy();
		});

		it('400 for filters of other endpoints, 401/403 for wrong keys', async () => {
			for (const name of ['user_ids', 'models', 'vector_store_ids', 'sources', 'context_levels', 'batch']) {
				if (!filters.includes(name)) await usage(`${range}&${name}=x`, 400);
			}
			await usage(range, 401, 'sk-admin-unknown-000000000000');
			await usage(range, 403, FAKE_KEYS.project);
			await usage(range, 403, FAKE_KEYS.adminNoUsageScope);
		});
	});

	it('429 matches #/components/responses/TooManyRequests', async () => {
		fake.setRateLimit({ rpm: 1 });
		await get('/organization/usage/completions', `/organization/usage/completions?${range}`);
		const limited = await call(fake.url, `/organization/usage/completions?${range}`, { key: FAKE_KEYS.admin });
		expect(limited.status).toBe(429);
		expect(validateResponse('GET', '/organization/usage/completions', 429, limited.body)).toMatchObject({ valid: true });
	});
});

describe('organization lists', () => {
	const project = () => fake.org.projects[1].id;

	it('projects: list (pages, archived on request) and get', async () => {
		const first = (await get('/organization/projects', '/organization/projects?limit=2')) as { data: Array<{ id: string }>; has_more: boolean; last_id: string };
		expect(first.data).toHaveLength(2);
		expect(first.has_more).toBe(true);
		const rest = (await get('/organization/projects', `/organization/projects?after=${first.last_id}`)) as { data: Array<{ status: string }> };
		expect(rest.data.every((item) => item.status === 'active')).toBe(true);
		const all = (await get('/organization/projects', '/organization/projects?include_archived=true&limit=100')) as { data: Array<{ status: string }> };
		expect(all.data.map((item) => item.status)).toContain('archived');
		await get('/organization/projects/{project_id}', `/organization/projects/${project()}`);
		await get('/organization/projects/{project_id}', '/organization/projects/proj_nope', 404);
		await get('/organization/projects', '/organization/projects?limit=101', 400);
		await get('/organization/projects', '/organization/projects?after=proj_nope', 400);
	});

	it('users: list (emails filter) and get', async () => {
		const user = fake.org.users[2];
		const filtered = (await get('/organization/users', `/organization/users?emails[]=${encodeURIComponent(user.email)}`)) as { data: Array<{ id: string }> };
		expect(filtered.data.map((item) => item.id)).toEqual([user.id]);
		await get('/organization/users', '/organization/users?limit=3');
		await get('/organization/users/{user_id}', `/organization/users/${user.id}`);
		await get('/organization/users/{user_id}', '/organization/users/user-nope', 404);
	});

	it('project API keys: owner access filter and owners of both kinds', async () => {
		const research = fake.org.projects[3].id;
		const any = (await get('/organization/projects/{project_id}/api_keys', `/organization/projects/${research}/api_keys?owner_project_access=any`)) as { data: Array<{ owner_project_access: string }> };
		const visible = (await get('/organization/projects/{project_id}/api_keys', `/organization/projects/${research}/api_keys`)) as { data: unknown[] };
		expect(any.data.map((key) => key.owner_project_access).sort()).toEqual(['active', 'inactive']);
		expect(visible.data).toHaveLength(1);
		const defaultProject = (await get('/organization/projects/{project_id}/api_keys', `/organization/projects/${fake.org.projects[0].id}/api_keys`)) as { data: Array<{ owner: { type: string } }> };
		expect(defaultProject.data.map((key) => key.owner.type).sort()).toEqual(['service_account', 'user']);
		await get('/organization/projects/{project_id}/api_keys', `/organization/projects/${research}/api_keys?owner_project_access=all`, 400);
	});

	it('admin API keys: order, pages, expiry within 30 days', async () => {
		const asc = (await get('/organization/admin_api_keys', '/organization/admin_api_keys?limit=2')) as { data: Array<{ created_at: number; expires_at: number | null }>; has_more: boolean; last_id: string };
		expect(asc.has_more).toBe(true);
		expect(asc.data[0].created_at).toBeLessThan(asc.data[1].created_at);
		const desc = (await get('/organization/admin_api_keys', '/organization/admin_api_keys?order=desc')) as { data: Array<{ created_at: number; expires_at: number | null }> };
		expect(desc.data[0].created_at).toBeGreaterThan(desc.data[1].created_at);
		const soon = desc.data.filter((key) => key.expires_at !== null && key.expires_at - NOW / 1000 < 30 * DAY);
		expect(soon.length).toBeGreaterThan(0);
		await get('/organization/admin_api_keys', `/organization/admin_api_keys?after=${asc.last_id}`);
	});

	it('project rate limits: pages forward and back', async () => {
		const first = (await get('/organization/projects/{project_id}/rate_limits', `/organization/projects/${project()}/rate_limits?limit=5`)) as { data: Array<{ id: string }>; last_id: string; has_more: boolean };
		expect(first.has_more).toBe(true);
		const second = (await get('/organization/projects/{project_id}/rate_limits', `/organization/projects/${project()}/rate_limits?limit=5&after=${first.last_id}`)) as { data: Array<{ id: string }>; first_id: string };
		const back = (await get('/organization/projects/{project_id}/rate_limits', `/organization/projects/${project()}/rate_limits?limit=5&before=${second.first_id}`)) as { data: Array<{ id: string }> };
		expect(back.data.map((limit) => limit.id)).toEqual(first.data.map((limit) => limit.id));
		await get('/organization/projects/{project_id}/rate_limits', '/organization/projects/proj_nope/rate_limits', 404);
	});

	it('audit logs: newest first, effective_at and other filters, pages', async () => {
		const page = (await get('/organization/audit_logs', '/organization/audit_logs?limit=50')) as { data: Array<{ effective_at: number; type: string; project: { id: string } }>; last_id: string; has_more: boolean };
		expect(page.has_more).toBe(true);
		const times = page.data.map((event) => event.effective_at);
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(Math.max(...times)).toBeLessThanOrEqual(NOW / 1000);
		const from = DAY_START - 30 * DAY;
		const ranged = (await get('/organization/audit_logs', `/organization/audit_logs?effective_at[gte]=${from}&effective_at[lt]=${DAY_START}&limit=100`)) as { data: Array<{ effective_at: number }> };
		expect(ranged.data.length).toBeGreaterThan(5);
		expect(ranged.data.every((event) => event.effective_at >= from && event.effective_at < DAY_START)).toBe(true);
		const typed = (await get('/organization/audit_logs', '/organization/audit_logs?event_types[]=login.failed&limit=100')) as { data: Array<{ type: string }> };
		expect(typed.data.length).toBeGreaterThan(0);
		expect(typed.data.every((event) => event.type === 'login.failed')).toBe(true);
		await get('/organization/audit_logs', `/organization/audit_logs?project_ids[]=${page.data[0].project.id}&actor_emails[]=ada@fake-org.example`);
		await get('/organization/audit_logs', `/organization/audit_logs?after=${page.last_id}`);
		await get('/organization/audit_logs', '/organization/audit_logs?effective_at[gte]=soon', 400);
	});

	it('management endpoints need api.management.read', async () => {
		await get('/organization/projects', '/organization/projects', 403, USAGE_ONLY_KEY);
		await get('/organization/users', '/organization/users', 403, FAKE_KEYS.project);
		await get('/organization/audit_logs', '/organization/audit_logs', 403, USAGE_ONLY_KEY);
		await get('/organization/projects', '/organization/projects', 200, FAKE_KEYS.adminNoUsageScope);
	});
});

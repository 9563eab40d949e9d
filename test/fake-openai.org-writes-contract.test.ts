import { expectMatchesSpec, loadOpenApiSpec } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { call } from './fake-openai/testClient';

/** The organization's write operations of the fake: answers match OpenAI's spec, state is kept and reset. */
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
});

async function send(method: 'GET' | 'POST' | 'DELETE', template: string, path: string, expectStatus: number, body?: unknown, key: string = FAKE_KEYS.admin) {
	const result = await call<Record<string, unknown>>(fake.url, path, { key, method, body });
	expect({ method, path, status: result.status }).toEqual({ method, path, status: expectStatus });
	expectMatchesSpec(method, template, result.status, result.body);
	return result.body;
}

describe('projects', () => {
	it('create, update (name), archive; the reads see it; reset restores the organization', async () => {
		const created = await send('POST', '/organization/projects', '/organization/projects', 200, { name: 'Budget Guard' });
		expect(created).toMatchObject({ object: 'organization.project', name: 'Budget Guard', status: 'active', archived_at: null, id: expect.stringMatching(/^proj_/) });
		const id = created.id as string;
		expect(await send('GET', '/organization/projects/{project_id}', `/organization/projects/${id}`, 200)).toMatchObject({ name: 'Budget Guard' });
		expect(await send('POST', '/organization/projects/{project_id}', `/organization/projects/${id}`, 200, { name: 'Budget Guard 2' })).toMatchObject({ id, name: 'Budget Guard 2' });
		const archived = await send('POST', '/organization/projects/{project_id}/archive', `/organization/projects/${id}/archive`, 200);
		expect(archived).toMatchObject({ id, status: 'archived', archived_at: expect.any(Number) });
		await send('POST', '/organization/projects/{project_id}', `/organization/projects/${id}`, 400, { name: 'again' });
		const active = (await send('GET', '/organization/projects', '/organization/projects?limit=100', 200)).data as Array<{ id: string }>;
		expect(active.map((project) => project.id)).not.toContain(id);
		fake.reset();
		await send('GET', '/organization/projects/{project_id}', `/organization/projects/${id}`, 404);
	});

	it('400 without a name or with unknown fields; 404 for an unknown project; 403 without api.management.write', async () => {
		await send('POST', '/organization/projects', '/organization/projects', 400, {});
		await send('POST', '/organization/projects', '/organization/projects', 400, { name: 'x', colour: 'red' });
		await send('POST', '/organization/projects/{project_id}/archive', '/organization/projects/proj_nope/archive', 404);
		await send('POST', '/organization/projects/{project_id}/archive', `/organization/projects/${fake.org.defaultProjectId}/archive`, 400);
		const denied = await send('POST', '/organization/projects', '/organization/projects', 403, { name: 'x' }, FAKE_KEYS.adminNoUsageScope);
		expect(JSON.stringify(denied)).toContain('Missing scopes: api.management.write');
	});
});

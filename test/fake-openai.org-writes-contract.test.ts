import { expectMatchesSpec, loadOpenApiSpec } from './contract/openApiValidator';
import { FAKE_KEYS, spendLimitOf, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
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

describe('project users', () => {
	const base = () => `/organization/projects/${fake.org.projects[1].id}/users`;
	const template = '/organization/projects/{project_id}/users';

	it('list, add, get, change role, remove', async () => {
		const before = (await send('GET', template, base(), 200)).data as Array<{ id: string }>;
		const outsider = fake.org.users.find((user) => !before.some((member) => member.id === user.id));
		if (!outsider) throw new Error('every user is a member already');
		const added = await send('POST', template, base(), 200, { user_id: outsider.id, role: 'member' });
		expect(added).toMatchObject({ object: 'organization.project.user', id: outsider.id, email: outsider.email, role: 'member' });
		await send('POST', template, base(), 400, { user_id: outsider.id, role: 'member' });
		expect(await send('POST', `${template}/{user_id}`, `${base()}/${outsider.id}`, 200, { role: 'owner' })).toMatchObject({ role: 'owner' });
		expect(await send('GET', `${template}/{user_id}`, `${base()}/${outsider.id}`, 200)).toMatchObject({ role: 'owner' });
		expect(await send('DELETE', `${template}/{user_id}`, `${base()}/${outsider.id}`, 200)).toEqual({ object: 'organization.project.user.deleted', id: outsider.id, deleted: true });
		await send('GET', `${template}/{user_id}`, `${base()}/${outsider.id}`, 404);
	});

	it('400 for an unknown role, 404 for an unknown user, 403 without api.management.write', async () => {
		const member = ((await send('GET', template, base(), 200)).data as Array<{ id: string }>)[0];
		await send('POST', `${template}/{user_id}`, `${base()}/${member.id}`, 400, { role: 'admin' });
		await send('POST', template, base(), 404, { user_id: 'user-nope', role: 'member' });
		await send('DELETE', `${template}/{user_id}`, `${base()}/${member.id}`, 403, undefined, FAKE_KEYS.adminNoUsageScope);
	});
});

describe('service accounts', () => {
	const base = () => `/organization/projects/${fake.org.projects[0].id}/service_accounts`;
	const template = '/organization/projects/{project_id}/service_accounts';

	it('list, create (the key once, and it works), get, delete', async () => {
		const before = (await send('GET', template, base(), 200)).data as unknown[];
		const created = await send('POST', template, base(), 200, { name: 'deploy-bot' });
		expect(created).toMatchObject({ object: 'organization.project.service_account', name: 'deploy-bot', role: 'member', api_key: { value: expect.stringMatching(/^sk-svcacct-/) } });
		const key = (created.api_key as { value: string }).value;
		expect((await call(fake.url, '/models', { key })).status).toBe(200);
		const id = created.id as string;
		expect(await send('GET', `${template}/{service_account_id}`, `${base()}/${id}`, 200)).not.toHaveProperty('api_key');
		expect((await send('GET', template, `${base()}?limit=100`, 200)).data).toHaveLength(before.length + 1);
		expect(await send('DELETE', `${template}/{service_account_id}`, `${base()}/${id}`, 200)).toEqual({ object: 'organization.project.service_account.deleted', id, deleted: true });
		await send('GET', `${template}/{service_account_id}`, `${base()}/${id}`, 404);
		expect(await send('POST', template, base(), 200, { name: 'no-key', create_service_account_only: true })).toMatchObject({ role: 'none', api_key: null });
	});

	it('400 without a name, 403 without api.management.write', async () => {
		await send('POST', template, base(), 400, {});
		await send('POST', template, base(), 403, { name: 'x' }, FAKE_KEYS.adminNoUsageScope);
	});
});

describe('project API keys and rate limits', () => {
	it('deletes a user\'s key (not a service account\'s); Get Many no longer lists it', async () => {
		const userKey = fake.org.apiKeys.find((key) => key.ownerUserId !== null);
		const botKey = fake.org.apiKeys.find((key) => key.ownerServiceAccountId !== null);
		if (!userKey || !botKey) throw new Error('the synthetic organization lacks a user key or a service account key');
		const template = '/organization/projects/{project_id}/api_keys/{api_key_id}';
		expect(await send('DELETE', template, `/organization/projects/${userKey.projectId}/api_keys/${userKey.id}`, 200)).toEqual({ object: 'organization.project.api_key.deleted', id: userKey.id, deleted: true });
		await send('DELETE', template, `/organization/projects/${userKey.projectId}/api_keys/${userKey.id}`, 404);
		await send('DELETE', template, `/organization/projects/${botKey.projectId}/api_keys/${botKey.id}`, 400);
		const listed = (await send('GET', '/organization/projects/{project_id}/api_keys', `/organization/projects/${userKey.projectId}/api_keys?owner_project_access=any`, 200)).data as Array<{ id: string }>;
		expect(listed.map((key) => key.id)).not.toContain(userKey.id);
	});

	it('updates a rate limit; the list shows it; 400 for negative or inapplicable fields', async () => {
		const projectId = fake.org.projects[0].id;
		const limit = fake.org.rateLimits(projectId)[0];
		const template = '/organization/projects/{project_id}/rate_limits/{rate_limit_id}';
		const path = `/organization/projects/${projectId}/rate_limits/${limit.id}`;
		expect(await send('POST', template, path, 200, { max_requests_per_1_minute: 42 })).toMatchObject({ id: limit.id, max_requests_per_1_minute: 42, max_tokens_per_1_minute: limit.max_tokens_per_1_minute });
		expect(fake.org.rateLimits(projectId)[0].max_requests_per_1_minute).toBe(42);
		await send('POST', template, path, 400, { max_requests_per_1_minute: -1 });
		await send('POST', template, path, 400, { max_requests_per_1_minute: 'many' });
		await send('POST', template, path, 403, { max_requests_per_1_minute: 1 }, FAKE_KEYS.adminNoUsageScope);
		fake.reset();
		expect(fake.org.rateLimits(projectId)[0].max_requests_per_1_minute).toBe(limit.max_requests_per_1_minute);
	});
});

describe('invites', () => {
	it('create (with projects), get, list, delete', async () => {
		const projects = [{ id: fake.org.projects[1].id, role: 'member' }];
		const created = await send('POST', '/organization/invites', '/organization/invites', 200, { email: 'New.Person@example.com', role: 'reader', projects });
		expect(created).toMatchObject({ object: 'organization.invite', email: 'new.person@example.com', role: 'reader', status: 'pending', projects });
		const id = created.id as string;
		expect(await send('GET', '/organization/invites/{invite_id}', `/organization/invites/${id}`, 200)).toEqual(created);
		expect((await send('GET', '/organization/invites', '/organization/invites', 200)).data).toEqual([created]);
		expect(await send('DELETE', '/organization/invites/{invite_id}', `/organization/invites/${id}`, 200)).toEqual({ object: 'organization.invite.deleted', id, deleted: true });
		await send('GET', '/organization/invites/{invite_id}', `/organization/invites/${id}`, 404);
	});

	it('400 for a member\'s email, a bad role or project; 403 without api.management.write', async () => {
		await send('POST', '/organization/invites', '/organization/invites', 400, { email: fake.org.users[0].email, role: 'reader' });
		await send('POST', '/organization/invites', '/organization/invites', 400, { email: 'a@example.com', role: 'admin' });
		await send('POST', '/organization/invites', '/organization/invites', 400, { email: 'a@example.com', role: 'reader', projects: [{ id: 'proj_nope', role: 'member' }] });
		await send('POST', '/organization/invites', '/organization/invites', 403, { email: 'a@example.com', role: 'reader' }, FAKE_KEYS.adminNoUsageScope);
	});
});

describe('organization users', () => {
	const template = '/organization/users/{user_id}';

	it('change a role, remove a user; the reads and the project members see it; reset restores them', async () => {
		const reader = fake.org.users.find((user) => user.role === 'reader');
		if (!reader) throw new Error('the synthetic organization has no reader');
		expect(await send('POST', template, `/organization/users/${reader.id}`, 200, { role: 'owner' })).toMatchObject({ object: 'organization.user', id: reader.id, email: reader.email, role: 'owner' });
		expect(await send('GET', template, `/organization/users/${reader.id}`, 200)).toMatchObject({ role: 'owner' });
		const project = fake.org.apiKeys.find((key) => key.ownerUserId === reader.id)?.projectId;
		if (!project) throw new Error('the reader owns no key');
		const membersOf = async () => ((await send('GET', '/organization/projects/{project_id}/users', `/organization/projects/${project}/users?limit=100`, 200)).data as Array<{ id: string }>).map((member) => member.id);
		expect(await membersOf()).toContain(reader.id);
		expect(await send('DELETE', template, `/organization/users/${reader.id}`, 200)).toEqual({ object: 'organization.user.deleted', id: reader.id, deleted: true });
		await send('GET', template, `/organization/users/${reader.id}`, 404);
		await send('DELETE', template, `/organization/users/${reader.id}`, 404);
		expect(((await send('GET', '/organization/users', '/organization/users?limit=100', 200)).data as Array<{ id: string }>).map((user) => user.id)).not.toContain(reader.id);
		expect(await membersOf()).not.toContain(reader.id);
		fake.reset();
		expect(await send('GET', template, `/organization/users/${reader.id}`, 200)).toMatchObject({ role: 'reader' });
	});

	it('400 for an unknown or missing role and for the last owner; 404 for an unknown user; 403 without api.management.write', async () => {
		const [first, second] = fake.org.users.filter((user) => user.role === 'owner');
		await send('POST', template, `/organization/users/${first.id}`, 400, { role: 'admin' });
		await send('POST', template, `/organization/users/${first.id}`, 400, {});
		await send('POST', template, '/organization/users/user-nope', 404, { role: 'owner' });
		await send('DELETE', template, '/organization/users/user-nope', 404);
		await send('POST', template, `/organization/users/${second.id}`, 200, { role: 'reader' });
		expect(JSON.stringify(await send('DELETE', template, `/organization/users/${first.id}`, 400))).toContain('at least one owner');
		await send('POST', template, `/organization/users/${first.id}`, 400, { role: 'reader' });
		const denied = await send('DELETE', template, `/organization/users/${second.id}`, 403, undefined, FAKE_KEYS.adminNoUsageScope);
		expect(JSON.stringify(denied)).toContain('Missing scopes: api.management.write');
	});
});

describe('admin API keys', () => {
	const list = async () => ((await send('GET', '/organization/admin_api_keys', '/organization/admin_api_keys?limit=100', 200)).data as Array<{ id: string }>).map((key) => key.id);

	it('create (the value once, and it works), get, list, delete (it stops working); reset restores the keys', async () => {
		const before = await list();
		const created = await send('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', 200, { name: 'Rotation', expires_in_seconds: 86_400 });
		expect(created).toMatchObject({ object: 'organization.admin_api_key', name: 'Rotation', value: expect.stringMatching(/^sk-admin-/), expires_at: (created.created_at as number) + 86_400 });
		const value = created.value as string;
		const id = created.id as string;
		expect((await call(fake.url, '/organization/projects', { key: value })).status).toBe(200);
		const got = await send('GET', '/organization/admin_api_keys/{key_id}', `/organization/admin_api_keys/${id}`, 200);
		expect(got).toMatchObject({ id, name: 'Rotation', redacted_value: `sk-admin...${value.slice(-3)}` });
		expect(got).not.toHaveProperty('value');
		expect(await list()).toEqual([...before, id]);
		expect(await send('DELETE', '/organization/admin_api_keys/{key_id}', `/organization/admin_api_keys/${id}`, 200)).toEqual({ object: 'organization.admin_api_key.deleted', id, deleted: true });
		expect((await call(fake.url, '/organization/projects', { key: value })).status).toBe(401);
		await send('GET', '/organization/admin_api_keys/{key_id}', `/organization/admin_api_keys/${id}`, 404);
		expect(await send('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', 200, { name: 'Forever' })).toMatchObject({ expires_at: null });
		await send('DELETE', '/organization/admin_api_keys/{key_id}', `/organization/admin_api_keys/${before[0]}`, 200);
		expect(await list()).not.toContain(before[0]);
		fake.reset();
		expect(await list()).toEqual(before);
	});

	it('400 without a name or with a bad expiry; 404 for an unknown key; 403 without api.management.write', async () => {
		await send('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', 400, {});
		await send('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', 400, { name: 'x', expires_in_seconds: 0 });
		await send('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', 400, { name: 'x', expires_in_seconds: 31_536_001 });
		await send('DELETE', '/organization/admin_api_keys/{key_id}', '/organization/admin_api_keys/key_nope', 404);
		const denied = await send('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', 403, { name: 'x' }, FAKE_KEYS.adminNoUsageScope);
		expect(JSON.stringify(denied)).toContain('Missing scopes: api.management.write');
		expect(await send('GET', '/organization/admin_api_keys/{key_id}', `/organization/admin_api_keys/${(await list())[0]}`, 200, undefined, FAKE_KEYS.adminNoUsageScope)).toMatchObject({ object: 'organization.admin_api_key' });
	});
});

describe('spend limits seen from a test', () => {
	it('spendLimitOf reads what POST …/spend_limit set, per project and for the organization; reset clears it', async () => {
		const project = fake.org.projects[1].id;
		expect(spendLimitOf(fake, project)).toBeUndefined();
		await send('POST', '/organization/projects/{project_id}/spend_limit', `/organization/projects/${project}/spend_limit`, 200, { threshold_amount: 2_500, currency: 'USD', interval: 'month' });
		expect(spendLimitOf(fake, project)).toBe(2_500);
		expect(spendLimitOf(fake)).toBeUndefined();
		fake.reset();
		expect(spendLimitOf(fake, project)).toBeUndefined();
	});
});

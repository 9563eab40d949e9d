import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { rl, usageNodeRuns } from './usageAdminRuns';

/** The organization's write operations of the OpenAI Usage node, through n8n, against the fake Admin API (with state). */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
});

const { run, first, adminCalls } = usageNodeRuns(() => fake);

describe('Project → Create, Update, Archive', () => {
	it('creates, renames and archives; Get Many then leaves it out', async () => {
		const created = first(await run({ resource: 'project', operation: 'create', projectName: '  Budget Guard ' }));
		expect(created).toMatchObject({ object: 'organization.project', name: 'Budget Guard', status: 'active', id: expect.stringMatching(/^proj_/) });
		expect(adminCalls()[0]).toMatchObject({ method: 'POST', path: '/v1/organization/projects' });
		const id = created.id as string;
		expect(first(await run({ resource: 'project', operation: 'update', projectId: rl(id), projectName: 'Guard' }))).toMatchObject({ id, name: 'Guard' });
		expect(first(await run({ resource: 'project', operation: 'archive', projectId: rl(id) }))).toMatchObject({ id, status: 'archived', archived_at: expect.any(Number) });
		const listed = (await run({ resource: 'project', operation: 'getAll', returnAll: true })).output('OpenAI').map((item) => item.json.id);
		expect(listed).not.toContain(id);
	});

	it('an archived project cannot be renamed: OpenAI\'s error, named', async () => {
		const archived = fake.org.projects.find((project) => project.archivedAt !== null);
		const result = await run({ resource: 'project', operation: 'update', projectId: rl(archived?.id ?? ''), projectName: 'x' });
		expect(result.nodeError('OpenAI')?.message).toMatch(/^OpenAI: Invalid value for 'project_id': an archived project cannot be updated/);
	});

	it.each([
		[{ operation: 'create', projectName: '={{ " " }}' }, 'The "Name" parameter is empty [item 0]'],
		[{ operation: 'create', projectName: 'x'.repeat(201) }, 'The "Name" parameter is longer than 200 characters [item 0]'],
		[{ operation: 'update', projectId: rl('={{ "" }}'), projectName: 'x' }, 'The "Project" parameter is empty [item 0]'],
		[{ operation: 'archive', projectId: rl('={{ "" }}') }, 'The "Project" parameter is empty [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const result = await run({ resource: 'project', ...parameters });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(adminCalls()).toHaveLength(0);
	});

	it('a key without api.management.write is told which scope it lacks; nothing changes', async () => {
		const before = fake.org.projects.length;
		const result = await run({ resource: 'project', operation: 'create', projectName: 'x' }, { key: FAKE_KEYS.adminNoUsageScope });
		expect(result.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.management\.write/);
		expect(fake.org.projects).toHaveLength(before);
	});
});

describe('Project User → Get Many, Add, Update Role, Remove', () => {
	const project = () => fake.org.projects[1].id;
	const members = async () => (await run({ resource: 'projectUser', operation: 'getAll', projectId: rl(project()), returnAll: true })).output('OpenAI').map((item) => item.json);

	it('adds a user, changes the role, removes them; Get Many shows each step', async () => {
		const before = await members();
		const outsider = fake.org.users.find((user) => !before.some((member) => member.id === user.id));
		if (!outsider) throw new Error('every user is a member already');
		const added = first(await run({ resource: 'projectUser', operation: 'add', projectId: rl(project()), userId: rl(outsider.id), projectRole: 'member' }));
		expect(added).toMatchObject({ id: outsider.id, role: 'member', email: outsider.email, project_id: project() });
		expect(first(await run({ resource: 'projectUser', operation: 'update', projectId: rl(project()), userId: rl(outsider.id), projectRole: 'owner' }))).toMatchObject({ id: outsider.id, role: 'owner' });
		expect((await members()).find((member) => member.id === outsider.id)).toMatchObject({ role: 'owner', project_id: project() });
		expect(first(await run({ resource: 'projectUser', operation: 'remove', projectId: rl(project()), userId: rl(outsider.id) }))).toEqual({ id: outsider.id, project_id: project(), deleted: true });
		expect((await members()).map((member) => member.id)).toEqual(before.map((member) => member.id));
	});

	it('bad input before any request; OpenAI\'s 404 and scope errors named', async () => {
		const empty = await run({ resource: 'projectUser', operation: 'remove', projectId: rl(project()), userId: rl('={{ "" }}') });
		expect(empty.nodeError('OpenAI')?.message).toBe('The "User" parameter is empty [item 0]');
		const role = await run({ resource: 'projectUser', operation: 'update', projectId: rl(project()), userId: rl('user-x'), projectRole: '={{ "admin" }}' });
		expect(role.nodeError('OpenAI')?.message).toBe('The "Role" parameter has an unknown value "admin" [item 0]');
		expect(adminCalls()).toHaveLength(0);
		const unknown = await run({ resource: 'projectUser', operation: 'add', projectId: rl(project()), userId: rl('user-nope') });
		expect(unknown.nodeError('OpenAI')?.message).toMatch(/^OpenAI: No user found with ID 'user-nope'/);
		const denied = await run({ resource: 'projectUser', operation: 'remove', projectId: rl(project()), userId: rl(fake.org.users[0].id) }, { key: FAKE_KEYS.adminNoUsageScope });
		expect(denied.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.management\.write/);
	});
});

describe('Service Account → Create, Get, Get Many, Delete', () => {
	const project = () => fake.org.projects[0].id;

	it('creates one and hands over its key once, with a notice; Get and Get Many never show a key; Delete', async () => {
		const created = first(await run({ resource: 'serviceAccount', operation: 'create', projectId: rl(project()), serviceAccountName: 'deploy-bot' }));
		expect(created).toMatchObject({
			name: 'deploy-bot',
			project_id: project(),
			api_key: { value: expect.stringMatching(/^sk-svcacct-/) },
			key_notice: expect.stringMatching(/^OpenAI returns this key only now: it cannot be read again/),
		});
		const id = created.id as string;
		const got = first(await run({ resource: 'serviceAccount', operation: 'get', projectId: rl(project()), serviceAccountId: id }));
		expect(got).toMatchObject({ id, name: 'deploy-bot', role: 'member' });
		expect(JSON.stringify(got)).not.toContain('sk-svcacct-');
		const listed = (await run({ resource: 'serviceAccount', operation: 'getAll', projectId: rl(project()), returnAll: true })).output('OpenAI').map((item) => item.json.id);
		expect(listed).toContain(id);
		expect(first(await run({ resource: 'serviceAccount', operation: 'delete', projectId: rl(project()), serviceAccountId: id }))).toEqual({ id, project_id: project(), deleted: true });
		expect((await run({ resource: 'serviceAccount', operation: 'get', projectId: rl(project()), serviceAccountId: id })).nodeError('OpenAI')?.message).toMatch(/^OpenAI: No service account found/);
	});

	it('an answer without the key is an error, not a silent success (the key could never be read again)', async () => {
		fake.injectFault({ kind: 'status', status: 200, match: { method: 'POST', path: `/v1/organization/projects/${project()}/service_accounts` }, body: { object: 'organization.project.service_account', id: 'svc_acct_x', name: 'x', role: 'none', created_at: 1, api_key: null } });
		const result = await run({ resource: 'serviceAccount', operation: 'create', projectId: rl(project()), serviceAccountName: 'x' });
		expect(result.nodeError('OpenAI')?.message).toMatch(/^The server's answer is not a service account with its key: `api_key` should be an object, but is null/);
	});

	it('bad input before any request; a key without api.management.write is told', async () => {
		expect((await run({ resource: 'serviceAccount', operation: 'create', projectId: rl(project()), serviceAccountName: '={{ "" }}' })).nodeError('OpenAI')?.message).toBe('The "Name" parameter is empty [item 0]');
		expect((await run({ resource: 'serviceAccount', operation: 'delete', projectId: rl(project()), serviceAccountId: '={{ " " }}' })).nodeError('OpenAI')?.message).toBe('The "Service Account ID" parameter is empty [item 0]');
		expect(adminCalls()).toHaveLength(0);
		const denied = await run({ resource: 'serviceAccount', operation: 'create', projectId: rl(project()), serviceAccountName: 'x' }, { key: FAKE_KEYS.adminNoUsageScope });
		expect(denied.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.management\.write/);
	});
});

describe('Project API Key → Delete; Project Rate Limit → Update', () => {
	it('deletes a user\'s key by its ID; a service account\'s key is OpenAI\'s 400; a secret key is refused before any request', async () => {
		const userKey = fake.org.apiKeys.find((key) => key.ownerUserId !== null);
		const botKey = fake.org.apiKeys.find((key) => key.ownerServiceAccountId !== null);
		if (!userKey || !botKey) throw new Error('the synthetic organization lacks a user key or a service account key');
		expect(first(await run({ resource: 'projectApiKey', operation: 'delete', projectId: rl(userKey.projectId), keyId: userKey.id }))).toEqual({ id: userKey.id, project_id: userKey.projectId, deleted: true });
		expect(fake.org.apiKeys.map((key) => key.id)).not.toContain(userKey.id);
		const bot = await run({ resource: 'projectApiKey', operation: 'delete', projectId: rl(botKey.projectId), keyId: botKey.id });
		expect(bot.nodeError('OpenAI')?.message).toMatch(/^OpenAI: API keys of service accounts cannot be deleted/);
		const calls = adminCalls().length;
		const secret = await run({ resource: 'projectApiKey', operation: 'delete', projectId: rl(userKey.projectId), keyId: 'sk-proj-abc' });
		expect(secret.nodeError('OpenAI')?.message).toBe('The "Key ID" parameter is a secret key, not a key ID [item 0]');
		expect(adminCalls()).toHaveLength(calls);
	});

	it('updates only the limits given; Get Many shows them', async () => {
		const projectId = fake.org.projects[0].id;
		const limit = fake.org.rateLimits(projectId)[0];
		const updated = first(await run({ resource: 'projectRateLimit', operation: 'update', projectId: rl(projectId), rateLimitId: limit.id, limits: { max_requests_per_1_minute: 42 } }));
		expect(updated).toMatchObject({ id: limit.id, model: limit.model, max_requests_per_1_minute: 42, max_tokens_per_1_minute: limit.max_tokens_per_1_minute, project_id: projectId });
		expect(adminCalls()[0].body).toEqual({ max_requests_per_1_minute: 42 });
		const listed = (await run({ resource: 'projectRateLimit', operation: 'getAll', projectId: rl(projectId), returnAll: true })).output('OpenAI').map((item) => item.json);
		expect(listed.find((row) => row.id === limit.id)).toMatchObject({ max_requests_per_1_minute: 42 });
	});

	it.each([
		[{ limits: {} }, 'The "Limits" parameter is empty [item 0]'],
		[{ limits: { max_requests_per_1_minute: 1.5 } }, 'The "Max Requests per Minute" limit must be a whole number of at least 0, not 1.5 [item 0]'],
		[{ limits: { max_tokens_per_1_minute: -1 } }, 'The "Max Tokens per Minute" limit must be a whole number of at least 0, not -1 [item 0]'],
		[{ rateLimitId: '={{ "" }}', limits: { max_requests_per_1_minute: 1 } }, 'The "Rate Limit ID" parameter is empty [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const result = await run({ resource: 'projectRateLimit', operation: 'update', projectId: rl(fake.org.projects[0].id), rateLimitId: 'rl-x', ...parameters });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(adminCalls()).toHaveLength(0);
	});
});

describe('Invite → Create, Get, Get Many, Delete', () => {
	it('invites into a project, reads it back, lists it, withdraws it', async () => {
		const projectId = fake.org.projects[1].id;
		const created = first(await run({ resource: 'invite', operation: 'create', email: ' new.person@example.com ', orgRole: 'reader', inviteProjects: { values: [{ id: projectId, role: 'owner' }] } }));
		expect(created).toMatchObject({ object: 'organization.invite', email: 'new.person@example.com', role: 'reader', status: 'pending', projects: [{ id: projectId, role: 'owner' }] });
		expect(adminCalls()[0].body).toEqual({ email: 'new.person@example.com', role: 'reader', projects: [{ id: projectId, role: 'owner' }] });
		const id = created.id as string;
		expect(first(await run({ resource: 'invite', operation: 'get', inviteId: id }))).toEqual(created);
		expect((await run({ resource: 'invite', operation: 'getAll', returnAll: true })).output('OpenAI').map((item) => item.json.id)).toEqual([id]);
		expect(first(await run({ resource: 'invite', operation: 'delete', inviteId: id }))).toEqual({ id, deleted: true });
		expect((await run({ resource: 'invite', operation: 'getAll', returnAll: true })).output('OpenAI')).toHaveLength(0);
	});

	it.each([
		[{ operation: 'create', email: 'not-an-email' }, 'The "Email" parameter is not an email address: "not-an-email" [item 0]'],
		[{ operation: 'create', email: 'a@example.com', inviteProjects: { values: [{ id: ' ', role: 'member' }] } }, 'The "Projects" entry 1 has no Project ID [item 0]'],
		[{ operation: 'delete', inviteId: '={{ "" }}' }, 'The "Invite ID" parameter is empty [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const result = await run({ resource: 'invite', ...parameters });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(adminCalls()).toHaveLength(0);
	});

	it('inviting a member is OpenAI\'s error; a key without api.management.write is told', async () => {
		const member = await run({ resource: 'invite', operation: 'create', email: fake.org.users[0].email });
		expect(member.nodeError('OpenAI')?.message).toMatch(/is already a member of this organization/);
		const denied = await run({ resource: 'invite', operation: 'create', email: 'a@example.com' }, { key: FAKE_KEYS.adminNoUsageScope });
		expect(denied.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.management\.write/);
	});
});

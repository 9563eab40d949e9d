import type { IDataObject } from 'n8n-workflow';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import { workflow } from './workflows';
import { usageNode } from './usageWorkflows';

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

const run = async (parameters: IDataObject, options: { key?: string } = {}) =>
	await runWorkflow(workflow({ nodes: [usageNode(parameters)] }), { credentials: { openAiAdminApi: { apiKey: options.key ?? FAKE_KEYS.admin, url: fake.url } } });
const first = (result: Awaited<ReturnType<typeof run>>) => {
	expect(result.nodeError('OpenAI')).toBeUndefined();
	return result.output('OpenAI')[0].json;
};
const adminCalls = () => fake.requests.filter((r) => r.path.startsWith('/v1/organization'));
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

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

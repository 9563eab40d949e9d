import type { IDataObject } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { OpenAiPlatform } from '../../nodes/OpenAiPlatform/OpenAiPlatform.node';
import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import { ADMIN_CREDENTIAL_REF } from './usageWorkflows';
import { PLATFORM_CREDENTIAL_REF, workflow } from './workflows';

/**
 * Fine-Tuning → checkpoint permissions (Share Checkpoint With Projects, Get Checkpoint Permissions,
 * Delete Checkpoint Permission): the endpoints need an admin key, so for these operations the node
 * asks for the OpenAI Admin credential and sends its key; the fake keeps the permissions.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd:ckpt-step-10';
const credentials = (adminKey: string = FAKE_KEYS.admin) => ({
	openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url },
	openAiAdminApi: { apiKey: adminKey, url: fake.url },
});
const run = async (items: IDataObject[], parameters: IDataObject, adminKey?: string) =>
	await runWorkflow(
		workflow({ items, nodes: [{ parameters: { resource: 'fineTuning', checkpoint: CHECKPOINT, ...parameters }, credentials: { ...PLATFORM_CREDENTIAL_REF, ...ADMIN_CREDENTIAL_REF } }] }),
		{ credentials: credentials(adminKey) },
	);
const projects = () => fake.org.projects.filter((project) => project.archivedAt === null).map((project) => project.id);

describe('Fine-Tuning → checkpoint permissions', () => {
	it('share with projects, list them (paged, filtered), delete one: with the admin key, one item per permission', async () => {
		const [first, second, third] = projects();
		const shared = await run([{ ids: [first, second] }, { ids: [third] }], { operation: 'createCheckpointPermission', projectIds: '={{ $json.ids }}' });
		expect(shared.status).toBe('success');
		const created = shared.output('OpenAI');
		expect(created.map((item) => [item.json.project_id, item.json.checkpoint, item.pairedItem])).toEqual([
			[first, CHECKPOINT, { item: 0 }],
			[second, CHECKPOINT, { item: 0 }],
			[third, CHECKPOINT, { item: 1 }],
		]);
		const posts = fake.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => [request.path, request.body])).toEqual([
			[`/v1/fine_tuning/checkpoints/${CHECKPOINT}/permissions`, { project_ids: [first, second] }],
			[`/v1/fine_tuning/checkpoints/${CHECKPOINT}/permissions`, { project_ids: [third] }],
		]);
		expect(posts.every((request) => request.authKey === FAKE_KEYS.admin)).toBe(true);

		fake.clearRequests();
		const all = await run([{}], { operation: 'getCheckpointPermissions', returnAll: true, filters: { order: 'ascending' } });
		expect(all.output('OpenAI').map((item) => item.json.project_id)).toEqual([first, second, third]);
		expect(fake.requests[0].query).toMatchObject({ limit: '100', order: 'ascending' });
		const two = await run([{}], { operation: 'getCheckpointPermissions', returnAll: false, limit: 2 });
		expect(two.output('OpenAI').map((item) => item.json.project_id)).toEqual([third, second]);
		const filtered = await run([{}], { operation: 'getCheckpointPermissions', returnAll: true, filters: { projectId: second } });
		expect(filtered.output('OpenAI').map((item) => item.json.id)).toEqual([created[1].json.id]);

		const deleted = await run([{ id: created[1].json.id }], { operation: 'deleteCheckpointPermission', permissionId: '={{ $json.id }}' });
		expect(deleted.output('OpenAI')[0].json).toEqual({ object: 'checkpoint.permission', id: created[1].json.id, deleted: true, checkpoint: CHECKPOINT });
		const left = await run([{}], { operation: 'getCheckpointPermissions', returnAll: true });
		expect(left.output('OpenAI').map((item) => item.json.project_id)).toEqual([third, first]);
	});

	it('Limit reads no more than it needs', async () => {
		const all = projects();
		await run([{}], { operation: 'createCheckpointPermission', projectIds: all.join(', ') });
		fake.clearRequests();
		const paged = await run([{}], { operation: 'getCheckpointPermissions', returnAll: false, limit: 1 });
		expect(paged.output('OpenAI')).toHaveLength(1);
		expect(fake.requests.map((request) => request.query.limit)).toEqual(['1']);
	});

	it('bad input is refused naming the parameter and the item, before any request', async () => {
		const cases: Array<[IDataObject, string]> = [
			[{ operation: 'getCheckpointPermissions', checkpoint: 'ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB' }, 'The "Checkpoint" parameter holds a checkpoint\'s object ID ("ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB"), not its model name [item 0]'],
			[{ operation: 'getCheckpointPermissions', checkpoint: 'gpt-4o-mini' }, 'The "Checkpoint" parameter "gpt-4o-mini" is not a fine-tuned model checkpoint (they start with ft:) [item 0]'],
			[{ operation: 'createCheckpointPermission', projectIds: 'proj_abc, org-123' }, 'The "Project IDs" parameter has "org-123", which is not a project ID (they start with proj_) [item 0]'],
			[{ operation: 'createCheckpointPermission', projectIds: ' , ' }, 'The "Project IDs" parameter is empty [item 0]'],
			[{ operation: 'deleteCheckpointPermission', permissionId: 'cp_a/../b' }, 'The "Permission ID" parameter "cp_a/../b" is not an ID [item 0]'],
		];
		for (const [parameters, message] of cases) {
			const result = await run([{}], parameters);
			expect(result.nodeError('OpenAI')?.message).toBe(message);
		}
		expect(fake.requests).toHaveLength(0);
	});

	it("OpenAI's refusals come back as API errors on the item: an admin key without the scope, an unknown permission", async () => {
		const noScope = await run([{}], { operation: 'createCheckpointPermission', projectIds: projects()[0] }, FAKE_KEYS.adminNoUsageScope);
		expect(noScope.nodeError('OpenAI')?.message).toMatch(/^OpenAI: .*api\.management\.write.* \[item 0\]$/);
		const missing = await run([{}], { operation: 'deleteCheckpointPermission', permissionId: 'cp_nope' });
		expect(missing.nodeError('OpenAI')?.message).toBe(`OpenAI: No permission cp_nope found for checkpoint ${CHECKPOINT}. [item 0]`);
	});

	it('an answer that grants fewer projects than asked for is an error, not a silent partial success', async () => {
		const [first, second] = projects();
		fake.injectFault({
			kind: 'status',
			status: 200,
			body: { object: 'list', data: [{ object: 'checkpoint.permission', id: 'cp_one', created_at: 1, project_id: first }], has_more: false },
			match: { method: 'POST', path: `/v1/fine_tuning/checkpoints/${CHECKPOINT}/permissions` },
		});
		const result = await run([{}], { operation: 'createCheckpointPermission', projectIds: `${first}, ${second}` });
		expect(result.nodeError('OpenAI')?.message).toBe(`The server's answer is not the permissions created for checkpoint ${CHECKPOINT}: it has no permission for ${second} [item 0]`);
	});

	it('the editor shows the Admin credential for these operations and the platform credential for every other one', () => {
		const { description } = new OpenAiPlatform();
		const shown = (parameters: IDataObject) =>
			(description.credentials ?? []).filter((credential) => NodeHelpers.displayParameter(parameters as never, credential, null, description)).map((credential) => credential.name);
		expect(shown({ resource: 'fineTuning', operation: 'createCheckpointPermission' })).toEqual(['openAiAdminApi']);
		expect(shown({ resource: 'fineTuning', operation: 'getCheckpointPermissions' })).toEqual(['openAiAdminApi']);
		expect(shown({ resource: 'fineTuning', operation: 'getCheckpoints' })).toEqual(['openAiPlatformApi']);
		expect(shown({ resource: 'chat', operation: 'message' })).toEqual(['openAiPlatformApi']);
	});
});

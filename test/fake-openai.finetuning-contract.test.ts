import { expectMatchesSpec, loadOpenApiSpec } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { call } from './fake-openai/testClient';

/**
 * The fake's fine-tuning jobs, which move from validating_files through queued and running (an
 * event and a checkpoint per epoch) to succeeded on the fake's clock: every answer, success and
 * error, must match OpenAI's spec for its operation and status.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

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
});

/* eslint-disable @typescript-eslint/no-explicit-any -- bodies are checked against the spec, read loosely here */
async function exchange(template: string, path: string, status: number, options: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; key?: string } = {}) {
	const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
	const result = await call<any>(fake.url, path, { method, body: options.body, key: options.key ?? FAKE_KEYS.project });
	expect({ status: result.status, body: result.body }).toMatchObject({ status });
	expectMatchesSpec(method, template, status, result.body);
	return result.body;
}

async function upload(text: string, purpose = 'fine-tune'): Promise<string> {
	const form = new FormData();
	form.append('purpose', purpose);
	form.append('file', new Blob([text]), 'train.jsonl');
	const response = await fetch(`${fake.url}/files`, { method: 'POST', headers: { authorization: `Bearer ${FAKE_KEYS.project}` }, body: form });
	return ((await response.json()) as { id: string }).id;
}

const LINE = JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }] });

describe('/fine_tuning/jobs', () => {
	it('a job moves from validating_files to succeeded, with events and checkpoints per epoch', async () => {
		const training = await upload(`${LINE}\n${LINE}\n`);
		const job = await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 200, {
			body: { model: 'gpt-4o-mini-2024-07-18', training_file: training, validation_file: training, suffix: 'support', seed: 7, metadata: { team: 'ml' }, method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto' } } } },
		});
		expect(job).toMatchObject({ status: 'validating_files', fine_tuned_model: null, seed: 7, metadata: { team: 'ml' } });
		const path = `/fine_tuning/jobs/${job.id}`;
		fake.clock.advance(1_000);
		expect((await exchange('/fine_tuning/jobs/{fine_tuning_job_id}', path, 200)).status).toBe('queued');
		fake.clock.advance(2_000);
		expect((await exchange('/fine_tuning/jobs/{fine_tuning_job_id}', path, 200)).status).toBe('running');
		expect((await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints', `${path}/checkpoints`, 200)).data).toHaveLength(1);
		fake.clock.advance(1_000);
		const done = await exchange('/fine_tuning/jobs/{fine_tuning_job_id}', path, 200);
		expect(done).toMatchObject({ status: 'succeeded', fine_tuned_model: expect.stringMatching(/^ft:gpt-4o-mini-2024-07-18:[a-z]+:support:/), trained_tokens: 2000 });
		const events = await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/events', `${path}/events?limit=3`, 200);
		expect(events).toMatchObject({ has_more: true });
		expect(events.data[0].message).toBe('The job has successfully completed');
		await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/events', `${path}/events?after=${events.data[2].id}`, 200);
		expect((await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints', `${path}/checkpoints?limit=1`, 200))).toMatchObject({ has_more: true, data: [{ step_number: 20 }] });
		await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/cancel', `${path}/cancel`, 400, { body: {} });
	});

	it('list (pages, metadata filter), pause, resume, cancel and their 4xx', async () => {
		const training = await upload(`${LINE}\n`);
		const create = (metadata: Record<string, string>) => exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 200, { body: { model: 'gpt-4o-mini', training_file: training, metadata } });
		const first = await create({ team: 'a' });
		await create({ team: 'b' });
		const page = await exchange('/fine_tuning/jobs', '/fine_tuning/jobs?limit=1', 200);
		expect(page.has_more).toBe(true);
		expect((await exchange('/fine_tuning/jobs', `/fine_tuning/jobs?after=${page.data[0].id}`, 200)).data.map((job: any) => job.id)).toEqual([first.id]);
		expect((await exchange('/fine_tuning/jobs', '/fine_tuning/jobs?metadata[team]=a', 200)).data.map((job: any) => job.id)).toEqual([first.id]);
		const path = `/fine_tuning/jobs/${first.id}`;
		await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/pause', `${path}/pause`, 400, { body: {} });
		fake.clock.advance(2_500);
		expect(await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/pause', `${path}/pause`, 200, { body: {} })).toMatchObject({ status: 'running' });
		fake.clock.advance(60_000);
		expect((await exchange('/fine_tuning/jobs/{fine_tuning_job_id}', path, 200)).status).toBe('running');
		await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/resume', `${path}/resume`, 200, { body: {} });
		await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/resume', `${path}/resume`, 400, { body: {} });
		expect(await exchange('/fine_tuning/jobs/{fine_tuning_job_id}/cancel', `${path}/cancel`, 200, { body: {} })).toMatchObject({ status: 'cancelled' });
		await exchange('/fine_tuning/jobs/{fine_tuning_job_id}', '/fine_tuning/jobs/ftjob-nope', 404);
	});

	it('methods (DPO, reinforcement), a failing training file, and the 400s of create', async () => {
		const training = await upload(`${LINE}\n`);
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 200, { body: { model: 'gpt-4.1-mini-2025-04-14', training_file: training, method: { type: 'dpo', dpo: { hyperparameters: { beta: 0.1, n_epochs: 1 } } } } });
		const grader = { type: 'string_check', name: 'exact', input: '{{sample.output_text}}', reference: '{{item.answer}}', operation: 'eq' };
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 200, { body: { model: 'o4-mini-2025-04-16', training_file: training, method: { type: 'reinforcement', reinforcement: { grader, hyperparameters: { reasoning_effort: 'low', eval_interval: 5 } } } } });
		const broken = await upload(`${LINE}\nnot json\n`);
		const failing = await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 200, { body: { model: 'gpt-4o-mini', training_file: broken } });
		fake.clock.advance(1_000);
		expect(await exchange('/fine_tuning/jobs/{fine_tuning_job_id}', `/fine_tuning/jobs/${failing.id}`, 200)).toMatchObject({ status: 'failed', error: { code: 'invalid_training_file' } });
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 400, { body: { model: 'gpt-4o-mini' } });
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 400, { body: { model: 'gpt-nope', training_file: training } });
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 400, { body: { model: 'gpt-4o-mini', training_file: 'file-nope' } });
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 400, { body: { model: 'gpt-4o-mini', training_file: await upload(LINE, 'assistants') } });
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 400, { body: { model: 'gpt-4o-mini', training_file: training, method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 99 } } } } });
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs', 400, { body: { model: 'gpt-4o-mini', training_file: training, method: { type: 'reinforcement', reinforcement: { grader } } } });
		await exchange('/fine_tuning/jobs', '/fine_tuning/jobs?limit=0', 400);
	});
});

describe('/fine_tuning/checkpoints/{checkpoint}/permissions (admin keys)', () => {
	const CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd:ckpt-step-10';
	const TEMPLATE = '/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions';
	const path = `/fine_tuning/checkpoints/${encodeURIComponent(CHECKPOINT)}/permissions`;
	const admin = { key: FAKE_KEYS.admin };

	it('create (one permission per project, kept when granted again), list (pages, order, project filter), delete', async () => {
		const [first, second] = fake.org.projects.filter((project) => project.archivedAt === null).map((project) => project.id);
		const created = await exchange(TEMPLATE, path, 200, { ...admin, body: { project_ids: [first, second] } });
		expect(created.data.map((permission: any) => permission.project_id)).toEqual([first, second]);
		const again = await exchange(TEMPLATE, path, 200, { ...admin, body: { project_ids: [first] } });
		expect(again.data[0].id).toBe(created.data[0].id);

		const newest = await exchange(TEMPLATE, `${path}?limit=1`, 200, admin);
		expect(newest).toMatchObject({ has_more: true, data: [{ project_id: second }] });
		const rest = await exchange(TEMPLATE, `${path}?limit=1&after=${newest.data[0].id}`, 200, admin);
		expect(rest).toMatchObject({ has_more: false, data: [{ project_id: first }] });
		expect((await exchange(TEMPLATE, `${path}?order=ascending`, 200, admin)).data.map((permission: any) => permission.project_id)).toEqual([first, second]);
		expect((await exchange(TEMPLATE, `${path}?project_id=${second}`, 200, admin)).data).toHaveLength(1);

		const deleted = await exchange(`${TEMPLATE}/{permission_id}`, `${path}/${created.data[0].id}`, 200, { ...admin, method: 'DELETE' });
		expect(deleted).toEqual({ object: 'checkpoint.permission', id: created.data[0].id, deleted: true });
		expect((await exchange(TEMPLATE, path, 200, admin)).data.map((permission: any) => permission.project_id)).toEqual([second]);
		await exchange(`${TEMPLATE}/{permission_id}`, `${path}/${created.data[0].id}`, 404, { ...admin, method: 'DELETE' });
	});

	it('a project key, an unknown project, an empty list and a name that is no checkpoint are refused', async () => {
		await exchange(TEMPLATE, path, 403, { body: { project_ids: [fake.org.projects[0].id] } });
		await exchange(TEMPLATE, path, 400, { ...admin, body: { project_ids: ['proj_nope'] } });
		await exchange(TEMPLATE, path, 400, { ...admin, body: { project_ids: [] } });
		await exchange(TEMPLATE, path, 400, { ...admin, body: {} });
		await exchange(TEMPLATE, '/fine_tuning/checkpoints/gpt-4o/permissions', 404, admin);
		await exchange(TEMPLATE, `${path}?order=sideways`, 400, admin);
	});
});

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, FINE_TUNED_MODEL_IDS, startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const credentials = () => ({ openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } });

describe('Model → Get Many', () => {
	it('lists models through n8n, limited and filtered, each paired with its input item', async () => {
		const run = await runWorkflow(
			workflow({
				nodes: [{ parameters: { resource: 'model', operation: 'getAll', limit: 3, filters: { search: 'GPT-4' } } }],
			}),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('success');
		const items = run.output('OpenAI');
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(item.json).toEqual(
				expect.objectContaining({ id: expect.stringMatching(/gpt-4/i), object: 'model', owned_by: expect.any(String) }),
			);
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		const calls = fake.requests.filter((r) => r.path === '/v1/models');
		expect(calls).toHaveLength(1);
		expect(calls[0].authKey).toBe(FAKE_KEYS.project);
	});

	it('Return All gives every model; fine-tuned only and owner filters narrow it', async () => {
		const all = await runWorkflow(
			workflow({ nodes: [{ parameters: { resource: 'model', operation: 'getAll', returnAll: true } }] }),
			{ credentials: credentials() },
		);
		const ids = all.output('OpenAI').map((i) => i.json.id);
		expect(ids.length).toBeGreaterThan(20);
		expect(ids).toEqual(expect.arrayContaining([...FINE_TUNED_MODEL_IDS]));

		const fineTuned = await runWorkflow(
			workflow({
				nodes: [{ parameters: { resource: 'model', operation: 'getAll', returnAll: true, filters: { fineTunedOnly: true } } }],
			}),
			{ credentials: credentials() },
		);
		expect(fineTuned.output('OpenAI').map((i) => i.json.id).sort()).toEqual([...FINE_TUNED_MODEL_IDS].sort());

		const system = await runWorkflow(
			workflow({
				nodes: [{ parameters: { resource: 'model', operation: 'getAll', returnAll: true, filters: { ownedBy: 'system' } } }],
			}),
			{ credentials: credentials() },
		);
		expect(system.output('OpenAI').length).toBeGreaterThan(0);
		expect(system.output('OpenAI').every((i) => i.json.owned_by === 'system')).toBe(true);
	});

	it('runs once per input item', async () => {
		const run = await runWorkflow(
			workflow({
				items: [{ q: 'embedding' }, { q: 'whisper' }],
				nodes: [{ parameters: { resource: 'model', operation: 'getAll', returnAll: true, filters: { search: '={{ $json.q }}' } } }],
			}),
			{ credentials: credentials() },
		);
		const items = run.output('OpenAI');
		const fromFirst = items.filter((i) => (i.pairedItem as { item: number }).item === 0);
		const fromSecond = items.filter((i) => (i.pairedItem as { item: number }).item === 1);
		expect(fromFirst.length).toBeGreaterThan(0);
		expect(fromFirst.every((i) => String(i.json.id).includes('embedding'))).toBe(true);
		expect(fromSecond.every((i) => String(i.json.id).includes('whisper'))).toBe(true);
		expect(items.indexOf(fromSecond[0])).toBeGreaterThan(items.indexOf(fromFirst[fromFirst.length - 1]));
	});
});

describe('Model → Get', () => {
	it('gets a model by ID from an expression, keeping input order under concurrency', async () => {
		fake.setLatency(30);
		const ids = ['gpt-4o-mini', 'gpt-4o', 'whisper-1', 'tts-1', 'dall-e-3', 'o3', FINE_TUNED_MODEL_IDS[0]];
		const run = await runWorkflow(
			workflow({
				items: ids.map((id) => ({ id })),
				nodes: [
					{
						parameters: {
							resource: 'model',
							operation: 'get',
							modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
							requestOptions: { concurrency: 3 },
						},
					},
				],
			}),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('success');
		const items = run.output('OpenAI');
		expect(items.map((i) => i.json.id)).toEqual(ids);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		// at most 3 requests were in flight at any time
		const calls = fake.requests.filter((r) => r.path.startsWith('/v1/models/'));
		const events = calls.flatMap((c) => [
			{ t: c.startedAt, d: 1 },
			{ t: c.startedAt + (c.durationMs ?? 0), d: -1 },
		]);
		events.sort((a, b) => a.t - b.t || a.d - b.d);
		let inFlight = 0;
		let peak = 0;
		for (const e of events) peak = Math.max(peak, (inFlight += e.d));
		expect(peak).toBeLessThanOrEqual(3);
		expect(peak).toBeGreaterThan(1);
	});

	it('an unknown model is a NodeApiError with OpenAI message, hint and item', async () => {
		const run = await runWorkflow(
			workflow({
				items: [{ id: 'gpt-4o' }, { id: 'gpt-nope' }],
				nodes: [{ parameters: { resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } } }],
			}),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('error');
		const error = run.nodeError('OpenAI');
		expect(error?.message).toMatch(/^OpenAI: The model 'gpt-nope' does not exist/);
		expect(error?.description).toMatch(/Pick a model from the list/);
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect((error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('with Continue On Fail the failed item becomes an error item at its own position', async () => {
		const run = await runWorkflow(
			workflow({
				items: [{ id: 'gpt-4o' }, { id: 'gpt-nope' }, { id: 'tts-1' }],
				nodes: [
					{
						onError: 'continueRegularOutput',
						parameters: { resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
					},
				],
			}),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('success');
		const items = run.output('OpenAI');
		expect(items).toHaveLength(3);
		expect(items[0].json.id).toBe('gpt-4o');
		expect(items[1].json.error).toMatch(/does not exist/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[2].json.id).toBe('tts-1');
	});

	it('an empty model ID is a NodeOperationError naming the parameter and the item', async () => {
		const run = await runWorkflow(
			workflow({
				items: [{ id: 'gpt-4o' }, { id: '' }],
				nodes: [{ parameters: { resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } } }],
			}),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('error');
		expect(run.nodeError('OpenAI')?.message).toBe('The "Model" parameter is empty [item 1]');
	});
});

describe('Model → Delete', () => {
	const deleteParams = (id: string) => ({
		resource: 'model',
		operation: 'delete',
		modelId: { __rl: true, mode: 'list', value: id },
	});

	it('deletes a fine-tuned model, which then is gone', async () => {
		const id = FINE_TUNED_MODEL_IDS[0];
		const run = await runWorkflow(workflow({ nodes: [{ parameters: deleteParams(id) }] }), { credentials: credentials() });
		expect(run.status).toBe('success');
		expect(run.output('OpenAI')[0].json).toEqual({ id, object: 'model', deleted: true });
		const del = fake.requests.find((r) => r.method === 'DELETE');
		expect(decodeURIComponent(del?.path ?? "")).toBe(`/v1/models/${id}`);

		const again = await runWorkflow(workflow({ nodes: [{ parameters: deleteParams(id) }] }), { credentials: credentials() });
		expect(again.status).toBe('error');
		expect((again.nodeError('OpenAI') as { httpCode?: string }).httpCode).toBe('404');
	});

	it('refuses a base model before any request, naming the parameter and the item', async () => {
		const run = await runWorkflow(workflow({ nodes: [{ parameters: deleteParams('gpt-4o') }] }), {
			credentials: credentials(),
		});
		expect(run.status).toBe('error');
		expect(run.nodeError('OpenAI')?.message).toMatch(/"gpt-4o" is not a fine-tuned model.*\[item 0\]/);
		expect(fake.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
	});
});

describe('credential headers', () => {
	it('sends organization and project headers only when set, and the key only from the credential', async () => {
		const params = { resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: 'gpt-4o' } };
		await runWorkflow(workflow({ nodes: [{ parameters: params }] }), {
			credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: `${fake.url}/`, organizationId: 'org-abc', projectId: 'proj_xyz' } },
		});
		await runWorkflow(workflow({ nodes: [{ parameters: params }] }), { credentials: credentials() });
		const [withIds, without] = fake.requests;
		expect(withIds.headers['openai-organization']).toBe('org-abc');
		expect(withIds.headers['openai-project']).toBe('proj_xyz');
		expect(withIds.headers.authorization).toBe(`Bearer ${FAKE_KEYS.project}`);
		expect(without.headers['openai-organization']).toBeUndefined();
		expect(without.headers['openai-project']).toBeUndefined();
		expect(without.headers.authorization).toBe(`Bearer ${FAKE_KEYS.project}`);
	});
});

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, FINE_TUNED_MODEL_IDS, startFakeOpenAi } from '../fake-openai';
import { runListSearch } from '../harness';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const wf = workflow({
	nodes: [{ parameters: { resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'list', value: '' } } }],
});
const credentials = { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: '' } };

describe('model pickers (listSearch)', () => {
	beforeEach(() => {
		credentials.openAiPlatformApi.url = fake.url;
	});

	it('lists every model sorted by ID, with docs links for base models', async () => {
		const result = await runListSearch(wf, 'OpenAI', 'searchModels', { credentials });
		const names = result.results.map((r) => r.name);
		expect(names.length).toBeGreaterThan(20);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		const gpt = result.results.find((r) => r.value === 'gpt-4o');
		expect(gpt).toMatchObject({ name: 'gpt-4o', description: 'Owned by system' });
		expect(gpt?.url).toBe('https://platform.openai.com/docs/models/gpt-4o');
		expect(result.paginationToken).toBeUndefined();
		expect(fake.requests[0].authKey).toBe(FAKE_KEYS.project);
	});

	it('filters by the search text, case-insensitively', async () => {
		const result = await runListSearch(wf, 'OpenAI', 'searchModels', { credentials, filter: 'EMBEDDING' });
		expect(result.results.length).toBeGreaterThan(1);
		expect(result.results.every((r) => String(r.value).includes('embedding'))).toBe(true);
	});

	it('the fine-tuned picker offers only fine-tuned models', async () => {
		const result = await runListSearch(wf, 'OpenAI', 'searchFineTunedModels', { credentials });
		expect(result.results.map((r) => r.value).sort()).toEqual([...FINE_TUNED_MODEL_IDS].sort());
		expect(result.results.every((r) => r.url === undefined)).toBe(true);
	});

	it('a wrong key gives the same helpful error as the node', async () => {
		await expect(
			runListSearch(wf, 'OpenAI', 'searchModels', {
				credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.admin, url: fake.url } },
			}),
		).rejects.toMatchObject({ description: expect.stringMatching(/Admin keys only work for the Admin API/) });
	});
});

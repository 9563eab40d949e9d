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

describe('per-operation model pickers', () => {
	beforeEach(() => {
		credentials.openAiPlatformApi.url = fake.url;
	});

	it.each([
		['searchChatModels', ['gpt-4o-mini', 'gpt-4.1', 'o3'], ['text-embedding-3-small', 'whisper-1', 'tts-1', 'dall-e-3', 'omni-moderation-latest']],
		['searchCompletionModels', ['gpt-3.5-turbo-instruct'], ['gpt-4o']],
		['searchEmbeddingModels', ['text-embedding-3-small', 'text-embedding-3-large'], ['gpt-4o']],
		['searchModerationModels', ['omni-moderation-latest'], ['gpt-4o']],
		['searchImageModels', ['dall-e-2', 'dall-e-3', 'gpt-image-1'], ['gpt-4o']],
		['searchSpeechModels', ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'], ['gpt-4o', 'whisper-1']],
		['searchTranscriptionModels', ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'], ['tts-1']],
	])('%s offers the right family', async (method, included, excluded) => {
		const result = await runListSearch(wf, 'OpenAI', method, { credentials });
		const ids = result.results.map((r) => r.value);
		expect(ids).toEqual(expect.arrayContaining(included));
		for (const id of excluded) expect(ids).not.toContain(id);
	});
});

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
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
const embed = (extra: Record<string, unknown> = {}) => ({
	resource: 'embedding',
	operation: 'create',
	modelId: { __rl: true, mode: 'id', value: 'text-embedding-3-small' },
	text: '={{ $json.text }}',
	...extra,
});
const embeddingCalls = () => fake.requests.filter((r) => r.path === '/v1/embeddings');

describe('Embedding → Create', () => {
	it('packs items into as few requests as the API allows and gives each vector back to its item', async () => {
		const texts = Array.from({ length: 5000 }, (_, i) => `text number ${i}`);
		const run = await runWorkflow(workflow({ items: texts.map((text) => ({ text })), nodes: [{ parameters: embed() }] }), {
			credentials: credentials(),
		});
		expect(run.status).toBe('success');
		const calls = embeddingCalls();
		expect(calls).toHaveLength(Math.ceil(5000 / 2048));
		expect(calls.map((c) => (c.body as { input: string[] }).input.length)).toEqual([2048, 2048, 904]);
		// the SDK asks for base64 on the wire and hands back numbers
		expect((calls[0].body as { encoding_format?: string }).encoding_format).toBe('base64');
		const items = run.output('OpenAI');
		expect(items).toHaveLength(5000);
		items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		expect(items[0].json).toMatchObject({ dimensions: 1536, model: expect.stringContaining('text-embedding-3-small') });
		expect((items[0].json.embedding as number[]).every((x) => typeof x === 'number')).toBe(true);

		// vectors are the ones the API computed for each text: same text -> same vector, whatever its batch
		const single = await runWorkflow(workflow({ items: [{ text: texts[4321] }], nodes: [{ parameters: embed() }] }), {
			credentials: credentials(),
		});
		const alone = single.output('OpenAI')[0].json.embedding as number[];
		expect(items[4321].json.embedding).toEqual(alone);
		expect(items[4320].json.embedding).not.toEqual(alone);
	});

	it('splits usage across the items of a request, adding up to what the API counted', async () => {
		const run = await runWorkflow(
			workflow({ items: [{ text: 'a short one' }, { text: 'a much longer text with many more words in it' }], nodes: [{ parameters: embed() }] }),
			{ credentials: credentials() },
		);
		const usages = run.output('OpenAI').map((i) => i.json.usage as { input_tokens: number; total_tokens: number; output_tokens: number });
		const response = embeddingCalls()[0];
		expect(response.status).toBe(200);
		expect(usages[1].input_tokens).toBeGreaterThan(usages[0].input_tokens);
		expect(usages.every((u) => u.output_tokens === 0)).toBe(true);
		const total = usages[0].total_tokens + usages[1].total_tokens;
		expect(total).toBeGreaterThan(0);
		expect(Number.isInteger(usages[0].total_tokens)).toBe(true);
	});

	it('never packs different models, dimensions or formats together', async () => {
		const run = await runWorkflow(
			workflow({
				items: [
					{ text: 'a', model: 'text-embedding-3-small', dims: 256 },
					{ text: 'b', model: 'text-embedding-3-large', dims: 256 },
					{ text: 'c', model: 'text-embedding-3-small', dims: 256 },
					{ text: 'd', model: 'text-embedding-3-small', dims: 512 },
				],
				nodes: [
					{
						parameters: embed({
							modelId: { __rl: true, mode: 'id', value: '={{ $json.model }}' },
							options: { dimensions: '={{ $json.dims }}' },
						}),
					},
				],
			}),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('success');
		const inputs = embeddingCalls().map((c) => (c.body as { input: string[] }).input);
		expect(inputs).toEqual([['a', 'c'], ['b'], ['d']]);
		expect(run.output('OpenAI').map((i) => i.json.dimensions)).toEqual([256, 256, 256, 512]);
	});

	it('base64 format returns the encoded vector as the API sent it', async () => {
		const run = await runWorkflow(
			workflow({ items: [{ text: 'hello' }], nodes: [{ parameters: embed({ options: { encodingFormat: 'base64', dimensions: 8 } }) }] }),
			{ credentials: credentials() },
		);
		const value = run.output('OpenAI')[0].json.embedding;
		expect(typeof value).toBe('string');
		expect(Buffer.from(value as string, 'base64').length).toBe(8 * 4);
	});

	it('rejects a non-string or empty text before any request, naming the parameter and the item', async () => {
		const run = await runWorkflow(
			workflow({ items: [{ text: 'fine' }, { text: { not: 'a string' } }], nodes: [{ parameters: embed() }] }),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('error');
		expect(run.nodeError('OpenAI')?.message).toBe('The "Text" parameter must be a string, not an object [item 1]');
		expect(embeddingCalls()).toHaveLength(0);

		const empty = await runWorkflow(workflow({ items: [{ text: '   ' }], nodes: [{ parameters: embed() }] }), {
			credentials: credentials(),
		});
		expect(empty.nodeError('OpenAI')?.message).toBe('The "Text" parameter is empty [item 0]');
	});

	it('with Continue On Fail, bad items become error items in place and the rest are still packed', async () => {
		const run = await runWorkflow(
			workflow({
				items: [{ text: 'one' }, { text: '' }, { text: 'three' }, { text: 42 }],
				nodes: [{ parameters: embed(), onError: 'continueRegularOutput' }],
			}),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('success');
		const items = run.output('OpenAI');
		expect(items.map((i) => (i.json.error ? 'error' : 'vector'))).toEqual(['vector', 'error', 'vector', 'error']);
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(embeddingCalls()).toHaveLength(1);
	});

	it('an API error for a packed request fails every item of that request, naming the first', async () => {
		const run = await runWorkflow(
			workflow({
				items: [{ text: 'one' }, { text: 'two' }],
				nodes: [{ parameters: embed({ modelId: { __rl: true, mode: 'id', value: 'gpt-4o' } }), onError: 'continueRegularOutput' }],
			}),
			{ credentials: credentials() },
		);
		const items = run.output('OpenAI');
		expect(items).toHaveLength(2);
		expect(items.every((i) => typeof i.json.error === 'string')).toBe(true);
	});
});

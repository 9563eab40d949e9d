import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import type { NodeSpec } from './workflows';
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
const calls = () => fake.requests.filter((r) => r.path === '/v1/moderations');
const bodyOf = (index = 0) => calls()[index].body as IDataObject;

const PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function run(items: IDataObject[], parameters: IDataObject = {}, spec: Partial<NodeSpec> = {}) {
	const node: NodeSpec = {
		...spec,
		parameters: {
			resource: 'moderation',
			operation: 'classify',
			modelId: { __rl: true, mode: 'list', value: 'omni-moderation-latest' },
			input: '={{ $json.text }}',
			...parameters,
		},
	};
	return await runWorkflow(workflow({ items, nodes: [node] }), { credentials: credentials() });
}

describe('Moderation → Classify', () => {
	it('sends text as a string and returns flagged, categories and the top 5 scores (no usage)', async () => {
		const result = await run([{ text: 'I will kill you, idiot' }, { text: 'What a lovely day' }]);
		expect(result.status).toBe('success');
		expect(bodyOf(0)).toEqual({ model: 'omni-moderation-latest', input: 'I will kill you, idiot' });
		const [harmful, harmless] = result.output('OpenAI').map((i) => i.json);
		for (const json of [harmful, harmless]) {
			expect(Object.keys(json)).toEqual(['flagged', 'categories', 'category_scores', ...(json.applied_input_types ? ['applied_input_types'] : []), 'model', 'id']);
			const scores = Object.values(json.category_scores as IDataObject) as number[];
			expect(scores).toHaveLength(5);
			expect([...scores].sort((a, b) => b - a)).toEqual(scores);
		}
		expect(harmful.flagged).toBe(true);
		expect(harmful.categories).toEqual(['harassment', 'violence']);
		expect(Object.keys(harmful.category_scores as IDataObject).slice(0, 2).sort()).toEqual(['harassment', 'violence']);
		expect(harmful.applied_input_types).toEqual({ harassment: ['text'], violence: ['text'] });
		expect(harmless.flagged).toBe(false);
		expect(harmless.categories).toEqual([]);
		expect(harmless).not.toHaveProperty('usage');
		expect(result.output('OpenAI').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('sends text and images (URL and binary) as one multimodal input', async () => {
		const result = await run(
			[{ text: 'caption', $binary: { upload: { base64: PNG_BASE64, fileName: 'u.png', mimeType: 'image/png' } } }],
			{ imageUrls: 'https://example.com/gore.png', imageBinaryProperties: 'upload' },
		);
		expect(result.status).toBe('success');
		expect(bodyOf().input).toEqual([
			{ type: 'text', text: 'caption' },
			{ type: 'image_url', image_url: { url: 'https://example.com/gore.png' } },
			{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
		]);
		const json = result.output('OpenAI')[0].json;
		expect(json.flagged).toBe(true);
		expect(json.categories).toEqual(['violence', 'violence/graphic']);
		expect(json.applied_input_types).toEqual({ violence: ['text', 'image'], 'violence/graphic': ['text', 'image'] });
	});

	it('Category Scores "All" lists every category; Simplify off gives the API response', async () => {
		const all = await run([{ text: 'hello' }], { categoryScores: 'all' });
		expect(Object.keys(all.output('OpenAI')[0].json.category_scores as IDataObject).length).toBeGreaterThan(5);
		const full = await run([{ text: 'hello' }], { simplify: false });
		const json = full.output('OpenAI')[0].json;
		expect(json).toEqual(expect.objectContaining({ id: expect.stringMatching(/^modr-/), model: expect.any(String), results: expect.any(Array) }));
		expect((json.results as IDataObject[])[0]).toEqual(
			expect.objectContaining({ flagged: false, categories: expect.any(Object), category_scores: expect.any(Object) }),
		);
		expect(json).not.toHaveProperty('usage');
	});

	it('keeps order under concurrency; Continue On Fail keeps positions', async () => {
		fake.setLatency({ min: 10, max: 40 });
		const texts = ['one', 'two', '', 'four'];
		const result = await run(texts.map((text) => ({ text })), { requestOptions: { concurrency: 4 } }, { onError: 'continueRegularOutput' });
		const items = result.output('OpenAI');
		expect(items.map((i) => i.pairedItem)).toEqual(texts.map((_, item) => ({ item })));
		expect(items[2].json.error).toBe('The "Text" parameter is empty and no images are given [item 2]');
		expect(calls().map((c) => (c.body as IDataObject).input).sort()).toEqual(['four', 'one', 'two']);
	});

	const cases: Array<[string, IDataObject, IDataObject, string]> = [
		['no text and no images', { text: ' ' }, {}, 'The "Text" parameter is empty and no images are given [item 0]'],
		[
			'a missing binary property',
			{ text: 'x' },
			{ imageBinaryProperties: 'upload' },
			'No binary property "upload" for the "Image Binary Properties" parameter [item 0]',
		],
		[
			'a binary that is not an image',
			{ text: 'x', $binary: { upload: { text: 'plain', fileName: 'a.txt', mimeType: 'text/plain' } } },
			{ imageBinaryProperties: 'upload' },
			'The binary property "upload" of the "Image Binary Properties" parameter is not an image (text/plain) [item 0]',
		],
		[
			'an image URL that is not one',
			{ text: 'x' },
			{ imageUrls: 'not a url' },
			'The "Image URLs" parameter has an entry that is not an image URL: "not a url" [item 0]',
		],
	];

	it.each(cases)('%s: a NodeOperationError naming the parameter and item, no request', async (_name, item, parameters, message) => {
		const result = await run([item], parameters);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { message: string; description?: string; context?: { itemIndex?: number } };
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
		expect(error.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});
});

/**
 * Batch → Create From Items on the endpoints added for issue 14: /v1/completions, /v1/images/generations
 * and /v1/images/edits. Each line is the request the direct operation (Text → Complete, Image → Generate,
 * Image → Edit) builds for the item; results come back on their items, images as binary files like the
 * direct operations output them, also for items the deadline sends directly.
 */
import { DEADLINE } from '../../nodes/OpenAiPlatform/actions/batch/createFromItems';
import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { batchSettings } from '../fake-openai/areas/batches';
import { encodeImage, readImageInfo } from '../fake-openai/areas/media/imageCodecs';
import { mediaInspector } from '../fake-openai/areas/media/inspect';
import { runWorkflow } from '../harness';
import { binaryBytes, binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
	Object.assign(batchSettings(fake), { speed: 400 });
});
afterEach(() => {
	DEADLINE.cancelSettleMinutes = 10;
});

const run = async (spec: Parameters<typeof workflow>[0]) => await runWorkflow(workflow(spec), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes });
const waitOptions = { waitForCompletion: true, pollIntervalSeconds: 0.1 };
const batchOf = (endpoint: string, parameters: Record<string, unknown>, batchOptions: Record<string, unknown> = {}) => ({
	resource: 'batch',
	operation: 'createFromItems',
	endpoint,
	...parameters,
	batchOptions,
});

interface Line {
	custom_id: string;
	url: string;
	body: Record<string, unknown>;
}
async function inputLines(fileId: string): Promise<Line[]> {
	const response = await fetch(`${fake.url}/files/${fileId}/content`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
	return (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Line);
}
const inputFileOf = (json: Record<string, unknown>) => String((json.input_file as { id: string }).id);

const completeParameters = {
	modelId: { __rl: true, mode: 'list', value: 'gpt-3.5-turbo-instruct' },
	prompt: '={{ $json.prompt }}',
	options: { maxTokens: 20, temperature: 0 },
};
const prompts = [{ prompt: 'Once upon a time' }, { prompt: 'The capital of France is' }];

describe('Batch → Create From Items: /v1/completions', () => {
	it('each line is the Text → Complete request; results come back on their items, answered by the completions endpoint', async () => {
		const direct = await run({ items: prompts, nodes: [{ parameters: { resource: 'text', operation: 'complete', simplify: false, ...completeParameters } }] });
		expect(direct.status).toBe('success');
		const directBodies = fake.requests.filter((request) => request.path === '/v1/completions').map((request) => request.body);
		const directTexts = direct.output('OpenAI').map((item) => (item.json.choices as Array<{ text: string }>)[0].text);

		const created = await run({ items: prompts, nodes: [{ parameters: batchOf('/v1/completions', completeParameters) }] });
		const lines = await inputLines(inputFileOf(created.output('OpenAI')[0].json));
		expect(lines.map((line) => line.url)).toEqual(['/v1/completions', '/v1/completions']);
		expect(lines.map((line) => line.body)).toEqual(directBodies);

		const waited = await run({ items: prompts, nodes: [{ parameters: batchOf('/v1/completions', completeParameters, waitOptions) }] });
		expect(waited.status).toBe('success');
		const items = waited.output('OpenAI');
		expect(items.map((item) => [item.json.itemIndex, item.json.status, item.pairedItem])).toEqual([
			[0, 'succeeded', { item: 0 }],
			[1, 'succeeded', { item: 1 }],
		]);
		// the batch worker answers with the completions area's own handler: the same text as the direct request
		expect(items.map((item) => (item.json.response as { object: string; choices: Array<{ text: string }> }).choices[0].text)).toEqual(directTexts);
		expect(items[0].json.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });
	});

	it('a chat model fails its line with the error the endpoint gives it directly', async () => {
		const result = await run({
			items: prompts.slice(0, 1),
			nodes: [{ parameters: batchOf('/v1/completions', { ...completeParameters, modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' } }, waitOptions) }],
		});
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ status: 'failed', status_code: 404, response: null });
		expect((item.json.error as { message: string }).message).toMatch(/chat model and not supported in the v1\/completions endpoint/);
	});

	it('an empty prompt is refused like Text → Complete refuses it, naming the item, before any upload', async () => {
		const result = await run({ items: [{ prompt: 'fine' }, { prompt: '' }], nodes: [{ parameters: batchOf('/v1/completions', completeParameters) }] });
		expect(result.nodeError('OpenAI')?.message).toBe('The "Prompt" parameter is empty [item 1]');
		expect(fake.requests.filter((request) => request.path === '/v1/files')).toHaveLength(0);
	});
});

const generateParameters = {
	modelId: { __rl: true, mode: 'list', value: 'gpt-image-1' },
	prompt: '={{ $json.prompt }}',
	options: { n: 2, size: '1024x1024', quality: 'low', outputFormat: 'webp', binaryPropertyOutput: 'picture' },
};

describe('Batch → Create From Items: /v1/images/generations', () => {
	it('each line is the Image → Generate request; each result carries its images as binary files, named in the JSON', async () => {
		const items = [{ prompt: 'A lighthouse' }, { prompt: 'A red fox' }];
		const direct = await run({ items: items.slice(0, 1), nodes: [{ parameters: { resource: 'image', operation: 'generate', ...generateParameters } }] });
		expect(direct.status).toBe('success');
		const directBody = fake.requests.find((request) => request.path === '/v1/images/generations')?.body;

		const result = await run({ items, nodes: [{ parameters: batchOf('/v1/images/generations', generateParameters, waitOptions) }] });
		expect(result.status).toBe('success');
		const create = fake.requests.find((request) => request.path === '/v1/batches');
		const lines = await inputLines(String((create?.body as { input_file_id: string }).input_file_id));
		expect(lines[0].body).toEqual(directBody);

		const output = result.output('OpenAI');
		expect(output.map((item) => [item.json.itemIndex, item.json.status, Object.keys(item.binary ?? {})])).toEqual([
			[0, 'succeeded', ['picture', 'picture_2']],
			[1, 'succeeded', ['picture', 'picture_2']],
		]);
		const response = output[1].json.response as { data: Array<Record<string, unknown>>; output_format: string };
		expect(response.data).toEqual([{ binary: 'picture' }, { binary: 'picture_2' }]);
		expect(JSON.stringify(output[1].json)).not.toMatch(/b64_json/);
		expect(output[1].binary?.picture).toMatchObject({ mimeType: 'image/webp', fileName: 'image-1-1.webp' });
		const bytes = await binaryBytes(output[1], 'picture_2');
		expect(readImageInfo(bytes)).toMatchObject({ format: 'webp', width: 1024, height: 1024 });
	});

	it('Get Results of an image batch outputs the images as binary files too', async () => {
		const created = await run({ items: [{ prompt: 'A boat' }], nodes: [{ parameters: batchOf('/v1/images/generations', { ...generateParameters, options: { n: 1 } }) }] });
		const id = String(created.output('OpenAI')[0].json.id);
		await new Promise((resolve) => setTimeout(resolve, 600)); // 160 simulated seconds at speed 400
		const results = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'batch', operation: 'getResults', batchId: '={{ $json.id }}' } }] });
		const [item] = results.output('OpenAI');
		expect(item.json).toMatchObject({ status: 'succeeded', itemIndex: 0, response: { data: [{ binary: 'data' }] } });
		expect(readImageInfo(await binaryBytes(item, 'data'))).toMatchObject({ format: 'png', width: 1024, height: 1024 });
	});
});

const png = (size: number, red: number) => binarySpec(encodeImage('png', size, size, { r: red, g: 0, b: 0, a: 255 }), 'photo.png', 'image/png');
const editParameters = (model = 'gpt-image-1') => ({
	modelId: { __rl: true, mode: 'id', value: model },
	prompt: 'Make it blue',
	binaryPropertyName: 'data',
	options: { size: '1024x1024' },
});

describe('Batch → Create From Items: /v1/images/edits', () => {
	it('each line is the Image → Edit request in JSON form: the images as data URLs, the other fields as Edit sends them', async () => {
		const items = [{ $binary: { data: png(32, 200) } }, { $binary: { data: png(64, 10) } }];
		const direct = await run({ items: items.slice(0, 1), nodes: [{ parameters: { resource: 'image', operation: 'edit', ...editParameters() } }] });
		expect(direct.status).toBe('success');
		const [upload] = mediaInspector(fake).uploads.filter((entry) => entry.path === '/v1/images/edits');

		const result = await run({ items, nodes: [{ parameters: batchOf('/v1/images/edits', editParameters(), waitOptions) }] });
		expect(result.status).toBe('success');
		const create = fake.requests.find((request) => request.path === '/v1/batches');
		const lines = await inputLines(String((create?.body as { input_file_id: string }).input_file_id));
		const { images, ...fields } = lines[0].body as { images: Array<{ image_url: string }> };
		expect(fields).toEqual(upload.fields);
		expect(images).toEqual([{ image_url: `data:image/png;base64,${items[0].$binary.data.base64}` }]);

		const output = result.output('OpenAI');
		expect(output.map((item) => [item.json.status, item.binary?.data?.fileName])).toEqual([
			['succeeded', 'edited-0.png'],
			['succeeded', 'edited-1.png'],
		]);
	});

	it('dall-e-2 edits (which need an upload) are refused for a batch, naming the item', async () => {
		const result = await run({ items: [{ $binary: { data: png(32, 1) } }], nodes: [{ parameters: batchOf('/v1/images/edits', editParameters('dall-e-2')) }] });
		expect(result.nodeError('OpenAI')?.message).toBe('dall-e-2 edits need the image uploaded with the request, which a batch line cannot carry [item 0]');
		expect(fake.requests).toHaveLength(0);
	});

	it('at the deadline the edits run directly as JSON requests, and their images still come back as binary files', async () => {
		DEADLINE.cancelSettleMinutes = 0.005;
		Object.assign(batchSettings(fake), { speed: 1 });
		const result = await run({
			items: [{ $binary: { data: png(32, 50) } }, { $binary: { data: png(32, 60) } }],
			nodes: [{ parameters: batchOf('/v1/images/edits', editParameters(), { ...waitOptions, maxWaitMinutes: 0.005, atMaxWait: 'runDirectly' }) }],
		});
		expect(result.status).toBe('success');
		const output = result.output('OpenAI');
		expect(output.map((item) => [item.json.itemIndex, item.json.status, item.json.via, Object.keys(item.binary ?? {})])).toEqual([
			[0, 'succeeded', 'direct', ['data']],
			[1, 'succeeded', 'direct', ['data']],
		]);
		const posts = fake.requests.filter((request) => request.method === 'POST' && request.path === '/v1/images/edits');
		expect(posts).toHaveLength(2);
		expect(readImageInfo(await binaryBytes(output[1]))).toMatchObject({ format: 'png', width: 1024, height: 1024 });
	});
});

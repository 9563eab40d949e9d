import { createHash } from 'node:crypto';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { encodeImage, encodePng, readImageInfo } from '../fake-openai/areas/media/imageCodecs';
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
beforeEach(() => fake.reset());

const run = async (spec: Parameters<typeof workflow>[0]) =>
	await runWorkflow(workflow(spec), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes });
const model = (value: string) => ({ __rl: true, mode: 'list', value });
const generate = (extra: Record<string, unknown> = {}) => ({ resource: 'image', operation: 'generate', prompt: '={{ $json.prompt }}', ...extra });
const edit = (extra: Record<string, unknown> = {}) => ({ resource: 'image', operation: 'edit', prompt: 'Add a red hat', ...extra });
const png = (width: number, height: number, alpha = 255) => encodePng(width, height, { r: 10, g: 120, b: 200, a: alpha });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const requestsTo = (path: string) => fake.requests.filter((request) => request.path === path);

describe('Image → Generate', () => {
	it('gpt-image-1: one item per image with the file as binary data and the usage split across them', async () => {
		const result = await run({
			items: [{ prompt: 'A lighthouse at dawn' }],
			nodes: [{ parameters: generate({ options: { n: 2, size: '1536x1024', outputFormat: 'webp', background: 'transparent', quality: 'low', moderation: 'low' } }) }],
		});
		expect(result.status).toBe('success');
		const items = result.output('OpenAI');
		expect(items).toHaveLength(2);
		for (const [index, item] of items.entries()) {
			expect(item.json).toMatchObject({ model: 'gpt-image-1', index, size: '1536x1024', quality: 'low', background: 'transparent', format: 'webp' });
			expect(item.binary?.data).toMatchObject({ mimeType: 'image/webp', fileName: `image-${index + 1}.webp` });
			expect(readImageInfo(await binaryBytes(item))).toMatchObject({ format: 'webp', width: 1536, height: 1024, hasAlpha: true });
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		const usage = items.map((item) => item.json.usage as Record<string, number>);
		expect(usage[0].output_tokens + usage[1].output_tokens).toBe(2 * 272);
		expect(requestsTo('/v1/images/generations')[0].body).toEqual({
			model: 'gpt-image-1',
			prompt: 'A lighthouse at dawn',
			n: 2,
			size: '1536x1024',
			quality: 'low',
			background: 'transparent',
			output_format: 'webp',
			moderation: 'low',
		});
	});

	it('dall-e-3 asks for the image data and returns the revised prompt', async () => {
		const result = await run({
			items: [{ prompt: 'A cat' }],
			nodes: [{ parameters: generate({ modelId: model('dall-e-3'), options: { size: '1792x1024', quality: 'hd', style: 'natural' } }) }],
		});
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ model: 'dall-e-3', revised_prompt: 'A detailed rendering of: A cat', format: 'png' });
		expect(readImageInfo(await binaryBytes(item))).toMatchObject({ format: 'png', width: 1792, height: 1024 });
		expect(requestsTo('/v1/images/generations')[0].body).toEqual({ model: 'dall-e-3', prompt: 'A cat', size: '1792x1024', quality: 'hd', style: 'natural', response_format: 'b64_json' });
	});

	it('dall-e-2 with Return URLs gives links instead of files', async () => {
		const result = await run({ items: [{ prompt: 'A dog' }], nodes: [{ parameters: generate({ modelId: model('dall-e-2'), options: { returnUrls: true, size: '256x256', n: 2 } }) }] });
		const items = result.output('OpenAI');
		expect(items).toHaveLength(2);
		expect(items[0].binary).toBeUndefined();
		const url = String(items[0].json.url);
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/images\/files\/img-\w+\.png$/);
		const image = await fetch(url, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
		expect(readImageInfo(Buffer.from(await image.arrayBuffer()))).toMatchObject({ format: 'png', width: 256, height: 256 });
		expect(requestsTo('/v1/images/generations')[0].body).toMatchObject({ response_format: 'url' });
	});

	it.each([
		['dall-e-3 with 2 images', { modelId: model('dall-e-3'), options: { n: 2 } }, 'dall-e-3 makes one image per request, so "Number of Images" must be 1, not 2'],
		['a style with gpt-image-1', { options: { style: 'vivid' } }, 'The "Style" option only works with dall-e-3, not gpt-image-1'],
		['URLs from gpt-image-1', { options: { returnUrls: true } }, 'gpt-image-1 always returns the image data; "Return URLs" only works with dall-e-2 and dall-e-3'],
		['a transparent JPEG', { options: { background: 'transparent', outputFormat: 'jpeg' } }, 'A transparent background needs the PNG or WebP output format; JPEG has no transparency'],
		['a dall-e-3 size with gpt-image-1', { options: { size: '1792x1024' } }, 'Size 1792x1024 is not available for gpt-image-1 (it offers auto, 1024x1024, 1536x1024, 1024x1536)'],
		['compression of a PNG', { options: { outputCompression: 50 } }, '"Output Compression" only applies to the JPEG and WebP output formats, not PNG'],
		['a background with dall-e-2', { modelId: model('dall-e-2'), options: { background: 'opaque' } }, 'The "Background" option only works with gpt-image models, not dall-e-2'],
	])('refuses %s before any request, explaining the combination', async (_name, parameters, message) => {
		const result = await run({ items: [{ prompt: 'x' }], nodes: [{ parameters: generate(parameters) }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toBe(`${message} [item 0]`);
		expect(result.nodeError('OpenAI')?.description).toMatch(/OpenAI would reject this combination/);
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses an empty prompt and a prompt too long for the model, naming the item', async () => {
		const empty = await run({ items: [{ prompt: 'ok' }, { prompt: '  ' }], nodes: [{ parameters: generate() }] });
		expect(empty.nodeError('OpenAI')?.message).toBe('The "Prompt" parameter is empty [item 1]');
		const long = await run({ items: [{ prompt: 'x'.repeat(1001) }], nodes: [{ parameters: generate({ modelId: model('dall-e-2') }) }] });
		expect(long.nodeError('OpenAI')?.message).toBe('The "Prompt" parameter has 1001 characters; dall-e-2 accepts at most 1000 [item 0]');
	});

	it('an image model the API does not know is a NodeApiError with the model hint', async () => {
		const result = await run({ items: [{ prompt: 'x' }], nodes: [{ parameters: generate({ modelId: { __rl: true, mode: 'id', value: 'gpt-image-9' } }) }] });
		expect(result.nodeError('OpenAI')?.message).toBe("OpenAI: The model 'gpt-image-9' does not exist [item 0]");
		expect(result.nodeError('OpenAI')?.description).toMatch(/Pick a model from the list/);
	});
});

describe('Image → Edit', () => {
	it('sends several images and a mask as multipart files, byte for byte', async () => {
		const first = png(64, 48);
		const second = encodeImage('jpeg', 32, 32, { r: 90, g: 90, b: 90, a: 255 });
		const mask = png(64, 48, 0);
		const result = await run({
			items: [{ $binary: { data: binarySpec(first, 'room.png', 'image/png'), photo: binarySpec(second, 'hat.jpg', 'image/jpeg'), mask: binarySpec(mask, 'mask.png', 'image/png') } }],
			nodes: [{ parameters: edit({ binaryPropertyName: 'data, photo', maskPropertyName: 'mask', options: { inputFidelity: 'high', outputFormat: 'jpeg', outputCompression: 80 } }) }],
		});
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'edited.jpg' });
		expect(item.json.size).toBe('1536x1024'); // a landscape input: the closest gpt-image size
		expect(readImageInfo(await binaryBytes(item))).toMatchObject({ format: 'jpeg', width: 1536, height: 1024 });
		const [upload] = mediaInspector(fake).uploads;
		expect(upload.path).toBe('/v1/images/edits');
		expect(upload.fields).toMatchObject({ model: 'gpt-image-1', prompt: 'Add a red hat', input_fidelity: 'high', output_format: 'jpeg', output_compression: '80' });
		const files = upload.files.map(({ field, filename, contentType, sha256: hash }) => ({ field, filename, contentType, hash }));
		expect(files.filter((file) => file.field === 'image')).toEqual([
			{ field: 'image', filename: 'room.png', contentType: 'image/png', hash: sha256(first) },
			{ field: 'image', filename: 'hat.jpg', contentType: 'image/jpeg', hash: sha256(second) },
		]);
		expect(files.filter((file) => file.field === 'mask')).toEqual([{ field: 'mask', filename: 'mask.png', contentType: 'image/png', hash: sha256(mask) }]);
	});

	it('refuses a mask of another size than the image, before any request', async () => {
		const result = await run({
			items: [{ $binary: { data: binarySpec(png(64, 48), 'a.png', 'image/png'), mask: binarySpec(png(64, 64, 0), 'm.png', 'image/png') } }],
			nodes: [{ parameters: edit({ maskPropertyName: 'mask' }) }],
		});
		expect(result.nodeError('OpenAI')?.message).toBe('The mask in "Mask Data Field Name" is 64x64 but the image is 64x48; they must be the same size [item 0]');
		expect(fake.requests).toHaveLength(0);
	});

	it('dall-e-2 edits one square PNG: a JPEG or a rectangle is refused', async () => {
		const jpeg = await run({
			items: [{ $binary: { data: binarySpec(encodeImage('jpeg', 16, 16, { r: 1, g: 2, b: 3, a: 255 }), 'a.jpg', 'image/jpeg') } }],
			nodes: [{ parameters: edit({ modelId: model('dall-e-2') }) }],
		});
		expect(jpeg.nodeError('OpenAI')?.message).toBe('The file in "Input Data Field Names" ("a.jpg", image/jpeg) is not one of the PNG images this operation accepts [item 0]');
		const wide = await run({ items: [{ $binary: { data: binarySpec(png(32, 16), 'a.png', 'image/png') } }], nodes: [{ parameters: edit({ modelId: model('dall-e-2') }) }] });
		expect(wide.nodeError('OpenAI')?.message).toBe('The image in "Input Data Field Names" is 32x16; dall-e-2 edits only square images [item 0]');
		expect(fake.requests).toHaveLength(0);
	});

	it('a missing image property lists what the item has', async () => {
		const result = await run({ items: [{ $binary: { picture: binarySpec(png(8, 8), 'a.png', 'image/png') } }], nodes: [{ parameters: edit() }] });
		expect(result.nodeError('OpenAI')?.message).toBe('No binary property "data" for the "Input Data Field Names" parameter [item 0]');
		expect(result.nodeError('OpenAI')?.description).toMatch(/The item has: "picture"/);
	});
});

describe('Image → Create Variation', () => {
	it('makes variations of a square PNG with dall-e-2', async () => {
		const source = png(32, 32);
		const result = await run({
			items: [{ $binary: { data: binarySpec(source, 'logo.png', 'image/png') } }],
			nodes: [{ parameters: { resource: 'image', operation: 'createVariation', options: { n: 2, size: '512x512', binaryPropertyOutput: 'variation' } } }],
		});
		const items = result.output('OpenAI');
		expect(items).toHaveLength(2);
		expect(items[1].binary?.variation).toMatchObject({ mimeType: 'image/png', fileName: 'variation-2.png' });
		expect(readImageInfo(await binaryBytes(items[1], 'variation'))).toMatchObject({ width: 512, height: 512 });
		const [upload] = mediaInspector(fake).uploads;
		expect(upload).toMatchObject({ path: '/v1/images/variations', fields: { model: 'dall-e-2', n: '2', size: '512x512', response_format: 'b64_json' } });
		expect(upload.files[0].sha256).toBe(sha256(source));
	});

	it('refuses an image that is not square', async () => {
		const result = await run({ items: [{ $binary: { data: binarySpec(png(32, 20), 'a.png', 'image/png') } }], nodes: [{ parameters: { resource: 'image', operation: 'createVariation' } }] });
		expect(result.nodeError('OpenAI')?.message).toBe('The image in "Input Data Field Name" is 32x20; variations need a square image [item 0]');
	});
});

describe('Image → Analyze', () => {
	it('asks a vision model about binary images, sent as data URLs', async () => {
		const photo = png(8, 8);
		const result = await run({
			items: [{ $binary: { data: binarySpec(photo, 'a.png', 'image/png'), second: binarySpec(photo, 'b.png', 'image/png') } }],
			nodes: [{ parameters: { resource: 'image', operation: 'analyze', text: 'What colour is it?', binaryPropertyName: 'data, second', options: { detail: 'low', maxTokens: 50 } } }],
		});
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ content: expect.stringContaining('What colour is it?'), model: expect.stringMatching(/^gpt-4o-mini/), images: 2, finish_reason: 'stop' });
		expect(item.json.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });
		const body = requestsTo('/v1/chat/completions')[0].body as { model: string; max_completion_tokens: number; messages: Array<{ content: Array<Record<string, unknown>> }> };
		expect(body.model).toBe('gpt-4o-mini');
		expect(body.max_completion_tokens).toBe(50);
		expect(body.messages[0].content).toEqual([
			{ type: 'text', text: 'What colour is it?' },
			{ type: 'image_url', image_url: { url: `data:image/png;base64,${photo.toString('base64')}`, detail: 'low' } },
			{ type: 'image_url', image_url: { url: `data:image/png;base64,${photo.toString('base64')}`, detail: 'low' } },
		]);
	});

	it('takes image URLs, one per line', async () => {
		const result = await run({
			items: [{}],
			nodes: [{ parameters: { resource: 'image', operation: 'analyze', inputType: 'url', imageUrls: 'https://example.com/a.png\nhttps://example.com/b.jpg' } }],
		});
		expect(result.output('OpenAI')[0].json.images).toBe(2);
		const body = requestsTo('/v1/chat/completions')[0].body as { messages: Array<{ content: Array<{ image_url?: { url: string } }> }> };
		expect(body.messages[0].content.slice(1).map((part) => part.image_url?.url)).toEqual(['https://example.com/a.png', 'https://example.com/b.jpg']);
	});

	it('refuses a file that is not an image, and an empty question', async () => {
		const notImage = await run({ items: [{ $binary: { data: { text: '%PDF', fileName: 'a.pdf', mimeType: 'application/pdf' } } }], nodes: [{ parameters: { resource: 'image', operation: 'analyze' } }] });
		expect(notImage.nodeError('OpenAI')?.message).toBe('The file in "Input Data Field Names" ("a.pdf", application/pdf) is not one of the image files (PNG, JPEG, WebP, non-animated GIF) this operation accepts [item 0]');
		const empty = await run({
			items: [{ q: '' }],
			nodes: [{ parameters: { resource: 'image', operation: 'analyze', text: '={{ $json.q }}', inputType: 'url', imageUrls: 'https://example.com/a.png' } }],
		});
		expect(empty.nodeError('OpenAI')?.message).toBe('The "Text Input" parameter is empty [item 0]');
		const badUrl = await run({ items: [{}], nodes: [{ parameters: { resource: 'image', operation: 'analyze', inputType: 'url', imageUrls: 'ftp://example.com/a.png' } }] });
		expect(badUrl.nodeError('OpenAI')?.message).toBe('The "Image URLs" parameter has an entry that is not an image URL: "ftp://example.com/a.png" [item 0]');
		expect(fake.requests).toHaveLength(0);
	});
});

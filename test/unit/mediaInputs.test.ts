import { findImageOptionProblem, imageFamily } from '../../nodes/OpenAiPlatform/actions/image/imageModels';
import { imageRequestFields } from '../../nodes/OpenAiPlatform/actions/image/imageParameters';
import { base64Bytes, formatBytes } from '../../nodes/OpenAiPlatform/actions/shared/mediaBinary';
import { imageDimensions } from '../../nodes/OpenAiPlatform/actions/shared/mediaImage';
import { encodeJpeg, encodePng, encodeWebp } from '../fake-openai/areas/media/imageCodecs';

describe('imageDimensions', () => {
	const colour = { r: 1, g: 2, b: 3, a: 255 };
	it.each([
		['PNG', encodePng(300, 200, colour), 'png'],
		['JPEG', encodeJpeg(300, 200, 128), 'jpeg'],
		['WebP (lossless)', encodeWebp(300, 200, colour), 'webp'],
	])('reads the size of a %s', (_name, data, format) => {
		expect(imageDimensions(data)).toEqual({ format, width: 300, height: 200 });
	});

	it('reads GIF headers and refuses anything else', () => {
		const gif = Buffer.from('GIF89a\x40\x01\xc8\x00', 'latin1');
		expect(imageDimensions(gif)).toEqual({ format: 'gif', width: 320, height: 200 });
		expect(imageDimensions(Buffer.from('%PDF-1.7 not an image at all'))).toBeUndefined();
		expect(imageDimensions(Buffer.alloc(0))).toBeUndefined();
	});

	it('skips JPEG segments before the frame header', () => {
		const jpeg = encodeJpeg(64, 32, 10);
		const comment = Buffer.from([0xff, 0xfe, 0x00, 0x06, 0x61, 0x62, 0x63, 0x64]);
		const withComment = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]);
		expect(imageDimensions(withComment)).toEqual({ format: 'jpeg', width: 64, height: 32 });
	});
});

describe('image model rules', () => {
	it('knows the families', () => {
		expect(['gpt-image-1', 'gpt-image-1-mini', 'chatgpt-image-latest', 'dall-e-3', 'dall-e-2', 'flux-pro'].map(imageFamily)).toEqual([
			'gpt-image', 'gpt-image', 'gpt-image', 'dall-e-3', 'dall-e-2', 'other',
		]);
	});

	it.each([
		['gpt-image-1', 'generate', { quality: 'hd' }, 'Quality', /Quality "hd" is not available for gpt-image-1/],
		['dall-e-2', 'generate', { quality: 'high' }, 'Quality', /offers auto, standard/],
		['dall-e-2', 'generate', { moderation: 'low' }, 'Moderation', /only works with gpt-image models/],
		['dall-e-3', 'edit', {}, 'Model', /dall-e-3 cannot edit images/],
		['gpt-image-1', 'variation', {}, 'Model', /Only dall-e-2 can create variations/],
		['dall-e-2', 'edit', { inputFidelity: 'high' }, 'Input Fidelity', /only works with gpt-image models/],
		['dall-e-2', 'generate', { size: '1024x1536' }, 'Size', /offers 256x256, 512x512, 1024x1024/],
	] as const)('%s %s with %j is refused over "%s"', (model, kind, options, option, message) => {
		const problem = findImageOptionProblem(model, kind, options);
		expect(problem?.option).toBe(option);
		expect(problem?.message).toMatch(message);
	});

	it('accepts what each model offers, and anything for unknown models', () => {
		expect(findImageOptionProblem('gpt-image-1', 'generate', { size: 'auto', quality: 'high', background: 'transparent', outputFormat: 'webp', outputCompression: 70, moderation: 'low', n: 4 })).toBeUndefined();
		expect(findImageOptionProblem('dall-e-3', 'generate', { size: '1024x1792', quality: 'hd', style: 'natural', returnUrls: true, n: 1 })).toBeUndefined();
		expect(findImageOptionProblem('dall-e-2', 'variation', { size: '512x512', n: 10, returnUrls: true })).toBeUndefined();
		expect(findImageOptionProblem('my-image-model', 'generate', { style: 'vivid', size: '7x7', returnUrls: true })).toBeUndefined();
	});

	it('asks dall-e models for data unless URLs are wanted; never sends response_format to gpt-image', () => {
		const request = (model: string, returnUrls: boolean) => ({ model, options: { returnUrls }, outputProperty: 'data' });
		expect(imageRequestFields(request('dall-e-2', false))).toEqual({ response_format: 'b64_json' });
		expect(imageRequestFields(request('dall-e-3', true))).toEqual({ response_format: 'url' });
		expect(imageRequestFields(request('gpt-image-1', false))).toEqual({});
		expect(imageRequestFields({ model: 'gpt-image-1', options: { n: 2, outputFormat: 'jpeg', outputCompression: 0 }, user: 'u1', outputProperty: 'data' })).toEqual({
			n: 2,
			output_format: 'jpeg',
			output_compression: 0,
			user: 'u1',
		});
	});
});

describe('binary sizes', () => {
	it('computes the decoded size of base64 without decoding', () => {
		for (const length of [0, 1, 2, 3, 4, 5, 1000]) {
			const data = Buffer.alloc(length, 7).toString('base64');
			expect(base64Bytes(data)).toBe(length);
		}
		expect(base64Bytes(undefined)).toBe(0);
	});

	it('formats sizes for messages', () => {
		expect([formatBytes(512), formatBytes(2048), formatBytes(25 * 1024 * 1024)]).toEqual(['512 bytes', '2.0 KB', '25.0 MB']);
	});
});

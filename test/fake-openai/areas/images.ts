import type { AreaFactory, FakeRequest, FakeResponse } from '../area';
import { ApiError, integerAboveMax, integerBelowMin, invalidEnumValue, invalidType, invalidValue, missingParameter, modelNotFound, unknownParameter } from '../errors';
import { BASE_MODEL_IDS } from './modelCatalogue';
import { encodeImage, type ImageFormat, readImageInfo } from './media/imageCodecs';
import { mediaInspector, recordUpload } from './media/inspect';
import { fileStoreFor } from './media/fileStore';
import { lineHandlers } from './media/lineHandlers';
import { field, type MultipartForm, readMultipart, type UploadedFile } from './media/multipart';
import { perServer } from './media/serverState';

/**
 * /v1/images/generations, /edits, /variations with the real API's model rules (sizes, n, quality,
 * style, background, output format and compression per model family) and small real images:
 * solid-colour PNG/JPEG/WebP of the requested size, as base64 or as a URL served under
 * /v1/images/files/{name} (dall-e models with response_format=url). Edits take a multipart upload or
 * JSON image references (data URLs, URLs, file IDs; gpt-image models only), which is also how a batch
 * line on /v1/images/edits reaches them.
 */
type Family = 'dall-e-2' | 'dall-e-3' | 'gpt-image';

const IMAGE_MODELS: Record<string, Family> = {
	'dall-e-2': 'dall-e-2',
	'dall-e-3': 'dall-e-3',
	'gpt-image-1': 'gpt-image',
	'gpt-image-1-mini': 'gpt-image',
	'gpt-image-1.5': 'gpt-image',
	'chatgpt-image-latest': 'gpt-image',
};

const SIZES: Record<Family, readonly string[]> = {
	'dall-e-2': ['256x256', '512x512', '1024x1024'],
	'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
	'gpt-image': ['1024x1024', '1536x1024', '1024x1536', 'auto'],
};
const QUALITIES: Record<Family, readonly string[]> = {
	'dall-e-2': ['standard', 'auto'],
	'dall-e-3': ['standard', 'hd', 'auto'],
	'gpt-image': ['low', 'medium', 'high', 'auto'],
};
const PROMPT_LIMITS: Record<Family, number> = { 'dall-e-2': 1000, 'dall-e-3': 4000, 'gpt-image': 32_000 };
const MAX_UPLOAD: Record<Family, number> = { 'dall-e-2': 4 * 1024 * 1024, 'dall-e-3': 0, 'gpt-image': 50 * 1024 * 1024 };
const EDIT_JSON_FIELDS = ['model', 'images', 'mask', 'prompt', 'n', 'quality', 'input_fidelity', 'size', 'background', 'output_format', 'output_compression', 'moderation', 'user', 'stream', 'partial_images'];
const GENERATE_FIELDS = ['prompt', 'model', 'n', 'quality', 'response_format', 'output_format', 'output_compression', 'stream', 'partial_images', 'size', 'moderation', 'background', 'style', 'user'];

interface ImageParams {
	prompt?: string;
	model: string;
	family: Family;
	n: number;
	size?: string;
	quality?: string;
	responseFormat?: string;
	outputFormat?: string;
	outputCompression?: number;
	background?: string;
	moderation?: string;
	style?: string;
}

export const imagesArea: AreaFactory = (context) => {
	const served = perServer(context, 'servedImages', () => new Map<string, { data: Buffer; contentType: string }>());

	const respond = (request: FakeRequest, params: ImageParams, width: number, height: number, seed: string) => {
		const format: ImageFormat = (params.outputFormat as ImageFormat | undefined) ?? 'png';
		const transparent = params.background === 'transparent';
		const data = Array.from({ length: params.n }, (_, index) => {
			const hash = context.hash(seed, index);
			const colour = { r: hash & 0xff, g: (hash >> 8) & 0xff, b: (hash >> 16) & 0xff, a: transparent ? 0 : 255 };
			const bytes = encodeImage(format, width, height, colour);
			const image: Record<string, unknown> = {};
			if (params.responseFormat === 'url') {
				const name = `${context.ids.next('img-', 24, seed, index)}.${format}`;
				served.set(name, { data: bytes, contentType: `image/${format}` });
				image.url = `http://${String(request.headers.host ?? '127.0.0.1')}/v1/images/files/${name}`;
			} else {
				image.b64_json = bytes.toString('base64');
			}
			if (params.family === 'dall-e-3') image.revised_prompt = `A detailed rendering of: ${params.prompt ?? ''}`;
			return image;
		});
		const body: Record<string, unknown> = { created: context.clock.nowSeconds(), data };
		if (params.family === 'gpt-image') {
			const promptTokens = Math.ceil((params.prompt ?? '').length / 4);
			const perImage = { low: 272, medium: 1056, high: 4160, auto: 1056 }[params.quality ?? 'auto'] ?? 1056;
			body.background = transparent ? 'transparent' : 'opaque';
			body.output_format = format;
			body.quality = params.quality && params.quality !== 'auto' ? params.quality : 'medium';
			body.size = `${width}x${height}`;
			body.usage = {
				input_tokens: promptTokens,
				input_tokens_details: { text_tokens: promptTokens, image_tokens: 0 },
				output_tokens: perImage * params.n,
				total_tokens: promptTokens + perImage * params.n,
			};
			request.reportTokens(promptTokens + perImage * params.n);
		}
		return { body };
	};

	function generate(request: FakeRequest): FakeResponse {
		const body = (request.body ?? {}) as Record<string, unknown>;
		for (const key of Object.keys(body)) if (!GENERATE_FIELDS.includes(key)) throw unknownParameter(key);
		const params = readParams(body, 'dall-e-2', 'generate');
		const [width, height] = dimensions(params.size, params.family, undefined);
		return respond(request, params, width, height, `${params.model}|${params.prompt}`);
	}

	/** multipart (uploaded `image` files) or JSON (`images` references: data URLs, URLs, file IDs; gpt-image models only) */
	function edit(request: FakeRequest): FakeResponse {
		if (/^application\/json/i.test(String(request.headers['content-type'] ?? ''))) return editJson(request);
		const form = readMultipart(request);
		recordUpload(context, request.path, form);
		const params = readParams(formFields(form), 'dall-e-2', 'edit');
		const images = form.files.image ?? [];
		if (images.length === 0) throw missingParameter('image');
		if (params.family === 'dall-e-2' && images.length > 1) throw invalidValue('image', 'dall-e-2 edits take exactly one image.');
		if (images.length > 16) throw invalidValue('image', 'at most 16 images can be edited at once.');
		return editImages(request, params, images, form.files.mask?.[0]);
	}

	function editJson(request: FakeRequest): FakeResponse {
		const body = jsonBody(request);
		for (const key of Object.keys(body)) if (!EDIT_JSON_FIELDS.includes(key)) throw unknownParameter(key);
		const params = readParams(body, 'gpt-image-1.5', 'edit');
		if (params.family !== 'gpt-image') throw invalidValue('model', `JSON edits support GPT image models only; ${params.model} edits need a multipart upload.`);
		if (body.images === undefined) throw missingParameter('images');
		if (!Array.isArray(body.images)) throw invalidType('images', 'an array', typeof body.images);
		if (body.images.length === 0 || body.images.length > 16) throw invalidValue('images', 'expected between 1 and 16 image references.');
		const images = body.images.map((reference, index) => referencedImage(reference, `images[${index}]`));
		const mask = body.mask === undefined || body.mask === null ? undefined : referencedImage(body.mask, 'mask');
		return editImages(request, params, images, mask);
	}

	function editImages(request: FakeRequest, params: ImageParams, images: UploadedFile[], mask: UploadedFile | undefined): FakeResponse {
		const infos = images.map((image) => checkImageUpload(image, params.family, 'image'));
		if (mask) {
			const maskInfo = checkImageUpload(mask, params.family, 'mask');
			if (maskInfo.format !== 'png') throw invalidValue('mask', 'the mask must be a PNG file.');
			if (maskInfo.width !== infos[0].width || maskInfo.height !== infos[0].height) {
				throw new ApiError(400, 'invalid_request_error', `Invalid mask image: the mask (${maskInfo.width}x${maskInfo.height}) and the image (${infos[0].width}x${infos[0].height}) must have the same dimensions.`, 'mask');
			}
		}
		const [width, height] = dimensions(params.size, params.family, infos[0]);
		return respond(request, params, width, height, `edit|${params.prompt}|${images.map((image) => image.data.length).join(',')}`);
	}

	/** An ImageRefParam: exactly one of image_url (a data URL; an http URL on a `.invalid` host cannot be downloaded) and file_id. */
	function referencedImage(reference: unknown, param: string): UploadedFile {
		if (!reference || typeof reference !== 'object' || Array.isArray(reference)) throw invalidType(param, 'an object', typeof reference);
		const { image_url: url, file_id: fileId, ...rest } = reference as Record<string, unknown>;
		for (const key of Object.keys(rest)) throw unknownParameter(`${param}.${key}`);
		if ((url === undefined) === (fileId === undefined)) throw invalidValue(param, 'provide exactly one of image_url or file_id.');
		if (typeof fileId === 'string') {
			const stored = fileStoreFor(context).get(fileId);
			if (!stored) throw invalidValue(`${param}.file_id`, `no file with id '${fileId}'.`);
			return { field: 'image', filename: stored.object.filename, contentType: 'application/octet-stream', data: stored.content };
		}
		if (typeof url !== 'string') throw invalidType(`${param}.image_url`, 'a string', typeof url);
		const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
		if (data) return { field: 'image', filename: 'image', contentType: data[1], data: Buffer.from(data[2], 'base64') };
		if (/^https?:\/\/[^/]+\.invalid(?:[/:]|$)/i.test(url)) throw new ApiError(400, 'invalid_request_error', `Error while downloading ${url}.`, `${param}.image_url`, 'invalid_image_url');
		if (!/^https?:\/\//i.test(url)) throw invalidValue(`${param}.image_url`, 'expected a URL or a base64 data URL.');
		// the fake downloads nothing: a reachable URL stands for a square 1024 PNG
		return { field: 'image', filename: 'image.png', contentType: 'image/png', data: encodeImage('png', 1024, 1024, { r: 0, g: 0, b: 0, a: 255 }) };
	}

	lineHandlers(context).set('/v1/images/generations', generate);
	lineHandlers(context).set('/v1/images/edits', edit);

	return {
		name: 'images',
		reset: () => {
			served.clear();
			mediaInspector(context).uploads.length = 0;
		},
		routes: [
			{
				method: 'POST',
				path: '/v1/images/generations',
				auth: { kind: 'api' },
				billable: true,
				estimateTokens: ({ body }) => Math.ceil(String((body as { prompt?: unknown })?.prompt ?? '').length / 4),
				handle: generate,
			},
			{
				method: 'POST',
				path: '/v1/images/edits',
				auth: { kind: 'api' },
				billable: true,
				body: 'raw',
				handle: edit,
			},
			{
				method: 'POST',
				path: '/v1/images/variations',
				auth: { kind: 'api' },
				billable: true,
				body: 'raw',
				handle: (request) => {
					const form = readMultipart(request);
					recordUpload(context, request.path, form);
					const params = readParams(formFields(form), 'dall-e-2', 'variation');
					if (params.family !== 'dall-e-2') throw invalidValue('model', `variations are only supported by dall-e-2, not ${params.model}.`);
					const image = form.files.image?.[0];
					if (!image) throw missingParameter('image');
					const info = checkImageUpload(image, 'dall-e-2', 'image');
					const [width, height] = dimensions(params.size, params.family, info);
					return respond(request, params, width, height, `variation|${image.data.length}`);
				},
			},
			{
				method: 'GET',
				path: '/v1/images/files/{name}',
				auth: { kind: 'api' },
				handle: ({ params }) => {
					const image = served.get(params.name);
					if (!image) throw new ApiError(404, 'invalid_request_error', `No image ${params.name}`);
					return { raw: image.data, contentType: image.contentType };
				},
			},
		],
	};
};

function jsonBody(request: FakeRequest): Record<string, unknown> {
	let body: unknown = request.body;
	if (body === undefined) {
		try {
			body = JSON.parse(request.rawBody.toString('utf8'));
		} catch {
			throw new ApiError(400, 'invalid_request_error', 'We could not parse the JSON body of your request.');
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'invalid_request_error', 'The body must be a JSON object.');
	return body as Record<string, unknown>;
}

function formFields(form: MultipartForm): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const name of Object.keys(form.fields)) out[name] = field(form, name);
	for (const name of ['n', 'output_compression']) {
		if (out[name] !== undefined) out[name] = Number(out[name]);
	}
	return out;
}

function readParams(body: Record<string, unknown>, defaultModel: string, operation: 'generate' | 'edit' | 'variation'): ImageParams {
	const model = body.model === undefined || body.model === null ? defaultModel : String(body.model);
	const family = IMAGE_MODELS[model];
	if (!family) {
		if (BASE_MODEL_IDS.includes(model)) throw invalidValue('model', `the model '${model}' does not support image ${operation === 'generate' ? 'generation' : 'edits'}.`);
		throw modelNotFound(model);
	}
	const params: ImageParams = { model, family, n: 1 };
	if (operation !== 'variation') {
		if (body.prompt === undefined) throw missingParameter('prompt');
		if (typeof body.prompt !== 'string') throw invalidType('prompt', 'a string', typeof body.prompt);
		if (body.prompt.trim() === '') throw invalidValue('prompt', 'the prompt must not be empty.');
		if (body.prompt.length > PROMPT_LIMITS[family]) {
			throw new ApiError(400, 'invalid_request_error', `Invalid 'prompt': string too long. Expected a string with maximum length ${PROMPT_LIMITS[family]}, but got a string with length ${body.prompt.length} instead.`, 'prompt', 'string_above_max_length');
		}
		params.prompt = body.prompt;
	}
	if (body.n !== undefined && body.n !== null) {
		const n = Number(body.n);
		if (!Number.isInteger(n)) throw invalidType('n', 'an integer', typeof body.n);
		if (n < 1) throw integerBelowMin('n', 1, n);
		const max = family === 'dall-e-3' ? 1 : 10;
		if (n > max) throw integerAboveMax('n', max, n);
		params.n = n;
	}
	const size = optionalString(body, 'size');
	if (size !== undefined) {
		if (!SIZES[family].includes(size)) throw invalidEnumValue('size', size, SIZES[family]);
		params.size = size;
	}
	const quality = optionalString(body, 'quality');
	if (quality !== undefined) {
		if (!QUALITIES[family].includes(quality)) throw invalidEnumValue('quality', quality, QUALITIES[family]);
		params.quality = quality;
	}
	const responseFormat = optionalString(body, 'response_format');
	if (responseFormat !== undefined) {
		if (family === 'gpt-image') throw unknownParameter('response_format');
		if (!['url', 'b64_json'].includes(responseFormat)) throw invalidEnumValue('response_format', responseFormat, ['url', 'b64_json']);
		params.responseFormat = responseFormat;
	} else if (family !== 'gpt-image') {
		params.responseFormat = 'url';
	}
	const onlyGptImage = (name: string) => {
		if (family !== 'gpt-image') throw invalidValue(name, `this parameter is only supported for gpt-image models, not ${model}.`);
	};
	const outputFormat = optionalString(body, 'output_format');
	if (outputFormat !== undefined) {
		onlyGptImage('output_format');
		if (!['png', 'jpeg', 'webp'].includes(outputFormat)) throw invalidEnumValue('output_format', outputFormat, ['png', 'jpeg', 'webp']);
		params.outputFormat = outputFormat;
	}
	if (body.output_compression !== undefined && body.output_compression !== null) {
		onlyGptImage('output_compression');
		const value = Number(body.output_compression);
		if (!Number.isInteger(value) || value < 0 || value > 100) throw invalidValue('output_compression', 'expected an integer between 0 and 100.');
		if ((params.outputFormat ?? 'png') === 'png') throw invalidValue('output_compression', "compression is only supported for the 'jpeg' and 'webp' output formats.");
		params.outputCompression = value;
	}
	const background = optionalString(body, 'background');
	if (background !== undefined) {
		onlyGptImage('background');
		if (!['transparent', 'opaque', 'auto'].includes(background)) throw invalidEnumValue('background', background, ['transparent', 'opaque', 'auto']);
		if (background === 'transparent' && params.outputFormat === 'jpeg') {
			throw invalidValue('background', "a transparent background needs the 'png' or 'webp' output format.");
		}
		params.background = background;
	}
	const moderation = optionalString(body, 'moderation');
	if (moderation !== undefined) {
		onlyGptImage('moderation');
		if (!['low', 'auto'].includes(moderation)) throw invalidEnumValue('moderation', moderation, ['low', 'auto']);
		params.moderation = moderation;
	}
	const style = optionalString(body, 'style');
	if (style !== undefined) {
		if (family !== 'dall-e-3') throw invalidValue('style', `style is only supported for dall-e-3, not ${model}.`);
		if (!['vivid', 'natural'].includes(style)) throw invalidEnumValue('style', style, ['vivid', 'natural']);
		params.style = style;
	}
	return params;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidType(name, 'a string', typeof value);
	return value;
}

function checkImageUpload(file: UploadedFile, family: Family, param: string) {
	const info = readImageInfo(file.data);
	if (!info || info.format === 'gif' || (family === 'dall-e-2' && info.format !== 'png')) {
		const accepted = family === 'dall-e-2' ? "'image/png'" : "'image/jpeg', 'image/png' and 'image/webp'";
		throw new ApiError(400, 'invalid_request_error', `Invalid file '${param}': unsupported mimetype ('${file.contentType}'). Supported file formats are ${accepted}.`, param, 'unsupported_file_mimetype');
	}
	if (MAX_UPLOAD[family] && file.data.length > MAX_UPLOAD[family]) {
		throw invalidValue(param, `the file must be smaller than ${MAX_UPLOAD[family] / 1024 / 1024} MB.`);
	}
	if (family === 'dall-e-2' && info.width !== info.height) throw invalidValue(param, 'uploaded image must be a square PNG.');
	return info;
}

function dimensions(size: string | undefined, family: Family, input: { width: number; height: number } | undefined): [number, number] {
	if (size && size !== 'auto') {
		const [width, height] = size.split('x').map(Number);
		return [width, height];
	}
	// gpt-image models answer in one of their sizes, the one closest to the input's shape
	if (input && family === 'gpt-image') {
		if (input.width > input.height) return [1536, 1024];
		if (input.width < input.height) return [1024, 1536];
	}
	return [1024, 1024];
}


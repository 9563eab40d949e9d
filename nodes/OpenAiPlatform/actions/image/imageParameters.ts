import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { modelLocator } from '../../../shared/descriptions';
import { readModelId } from '../model/modelId';
import { inputError } from '../shared/errors';
import { binaryOutputOption, readOutputProperty } from '../shared/mediaBinary';
import { findImageOptionProblem, imageFamily, type ImageOperationKind, type ImageOptions, PROMPT_LIMITS } from './imageModels';

/** Parameters shared by Generate, Edit and Create Variation, and how one item's values are read. */
export function imageModelLocator(defaultModel: string, description: string): INodeProperties {
	return modelLocator({
		searchListMethod: 'searchImageModels',
		default: { mode: 'list', value: defaultModel },
		description,
	});
}

export const promptProperty: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder: 'e.g. A watercolour lighthouse at dawn',
	description: 'What the image should show (up to 32,000 characters for gpt-image models, 4,000 for dall-e-3, 1,000 for dall-e-2)',
};

const option = (name: string, value: string, description?: string): INodePropertyOptions =>
	description ? { name, value, description } : { name, value };

const background: INodeProperties = {
	displayName: 'Background',
	name: 'background',
	type: 'options',
	default: 'auto',
	options: [option('Auto', 'auto'), option('Opaque', 'opaque'), option('Transparent', 'transparent', 'Needs the PNG or WebP output format')],
	description: 'Background of the image (gpt-image models only)',
};
const inputFidelity: INodeProperties = {
	displayName: 'Input Fidelity',
	name: 'inputFidelity',
	type: 'options',
	default: 'low',
	options: [option('High', 'high', 'Keep faces and details of the input closer'), option('Low', 'low')],
	description: 'How closely the edit keeps the input images (gpt-image models only)',
};
const moderation: INodeProperties = {
	displayName: 'Moderation',
	name: 'moderation',
	type: 'options',
	default: 'auto',
	options: [option('Auto', 'auto'), option('Low', 'low', 'Less restrictive filtering')],
	description: 'Content moderation level (gpt-image models only)',
};
const count: INodeProperties = {
	displayName: 'Number of Images',
	name: 'n',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 1,
	description: 'How many images to make (1 to 10; dall-e-3 makes one). Each image becomes one output item.',
};
const compression: INodeProperties = {
	displayName: 'Output Compression',
	name: 'outputCompression',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 100 },
	default: 100,
	description: 'Compression level in percent for JPEG and WebP output (gpt-image models only)',
};
const outputFormat: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'options',
	default: 'png',
	options: [option('JPEG', 'jpeg'), option('PNG', 'png'), option('WebP', 'webp')],
	description: 'File format of the images (gpt-image models only; dall-e models make PNG)',
};
const quality: INodeProperties = {
	displayName: 'Quality',
	name: 'quality',
	type: 'options',
	default: 'auto',
	options: [
		option('Auto', 'auto'),
		option('HD', 'hd', 'dall-e-3'),
		option('High', 'high', 'gpt-image models'),
		option('Low', 'low', 'gpt-image models'),
		option('Medium', 'medium', 'gpt-image models'),
		option('Standard', 'standard', 'dall-e-2 and dall-e-3'),
	],
	description: 'Image quality; which values work depends on the model',
};
const returnUrls: INodeProperties = {
	displayName: 'Return URLs',
	name: 'returnUrls',
	type: 'boolean',
	default: false,
	description: 'Whether to return links to the images instead of the files (dall-e models only; the links expire after an hour)',
};
const sizes = ['auto', '256x256', '512x512', '1024x1024', '1024x1536', '1024x1792', '1536x1024', '1792x1024'];
const size: INodeProperties = {
	displayName: 'Size',
	name: 'size',
	type: 'options',
	default: '1024x1024',
	options: sizes.map((value) => option(value === 'auto' ? 'Auto' : value, value)),
	description: 'Width x height in pixels. gpt-image: auto, 1024x1024, 1536x1024, 1024x1536; dall-e-3: 1024x1024, 1792x1024, 1024x1792; dall-e-2: 256x256, 512x512, 1024x1024.',
};
const style: INodeProperties = {
	displayName: 'Style',
	name: 'style',
	type: 'options',
	default: 'vivid',
	options: [option('Natural', 'natural'), option('Vivid', 'vivid')],
	description: 'Look of the image (dall-e-3 only)',
};
const user: INodeProperties = {
	displayName: 'User',
	name: 'user',
	type: 'string',
	default: '',
	description: 'An ID for your end user, which helps OpenAI detect abuse',
};

const imageOptions = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options,
});

export const generateOptions = imageOptions([background, moderation, count, compression, outputFormat, binaryOutputOption, quality, returnUrls, size, style, user]);
export const editOptions = imageOptions([background, inputFidelity, count, compression, outputFormat, binaryOutputOption, quality, returnUrls, size, user]);
export const variationOptions = imageOptions([count, binaryOutputOption, returnUrls, { ...size, options: ['256x256', '512x512', '1024x1024'].map((value) => option(value, value)) }, user]);

export interface ImageRequest {
	model: string;
	options: ImageOptions;
	user?: string;
	outputProperty: string;
}

/** Model and options of one item, checked against what the model accepts. */
export function readImageRequest(n8n: IExecuteFunctions, itemIndex: number, kind: ImageOperationKind): ImageRequest {
	const model = kind === 'variation' ? 'dall-e-2' : readModelId(n8n, itemIndex);
	const raw = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const options: ImageOptions = {
		n: raw.n === undefined ? undefined : Number(raw.n),
		size: raw.size as string | undefined,
		quality: raw.quality as string | undefined,
		background: raw.background as string | undefined,
		outputFormat: raw.outputFormat as string | undefined,
		outputCompression: raw.outputCompression === undefined ? undefined : Number(raw.outputCompression),
		moderation: raw.moderation as string | undefined,
		style: raw.style as string | undefined,
		returnUrls: raw.returnUrls === true,
		inputFidelity: raw.inputFidelity as string | undefined,
	};
	if (options.n !== undefined && !(Number.isInteger(options.n) && options.n >= 1 && options.n <= 10)) {
		throw inputError(n8n, itemIndex, `The "Number of Images" option must be a whole number from 1 to 10, not ${String(raw.n)}`, 'Set "Number of Images" between 1 and 10.');
	}
	const problem = findImageOptionProblem(model, kind, options);
	if (problem) {
		throw inputError(
			n8n,
			itemIndex,
			problem.message,
			`OpenAI would reject this combination. Change the "${problem.option}" ${problem.option === 'Model' ? 'parameter' : 'option'}, or pick a model that supports it.`,
		);
	}
	const userId = typeof raw.user === 'string' && raw.user.trim() ? raw.user.trim() : undefined;
	return { model, options, user: userId, outputProperty: readOutputProperty(raw.binaryPropertyOutput) };
}

/** The prompt of one item: not empty and within the model's length limit. */
export function readPrompt(n8n: IExecuteFunctions, itemIndex: number, model: string): string {
	const value = n8n.getNodeParameter('prompt', itemIndex, '') as unknown;
	const prompt = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (prompt.trim() === '') {
		throw inputError(n8n, itemIndex, 'The "Prompt" parameter is empty', 'Describe the image to make, or map a field with an expression.');
	}
	const family = imageFamily(model);
	if (family !== 'other' && prompt.length > PROMPT_LIMITS[family]) {
		throw inputError(
			n8n,
			itemIndex,
			`The "Prompt" parameter has ${prompt.length} characters; ${model} accepts at most ${PROMPT_LIMITS[family]}`,
			'Shorten the prompt, or use a gpt-image model (up to 32,000 characters).',
		);
	}
	return prompt;
}

/** Request fields of the options (snake_case), leaving out what was not set. */
export function imageRequestFields(request: ImageRequest): Record<string, unknown> {
	const { options } = request;
	const family = imageFamily(request.model);
	const fields: Record<string, unknown> = {
		n: options.n,
		size: options.size,
		quality: options.quality,
		background: options.background,
		output_format: options.outputFormat,
		output_compression: options.outputCompression,
		moderation: options.moderation,
		style: options.style,
		input_fidelity: options.inputFidelity,
		user: request.user,
	};
	// dall-e models answer with URLs unless asked for the data; gpt-image models always send data
	if (family === 'dall-e-2' || family === 'dall-e-3') fields.response_format = options.returnUrls ? 'url' : 'b64_json';
	else if (family === 'other' && options.returnUrls) fields.response_format = 'url';
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * What each image model family accepts, checked before a request so that a combination OpenAI
 * would reject gets a message that says which option clashes with which model. Models outside the
 * known families (OpenAI-compatible endpoints) are sent as they are.
 */
export type ImageFamily = 'gpt-image' | 'dall-e-3' | 'dall-e-2' | 'other';

export function imageFamily(model: string): ImageFamily {
	if (/^(gpt-image|chatgpt-image)/.test(model)) return 'gpt-image';
	if (model.startsWith('dall-e-3')) return 'dall-e-3';
	if (model.startsWith('dall-e-2')) return 'dall-e-2';
	return 'other';
}

export const IMAGE_SIZES: Record<Exclude<ImageFamily, 'other'>, readonly string[]> = {
	'gpt-image': ['auto', '1024x1024', '1536x1024', '1024x1536'],
	'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
	'dall-e-2': ['256x256', '512x512', '1024x1024'],
};

const QUALITIES: Record<Exclude<ImageFamily, 'other'>, readonly string[]> = {
	'gpt-image': ['auto', 'low', 'medium', 'high'],
	'dall-e-3': ['auto', 'standard', 'hd'],
	'dall-e-2': ['auto', 'standard'],
};

export const PROMPT_LIMITS: Record<Exclude<ImageFamily, 'other'>, number> = {
	'gpt-image': 32_000,
	'dall-e-3': 4000,
	'dall-e-2': 1000,
};

/** The image options as the node reads them (display names in messages). */
export interface ImageOptions {
	n?: number;
	size?: string;
	quality?: string;
	background?: string;
	outputFormat?: string;
	outputCompression?: number;
	moderation?: string;
	style?: string;
	returnUrls?: boolean;
	inputFidelity?: string;
}

export type ImageOperationKind = 'generate' | 'edit' | 'variation';

export interface OptionProblem {
	/** display name of the option that clashes */
	option: string;
	message: string;
}

const list = (values: readonly string[]) => values.join(', ');

/** The first option the model would reject, with the reason; undefined when all is well. */
export function findImageOptionProblem(model: string, kind: ImageOperationKind, options: ImageOptions): OptionProblem | undefined {
	const family = imageFamily(model);
	if (family === 'other') return undefined;
	const gptOnly = (option: string, set: unknown) =>
		set !== undefined && family !== 'gpt-image'
			? { option, message: `The "${option}" option only works with gpt-image models, not ${model}` }
			: undefined;

	if (kind === 'variation' && family !== 'dall-e-2') {
		return { option: 'Model', message: `Only dall-e-2 can create variations, not ${model}` };
	}
	if (kind === 'edit' && family === 'dall-e-3') {
		return { option: 'Model', message: 'dall-e-3 cannot edit images; use gpt-image-1 or dall-e-2' };
	}
	if (options.n !== undefined && family === 'dall-e-3' && options.n > 1) {
		return { option: 'Number of Images', message: `dall-e-3 makes one image per request, so "Number of Images" must be 1, not ${options.n}` };
	}
	if (options.size !== undefined && !IMAGE_SIZES[family].includes(options.size)) {
		return { option: 'Size', message: `Size ${options.size} is not available for ${model} (it offers ${list(IMAGE_SIZES[family])})` };
	}
	if (options.quality !== undefined && !QUALITIES[family].includes(options.quality)) {
		return { option: 'Quality', message: `Quality "${options.quality}" is not available for ${model} (it offers ${list(QUALITIES[family])})` };
	}
	if (options.style !== undefined && family !== 'dall-e-3') {
		return { option: 'Style', message: `The "Style" option only works with dall-e-3, not ${model}` };
	}
	if (options.returnUrls && family === 'gpt-image') {
		return { option: 'Return URLs', message: `${model} always returns the image data; "Return URLs" only works with dall-e-2 and dall-e-3` };
	}
	const gptProblem =
		gptOnly('Background', options.background) ??
		gptOnly('Output Format', options.outputFormat) ??
		gptOnly('Output Compression', options.outputCompression) ??
		gptOnly('Moderation', options.moderation) ??
		gptOnly('Input Fidelity', options.inputFidelity);
	if (gptProblem) return gptProblem;
	const format = options.outputFormat ?? 'png';
	if (options.background === 'transparent' && format === 'jpeg') {
		return { option: 'Background', message: 'A transparent background needs the PNG or WebP output format; JPEG has no transparency' };
	}
	if (options.outputCompression !== undefined && format === 'png') {
		return { option: 'Output Compression', message: '"Output Compression" only applies to the JPEG and WebP output formats, not PNG' };
	}
	return undefined;
}

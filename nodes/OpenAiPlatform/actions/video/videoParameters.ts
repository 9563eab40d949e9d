import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';

/** The parameters of a video request (Create; Remix, Edit and Extend share the prompt), and how one item's values are read. */
export const MAX_PROMPT_CHARS = 32_000;

export const VIDEO_MODELS = [
	{ name: 'Sora 2', value: 'sora-2', description: 'Fast, for ideas and social clips' },
	{ name: 'Sora 2 Pro', value: 'sora-2-pro', description: 'Higher quality, slower and dearer; needed for 1024x1792 and 1792x1024' },
];

export const VIDEO_SIZES = [
	{ name: '720x1280 (Portrait)', value: '720x1280' },
	{ name: '1280x720 (Landscape)', value: '1280x720' },
	{ name: '1024x1792 (Portrait, Sora 2 Pro)', value: '1024x1792' },
	{ name: '1792x1024 (Landscape, Sora 2 Pro)', value: '1792x1024' },
];
const PRO_ONLY_SIZES = new Set(['1024x1792', '1792x1024']);

export const CLIP_SECONDS = ['4', '8', '12'];
export const EXTENSION_SECONDS = ['4', '8', '12', '16', '20'];

export const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'options',
	default: 'sora-2',
	options: VIDEO_MODELS,
	description: 'The Sora model that renders the video (an expression may name a dated snapshot, e.g. sora-2-2025-12-08)',
};

export function promptProperty(description: string): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. A calico cat playing a piano on a small stage, warm spotlight, slow dolly in',
		description,
	};
}

export const secondsProperty: INodeProperties = {
	displayName: 'Seconds',
	name: 'seconds',
	type: 'options',
	default: '4',
	options: CLIP_SECONDS.map((value) => ({ name: `${value} Seconds`, value })),
	description: 'Length of the clip',
};

export const sizeProperty: INodeProperties = {
	displayName: 'Size',
	name: 'size',
	type: 'options',
	default: '720x1280',
	options: VIDEO_SIZES,
	description: 'Resolution of the video, width x height',
};

/** The "Prompt" parameter: not empty, at most 32,000 characters. */
export function readVideoPrompt(n8n: IExecuteFunctions, itemIndex: number): string {
	const value = n8n.getNodeParameter('prompt', itemIndex, '') as unknown;
	const prompt = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (!prompt.trim()) throw inputError(n8n, itemIndex, 'The "Prompt" parameter is empty', 'Describe the video: subject, setting, camera, light and motion.');
	if (prompt.length > MAX_PROMPT_CHARS) {
		throw inputError(n8n, itemIndex, `The "Prompt" parameter has ${prompt.length} characters; OpenAI accepts at most ${MAX_PROMPT_CHARS}`, 'Shorten the prompt.');
	}
	return prompt;
}

/** One of `allowed` (the parameter may be an expression), or an error naming the parameter. */
export function readChoice(n8n: IExecuteFunctions, itemIndex: number, name: string, displayName: string, allowed: readonly string[], fallback: string): string {
	const raw = n8n.getNodeParameter(name, itemIndex, fallback) as unknown;
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!allowed.includes(value)) {
		throw inputError(n8n, itemIndex, `The "${displayName}" parameter is ${JSON.stringify(raw)}, which OpenAI does not accept here`, `Use one of ${allowed.join(', ')}.`);
	}
	return value;
}

export interface ClipRequest {
	model: string;
	prompt: string;
	seconds: string;
	size: string;
}

/** Model, prompt, seconds and size of one item, checked like the API checks them (a pro size needs a pro model). */
export function readClipRequest(n8n: IExecuteFunctions, itemIndex: number): ClipRequest {
	const rawModel = n8n.getNodeParameter('model', itemIndex, 'sora-2') as unknown;
	const model = typeof rawModel === 'string' ? rawModel.trim() : '';
	if (!model) throw inputError(n8n, itemIndex, 'The "Model" parameter is empty', 'Pick Sora 2 or Sora 2 Pro.');
	const prompt = readVideoPrompt(n8n, itemIndex);
	const seconds = readChoice(n8n, itemIndex, 'seconds', 'Seconds', CLIP_SECONDS, '4');
	const size = readChoice(n8n, itemIndex, 'size', 'Size', VIDEO_SIZES.map((option) => option.value), '720x1280');
	if (PRO_ONLY_SIZES.has(size) && /^sora-2(?!-pro)/.test(model)) {
		throw inputError(n8n, itemIndex, `The "Size" ${size} needs Sora 2 Pro; the "Model" is ${model}`, 'Pick Sora 2 Pro as the model, or 720x1280 / 1280x720 as the size.');
	}
	return { model, prompt, seconds, size };
}

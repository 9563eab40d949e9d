import type { IExecuteFunctions } from 'n8n-workflow';
import type { ImageGenerateParamsNonStreaming } from 'openai/resources/images';

import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { IMAGES, imagesShape } from './answer';
import { imageItems } from './imageOutput';
import { generateOptions, imageModelLocator, imageRequestFields, type ImageRequest, promptProperty, readImageRequest, readPrompt } from './imageParameters';

export const generateImage: ItemOperation = {
	value: 'generate',
	name: 'Generate',
	action: 'Generate an image',
	description: 'Create images from a text prompt with gpt-image-1, dall-e-3 or dall-e-2',
	properties: [
		imageModelLocator('gpt-image-1', 'The image model: gpt-image-1 family, dall-e-3 or dall-e-2'),
		promptProperty,
		generateOptions,
	],
	async execute({ n8n, transport, itemIndex }) {
		const { request, body } = buildImageGenerateRequest(n8n, itemIndex);
		const response = await checkedCall(transport.client.images.generate(body), imagesShape(request.options.n ?? 1), IMAGES);
		return await imageItems(n8n, request, response, 'image');
	},
};

/** The request of one item (also a Batch → Create From Items line on /v1/images/generations), checked against the model. */
export function buildImageGenerateRequest(n8n: IExecuteFunctions, itemIndex: number): { request: ImageRequest; body: ImageGenerateParamsNonStreaming } {
	const request = readImageRequest(n8n, itemIndex, 'generate');
	const prompt = readPrompt(n8n, itemIndex, request.model);
	return { request, body: { model: request.model, prompt, ...imageRequestFields(request) } as ImageGenerateParamsNonStreaming };
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildChatRequest, messageModel } from '../chat/message';
import { createEmbeddings } from '../embedding/create';
import { editImage, imageEditJsonBody, readImageEdit } from '../image/edit';
import { buildImageGenerateRequest, generateImage } from '../image/generate';
import { buildModerationRequest, classifyContent } from '../moderation/classify';
import { buildResponseRequest, createResponse } from '../response/create';
import { inputError } from '../shared/errors';
import { buildCompletionRequest, completeText } from '../text/complete';
import type { OperationContext } from '../types';
import { modelProperty, promptProperty, readClipRequest, secondsProperty, sizeProperty } from '../video/videoParameters';

/**
 * The endpoints a batch can target, each with the parameters of its synchronous operation (minus
 * the output-only ones) and the request body that operation would send for one item. The bodies
 * are composed from the synchronous operations' own readers, so a batch line is exactly the
 * request Chat → Message a Model (etc.) would make.
 */
export type BatchEndpointUrl =
	| '/v1/chat/completions'
	| '/v1/responses'
	| '/v1/embeddings'
	| '/v1/completions'
	| '/v1/moderations'
	| '/v1/images/generations'
	| '/v1/images/edits'
	| '/v1/videos';

export interface BatchEndpoint {
	url: BatchEndpointUrl;
	name: string;
	description: string;
	/** the synchronous operation's parameters that shape the request */
	properties: INodeProperties[];
	/** the request body for one item, checked like the synchronous operation checks it */
	buildRequest(ctx: OperationContext): Promise<Record<string, unknown>>;
	/** image endpoints: a result's base64 images become binary properties, like Image → Generate/Edit output files */
	imageFileStem?: string;
}

/** Parameters that only shape a synchronous operation's output or how it waits (background mode), not its request. */
const OUTPUT_ONLY = new Set(['simplify', 'categoryScores', 'background', 'backgroundOptions']);
const requestProperties = (properties: INodeProperties[]) => properties.filter((property) => !OUTPUT_ONLY.has(property.name));

export const BATCH_ENDPOINTS: BatchEndpoint[] = [
	{
		url: '/v1/chat/completions',
		name: 'Chat Completions',
		description: 'Each item is one Chat → Message a Model request',
		properties: requestProperties(messageModel.properties),
		async buildRequest({ n8n, itemIndex }) {
			return (await buildChatRequest(n8n, itemIndex)).body as unknown as Record<string, unknown>;
		},
	},
	{
		url: '/v1/embeddings',
		name: 'Embeddings',
		description: 'Each item is one Embedding → Create request',
		properties: requestProperties(createEmbeddings.properties),
		async buildRequest(ctx) {
			const { value } = await createEmbeddings.prepare(ctx);
			return {
				model: value.model,
				input: value.text,
				...(value.dimensions !== undefined ? { dimensions: value.dimensions } : {}),
				...(value.encodingFormat === 'base64' ? { encoding_format: 'base64' } : {}),
			};
		},
	},
	{
		url: '/v1/completions',
		name: 'Completions (Legacy)',
		description: 'Each item is one Text → Complete request',
		properties: requestProperties(completeText.properties),
		async buildRequest({ n8n, itemIndex }) {
			return buildCompletionRequest(n8n, itemIndex) as unknown as Record<string, unknown>;
		},
	},
	{
		url: '/v1/images/generations',
		name: 'Image Generations',
		description: 'Each item is one Image → Generate request; each result carries its images as binary files',
		properties: requestProperties(generateImage.properties),
		imageFileStem: 'image',
		async buildRequest({ n8n, itemIndex }) {
			return buildImageGenerateRequest(n8n, itemIndex).body as unknown as Record<string, unknown>;
		},
	},
	{
		url: '/v1/images/edits',
		name: 'Image Edits',
		description:
			'Each item is one Image → Edit request (gpt-image models; the images go in the line as data URLs); each result carries its images as binary files',
		properties: requestProperties(editImage.properties),
		imageFileStem: 'edited',
		async buildRequest({ n8n, itemIndex }) {
			return imageEditJsonBody(n8n, itemIndex, await readImageEdit(n8n, itemIndex));
		},
	},
	{
		url: '/v1/moderations',
		name: 'Moderations',
		description: 'Each item is one Moderation → Classify request',
		properties: requestProperties(classifyContent.properties),
		async buildRequest({ n8n, itemIndex }) {
			return (await buildModerationRequest(n8n, itemIndex)) as unknown as Record<string, unknown>;
		},
	},
	{
		url: '/v1/responses',
		name: 'Responses',
		description: 'Each item is one Response → Create request',
		properties: requestProperties(createResponse.properties),
		async buildRequest({ n8n, itemIndex }) {
			return (await buildResponseRequest(n8n, itemIndex)).body as unknown as Record<string, unknown>;
		},
	},
	{
		url: '/v1/videos',
		name: 'Videos',
		description: 'Each item is one Video → Create request (no reference image: a batch line is JSON); the results are video jobs to download with Video → Download',
		properties: [modelProperty, promptProperty('What the video shows (up to 32,000 characters)'), secondsProperty, sizeProperty],
		async buildRequest({ n8n, itemIndex }) {
			const { model, prompt, seconds, size } = readClipRequest(n8n, itemIndex);
			return { model, prompt, seconds, size };
		},
	},
];

export function findBatchEndpoint(url: string): BatchEndpoint | undefined {
	return BATCH_ENDPOINTS.find((endpoint) => endpoint.url === url);
}

/** The endpoint an item asks for (the parameter may be an expression). */
export function readEndpoint(n8n: IExecuteFunctions, itemIndex: number): BatchEndpoint {
	const value = String(n8n.getNodeParameter('endpoint', itemIndex, '') ?? '').trim();
	const endpoint = findBatchEndpoint(value) ?? BATCH_ENDPOINTS.find((candidate) => candidate.name.toLowerCase() === value.toLowerCase());
	if (!endpoint) {
		throw inputError(
			n8n,
			itemIndex,
			`The "Endpoint" parameter "${value}" is not an endpoint the Batch API runs from this node`,
			`Use one of ${BATCH_ENDPOINTS.map((candidate) => candidate.url).join(', ')}.`,
		);
	}
	return endpoint;
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { ModerationMultiModalInput } from 'openai/resources/moderations';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

import { toChatMessages } from '../chat/messages';
import { messageModel } from '../chat/message';
import { readChatOptions } from '../chat/options';
import { createEmbeddings } from '../embedding/create';
import { readModelId } from '../model/modelId';
import { classifyContent } from '../moderation/classify';
import { createResponse } from '../response/create';
import { readResponseInput } from '../response/input';
import { readResponseOptions } from '../response/options';
import { readBuiltInTools } from '../response/tools';
import { inputError } from '../shared/errors';
import { readImageUrls } from '../shared/images';
import { readMessages } from '../shared/messages';
import { type ResponseFormat, readResponseFormat } from '../shared/responseFormat';
import { readText } from '../shared/values';
import type { OperationContext } from '../types';

/**
 * The endpoints a batch can target, each with the parameters of its synchronous operation (minus
 * the output-only ones) and the request body that operation would send for one item. The bodies
 * are composed from the synchronous operations' own readers, so a batch line is exactly the
 * request Chat → Message a Model (etc.) would make.
 */
export type BatchEndpointUrl = '/v1/chat/completions' | '/v1/responses' | '/v1/embeddings' | '/v1/moderations';

export interface BatchEndpoint {
	url: BatchEndpointUrl;
	name: string;
	description: string;
	/** the synchronous operation's parameters that shape the request */
	properties: INodeProperties[];
	/** the request body for one item, checked like the synchronous operation checks it */
	buildRequest(ctx: OperationContext): Promise<Record<string, unknown>>;
}

/** Parameters that only shape a synchronous operation's output, not its request. */
const OUTPUT_ONLY = new Set(['simplify', 'categoryScores']);
const requestProperties = (properties: INodeProperties[]) => properties.filter((property) => !OUTPUT_ONLY.has(property.name));

export const BATCH_ENDPOINTS: BatchEndpoint[] = [
	{
		url: '/v1/chat/completions',
		name: 'Chat Completions',
		description: 'Each item is one Chat → Message a Model request',
		properties: requestProperties(messageModel.properties),
		async buildRequest({ n8n, itemIndex }) {
			const body: ChatCompletionCreateParamsNonStreaming = {
				model: readModelId(n8n, itemIndex),
				messages: toChatMessages(await readMessages(n8n, itemIndex)),
				...readChatOptions(n8n, itemIndex),
				...chatResponseFormat(readResponseFormat(n8n, itemIndex)),
			};
			return body as unknown as Record<string, unknown>;
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
		url: '/v1/moderations',
		name: 'Moderations',
		description: 'Each item is one Moderation → Classify request',
		properties: requestProperties(classifyContent.properties),
		async buildRequest({ n8n, itemIndex }) {
			const model = readModelId(n8n, itemIndex);
			const text = readText(n8n, itemIndex, 'input');
			const images = await readImageUrls(n8n, itemIndex, {
				urls: readText(n8n, itemIndex, 'imageUrls'),
				binaryProperties: readText(n8n, itemIndex, 'imageBinaryProperties'),
				urlsName: 'Image URLs',
				binaryName: 'Image Binary Properties',
			});
			if (text.trim() === '' && images.length === 0) {
				throw inputError(n8n, itemIndex, 'The "Text" parameter is empty and no images are given', 'Enter the text to classify, or image URLs or binary properties.');
			}
			const input: string | ModerationMultiModalInput[] =
				images.length === 0
					? text
					: [
							...(text.trim() !== '' ? [{ type: 'text' as const, text }] : []),
							...images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
						];
			return { model, input };
		},
	},
	{
		url: '/v1/responses',
		name: 'Responses',
		description: 'Each item is one Response → Create request',
		properties: requestProperties(createResponse.properties),
		async buildRequest({ n8n, itemIndex }) {
			const instructions = readText(n8n, itemIndex, 'instructions');
			const tools = readBuiltInTools(n8n, itemIndex);
			const body: ResponseCreateParamsNonStreaming = {
				model: readModelId(n8n, itemIndex),
				input: await readResponseInput(n8n, itemIndex),
				...(instructions.trim() ? { instructions } : {}),
				...(tools.length > 0 ? { tools } : {}),
				...responseTextFormat(readResponseFormat(n8n, itemIndex)),
				...readResponseOptions(n8n, itemIndex),
			};
			return body as unknown as Record<string, unknown>;
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

function chatResponseFormat(format: ResponseFormat): Pick<ChatCompletionCreateParamsNonStreaming, 'response_format'> {
	if (format.type === 'text') return {};
	if (format.type === 'json_object') return { response_format: { type: 'json_object' } };
	const { name, schema, strict } = format;
	return { response_format: { type: 'json_schema', json_schema: { name, schema, strict } } };
}

function responseTextFormat(format: ResponseFormat): Pick<ResponseCreateParamsNonStreaming, 'text'> {
	if (format.type === 'text') return {};
	if (format.type === 'json_object') return { text: { format: { type: 'json_object' } } };
	const { name, schema, strict } = format;
	return { text: { format: { type: 'json_schema', name, schema, strict } } };
}

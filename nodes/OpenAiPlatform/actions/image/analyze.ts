import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';

import { toDataUrl } from '../../../shared/binary';
import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { normaliseUsage } from '../../../shared/tokenUsage';
import { CHAT_COMPLETION, chatCompletionShape } from '../chat/answer';
import { readModelId } from '../model/modelId';
import { inputError } from '../shared/errors';
import { checkSize, checkType, describeBinary, MB, readBinaryInput } from '../shared/mediaBinary';
import { VISION_TYPES } from '../shared/mediaImage';
import { readImageUrls } from '../shared/images';
import { splitNames } from '../shared/values';
import type { ItemOperation, OperationContext } from '../types';

const URLS_PARAMETER = 'Image URLs';
const BINARY_PARAMETER = 'Input Data Field Names';

const properties: INodeProperties[] = [
	modelLocator({
		searchListMethod: 'searchChatModels',
		default: { mode: 'list', value: 'gpt-4o-mini' },
		description: 'A chat model that can see images, e.g. gpt-4o-mini, gpt-4.1 or gpt-5',
	}),
	{
		displayName: 'Text Input',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 2 },
		default: "What's in this image?",
		required: true,
		description: 'The question or instruction about the images',
	},
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		default: 'binary',
		options: [
			{ name: 'Binary File(s)', value: 'binary', description: 'Images in binary properties of the input item' },
			{ name: 'Image URL(s)', value: 'url', description: 'Links to images OpenAI can download' },
		],
	},
	{
		displayName: BINARY_PARAMETER,
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, photo2',
		description: 'Comma-separated binary properties that hold the images (PNG, JPEG, WebP, non-animated GIF; up to 20 MB each)',
		displayOptions: { show: { inputType: ['binary'] } },
	},
	{
		displayName: URLS_PARAMETER,
		name: 'imageUrls',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description: 'One URL per line (or comma-separated): https:// links or data: URLs',
		displayOptions: { show: { inputType: ['url'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Detail',
				name: 'detail',
				type: 'options',
				default: 'auto',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'High', value: 'high', description: 'Finer detail, more tokens' },
					{ name: 'Low', value: 'low', description: 'A 512x512 view, fewer tokens' },
				],
				description: 'How closely the model looks at the images',
			},
			{
				displayName: 'Maximum Number of Tokens',
				name: 'maxTokens',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description: 'The most tokens the answer may use',
			},
		],
	},
];

export const analyzeImage: ItemOperation = {
	value: 'analyze',
	name: 'Analyze',
	action: 'Analyze an image',
	description: 'Ask a vision model a question about one or more images',
	properties,
	async execute(ctx) {
		const { n8n, transport, itemIndex } = ctx;
		const model = readModelId(n8n, itemIndex);
		const text = String(n8n.getNodeParameter('text', itemIndex, '') ?? '');
		if (text.trim() === '') {
			throw inputError(n8n, itemIndex, 'The "Text Input" parameter is empty', 'Write the question to ask about the images.');
		}
		const options = n8n.getNodeParameter('options', itemIndex, {}) as { detail?: 'auto' | 'low' | 'high'; maxTokens?: number };
		const urls = await imagesOf(ctx);
		const content: ChatCompletionContentPart[] = [
			{ type: 'text', text },
			...urls.map((url): ChatCompletionContentPart => ({ type: 'image_url', image_url: { url, detail: options.detail ?? 'auto' } })),
		];
		const completion = await checkedCall(
			transport.client.chat.completions.create({
				model,
				messages: [{ role: 'user', content }],
				...(options.maxTokens ? { max_completion_tokens: options.maxTokens } : {}),
			}),
			chatCompletionShape,
			CHAT_COMPLETION,
		);
		const choice = completion.choices[0];
		const json: IDataObject = {
			content: choice?.message?.content ?? null,
			model: completion.model,
			finish_reason: choice?.finish_reason ?? null,
			images: urls.length,
			usage: normaliseUsage(completion.usage as unknown as IDataObject),
		};
		return toItems(json);
	},
};

/** The images of the item as URLs: the typed links, or the binary files as data: URLs. */
async function imagesOf({ n8n, itemIndex }: OperationContext): Promise<string[]> {
	const inputType = n8n.getNodeParameter('inputType', itemIndex, 'binary') as string;
	if (inputType === 'url') {
		const urls = await readImageUrls(n8n, itemIndex, {
			urls: String(n8n.getNodeParameter('imageUrls', itemIndex, '') ?? ''),
			urlsName: URLS_PARAMETER,
			binaryName: BINARY_PARAMETER,
		});
		if (urls.length === 0) {
			throw inputError(n8n, itemIndex, `The "${URLS_PARAMETER}" parameter is empty`, 'Enter at least one image URL (https://… or data:image/…).');
		}
		return urls;
	}
	const names = splitNames(String(n8n.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? ''));
	if (names.length === 0) {
		throw inputError(n8n, itemIndex, `The "${BINARY_PARAMETER}" parameter is empty`, 'Enter the binary property that holds the image, e.g. data.');
	}
	const urls: string[] = [];
	for (const name of names) {
		const input = await describeBinary(n8n, itemIndex, name, BINARY_PARAMETER);
		checkType(n8n, itemIndex, input, VISION_TYPES);
		checkSize(n8n, itemIndex, input, 20 * MB, 'images in vision requests');
		urls.push(toDataUrl(await readBinaryInput(n8n, itemIndex, input), input.mimeType));
	}
	return urls;
}

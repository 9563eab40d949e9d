import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ModerationCreateParams, ModerationMultiModalInput } from 'openai/resources/moderations';

import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { readModelId } from '../model/modelId';
import { inputError } from '../shared/errors';
import { readImageUrls } from '../shared/images';
import { simplifyProperty } from '../shared/simplify';
import { readText } from '../shared/values';
import type { Operation } from '../types';
import { MODERATION, moderationShape, resultsFor } from './answer';
import type { ScoreSelection } from './simplify';
import { simplifyModeration } from './simplify';

export const classifyContent: Operation = {
	value: 'classify',
	name: 'Classify',
	action: 'Classify text and images for policy violations',
	description: 'Check text and images for harmful content (harassment, hate, self-harm, sexual, violence …)',
	properties: [
		modelLocator({
			searchListMethod: 'searchModerationModels',
			default: { mode: 'list', value: 'omni-moderation-latest' },
			description: 'The moderation model; omni-moderation models also classify images',
		}),
		{
			displayName: 'Text',
			name: 'input',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'e.g. {{ $json.comment }}',
			description: 'The text to classify (may be empty when images are given)',
		},
		{
			displayName: 'Image URLs',
			name: 'imageUrls',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/upload.png',
			description: 'Images to classify: http(s) or data: URLs, one per line or separated by commas',
		},
		{
			displayName: 'Image Binary Properties',
			name: 'imageBinaryProperties',
			type: 'string',
			default: '',
			placeholder: 'e.g. data',
			description: 'Images from the input item to classify: the names of its binary properties, separated by commas',
		},
		simplifyProperty(
			'Whether to return only whether the input was flagged, the flagged categories and the category scores, instead of the full API response',
		),
		{
			displayName: 'Category Scores',
			name: 'categoryScores',
			type: 'options',
			options: [
				{ name: 'All', value: 'all', description: 'Every category, highest score first' },
				{ name: 'Top 5', value: 'top5', description: 'The 5 highest scores' },
			],
			default: 'top5',
			description: 'Which category scores the simplified output lists',
			displayOptions: { show: { simplify: [true] } },
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const request = await buildModerationRequest(n8n, itemIndex);
		const response = await checkedCall(transport.client.moderations.create(request), moderationShape(resultsFor(request.input)), MODERATION);
		const simplify = n8n.getNodeParameter('simplify', itemIndex, true) as boolean;
		if (!simplify) return toItems(response as unknown as IDataObject);
		const scores = n8n.getNodeParameter('categoryScores', itemIndex, 'top5') as ScoreSelection;
		return toItems(simplifyModeration(response, scores === 'all' ? 'all' : 'top5'));
	},
};

/** The request this operation sends for one item (also a Batch API line). */
export async function buildModerationRequest(
	n8n: IExecuteFunctions,
	itemIndex: number,
): Promise<ModerationCreateParams> {
	const model = readModelId(n8n, itemIndex);
	const text = readText(n8n, itemIndex, 'input');
	const images = await readImageUrls(n8n, itemIndex, {
		urls: readText(n8n, itemIndex, 'imageUrls'),
		binaryProperties: readText(n8n, itemIndex, 'imageBinaryProperties'),
		urlsName: 'Image URLs',
		binaryName: 'Image Binary Properties',
	});
	if (text.trim() === '' && images.length === 0) {
		throw inputError(
			n8n,
			itemIndex,
			'The "Text" parameter is empty and no images are given',
			'Enter the text to classify (e.g. {{ $json.comment }}), or image URLs or binary properties.',
		);
	}
	const input: string | ModerationMultiModalInput[] =
		images.length === 0
			? text
			: [
					...(text.trim() !== '' ? [{ type: 'text' as const, text }] : []),
					...images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
				];
	return { model, input };
}

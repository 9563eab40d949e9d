import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { modelLocator } from '../../../shared/descriptions';
import { checkedCall } from '../../../shared/shape';
import { normaliseUsage, shareUsage } from '../../../shared/tokenUsage';
import { UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { readModelId } from '../model/modelId';
import type { OperationContext, PackedEntry, PackedOperation } from '../types';
import { decodeFloat32, EMBEDDINGS, embeddingListShape } from './answer';

/** What the API allows in one embeddings request. */
export const MAX_INPUTS_PER_REQUEST = 2048;
export const MAX_TOKENS_PER_REQUEST = 300_000;

interface EmbeddingEntry {
	text: string;
	model: string;
	dimensions?: number;
	encodingFormat: 'float' | 'base64';
}

interface EmbeddingOptions {
	dimensions?: number;
	encodingFormat?: 'float' | 'base64';
}

/**
 * A conservative token estimate: OpenAI's tokenizer gives about 4 characters of English a token,
 * but about one token per character for many scripts; bytes/3 covers both without a tokenizer.
 */
export function estimateEmbeddingTokens(text: string): number {
	return Math.max(1, Math.ceil(Buffer.byteLength(text, 'utf8') / 3));
}

export const createEmbeddings: PackedOperation<EmbeddingEntry> = {
	kind: 'packed',
	value: 'create',
	name: 'Create',
	action: 'Create embeddings',
	description:
		"Turn each item's text into a vector. Items are packed into as few requests as the API allows.",
	limits: { maxItems: MAX_INPUTS_PER_REQUEST, maxWeight: MAX_TOKENS_PER_REQUEST },
	properties: [
		modelLocator({
			searchListMethod: 'searchEmbeddingModels',
			default: { mode: 'list', value: 'text-embedding-3-small' },
		}),
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '={{ $json.text }}',
			required: true,
			description: 'The text to embed, one per item (up to 8,192 tokens)',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Dimensions',
					name: 'dimensions',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1536,
					description:
						'Shorten the vectors to this many dimensions (text-embedding-3 models only; their full size is 1,536 for small and 3,072 for large)',
				},
				{
					displayName: 'Encoding Format',
					name: 'encodingFormat',
					type: 'options',
					options: [
						{ name: 'Float', value: 'float', description: 'An array of numbers' },
						{
							name: 'Base64',
							value: 'base64',
							description: 'The float32 values as a base64 string: a quarter of the size',
						},
					],
					default: 'float',
				},
			],
		},
	],

	async prepare({ n8n, itemIndex }: OperationContext): Promise<PackedEntry<EmbeddingEntry>> {
		const model = readModelId(n8n, itemIndex);
		const text = n8n.getNodeParameter('text', itemIndex) as unknown;
		if (typeof text !== 'string') {
			throw new NodeOperationError(
				n8n.getNode(),
				`The "Text" parameter must be a string, not ${describeValue(text)} [item ${itemIndex}]`,
				{ itemIndex, description: 'Embeddings take text. Convert the value to a string, e.g. {{ JSON.stringify($json.data) }}.' },
			);
		}
		if (text.trim() === '') {
			throw new NodeOperationError(n8n.getNode(), `The "Text" parameter is empty [item ${itemIndex}]`, {
				itemIndex,
				description: 'OpenAI rejects empty input. Filter out items without text before this node.',
			});
		}
		const options = n8n.getNodeParameter('options', itemIndex, {}) as EmbeddingOptions;
		const dimensions = options.dimensions;
		if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions < 1)) {
			throw new NodeOperationError(
				n8n.getNode(),
				`The "Dimensions" option must be a whole number of at least 1, not ${dimensions} [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		const encodingFormat = options.encodingFormat ?? 'float';
		return {
			itemIndex,
			key: `${model}\u0000${dimensions ?? ''}\u0000${encodingFormat}`,
			weight: estimateEmbeddingTokens(text),
			value: { text, model, dimensions, encodingFormat },
		};
	},

	async send({ transport }, entries): Promise<INodeExecutionData[][]> {
		const { model, dimensions, encodingFormat } = entries[0].value;
		// Always base64 on the wire (a quarter of the bytes of JSON floats), asked for explicitly so
		// that the SDK hands the answer over as it came: it is checked before float vectors are decoded.
		const response = await checkedCall(
			transport.client.embeddings.create({
				model,
				input: entries.map((entry) => entry.value.text),
				...(dimensions !== undefined ? { dimensions } : {}),
				encoding_format: 'base64',
			}),
			embeddingListShape(entries.length),
			EMBEDDINGS,
		);
		const byIndex: unknown[] = new Array(entries.length);
		for (const [position, { index, embedding }] of response.data.entries()) {
			byIndex[index] = encodingFormat === 'base64' ? embedding : toFloats(embedding as unknown, position);
		}
		const usages = shareUsage(
			normaliseUsage(response.usage as unknown as IDataObject),
			entries.map((entry) => entry.weight),
		);
		return entries.map((entry, position) => {
			const embedding = byIndex[position];
			const json: IDataObject = {
				embedding: embedding as IDataObject['embedding'],
				dimensions: Array.isArray(embedding) ? embedding.length : (dimensions ?? null),
				model: response.model,
				usage: usages[position],
			};
			return [{ json }];
		});
	},
};

/** A vector as numbers: as it came when the server sent numbers, decoded when it sent base64. */
function toFloats(embedding: unknown, position: number): number[] {
	if (Array.isArray(embedding)) return embedding as number[];
	const floats = decodeFloat32(embedding as string);
	if (!floats) {
		throw new UnexpectedResponseError(EMBEDDINGS, `\`data[${position}].embedding\` is not base64 of float32 values (its length in bytes is not a multiple of 4)`, { body: `${String(embedding).slice(0, 200)}` });
	}
	return floats;
}

function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return `a${typeof value === 'object' || typeof value === 'undefined' ? 'n' : ''} ${typeof value}`;
}

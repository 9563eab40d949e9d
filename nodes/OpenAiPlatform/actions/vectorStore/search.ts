import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { VectorStoreSearchParams } from 'openai/resources/vector-stores/vector-stores';

import { toItems } from '../../../shared/engine/runItems';
import { take } from '../../../shared/list';
import { inputError } from '../shared/errors';
import { isPlainObject, parseJsonValue } from '../shared/json';
import { numberInRange, oneOf, readSwitch } from '../shared/values';
import type { ItemOperation } from '../types';
import { SEARCH_RESULTS, searchHitShape } from './answer';
import { readVectorStoreId, vectorStoreIdProperty } from './ids';

const RANKERS = ['auto', 'default-2024-11-15', 'none'] as const;

const properties: INodeProperties[] = [
	vectorStoreIdProperty,
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. How do I reset my password?',
		description: 'What to search for',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Filters (JSON)',
				name: 'filters',
				type: 'json',
				default: '{\n  "type": "eq",\n  "key": "category",\n  "value": "billing"\n}',
				description:
					'Only files whose attributes match: a comparison ({"type": "eq" | "ne" | "gt" | "gte" | "lt" | "lte", "key", "value"}) or a compound filter ({"type": "and" | "or", "filters": [...]})',
			},
			{
				displayName: 'Max Results',
				name: 'maxResults',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 10,
				description: 'Max number of results to return',
			},
			{
				displayName: 'Ranker',
				name: 'ranker',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Default (2024-11-15)', value: 'default-2024-11-15' },
					{ name: 'None', value: 'none' },
				],
				default: 'auto',
				description: 'The ranker that orders the hits',
			},
			{
				displayName: 'Rewrite Query',
				name: 'rewriteQuery',
				type: 'boolean',
				default: false,
				description: 'Whether OpenAI rewrites the query for a better search',
			},
			{
				displayName: 'Score Threshold',
				name: 'scoreThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0,
				description: 'Only hits scoring at least this (0 to 1)',
			},
		],
	},
];

export const searchVectorStore: ItemOperation = {
	value: 'search',
	name: 'Search',
	action: 'Search a vector store',
	description: 'Search the chunks of a vector store: one output item per hit (file, score, matching text), paired with the input item',
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const raw = n8n.getNodeParameter('query', itemIndex, '') as unknown;
		const query = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
		if (!query) throw inputError(n8n, itemIndex, 'The "Query" parameter is empty', 'Enter what to search for, or map it from a previous node, e.g. {{ $json.question }}.');
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const max = numberInRange(n8n, itemIndex, options.maxResults, 'Max Results', { min: 1, max: 50, integer: true });
		const ranker = oneOf(n8n, itemIndex, options.ranker, 'Ranker', RANKERS) as (typeof RANKERS)[number] | undefined;
		const threshold = numberInRange(n8n, itemIndex, options.scoreThreshold, 'Score Threshold', { min: 0, max: 1 });
		const rewrite = readSwitch(n8n, itemIndex, options.rewriteQuery, 'Rewrite Query');
		const filters = parseJsonValue(n8n, itemIndex, options.filters, 'Filters (JSON)');
		if (filters !== undefined && (!isPlainObject(filters) || typeof filters.type !== 'string')) {
			throw inputError(n8n, itemIndex, 'The "Filters (JSON)" option must be a filter object with a "type"', 'Write e.g. {"type": "eq", "key": "category", "value": "billing"}, or {"type": "and", "filters": [...]}.');
		}
		const ranking = { ...(ranker ? { ranker } : {}), ...(threshold !== undefined ? { score_threshold: threshold } : {}) };
		const body: VectorStoreSearchParams = {
			query,
			...(max !== undefined ? { max_num_results: max } : {}),
			...(Object.keys(ranking).length > 0 ? { ranking_options: ranking } : {}),
			...(rewrite !== undefined ? { rewrite_query: rewrite } : {}),
			...(filters !== undefined ? { filters: filters as unknown as VectorStoreSearchParams['filters'] } : {}),
		};
		const hits = await take(transport.client.vectorStores.search(vectorStoreId, body), max ?? 50, SEARCH_RESULTS, { paged: false, entry: searchHitShape });
		return toItems(
			hits.map((hit) => ({
				...hit,
				vector_store_id: vectorStoreId,
				text: hit.content.map((part) => part.text).join('\n\n'),
			})) as unknown as IDataObject[],
		);
	},
};

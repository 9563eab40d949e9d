import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Tool } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import { numberInRange, oneOf, splitNames } from '../shared/values';
import { codeInterpreterOptions, imageGenerationOptions, readCodeInterpreter, readImageGeneration } from './hostedTools';
import { mcpServersOption, readMcpServers } from './mcpTools';

export const builtInToolsProperty: INodeProperties = {
	displayName: 'Built-in Tools',
	name: 'builtInTools',
	type: 'collection',
	placeholder: 'Add Built-in Tool',
	default: {},
	description: "OpenAI's hosted tools the model may use while answering",
	options: [
		...codeInterpreterOptions,
		{
			displayName: 'File Search Max Results',
			name: 'fileSearchMaxResults',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 10,
			description: 'With File Search: the most chunks to retrieve (1–50)',
		},
		{
			displayName: 'File Search Vector Store IDs',
			name: 'fileSearchVectorStoreIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. vs_68a1b2c3d4, vs_68e5f6a7b8',
			description: 'Search your files: the IDs of the vector stores to search, separated by commas',
		},
		{
			displayName: 'File Search Vector Stores',
			name: 'fileSearchVectorStores',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Vector Store',
			default: {},
			description: 'Search your files: the vector stores to search, picked from a list (or typed as IDs)',
			options: [
				{
					displayName: 'Vector Store',
					name: 'values',
					values: [
						{
							displayName: 'Vector Store',
							name: 'vectorStore',
							type: 'resourceLocator',
							default: { mode: 'list', value: '' },
							modes: [
								{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchVectorStores', searchable: true } },
								{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. vs_68a1b2c3d4' },
							],
							description: 'A vector store of your project',
						},
					],
				},
			],
		},
		...imageGenerationOptions,
		mcpServersOption,
		{
			displayName: 'Web Search',
			name: 'webSearch',
			type: 'boolean',
			default: true,
			description: 'Whether the model may search the web; its sources come back as citations',
		},
		{
			displayName: 'Web Search Context Size',
			name: 'webSearchContextSize',
			type: 'options',
			options: [
				{ name: 'High', value: 'high', description: 'Most context: best answers, slowest, most expensive' },
				{ name: 'Low', value: 'low', description: 'Least context: fastest and cheapest' },
				{ name: 'Medium', value: 'medium', description: 'Balanced (OpenAI default)' },
			],
			default: 'medium',
			description: 'With Web Search: how much content from the web the model reads',
		},
	],
};

/**
 * The built-in tools of one item as Responses tools (web search, file search, code interpreter,
 * image generation, MCP servers); options without their tool are errors.
 */
export function readBuiltInTools(n8n: IExecuteFunctions, itemIndex: number): Tool[] {
	const options = n8n.getNodeParameter('builtInTools', itemIndex, {}) as IDataObject;
	const tools: Tool[] = [];

	const webSearch = options.webSearch === true;
	const contextSize = oneOf(n8n, itemIndex, options.webSearchContextSize, 'Web Search Context Size', [
		'low',
		'medium',
		'high',
	]);
	if (contextSize && !webSearch) {
		throw inputError(
			n8n,
			itemIndex,
			'The "Web Search Context Size" option needs the "Web Search" option on',
			'Add "Web Search" and switch it on, or remove "Web Search Context Size".',
		);
	}
	if (webSearch) {
		tools.push({
			type: 'web_search',
			...(contextSize ? { search_context_size: contextSize as 'low' | 'medium' | 'high' } : {}),
		});
	}

	const vectorStoreIds = [...new Set([...pickedVectorStores(n8n, itemIndex, options.fileSearchVectorStores), ...splitNames(String(options.fileSearchVectorStoreIds ?? ''))])];
	const maxResults = numberInRange(n8n, itemIndex, options.fileSearchMaxResults, 'File Search Max Results', {
		min: 1,
		max: 50,
		integer: true,
	});
	if (vectorStoreIds.length === 0 && (maxResults !== undefined || options.fileSearchVectorStoreIds !== undefined || options.fileSearchVectorStores !== undefined)) {
		throw inputError(
			n8n,
			itemIndex,
			'The "File Search Vector Stores" and "File Search Vector Store IDs" options are empty',
			'Pick the vector stores to search, or enter their IDs (vs_…) separated by commas, or remove the File Search options.',
		);
	}
	if (vectorStoreIds.length > 0) {
		tools.push({
			type: 'file_search',
			vector_store_ids: vectorStoreIds,
			...(maxResults !== undefined ? { max_num_results: maxResults } : {}),
		});
	}
	const codeInterpreter = readCodeInterpreter(n8n, itemIndex, options);
	if (codeInterpreter) tools.push(codeInterpreter);
	const imageGeneration = readImageGeneration(n8n, itemIndex, options);
	if (imageGeneration) tools.push(imageGeneration);
	tools.push(...readMcpServers(n8n, itemIndex, options));
	return tools;
}

/** The IDs picked in "File Search Vector Stores" (each a resource locator: from the list or typed). */
function pickedVectorStores(n8n: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const entries = (value as { values?: Array<{ vectorStore?: unknown }> } | undefined)?.values ?? [];
	const ids: string[] = [];
	for (const entry of entries) {
		const picked = entry?.vectorStore;
		const raw = typeof picked === 'object' && picked !== null ? (picked as { value?: unknown }).value : picked;
		if (raw === undefined || raw === null || raw === '') continue;
		if (typeof raw !== 'string' || /[\s/?#,]/.test(raw.trim())) {
			throw inputError(n8n, itemIndex, `The "File Search Vector Stores" option has ${JSON.stringify(raw).slice(0, 60)}, which is not a vector store ID`, 'Pick a vector store from the list, or type one ID (vs_…) per entry.');
		}
		ids.push(raw.trim());
	}
	return ids;
}

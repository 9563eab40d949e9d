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

	const vectorStoreIds = splitNames(String(options.fileSearchVectorStoreIds ?? ''));
	const maxResults = numberInRange(n8n, itemIndex, options.fileSearchMaxResults, 'File Search Max Results', {
		min: 1,
		max: 50,
		integer: true,
	});
	if (vectorStoreIds.length === 0 && (maxResults !== undefined || options.fileSearchVectorStoreIds !== undefined)) {
		throw inputError(
			n8n,
			itemIndex,
			'The "File Search Vector Store IDs" option is empty',
			'Enter the IDs of the vector stores to search (vs_…), separated by commas, or remove the File Search options.',
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

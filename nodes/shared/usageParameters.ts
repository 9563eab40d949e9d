import type {
	IDisplayOptions,
	IExecuteFunctions,
	INode,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EndpointName, FilterName, QueryType } from '../usage/endpoints';
import { ENDPOINTS, ENDPOINT_ORDER, FILTERS, GROUP_BY_LABELS, allFilters, allGroupByFields } from '../usage/endpoints';
import type { UsageQueryInput } from '../usage/validate';
import { FILTER_PARAMETER_NAMES, UsageParameterError } from '../usage/validate';

/**
 * The parameters that describe a usage query (query type, time range, bucket width, group by,
 * filters), shared by the Usage node and the Usage Trigger. Group-by fields and filters are offered
 * per query type, only where the endpoint supports them.
 */
const QUERY_TYPE_DESCRIPTIONS: Readonly<Record<EndpointName, string>> = {
	audio_speeches: 'Text-to-speech characters and requests',
	audio_transcriptions: 'Transcribed seconds and requests',
	code_interpreter_sessions: 'Code interpreter sessions',
	completions: 'Tokens and requests of chat, responses and completions (incl. cached, audio, image tokens)',
	costs: 'Money spent per UTC day (the financial source of truth)',
	embeddings: 'Embedding tokens and requests',
	file_search_calls: 'File search tool calls',
	images: 'Generated, edited and varied images',
	moderations: 'Moderation tokens and requests',
	vector_stores: 'Vector store storage in bytes',
	web_search_calls: 'Web search tool calls',
};

const FILTER_DESCRIPTIONS: Readonly<Record<FilterName, string>> = {
	api_key_ids: 'Only these API keys: key IDs (key_…), separated by commas',
	batch: 'Whether to count Batch API jobs, other requests, or both',
	context_levels: 'Only these web search context levels',
	models: 'Only these models, separated by commas',
	project_ids: 'Only these projects: project IDs (proj_…), separated by commas',
	sizes: 'Only these image sizes, separated by commas',
	sources: 'Only these image sources',
	user_ids: 'Only these users: user IDs (user-…), separated by commas',
	vector_store_ids: 'Only these vector stores: vector store IDs (vs_…), separated by commas',
};

export function queryTypeOptions(): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = ENDPOINT_ORDER.map((name) => ({
		name: ENDPOINTS[name].displayName,
		value: name,
		description: QUERY_TYPE_DESCRIPTIONS[name],
	}));
	options.push({ name: 'All', value: 'all', description: 'Every usage endpoint and costs, each with what it supports' });
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

export interface UsageQueryPropertyOptions {
	/** The time range's meaning when empty, for the descriptions (without a final period). */
	startHint: string;
	endHint: string;
	/** One query type only (Cost → Get): no Query Type or Bucket Width parameter. */
	fixedQueryType?: EndpointName;
}

export function usageQueryProperties(options: UsageQueryPropertyOptions): INodeProperties[] {
	const types: QueryType[] = options.fixedQueryType ? [options.fixedQueryType] : ['all', ...ENDPOINT_ORDER];
	const showFor = (type: QueryType): IDisplayOptions | undefined =>
		options.fixedQueryType ? undefined : { show: { queryType: [type] } };
	const properties: INodeProperties[] = [];
	if (!options.fixedQueryType) {
		properties.push({
			displayName: 'Query Type',
			name: 'queryType',
			type: 'options',
			options: queryTypeOptions(),
			default: 'completions',
			description: 'Which usage endpoint to read, or all of them',
		});
	}
	properties.push(
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			description: `First bucket to read, in UTC (floored to the bucket width). ${options.startHint}.`,
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			default: '',
			description: `End of the range, exclusive, in UTC (rounded up to the bucket width). ${options.endHint}.`,
		},
	);
	if (!options.fixedQueryType) {
		properties.push({
			displayName: 'Bucket Width',
			name: 'bucketWidth',
			type: 'options',
			options: [
				{ name: '1 Day', value: '1d', description: 'UTC days' },
				{ name: '1 Hour', value: '1h' },
				{ name: '1 Minute', value: '1m' },
			],
			default: '1d',
			description: 'Length of each time bucket. Costs come in 1 day buckets only (with All, costs always use days).',
		});
	}
	for (const type of types) {
		const fields = type === 'all' ? allGroupByFields() : [...ENDPOINTS[type].groupBy];
		properties.push({
			displayName: 'Group By',
			name: 'groupBy',
			type: 'multiOptions',
			options: fields
				.map((field) => ({ name: GROUP_BY_LABELS[field] ?? field, value: field }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: [],
			description:
				type === 'all'
					? 'One row per combination of these fields in each bucket; each endpoint uses the fields it supports'
					: 'One row per combination of these fields in each bucket (fields not grouped by are null)',
			displayOptions: showFor(type),
		});
		const filters: FilterName[] = type === 'all' ? allFilters() : [...ENDPOINTS[type].filters];
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filters.map(filterProperty).sort((a, b) => a.displayName.localeCompare(b.displayName)),
			displayOptions: showFor(type),
		});
	}
	return properties;
}

function filterProperty(name: FilterName): INodeProperties {
	const spec = FILTERS[name];
	const parameter = FILTER_PARAMETER_NAMES[name];
	if (spec.kind === 'boolean') {
		return {
			displayName: spec.displayName,
			name: parameter,
			type: 'options',
			options: [
				{ name: 'Any', value: 'any' },
				{ name: 'Batch Jobs Only', value: 'true' },
				{ name: 'No Batch Jobs', value: 'false' },
			],
			default: 'any',
			description: FILTER_DESCRIPTIONS[name],
		};
	}
	if (spec.kind === 'enum') {
		return {
			displayName: spec.displayName,
			name: parameter,
			type: 'multiOptions',
			options: (spec.values ?? []).map((value) => ({ name: value, value })),
			default: [],
			description: FILTER_DESCRIPTIONS[name],
		};
	}
	return {
		displayName: spec.displayName,
		name: parameter,
		type: 'string',
		default: '',
		placeholder: name === 'models' ? 'e.g. gpt-4o-mini, gpt-4.1' : name === 'sizes' ? 'e.g. 1024x1024' : 'e.g. id-1, id-2',
		description: FILTER_DESCRIPTIONS[name],
	};
}

/** The query parameters of one item of the Usage node. */
export function readUsageQueryInput(n8n: IExecuteFunctions, itemIndex: number, fixedQueryType?: EndpointName): UsageQueryInput {
	return usageQueryInput((name, fallback) => n8n.getNodeParameter(name, itemIndex, fallback), fixedQueryType);
}

/** The query parameters of the trigger (a poll has no items). */
export function readTriggerQueryInput(ctx: IPollFunctions): UsageQueryInput {
	return usageQueryInput((name, fallback) => ctx.getNodeParameter(name, fallback));
}

function usageQueryInput(get: (name: string, fallback: unknown) => unknown, fixedQueryType?: EndpointName): UsageQueryInput {
	return {
		queryType: fixedQueryType ?? get('queryType', 'completions'),
		startTime: get('startTime', ''),
		endTime: get('endTime', ''),
		bucketWidth: fixedQueryType ? '1d' : get('bucketWidth', '1d'),
		groupBy: get('groupBy', []),
		filters: get('filters', {}),
	};
}

/** A usage query problem as the NodeOperationError n8n shows (before any request). */
export function toParameterError(node: INode, error: unknown, itemIndex?: number): unknown {
	if (!(error instanceof UsageParameterError)) return error;
	const where = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
	return new NodeOperationError(node, `${error.message}${where}`, { itemIndex, description: error.description });
}

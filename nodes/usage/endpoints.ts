/**
 * What each OpenAI usage/costs endpoint accepts and returns (OpenAPI spec 2.3.0, `/organization/usage/*`
 * and `/organization/costs`): bucket widths, page limits, group-by fields, filters, metrics and
 * dimensions. Everything else in this folder reads these tables; nothing here talks to the network.
 */
export type BucketWidth = '1m' | '1h' | '1d';

export const WIDTH_SECONDS: Readonly<Record<BucketWidth, number>> = { '1m': 60, '1h': 3_600, '1d': 86_400 };
export const BUCKET_WIDTHS: readonly BucketWidth[] = ['1m', '1h', '1d'];

export type EndpointName =
	| 'audio_speeches'
	| 'audio_transcriptions'
	| 'code_interpreter_sessions'
	| 'completions'
	| 'costs'
	| 'embeddings'
	| 'file_search_calls'
	| 'images'
	| 'moderations'
	| 'vector_stores'
	| 'web_search_calls';

/** A query type of the trigger and the Usage node: one endpoint, or `all` of them. */
export type QueryType = EndpointName | 'all';

export type FilterName =
	| 'project_ids'
	| 'user_ids'
	| 'api_key_ids'
	| 'models'
	| 'batch'
	| 'sources'
	| 'sizes'
	| 'context_levels'
	| 'vector_store_ids';

/** The SDK method of `client.admin.organization.usage` that reads the endpoint. */
export type SdkUsageMethod =
	| 'audioSpeeches'
	| 'audioTranscriptions'
	| 'codeInterpreterSessions'
	| 'completions'
	| 'costs'
	| 'embeddings'
	| 'fileSearchCalls'
	| 'images'
	| 'moderations'
	| 'vectorStores'
	| 'webSearchCalls';

export interface PageLimit {
	default: number;
	max: number;
}

export interface EndpointSpec {
	name: EndpointName;
	/** As shown in the node, e.g. 'Audio Speeches'. */
	displayName: string;
	/** Path under the base URL (which ends in /v1). */
	path: string;
	sdkMethod: SdkUsageMethod;
	/** The `object` of its results. */
	resultObject: string;
	widths: readonly BucketWidth[];
	/** Buckets per page, per width. */
	pageLimits: Readonly<Partial<Record<BucketWidth, PageLimit>>>;
	groupBy: readonly string[];
	filters: readonly FilterName[];
	/** Numeric fields of a result, in a fixed order (costs: `amount` is the decimal amount.value). */
	metrics: readonly string[];
	/** Fields that identify a result within its bucket (null unless grouped by them). */
	dimensions: readonly string[];
}

const USAGE_PAGE_LIMITS: Readonly<Record<BucketWidth, PageLimit>> = {
	'1d': { default: 7, max: 31 },
	'1h': { default: 24, max: 168 },
	'1m': { default: 60, max: 1_440 },
};

const ALL_WIDTHS: readonly BucketWidth[] = ['1m', '1h', '1d'];
const PEOPLE = ['project_id', 'user_id', 'api_key_id'] as const;
const PEOPLE_FILTERS: readonly FilterName[] = ['project_ids', 'user_ids', 'api_key_ids'];

function usage(spec: Omit<EndpointSpec, 'path' | 'widths' | 'pageLimits' | 'resultObject'> & { object?: string }): EndpointSpec {
	const { object, ...rest } = spec;
	return {
		...rest,
		path: `/organization/usage/${spec.name}`,
		resultObject: `organization.usage.${object ?? spec.name}.result`,
		widths: ALL_WIDTHS,
		pageLimits: USAGE_PAGE_LIMITS,
	};
}

export const ENDPOINTS: Readonly<Record<EndpointName, EndpointSpec>> = {
	completions: usage({
		name: 'completions',
		displayName: 'Completions',
		sdkMethod: 'completions',
		groupBy: [...PEOPLE, 'model', 'batch', 'service_tier'],
		filters: [...PEOPLE_FILTERS, 'models', 'batch'],
		metrics: [
			'input_tokens',
			'input_cached_tokens',
			'input_cache_write_tokens',
			'input_uncached_tokens',
			'output_tokens',
			'input_text_tokens',
			'output_text_tokens',
			'input_cached_text_tokens',
			'input_audio_tokens',
			'input_cached_audio_tokens',
			'output_audio_tokens',
			'input_image_tokens',
			'input_cached_image_tokens',
			'output_image_tokens',
			'num_model_requests',
		],
		dimensions: [...PEOPLE, 'model', 'batch', 'service_tier'],
	}),
	embeddings: usage({
		name: 'embeddings',
		displayName: 'Embeddings',
		sdkMethod: 'embeddings',
		groupBy: [...PEOPLE, 'model'],
		filters: [...PEOPLE_FILTERS, 'models'],
		metrics: ['input_tokens', 'num_model_requests'],
		dimensions: [...PEOPLE, 'model'],
	}),
	moderations: usage({
		name: 'moderations',
		displayName: 'Moderations',
		sdkMethod: 'moderations',
		groupBy: [...PEOPLE, 'model'],
		filters: [...PEOPLE_FILTERS, 'models'],
		metrics: ['input_tokens', 'num_model_requests'],
		dimensions: [...PEOPLE, 'model'],
	}),
	images: usage({
		name: 'images',
		displayName: 'Images',
		sdkMethod: 'images',
		groupBy: [...PEOPLE, 'model', 'size', 'source'],
		filters: [...PEOPLE_FILTERS, 'models', 'sources', 'sizes'],
		metrics: ['images', 'num_model_requests'],
		dimensions: [...PEOPLE, 'model', 'size', 'source'],
	}),
	audio_speeches: usage({
		name: 'audio_speeches',
		displayName: 'Audio Speeches',
		sdkMethod: 'audioSpeeches',
		groupBy: [...PEOPLE, 'model'],
		filters: [...PEOPLE_FILTERS, 'models'],
		metrics: ['characters', 'num_model_requests'],
		dimensions: [...PEOPLE, 'model'],
	}),
	audio_transcriptions: usage({
		name: 'audio_transcriptions',
		displayName: 'Audio Transcriptions',
		sdkMethod: 'audioTranscriptions',
		groupBy: [...PEOPLE, 'model'],
		filters: [...PEOPLE_FILTERS, 'models'],
		metrics: ['seconds', 'num_model_requests'],
		dimensions: [...PEOPLE, 'model'],
	}),
	vector_stores: usage({
		name: 'vector_stores',
		displayName: 'Vector Stores',
		sdkMethod: 'vectorStores',
		groupBy: ['project_id'],
		filters: ['project_ids'],
		metrics: ['usage_bytes'],
		dimensions: ['project_id'],
	}),
	code_interpreter_sessions: usage({
		name: 'code_interpreter_sessions',
		displayName: 'Code Interpreter Sessions',
		sdkMethod: 'codeInterpreterSessions',
		groupBy: ['project_id'],
		filters: ['project_ids'],
		metrics: ['num_sessions'],
		dimensions: ['project_id'],
	}),
	file_search_calls: usage({
		name: 'file_search_calls',
		displayName: 'File Search Calls',
		sdkMethod: 'fileSearchCalls',
		object: 'file_searches',
		groupBy: [...PEOPLE, 'vector_store_id'],
		filters: [...PEOPLE_FILTERS, 'vector_store_ids'],
		metrics: ['num_requests'],
		dimensions: [...PEOPLE, 'vector_store_id'],
	}),
	web_search_calls: usage({
		name: 'web_search_calls',
		displayName: 'Web Search Calls',
		sdkMethod: 'webSearchCalls',
		object: 'web_searches',
		groupBy: [...PEOPLE, 'model', 'context_level'],
		filters: [...PEOPLE_FILTERS, 'models', 'context_levels'],
		metrics: ['num_model_requests', 'num_requests'],
		dimensions: [...PEOPLE, 'model', 'context_level'],
	}),
	costs: {
		name: 'costs',
		displayName: 'Costs',
		path: '/organization/costs',
		sdkMethod: 'costs',
		resultObject: 'organization.costs.result',
		widths: ['1d'],
		pageLimits: { '1d': { default: 7, max: 180 } },
		groupBy: ['project_id', 'line_item', 'api_key_id'],
		filters: ['project_ids', 'api_key_ids'],
		metrics: ['amount', 'quantity'],
		dimensions: ['project_id', 'line_item', 'api_key_id'],
	},
};

/** Order in which `all` reads the endpoints (and the order of the query-type picker's usage types). */
export const ENDPOINT_ORDER: readonly EndpointName[] = [
	'completions',
	'embeddings',
	'moderations',
	'images',
	'audio_speeches',
	'audio_transcriptions',
	'vector_stores',
	'code_interpreter_sessions',
	'file_search_calls',
	'web_search_calls',
	'costs',
];

export interface FilterSpec {
	/** As shown in the node. */
	displayName: string;
	/** list: free-text IDs; enum: a fixed set; boolean: true/false. */
	kind: 'list' | 'enum' | 'boolean';
	values?: readonly string[];
}

export const FILTERS: Readonly<Record<FilterName, FilterSpec>> = {
	project_ids: { displayName: 'Project IDs', kind: 'list' },
	user_ids: { displayName: 'User IDs', kind: 'list' },
	api_key_ids: { displayName: 'API Key IDs', kind: 'list' },
	models: { displayName: 'Models', kind: 'list' },
	batch: { displayName: 'Batch', kind: 'boolean' },
	sources: { displayName: 'Image Sources', kind: 'enum', values: ['image.edit', 'image.generation', 'image.variation'] },
	// The spec's size enum lists DALL·E sizes only; newer models use others, so sizes are free text.
	sizes: { displayName: 'Image Sizes', kind: 'list' },
	context_levels: { displayName: 'Web Search Context Levels', kind: 'enum', values: ['high', 'low', 'medium'] },
	vector_store_ids: { displayName: 'Vector Store IDs', kind: 'list' },
};

export const GROUP_BY_LABELS: Readonly<Record<string, string>> = {
	api_key_id: 'API Key',
	batch: 'Batch',
	context_level: 'Web Search Context Level',
	line_item: 'Line Item',
	model: 'Model',
	project_id: 'Project',
	service_tier: 'Service Tier',
	size: 'Image Size',
	source: 'Image Source',
	user_id: 'User',
	vector_store_id: 'Vector Store',
};

export function isEndpointName(value: unknown): value is EndpointName {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENDPOINTS, value);
}

export function isQueryType(value: unknown): value is QueryType {
	return value === 'all' || isEndpointName(value);
}

export function isBucketWidth(value: unknown): value is BucketWidth {
	return typeof value === 'string' && (BUCKET_WIDTHS as readonly string[]).includes(value);
}

/** The endpoints a query type reads, in reading order. */
export function endpointsOf(queryType: QueryType): EndpointSpec[] {
	return queryType === 'all' ? ENDPOINT_ORDER.map((name) => ENDPOINTS[name]) : [ENDPOINTS[queryType]];
}

/** Every group-by field any endpoint knows. */
export function allGroupByFields(): string[] {
	return [...new Set(ENDPOINT_ORDER.flatMap((name) => ENDPOINTS[name].groupBy))].sort();
}

/** Every filter any endpoint knows. */
export function allFilters(): FilterName[] {
	return [...new Set(ENDPOINT_ORDER.flatMap((name) => ENDPOINTS[name].filters))];
}

/** The most buckets one page may hold: the fewest requests. */
export function maxPageLimit(endpoint: EndpointSpec, width: BucketWidth): number {
	const limit = endpoint.pageLimits[width];
	if (!limit) throw new RangeError(`${endpoint.name} has no ${width} buckets`);
	return limit.max;
}

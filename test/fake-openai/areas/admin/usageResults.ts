import type { SyntheticOrg } from './syntheticOrg';
import type { UsageEndpointName, UsageStream } from './usageModel';
import { DAY } from './usageModel';

/**
 * The results of one usage bucket as the API reports them: streams of the endpoint that pass the
 * filters, summed per group-by combination (dimensions not grouped by are null), zero groups left
 * out, in a stable order. Also the fake's ground truth for tests (`now` far ahead = final values).
 */
export interface UsageFilters {
	project_ids?: readonly string[];
	user_ids?: readonly string[];
	api_key_ids?: readonly string[];
	models?: readonly string[];
	batch?: boolean;
	sources?: readonly string[];
	sizes?: readonly string[];
	context_levels?: readonly string[];
	vector_store_ids?: readonly string[];
}

interface ResultShape {
	object: string;
	metrics: readonly string[];
	dims: readonly string[];
}

const PEOPLE = ['project_id', 'user_id', 'api_key_id'];

export const USAGE_RESULT_SHAPES: Readonly<Record<UsageEndpointName, ResultShape>> = {
	completions: {
		object: 'organization.usage.completions.result',
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
		dims: [...PEOPLE, 'model', 'batch', 'service_tier'],
	},
	embeddings: { object: 'organization.usage.embeddings.result', metrics: ['input_tokens', 'num_model_requests'], dims: [...PEOPLE, 'model'] },
	moderations: { object: 'organization.usage.moderations.result', metrics: ['input_tokens', 'num_model_requests'], dims: [...PEOPLE, 'model'] },
	images: { object: 'organization.usage.images.result', metrics: ['images', 'num_model_requests'], dims: ['source', 'size', ...PEOPLE, 'model'] },
	audio_speeches: { object: 'organization.usage.audio_speeches.result', metrics: ['characters', 'num_model_requests'], dims: [...PEOPLE, 'model'] },
	audio_transcriptions: { object: 'organization.usage.audio_transcriptions.result', metrics: ['seconds', 'num_model_requests'], dims: [...PEOPLE, 'model'] },
	vector_stores: { object: 'organization.usage.vector_stores.result', metrics: ['usage_bytes'], dims: ['project_id'] },
	code_interpreter_sessions: { object: 'organization.usage.code_interpreter_sessions.result', metrics: ['num_sessions'], dims: ['project_id'] },
	file_search_calls: { object: 'organization.usage.file_searches.result', metrics: ['num_requests'], dims: [...PEOPLE, 'vector_store_id'] },
	web_search_calls: {
		object: 'organization.usage.web_searches.result',
		metrics: ['num_model_requests', 'num_requests'],
		dims: [...PEOPLE, 'model', 'context_level'],
	},
};

function dimensionOf(stream: UsageStream, name: string): string | boolean | null {
	if (name === 'project_id') return stream.projectId;
	if (name === 'user_id') return stream.userId;
	if (name === 'api_key_id') return stream.apiKeyId;
	const value = stream.dims[name as keyof UsageStream['dims']];
	return value === undefined ? null : value;
}

function passes(stream: UsageStream, filters: UsageFilters): boolean {
	const within = (list: readonly string[] | undefined, value: string | boolean | null) =>
		!list || list.length === 0 || (typeof value === 'string' && list.includes(value));
	return (
		within(filters.project_ids, stream.projectId) &&
		within(filters.user_ids, stream.userId) &&
		within(filters.api_key_ids, stream.apiKeyId) &&
		within(filters.models, dimensionOf(stream, 'model')) &&
		within(filters.sources, dimensionOf(stream, 'source')) &&
		within(filters.sizes, dimensionOf(stream, 'size')) &&
		within(filters.context_levels, dimensionOf(stream, 'context_level')) &&
		within(filters.vector_store_ids, dimensionOf(stream, 'vector_store_id')) &&
		(filters.batch === undefined || dimensionOf(stream, 'batch') === filters.batch)
	);
}

export function usageResults(
	org: SyntheticOrg,
	endpoint: UsageEndpointName,
	from: number,
	to: number,
	now: number,
	groupBy: readonly string[],
	filters: UsageFilters = {},
): Array<Record<string, unknown>> {
	const shape = USAGE_RESULT_SHAPES[endpoint];
	if (endpoint === 'vector_stores') return storageResults(org, from, now, groupBy, filters);
	const groups = new Map<string, Record<string, unknown>>();
	for (const stream of org.usage.streams) {
		if (stream.endpoint !== endpoint || !passes(stream, filters)) continue;
		const requests = org.usage.requests(stream, from, to, now);
		if (requests === 0) continue;
		const dims = shape.dims.map((name) => (groupBy.includes(name) ? dimensionOf(stream, name) : null));
		const key = JSON.stringify(dims);
		let result = groups.get(key);
		if (!result) {
			result = { object: shape.object };
			for (const metric of shape.metrics) result[metric] = 0;
			shape.dims.forEach((name, index) => {
				(result as Record<string, unknown>)[name] = dims[index];
			});
			groups.set(key, result);
		}
		for (const metric of shape.metrics) result[metric] = (result[metric] as number) + requests * (stream.perRequest[metric] ?? 0);
	}
	return [...groups.keys()].sort().map((key) => groups.get(key) as Record<string, unknown>);
}

/** Storage is a level: each project's bytes on the bucket's day, once any of the bucket has passed. */
function storageResults(
	org: SyntheticOrg,
	from: number,
	now: number,
	groupBy: readonly string[],
	filters: UsageFilters,
): Array<Record<string, unknown>> {
	if (from >= now) return [];
	const day = Math.floor(from / DAY);
	const byProject = org.projects
		.filter((project) => !filters.project_ids?.length || filters.project_ids.includes(project.id))
		.map((project) => ({ projectId: project.id, bytes: org.storageBytes(project.id, day) }))
		.filter(({ bytes }) => bytes > 0);
	if (byProject.length === 0) return [];
	const object = USAGE_RESULT_SHAPES.vector_stores.object;
	if (groupBy.includes('project_id')) {
		return byProject
			.sort((a, b) => a.projectId.localeCompare(b.projectId))
			.map(({ projectId, bytes }) => ({ object, usage_bytes: bytes, project_id: projectId }));
	}
	return [{ object, usage_bytes: byProject.reduce((sum, { bytes }) => sum + bytes, 0), project_id: null }];
}

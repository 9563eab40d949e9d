import { ApiError } from '../../errors';
import { modelCatalogue } from '../modelCatalogue';

/**
 * What the text endpoints need to know about a model of the catalogue: its family (which endpoint
 * serves it), the snapshot the API reports, vision and reasoning support, limits.
 * Unknown IDs are 404 model_not_found, like the real inference endpoints.
 */
export type ModelFamily = 'chat' | 'instruct' | 'embedding' | 'moderation' | 'other';

export interface TextModel {
	/** the ID as requested */
	readonly id: string;
	/** what the response's `model` says (the dated snapshot, as the real API reports it) */
	readonly resolved: string;
	readonly family: ModelFamily;
	readonly vision: boolean;
	/** o-series and gpt-5: reasoning tokens, `reasoning_effort`, no sampling parameters */
	readonly reasoning: boolean;
	/** prompt + completion limit */
	readonly contextWindow: number;
	readonly maxOutputTokens: number;
	/** embeddings: the native vector size */
	readonly embeddingDimensions?: number;
	/** embeddings: whether `dimensions` may shorten the vector (text-embedding-3 only) */
	readonly supportsDimensions?: boolean;
}

const SNAPSHOTS: Readonly<Record<string, string>> = {
	'gpt-4o': 'gpt-4o-2024-08-06',
	'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
	'gpt-4.1': 'gpt-4.1-2025-04-14',
	'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
	'gpt-5': 'gpt-5-2025-08-07',
	o3: 'o3-2025-04-16',
	'o4-mini': 'o4-mini-2025-04-16',
	'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
	'omni-moderation-latest': 'omni-moderation-latest',
};

const EMBEDDING_DIMENSIONS: Readonly<Record<string, number>> = {
	'text-embedding-3-small': 1536,
	'text-embedding-3-large': 3072,
	'text-embedding-ada-002': 1536,
};

let catalogueIds: ReadonlySet<string> | null = null;

function knownIds(): ReadonlySet<string> {
	catalogueIds ??= new Set(modelCatalogue().map((model) => model.id));
	return catalogueIds;
}

/** The model, or 404 model_not_found (the real wording of the inference endpoints). */
export function resolveModel(id: string): TextModel {
	if (!knownIds().has(id)) throw inferenceModelNotFound(id);
	const base = id.startsWith('ft:') ? id.split(':')[1] : id;
	const family = familyOf(base);
	const reasoning = family === 'chat' && /^(o\d|gpt-5)/.test(base);
	const [contextWindow, maxOutputTokens] = limitsOf(base);
	return {
		id,
		resolved: id.startsWith('ft:') ? id : (SNAPSHOTS[id] ?? id),
		family,
		vision: family === 'chat' && !base.startsWith('gpt-3.5'),
		reasoning,
		contextWindow,
		maxOutputTokens,
		...(family === 'embedding'
			? { embeddingDimensions: EMBEDDING_DIMENSIONS[base] ?? 1536, supportsDimensions: base.startsWith('text-embedding-3') }
			: {}),
	};
}

function familyOf(base: string): ModelFamily {
	if (/^(gpt-3\.5-turbo-instruct|davinci-002|babbage-002)/.test(base)) return 'instruct';
	if (base.startsWith('text-embedding-')) return 'embedding';
	if (base.includes('moderation')) return 'moderation';
	if (/(transcribe|tts|whisper|dall-e|gpt-image)/.test(base)) return 'other';
	if (/^(gpt-|o\d)/.test(base)) return 'chat';
	return 'other';
}

function limitsOf(base: string): [contextWindow: number, maxOutputTokens: number] {
	if (base.startsWith('gpt-3.5-turbo-instruct')) return [4096, 4096];
	if (/^(davinci|babbage)-002/.test(base)) return [16384, 16384];
	if (base.startsWith('gpt-3.5-turbo')) return [16385, 4096];
	if (base.startsWith('gpt-4.1')) return [1_047_576, 32_768];
	if (base.startsWith('gpt-5')) return [400_000, 128_000];
	if (/^o\d/.test(base)) return [200_000, 100_000];
	if (base.startsWith('text-embedding-')) return [8192, 0];
	return [128_000, 16_384];
}

/** "The model `x` does not exist or you do not have access to it." (404, as chat/completions/embeddings say) */
export function inferenceModelNotFound(id: string): ApiError {
	return new ApiError(
		404,
		'invalid_request_error',
		`The model \`${id}\` does not exist or you do not have access to it.`,
		'model',
		'model_not_found',
	);
}

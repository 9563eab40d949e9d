import type { AreaFactory, FakeRequest, FakeResponse } from '../area';
import { ApiError, integerAboveMax, missingParameter } from '../errors';
import { estimateEmbedding, safeEstimate } from './text/estimates';
import { asString, bodyObject, read, rejectUnknownFields } from './text/fields';
import { arrayTooLong, badRequest, emptyArray, notAnEmbeddingModel } from './text/requestErrors';
import { resolveModel } from './text/textModels';
import { countTokens } from './text/tokens';
import { embedAll, embeddingsJson } from './text/vectors';

/**
 * POST /v1/embeddings: string | string[] | token array | token arrays; `dimensions` (text-embedding-3
 * only), `encoding_format` float | base64 (little-endian float32, what the SDK asks for by default).
 * Limits as live: 2,048 inputs, 8,192 tokens per input, 300,000 tokens per request.
 * Vectors are deterministic unit vectors (text/vectors.ts).
 */
export const MAX_EMBEDDING_INPUTS = 2048;
export const MAX_TOKENS_PER_INPUT = 8192;
export const MAX_TOKENS_PER_REQUEST = 300_000;

const KNOWN_FIELDS = new Set(['input', 'model', 'encoding_format', 'dimensions', 'user']);
const ENCODINGS = ['float', 'base64'] as const;

interface EmbeddingInput {
	/** what the vector is derived from (token arrays as their comma-joined IDs) */
	key: string;
	tokens: number;
}

export const embeddingsArea: AreaFactory = ({ seed }) => {
	function embed(request: FakeRequest): FakeResponse {
		const body = bodyObject(request.body);
		rejectUnknownFields(body, KNOWN_FIELDS, 'legacy');
		if (body.model === undefined || body.model === null) throw missingParameter('model');
		const model = resolveModel(asString(body.model, 'model'));
		if (model.family !== 'embedding') throw notAnEmbeddingModel();
		if (body.input === undefined || body.input === null) throw missingParameter('input');
		const encoding = read.enum(body, 'encoding_format', ENCODINGS) ?? 'float';
		const native = model.embeddingDimensions ?? 1536;
		const requested = read.integer(body, 'dimensions', { min: 1 });
		if (requested !== undefined && !model.supportsDimensions) {
			throw badRequest('This model does not support specifying dimensions.', 'dimensions');
		}
		if (requested !== undefined && requested > native) throw integerAboveMax('dimensions', native, requested);
		read.string(body, 'user');
		const dimensions = requested ?? native;

		const inputs = readInputs(body.input);
		let total = 0;
		for (const input of inputs) {
			if (input.tokens > MAX_TOKENS_PER_INPUT) {
				throw badRequest(`Invalid 'input': maximum context length is ${MAX_TOKENS_PER_INPUT} tokens.`, 'input');
			}
			total += input.tokens;
		}
		if (total > MAX_TOKENS_PER_REQUEST) {
			throw new ApiError(
				400,
				'max_tokens_per_request',
				`Requested ${total} tokens, max ${MAX_TOKENS_PER_REQUEST} tokens per request`,
				null,
				'max_tokens_per_request',
			);
		}

		const vectors = embedAll(
			inputs.map((input) => input.key),
			dimensions,
			`${seed}\u0000${model.id.replace(/^ft:/, '')}`,
		);
		request.reportTokens(total);
		return {
			raw: embeddingsJson(vectors, inputs.length, dimensions, encoding, model.resolved, total),
			contentType: 'application/json',
		};
	}

	return {
		name: 'embeddings',
		routes: [
			{
				method: 'POST',
				path: '/v1/embeddings',
				auth: { kind: 'api' },
				billable: true,
				estimateTokens: ({ body }) => safeEstimate(body, estimateEmbedding),
				handle: embed,
			},
		],
	};
};

/** The live API's answer to an empty string or a mixed/invalid input list. */
function invalidInput(): ApiError {
	return badRequest("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", 'input');
}

function readInputs(input: unknown): EmbeddingInput[] {
	if (typeof input === 'string') {
		if (input === '') throw invalidInput();
		return [{ key: input, tokens: countTokens(input) }];
	}
	if (!Array.isArray(input)) throw invalidInput();
	if (input.length === 0) throw emptyArray('input');
	if (input.length > MAX_EMBEDDING_INPUTS) throw arrayTooLong('input', MAX_EMBEDDING_INPUTS, input.length);
	if (input.every((entry) => typeof entry === 'number')) {
		if (!input.every(isTokenId)) throw invalidInput();
		return [{ key: tokenKey(input as number[]), tokens: input.length }];
	}
	if (input.every((entry) => typeof entry === 'string')) {
		return (input as string[]).map((entry) => {
			if (entry === '') throw invalidInput();
			return { key: entry, tokens: countTokens(entry) };
		});
	}
	return input.map((entry) => {
		if (!(Array.isArray(entry) && entry.length > 0 && entry.every(isTokenId))) throw invalidInput();
		return { key: tokenKey(entry as number[]), tokens: entry.length };
	});
}

function isTokenId(value: unknown): boolean {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function tokenKey(tokens: readonly number[]): string {
	return `\u0000tokens:${tokens.join(',')}`;
}

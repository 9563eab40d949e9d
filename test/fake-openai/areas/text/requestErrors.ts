import { ApiError } from '../../errors';

/**
 * 400s of the text endpoints, worded like the live API (type invalid_request_error, `param` naming
 * the field, the real `code`). The generic ones (missing parameter, invalid type, enum) are in
 * ../../errors.ts.
 */
const INVALID_REQUEST = 'invalid_request_error';

export function badRequest(message: string, param: string | null, code: string | null = null): ApiError {
	return new ApiError(400, INVALID_REQUEST, message, param, code);
}

/** "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead." */
export function decimalOutOfRange(param: string, bound: 'min' | 'max', limit: number, got: number): ApiError {
	const [word, op] = bound === 'max' ? ['above maximum', '<='] : ['below minimum', '>='];
	return badRequest(
		`Invalid '${param}': decimal ${word} value. Expected a value ${op} ${limit}, but got ${got} instead.`,
		param,
		`decimal_${bound === 'max' ? 'above_max' : 'below_min'}_value`,
	);
}

export function emptyArray(param: string): ApiError {
	return badRequest(
		`Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
		param,
		'empty_array',
	);
}

export function arrayTooLong(param: string, max: number, got: number): ApiError {
	return badRequest(
		`Invalid '${param}': array too long. Expected an array with maximum length ${max}, but got an array with length ${got} instead.`,
		param,
		'array_above_max_length',
	);
}

export function stringTooLong(param: string, max: number, got: number): ApiError {
	return badRequest(
		`Invalid '${param}': string too long. Expected a string with maximum length ${max}, but got a string with length ${got} instead.`,
		param,
		'string_above_max_length',
	);
}

export function emptyString(param: string): ApiError {
	return badRequest(
		`Invalid '${param}': empty string. Expected a string with minimum length 1, but got an empty string instead.`,
		param,
		'empty_string',
	);
}

/** Chat Completions' wording for an argument it does not know. */
export function unrecognizedArgument(param: string): ApiError {
	return badRequest(`Unrecognized request argument supplied: ${param}`, param);
}

/** "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead." */
export function unsupportedParameter(param: string, hint = ''): ApiError {
	return badRequest(
		`Unsupported parameter: '${param}' is not supported with this model.${hint ? ` ${hint}` : ''}`,
		param,
		'unsupported_parameter',
	);
}

/** "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported." */
export function unsupportedValue(param: string, value: unknown, defaultValue: unknown): ApiError {
	return badRequest(
		`Unsupported value: '${param}' does not support ${String(value)} with this model. Only the default (${String(defaultValue)}) value is supported.`,
		param,
		'unsupported_value',
	);
}

/** The context window is exceeded (chat wording). */
export function contextLengthExceeded(limit: number, requested: number, param = 'messages'): ApiError {
	return badRequest(
		`This model's maximum context length is ${limit} tokens. However, your messages resulted in ${requested} tokens. Please reduce the length of the messages.`,
		param,
		'context_length_exceeded',
	);
}

/** 404 when a model of another family is sent to /chat/completions (the live wording). */
export function notAChatModel(): ApiError {
	return new ApiError(
		404,
		INVALID_REQUEST,
		'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?',
		'model',
	);
}

/** 404 when a chat model is sent to /completions (the live wording). */
export function chatModelOnCompletions(): ApiError {
	return new ApiError(
		404,
		INVALID_REQUEST,
		'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?',
		'model',
	);
}

/** 403 when a model that is not an embedding model is sent to /embeddings (the live status and wording). */
export function notAnEmbeddingModel(): ApiError {
	return new ApiError(403, INVALID_REQUEST, 'You are not allowed to generate embeddings from this model', 'model');
}

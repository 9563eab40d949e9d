/**
 * OpenAI-style errors: `{ error: { message, type, param, code } }` with the real statuses and wording.
 * Area handlers throw `ApiError`s; the server turns them into responses.
 */
export interface OpenAiErrorBody {
	error: {
		message: string;
		type: string;
		param: string | null;
		code: string | null;
	};
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
		readonly param: string | null = null,
		readonly code: string | null = null,
		readonly headers: Readonly<Record<string, string>> = {},
	) {
		super(message);
		this.name = 'ApiError';
	}

	toBody(): OpenAiErrorBody {
		return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
	}
}

const INVALID_REQUEST = 'invalid_request_error';
const API_KEYS_URL = 'https://platform.openai.com/account/api-keys';

/**
 * Masks a key like the real API does in its 401 message: the first 8 characters, asterisks
 * for the middle (same length) and the last 4 ("sk-proj-*****************0001").
 * Short keys are fully masked but for the last 2 characters.
 */
export function maskApiKey(key: string): string {
	if (key.length >= 16) return key.slice(0, 8) + '*'.repeat(key.length - 12) + key.slice(-4);
	if (key.length <= 2) return '*'.repeat(key.length);
	return '*'.repeat(key.length - 2) + key.slice(-2);
}

export function missingApiKey(): ApiError {
	return new ApiError(
		401,
		INVALID_REQUEST,
		"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
	);
}

export function invalidApiKey(key: string): ApiError {
	return new ApiError(
		401,
		INVALID_REQUEST,
		`Incorrect API key provided: ${maskApiKey(key)}. You can find your API key at ${API_KEYS_URL}.`,
		null,
		'invalid_api_key',
	);
}

export function mismatchedOrganization(): ApiError {
	return new ApiError(
		401,
		INVALID_REQUEST,
		'OpenAI-Organization header should match organization for API key',
		null,
		'mismatched_organization',
	);
}

export function mismatchedProject(): ApiError {
	return new ApiError(401, INVALID_REQUEST, 'OpenAI-Project header should match project for API key', null, 'mismatched_project');
}

export function missingScope(scope: string): ApiError {
	return new ApiError(
		403,
		INVALID_REQUEST,
		`You have insufficient permissions for this operation. Missing scopes: ${scope}. Check that you have the correct role in your organization, and if you're using a restricted API key, that it has the necessary scopes.`,
	);
}

export function insufficientPermissions(message = 'You have insufficient permissions for this operation.'): ApiError {
	return new ApiError(403, INVALID_REQUEST, message);
}

export function insufficientQuota(): ApiError {
	return new ApiError(
		429,
		'insufficient_quota',
		'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
		null,
		'insufficient_quota',
	);
}

export function invalidUrl(method: string, path: string): ApiError {
	return new ApiError(404, INVALID_REQUEST, `Invalid URL (${method} ${path})`);
}

export function invalidJsonBody(): ApiError {
	return new ApiError(
		400,
		INVALID_REQUEST,
		"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
	);
}

export function missingParameter(param: string): ApiError {
	return new ApiError(400, INVALID_REQUEST, `Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

export function unknownParameter(param: string): ApiError {
	return new ApiError(400, INVALID_REQUEST, `Unknown parameter: '${param}'.`, param, 'unknown_parameter');
}

/** "Invalid type for 'limit': expected an integer, but got a string instead." */
export function invalidType(param: string, expected: string, got: string): ApiError {
	return new ApiError(
		400,
		INVALID_REQUEST,
		`Invalid type for '${param}': expected ${expected}, but got ${got} instead.`,
		param,
		'invalid_type',
	);
}

/** "Invalid value for 'bucket_width': '1h'. Supported values are: '1d'." */
export function invalidEnumValue(param: string, value: string, supported: readonly string[]): ApiError {
	return new ApiError(
		400,
		INVALID_REQUEST,
		`Invalid value for '${param}': '${value}'. Supported values are: ${quotedList(supported)}.`,
		param,
		'invalid_value',
	);
}

export function invalidValue(param: string, reason: string): ApiError {
	return new ApiError(400, INVALID_REQUEST, `Invalid value for '${param}': ${reason}`, param, 'invalid_value');
}

export function integerAboveMax(param: string, max: number, got: number): ApiError {
	return new ApiError(
		400,
		INVALID_REQUEST,
		`Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${got} instead.`,
		param,
		'integer_above_max_value',
	);
}

export function integerBelowMin(param: string, min: number, got: number): ApiError {
	return new ApiError(
		400,
		INVALID_REQUEST,
		`Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${got} instead.`,
		param,
		'integer_below_min_value',
	);
}

export function modelNotFound(model: string): ApiError {
	return new ApiError(404, INVALID_REQUEST, `The model '${model}' does not exist`, 'model', 'model_not_found');
}

export function serverError(): ApiError {
	return new ApiError(
		500,
		'server_error',
		'The server had an error while processing your request. Sorry about that!',
	);
}

/** 'a', 'b', and 'c' */
export function quotedList(values: readonly string[]): string {
	const quoted = values.map((value) => `'${value}'`);
	if (quoted.length <= 2) return quoted.join(' and ');
	return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

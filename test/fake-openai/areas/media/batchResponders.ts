import type { AreaContext } from '../../area';
import type { OpenAiErrorBody } from '../../errors';
import { ApiError, missingParameter, modelNotFound } from '../../errors';
import { BASE_MODEL_IDS, FINE_TUNED_MODEL_IDS } from '../modelCatalogue';
import { type LineHandler, lineHandlers, lineRequest } from './lineHandlers';
import { readCreate, videoStoreFor } from './videoStore';

/**
 * What the fake's batch worker answers to each request line: a deterministic, spec-shaped body for
 * chat completions, responses, embeddings and moderations, or the error the synchronous endpoint
 * would give (unknown model → 404, missing input → 400, an image URL on a `.invalid` host that
 * cannot be downloaded → 400, an embedding input over 8,192 tokens → 400). Those are the "lines
 * failing on purpose" of a batch: a test chooses them by what it puts into the items. A line on
 * /v1/videos starts a real video job (see videoStore.ts); its answer is the job as created. Lines on
 * /v1/completions, /v1/images/generations and /v1/images/edits go to those endpoints' own handlers
 * (registered in lineHandlers.ts by their areas): a line is answered exactly like the direct request.
 */
export const BATCH_ENDPOINTS = [
	'/v1/responses',
	'/v1/chat/completions',
	'/v1/embeddings',
	'/v1/completions',
	'/v1/moderations',
	'/v1/images/generations',
	'/v1/images/edits',
	'/v1/videos',
] as const;
export type BatchEndpoint = (typeof BATCH_ENDPOINTS)[number];

export type LineOutcome =
	| { status: 200; body: Record<string, unknown>; usage: LineUsage }
	| { status: number; body: OpenAiErrorBody; usage?: undefined };

export interface LineUsage {
	input: number;
	output: number;
}

const KNOWN_MODELS = new Set([...BASE_MODEL_IDS, ...FINE_TUNED_MODEL_IDS]);

export function respondToLine(endpoint: BatchEndpoint, body: Record<string, unknown>, context: AreaContext): LineOutcome {
	try {
		if (endpoint === '/v1/videos') return video(body, context);
		const handler = lineHandlers(context).get(endpoint);
		if (handler) return byHandler(handler(lineRequest(endpoint, body, undefined)));
		const model = body.model ?? (endpoint === '/v1/moderations' ? 'omni-moderation-latest' : undefined);
		if (typeof model !== 'string' || model === '') throw missingParameter('model');
		if (!KNOWN_MODELS.has(model)) throw modelNotFound(model);
		const unreachable = findUrl(body, (url) => /^https?:\/\/[^/]+\.invalid(?:[/:]|$)/i.test(url));
		if (unreachable) {
			throw new ApiError(400, 'invalid_request_error', `Error while downloading ${unreachable}.`, 'url', 'invalid_image_url');
		}
		switch (endpoint) {
			case '/v1/chat/completions':
				return chat(model, body, context);
			case '/v1/responses':
				return responses(model, body, context);
			case '/v1/embeddings':
				return embeddings(model, body);
			case '/v1/moderations':
				return moderations(model, body, context);
		}
		throw new ApiError(400, 'invalid_request_error', `Unsupported endpoint ${endpoint}.`);
	} catch (error) {
		if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
		throw error;
	}
}

/** A handler's answer as a line outcome: its JSON body, and the tokens its usage names (completions or images). */
function byHandler(response: ReturnType<LineHandler>): LineOutcome {
	if (!('body' in response) || (response.status ?? 200) !== 200 || !response.body || typeof response.body !== 'object') {
		throw new ApiError(400, 'invalid_request_error', 'Streaming is not supported in a batch.', 'stream');
	}
	const body = response.body as Record<string, unknown>;
	const usage = (body.usage ?? {}) as Record<string, unknown>;
	const count = (...names: string[]) => names.map((name) => usage[name]).find((value): value is number => typeof value === 'number') ?? 0;
	return { status: 200, body, usage: { input: count('prompt_tokens', 'input_tokens'), output: count('completion_tokens', 'output_tokens') } };
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
const EMBEDDING_CONTEXT = 8192;

/** The first string anywhere in the body that `test` accepts (image URLs in messages and inputs). */
function findUrl(value: unknown, test: (url: string) => boolean): string | undefined {
	if (typeof value === 'string') return test(value) ? value : undefined;
	if (Array.isArray(value)) {
		for (const entry of value) {
			const found = findUrl(entry, test);
			if (found) return found;
		}
		return undefined;
	}
	if (value && typeof value === 'object') return findUrl(Object.values(value), test);
	return undefined;
}

function textOf(value: unknown): string {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.map(textOf).join(' ');
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if (typeof record.text === 'string') return record.text;
		if ('content' in record) return textOf(record.content);
	}
	return '';
}

function chat(model: string, body: Record<string, unknown>, { clock, ids }: AreaContext): LineOutcome {
	const messages = body.messages;
	if (!Array.isArray(messages)) throw missingParameter('messages');
	if (messages.length === 0) {
		throw new ApiError(400, 'invalid_request_error', "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
	}
	const question = textOf(messages[messages.length - 1]);
	const answer = `Answer to: ${question}`;
	const usage = { input: tokens(messages.map(textOf).join(' ')), output: tokens(answer) };
	return {
		status: 200,
		usage,
		body: {
			id: ids.next('chatcmpl-', 29, question),
			object: 'chat.completion',
			created: clock.nowSeconds(),
			model,
			choices: [
				{ index: 0, message: { role: 'assistant', content: answer, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' },
			],
			usage: {
				prompt_tokens: usage.input,
				completion_tokens: usage.output,
				total_tokens: usage.input + usage.output,
				prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
				completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
			},
			service_tier: 'default',
			system_fingerprint: 'fp_fake0batch',
		},
	};
}

function responses(model: string, body: Record<string, unknown>, { clock, ids }: AreaContext): LineOutcome {
	const input = textOf(body.input);
	if (body.input === undefined || input === '') throw missingParameter('input');
	const answer = `Answer to: ${input}`;
	const usage = { input: tokens(input), output: tokens(answer) };
	return {
		status: 200,
		usage,
		body: {
			id: ids.next('resp_', 48, input),
			object: 'response',
			created_at: clock.nowSeconds(),
			status: 'completed',
			error: null,
			incomplete_details: null,
			instructions: typeof body.instructions === 'string' ? body.instructions : null,
			model,
			output: [
				{
					type: 'message',
					id: ids.next('msg_', 48, answer),
					status: 'completed',
					role: 'assistant',
					content: [{ type: 'output_text', text: answer, annotations: [], logprobs: [] }],
				},
			],
			parallel_tool_calls: true,
			metadata: {},
			tool_choice: 'auto',
			tools: [],
			temperature: 1,
			top_p: 1,
			usage: {
				input_tokens: usage.input,
				input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
				output_tokens: usage.output,
				output_tokens_details: { reasoning_tokens: 0 },
				total_tokens: usage.input + usage.output,
			},
		},
	};
}

function embeddings(model: string, body: Record<string, unknown>): LineOutcome {
	const input = body.input;
	const inputs = typeof input === 'string' ? [input] : Array.isArray(input) ? input.map(String) : undefined;
	if (!inputs) throw missingParameter('input');
	if (inputs.length === 0 || inputs.some((text) => text === '')) {
		throw new ApiError(400, 'invalid_request_error', "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", 'input');
	}
	const longest = Math.max(...inputs.map(tokens));
	if (longest > EMBEDDING_CONTEXT) {
		throw new ApiError(400, 'invalid_request_error', `This model's maximum context length is ${EMBEDDING_CONTEXT} tokens, however you requested ${longest} tokens (${longest} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`, null, 'context_length_exceeded');
	}
	const dimensions = typeof body.dimensions === 'number' ? body.dimensions : model.includes('large') ? 3072 : 1536;
	const usage = { input: tokens(inputs.join(' ')), output: 0 };
	return {
		status: 200,
		usage,
		body: {
			object: 'list',
			data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: vector(text, dimensions) })),
			model,
			usage: { prompt_tokens: usage.input, total_tokens: usage.input },
		},
	};
}

function vector(text: string, dimensions: number): number[] {
	let seed = 0;
	for (const char of text) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
	return Array.from({ length: dimensions }, (_, i) => Math.round(Math.sin(seed + i) * 1e6) / 1e6);
}

const MODERATION_CATEGORIES = [
	'hate', 'hate/threatening', 'harassment', 'harassment/threatening', 'illicit', 'illicit/violent', 'self-harm',
	'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors', 'violence', 'violence/graphic',
] as const;

function moderations(model: string, body: Record<string, unknown>, { ids }: AreaContext): LineOutcome {
	const texts = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input.map(textOf) : undefined;
	if (!texts || texts.length === 0) throw missingParameter('input');
	const results = texts.map((text) => {
		const violent = /\b(kill|attack|hurt)\b/i.test(text);
		const categories: Record<string, boolean> = {};
		const scores: Record<string, number> = {};
		const applied: Record<string, string[]> = {};
		for (const category of MODERATION_CATEGORIES) {
			categories[category] = category === 'violence' && violent;
			scores[category] = categories[category] ? 0.91 : 0.0004;
			applied[category] = ['text'];
		}
		return { flagged: violent, categories, category_scores: scores, category_applied_input_types: applied };
	});
	return {
		status: 200,
		usage: { input: tokens(texts.join(' ')), output: 0 },
		body: { id: ids.next('modr-', 29, texts.join()), model, results },
	};
}

/** A video line: checked like POST /videos with a JSON body (a reference image only by URL or file ID). */
function video(body: Record<string, unknown>, context: AreaContext): LineOutcome {
	const { input_reference: reference, ...rest } = body;
	if (reference !== undefined && (typeof reference !== 'object' || reference === null || Array.isArray(reference))) {
		throw new ApiError(400, 'invalid_request_error', "Invalid type for 'input_reference': expected an object.", 'input_reference', 'invalid_type');
	}
	const request = readCreate(rest, reference ? { object: reference as Record<string, unknown> } : undefined);
	const store = videoStoreFor(context);
	return { status: 200, usage: { input: 0, output: 0 }, body: store.view(store.add({ ...request, remixedFrom: null })) };
}

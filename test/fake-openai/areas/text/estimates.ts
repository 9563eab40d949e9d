import { isObject, type JsonObject } from './fields';
import { countTokens, IMAGE_TOKENS, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE } from './tokens';

/**
 * Up-front token estimates for TPM accounting (charged before the handler runs, then corrected
 * with the actual usage). Like the real limiter: the prompt estimate plus the requested maximum
 * output. They never throw: a malformed body estimates 0 and the handler answers with the 400.
 */
export function safeEstimate(body: unknown, estimate: (body: JsonObject) => number): number {
	if (!isObject(body)) return 0;
	try {
		const tokens = estimate(body);
		return Number.isFinite(tokens) && tokens > 0 ? Math.ceil(tokens) : 0;
	} catch {
		return 0;
	}
}

/** Tokens of a string, a list of strings/token arrays, or content parts (text + 85 per image). */
export function contentTokens(content: unknown): number {
	if (typeof content === 'string') return countTokens(content);
	if (!Array.isArray(content)) return 0;
	let tokens = 0;
	for (const part of content) {
		if (typeof part === 'string') tokens += countTokens(part);
		else if (typeof part === 'number') tokens += 1;
		else if (Array.isArray(part)) tokens += part.length;
		else if (isObject(part)) {
			if (typeof part.text === 'string') tokens += countTokens(part.text);
			if (part.type === 'image_url' || part.type === 'input_image') tokens += IMAGE_TOKENS;
		}
	}
	return tokens;
}

function outputAllowance(body: JsonObject, fields: readonly string[]): number {
	for (const field of fields) if (typeof body[field] === 'number') return body[field];
	return 0;
}

function choices(body: JsonObject): number {
	return typeof body.n === 'number' && body.n > 0 ? body.n : 1;
}

export function estimateChat(body: JsonObject): number {
	const messages = Array.isArray(body.messages) ? body.messages : [];
	let prompt = REPLY_PRIMING_TOKENS;
	for (const message of messages) prompt += TOKENS_PER_MESSAGE + (isObject(message) ? contentTokens(message.content) : 0);
	return prompt + choices(body) * outputAllowance(body, ['max_completion_tokens', 'max_tokens']);
}

export function estimateCompletion(body: JsonObject): number {
	const prompts = Array.isArray(body.prompt) && body.prompt.every((entry) => typeof entry === 'string' || Array.isArray(entry)) ? body.prompt.length : 1;
	const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
	return contentTokens(typeof body.prompt === 'string' ? body.prompt : Array.isArray(body.prompt) ? body.prompt : '') + prompts * choices(body) * maxTokens;
}

export function estimateEmbedding(body: JsonObject): number {
	return contentTokens(body.input);
}

export function estimateResponse(body: JsonObject): number {
	let prompt = typeof body.instructions === 'string' ? countTokens(body.instructions) : 0;
	if (typeof body.input === 'string') prompt += TOKENS_PER_MESSAGE + countTokens(body.input);
	else if (Array.isArray(body.input)) {
		for (const item of body.input) {
			if (!isObject(item)) continue;
			prompt += TOKENS_PER_MESSAGE + contentTokens(item.content) + (typeof item.output === 'string' ? countTokens(item.output) : 0);
		}
	}
	return prompt + outputAllowance(body, ['max_output_tokens']);
}

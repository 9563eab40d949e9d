import type { IDataObject } from 'n8n-workflow';

/**
 * Token usage in one shape for every operation's output (`usage` field, also when Simplify is on),
 * whatever the endpoint calls it: Chat Completions (prompt/completion_tokens with details),
 * Responses (input/output_tokens with details), embeddings (prompt_tokens only), images and
 * transcriptions (input/output tokens with text/image/audio details).
 */
export interface TokenUsage extends IDataObject {
	input_tokens: number;
	output_tokens: number;
	total_tokens: number;
	cached_tokens: number;
	reasoning_tokens: number;
}

type RawUsage = Record<string, unknown> | null | undefined;

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const obj = (value: unknown): Record<string, unknown> =>
	value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

export function normaliseUsage(usage: RawUsage): TokenUsage {
	const raw = obj(usage);
	const input = num(raw.input_tokens ?? raw.prompt_tokens);
	const output = num(raw.output_tokens ?? raw.completion_tokens);
	const total = raw.total_tokens !== undefined ? num(raw.total_tokens) : input + output;
	const inputDetails = obj(raw.input_tokens_details ?? raw.prompt_tokens_details);
	const outputDetails = obj(raw.output_tokens_details ?? raw.completion_tokens_details);
	return {
		input_tokens: input,
		output_tokens: output,
		total_tokens: total,
		cached_tokens: num(inputDetails.cached_tokens),
		reasoning_tokens: num(outputDetails.reasoning_tokens),
	};
}

/**
 * Splits one request's usage across the items it served (packed requests such as embeddings), in
 * proportion to each item's weight, in whole tokens that add up exactly to the request's totals.
 */
export function shareUsage(usage: TokenUsage, weights: number[]): TokenUsage[] {
	const fields = ['input_tokens', 'output_tokens', 'total_tokens', 'cached_tokens', 'reasoning_tokens'] as const;
	const shares = fields.map((field) => apportion(usage[field], weights));
	return weights.map((_, i) => {
		const out = {} as TokenUsage;
		fields.forEach((field, f) => (out[field] = shares[f][i]));
		return out;
	});
}

/** Largest-remainder apportionment of a whole number by weights (equal shares when all are 0). */
export function apportion(total: number, weights: number[]): number[] {
	if (weights.length === 0) return [];
	const sum = weights.reduce((a, b) => a + b, 0);
	const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
	const floors = exact.map(Math.floor);
	let rest = total - floors.reduce((a, b) => a + b, 0);
	const order = exact.map((e, i) => [e - floors[i], i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (const [, i] of order) {
		if (rest <= 0) break;
		floors[i] += 1;
		rest -= 1;
	}
	return floors;
}

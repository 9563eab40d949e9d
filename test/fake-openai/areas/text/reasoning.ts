/**
 * Reasoning models (o-series, gpt-5): hidden reasoning tokens, a fixed count per effort so tests can
 * predict usage. They are billed as output tokens and count against max_completion_tokens /
 * max_output_tokens before any visible text.
 */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export const DEFAULT_REASONING_EFFORT: ReasoningEffort = 'medium';

const TOKENS_BY_EFFORT: Readonly<Record<ReasoningEffort, number>> = {
	none: 0,
	minimal: 8,
	low: 64,
	medium: 192,
	high: 512,
	xhigh: 1024,
	max: 2048,
};

export function reasoningTokensFor(effort: ReasoningEffort): number {
	return TOKENS_BY_EFFORT[effort];
}

/**
 * The fake's tokenizer: tiktoken's rough rule, one token per 4 characters (UTF-16 code units),
 * applied the same way to every input and output so usage counts can be predicted exactly:
 * a text of n characters is ceil(n / 4) tokens, and `tokenize` cuts it into that many pieces.
 */
export const CHARS_PER_TOKEN = 4;

/** What one image part costs (the real API charges 85 tokens for a low-detail image). */
export const IMAGE_TOKENS = 85;

/** Chat formatting overhead: per message, and once for priming the reply (tiktoken cookbook). */
export const TOKENS_PER_MESSAGE = 3;
export const REPLY_PRIMING_TOKENS = 3;

export function countTokens(text: string): number {
	return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The text cut into `countTokens(text)` pieces of 4 characters (the last may be shorter). */
export function tokenize(text: string): string[] {
	const tokens: string[] = [];
	for (let i = 0; i < text.length; i += CHARS_PER_TOKEN) tokens.push(text.slice(i, i + CHARS_PER_TOKEN));
	return tokens;
}

/** The first `count` tokens of the text. */
export function firstTokens(text: string, count: number): string {
	return text.slice(0, Math.max(0, count) * CHARS_PER_TOKEN);
}

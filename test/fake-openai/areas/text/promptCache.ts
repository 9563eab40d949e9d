import { CHARS_PER_TOKEN } from './tokens';

/**
 * Prompt caching like the real API's rule: prompts of at least 1,024 tokens are cached in steps
 * of 128 tokens, and a later request whose prompt starts with an already-seen prefix reports that
 * prefix as `cached_tokens`. Here a prompt is its serialized text (4 characters per token), and the
 * cache is per key, model and prompt_cache_key.
 */
export const MIN_CACHED_TOKENS = 1024;
export const CACHE_STEP_TOKENS = 128;
const MAX_ENTRIES = 200_000;

export class PromptCache {
	private seen = new Set<string>();

	/** Returns the cached prefix length in tokens (0, or >= 1024 in steps of 128) and remembers this prompt. */
	lookupAndStore(namespace: string, prompt: string, promptTokens: number): number {
		const boundaries = prefixHashes(prompt);
		let cached = 0;
		for (const [tokens, hash] of boundaries) {
			const entry = `${namespace}\u0000${hash}`;
			if (this.seen.has(entry)) cached = tokens;
		}
		if (this.seen.size + boundaries.length > MAX_ENTRIES) this.seen.clear();
		for (const [, hash] of boundaries) this.seen.add(`${namespace}\u0000${hash}`);
		return Math.min(cached, promptTokens);
	}

	reset(): void {
		this.seen = new Set();
	}
}

/** [tokens, hash of the prefix of that many tokens] at 1024, 1152, 1280 ... tokens (FNV-1a, one pass). */
function prefixHashes(prompt: string): Array<[number, string]> {
	const out: Array<[number, string]> = [];
	const firstBoundary = MIN_CACHED_TOKENS * CHARS_PER_TOKEN;
	const step = CACHE_STEP_TOKENS * CHARS_PER_TOKEN;
	let h1 = 0x811c9dc5;
	let h2 = 0x9e3779b9;
	for (let i = 0; i < prompt.length; i++) {
		const code = prompt.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 0x01000193);
		h2 = Math.imul(h2 ^ code, 0x5bd1e995) ^ (h2 >>> 15);
		const length = i + 1;
		if (length >= firstBoundary && (length - firstBoundary) % step === 0) {
			out.push([length / CHARS_PER_TOKEN, `${length}:${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`]);
		}
	}
	return out;
}

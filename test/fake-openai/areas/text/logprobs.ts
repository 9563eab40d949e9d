import { hash32 } from '../../deterministic';
import { tokenize } from './tokens';

/**
 * Deterministic log probabilities for the fake's 4-character tokens. The chosen token is always
 * the most likely one; alternatives are the token in other casings/spacings, less likely.
 */
export interface TokenLogprob {
	token: string;
	logprob: number;
	bytes: number[];
	top_logprobs: Array<{ token: string; logprob: number; bytes: number[] }>;
}

/** Chat Completions `choices[].logprobs.content` for a text. */
export function chatLogprobs(text: string, topCount: number, salt: string): TokenLogprob[] {
	return tokenize(text).map((token, position) => {
		const ranked = ranking(token, position, topCount, salt);
		return {
			token,
			logprob: ranked[0].logprob,
			bytes: utf8Bytes(token),
			top_logprobs: ranked.slice(0, topCount).map((entry) => ({ ...entry, bytes: utf8Bytes(entry.token) })),
		};
	});
}

export interface CompletionLogprobs {
	tokens: string[];
	token_logprobs: number[];
	top_logprobs: Array<Record<string, number>>;
	text_offset: number[];
}

/** Completions `choices[].logprobs` (`logprobs` = how many alternatives per position, 0-5). */
export function completionLogprobs(text: string, topCount: number, salt: string, startOffset = 0): CompletionLogprobs {
	const tokens = tokenize(text);
	const out: CompletionLogprobs = { tokens, token_logprobs: [], top_logprobs: [], text_offset: [] };
	let offset = startOffset;
	tokens.forEach((token, position) => {
		const ranked = ranking(token, position, topCount, salt);
		out.token_logprobs.push(ranked[0].logprob);
		out.top_logprobs.push(Object.fromEntries(ranked.slice(0, topCount).map((entry) => [entry.token, entry.logprob])));
		out.text_offset.push(offset);
		offset += token.length;
	});
	return out;
}

/** The chosen token first, then up to `count - 1` distinct alternatives, by decreasing logprob. */
function ranking(token: string, position: number, count: number, salt: string): Array<{ token: string; logprob: number }> {
	const base = -((hash32(salt, position, token) % 2000) / 1000); // 0 .. -2
	const ranked = [{ token, logprob: round(base) }];
	const candidates = [token.toUpperCase(), token.toLowerCase(), ` ${token.trim()}`, token.trim(), `${token}.`, `${token},`, token.slice(0, 1), '\n'];
	let logprob = base;
	for (const candidate of candidates) {
		if (ranked.length >= Math.max(1, count)) break;
		if (ranked.some((entry) => entry.token === candidate)) continue;
		logprob -= 0.5 + (hash32(salt, position, candidate) % 3000) / 1000;
		ranked.push({ token: candidate, logprob: round(logprob) });
	}
	for (let filler = 0; ranked.length < count; filler++) {
		logprob -= 1;
		ranked.push({ token: `<alt${filler}>`, logprob: round(logprob) });
	}
	return ranked;
}

function round(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}

function utf8Bytes(text: string): number[] {
	return [...Buffer.from(text, 'utf8')];
}

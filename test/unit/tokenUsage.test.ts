import { apportion, normaliseUsage, shareUsage } from '../../nodes/shared/tokenUsage';

describe('normaliseUsage', () => {
	it('reads Chat Completions usage', () => {
		expect(
			normaliseUsage({
				prompt_tokens: 120,
				completion_tokens: 30,
				total_tokens: 150,
				prompt_tokens_details: { cached_tokens: 64 },
				completion_tokens_details: { reasoning_tokens: 12 },
			}),
		).toEqual({ input_tokens: 120, output_tokens: 30, total_tokens: 150, cached_tokens: 64, reasoning_tokens: 12 });
	});

	it('reads Responses usage', () => {
		expect(
			normaliseUsage({
				input_tokens: 10,
				output_tokens: 5,
				total_tokens: 15,
				input_tokens_details: { cached_tokens: 2 },
				output_tokens_details: { reasoning_tokens: 3 },
			}),
		).toEqual({ input_tokens: 10, output_tokens: 5, total_tokens: 15, cached_tokens: 2, reasoning_tokens: 3 });
	});

	it('reads embeddings usage and survives missing usage', () => {
		expect(normaliseUsage({ prompt_tokens: 8, total_tokens: 8 })).toMatchObject({ input_tokens: 8, output_tokens: 0, total_tokens: 8 });
		expect(normaliseUsage(undefined)).toEqual({ input_tokens: 0, output_tokens: 0, total_tokens: 0, cached_tokens: 0, reasoning_tokens: 0 });
	});
});

describe('shareUsage', () => {
	it('splits whole tokens by weight and adds up exactly', () => {
		const parts = shareUsage({ input_tokens: 10, output_tokens: 0, total_tokens: 10, cached_tokens: 0, reasoning_tokens: 0 }, [1, 1, 1]);
		expect(parts.map((p) => p.input_tokens)).toEqual([4, 3, 3]);
		expect(parts.reduce((a, p) => a + p.total_tokens, 0)).toBe(10);
	});

	it('apportions by weight, equal shares when all weights are 0', () => {
		expect(apportion(100, [3, 1])).toEqual([75, 25]);
		expect(apportion(5, [0, 0])).toEqual([3, 2]);
		expect(apportion(7, [])).toEqual([]);
	});
});

import { packEntries } from '../../nodes/shared/engine/runOperation';

const entry = (itemIndex: number, key = 'a', weight = 1) => ({ itemIndex, key, weight, value: null });

describe('packEntries', () => {
	it('packs up to maxItems per request, in input order', () => {
		const entries = Array.from({ length: 10_000 }, (_, i) => entry(i));
		const groups = packEntries(entries, { maxItems: 2048, maxWeight: 300_000 });
		expect(groups.map((g) => g.length)).toEqual([2048, 2048, 2048, 2048, 1808]);
		expect(groups.flat().map((e) => e.itemIndex)).toEqual(entries.map((e) => e.itemIndex));
	});

	it('closes a request before its weight would pass maxWeight', () => {
		const groups = packEntries([entry(0, 'a', 60), entry(1, 'a', 50), entry(2, 'a', 40)], { maxItems: 10, maxWeight: 100 });
		expect(groups.map((g) => g.map((e) => e.itemIndex))).toEqual([[0], [1, 2]]);
	});

	it('never mixes keys (model, dimensions, format), and sends a too-heavy entry alone', () => {
		const groups = packEntries(
			[entry(0, 'small'), entry(1, 'large'), entry(2, 'small'), entry(3, 'large', 500), entry(4, 'large')],
			{ maxItems: 10, maxWeight: 100 },
		);
		expect(groups.map((g) => g.map((e) => e.itemIndex))).toEqual([[0, 2], [1], [3], [4]]);
	});
});

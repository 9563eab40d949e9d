import { buildBatchLines, splitBatchLines } from '../../nodes/OpenAiPlatform/actions/batch/batchLines';

const entries = (count: number, input = 'x') => Array.from({ length: count }, (_, itemIndex) => ({ itemIndex, body: { model: 'm', input } }));
const lineBytes = Buffer.byteLength(buildBatchLines(entries(1), '/v1/embeddings').jsonl);

describe('splitBatchLines', () => {
	it('keeps everything in one batch within the limits, byte for byte what buildBatchLines makes', () => {
		const parts = splitBatchLines(entries(5), '/v1/embeddings', { maxRequests: 5, maxFileBytes: 5 * lineBytes });
		expect(parts).toEqual([buildBatchLines(entries(5), '/v1/embeddings')]);
	});

	it('splits by request count into consecutive parts', () => {
		const parts = splitBatchLines(entries(5), '/v1/embeddings', { maxRequests: 2, maxFileBytes: 1e9 });
		if (!Array.isArray(parts)) throw new Error('expected parts');
		expect(parts.map((part) => part.requests.map((request) => request.itemIndex))).toEqual([[0, 1], [2, 3], [4]]);
		expect(parts.map((part) => part.jsonl).join('')).toBe(buildBatchLines(entries(5), '/v1/embeddings').jsonl);
		for (const part of parts) expect(part.bytes).toBe(Buffer.byteLength(part.jsonl));
	});

	it('splits by file size: a part never passes maxFileBytes, and a line exactly at the limit still fits', () => {
		const parts = splitBatchLines(entries(5), '/v1/embeddings', { maxRequests: 50_000, maxFileBytes: 2 * lineBytes + 1 });
		if (!Array.isArray(parts)) throw new Error('expected parts');
		expect(parts.map((part) => part.requests.length)).toEqual([2, 2, 1]);
		expect(parts.every((part) => part.bytes <= 2 * lineBytes + 1)).toBe(true);
		const exact = splitBatchLines(entries(3), '/v1/embeddings', { maxRequests: 50_000, maxFileBytes: lineBytes });
		expect(Array.isArray(exact) && exact.map((part) => part.requests.length)).toEqual([1, 1, 1]);
	});

	it('names the item whose line alone is larger than a batch file may be', () => {
		const mixed = [...entries(2), { itemIndex: 2, body: { model: 'm', input: 'y'.repeat(100) } }];
		expect(splitBatchLines(mixed, '/v1/embeddings', { maxRequests: 10, maxFileBytes: lineBytes * 2 })).toEqual({ itemIndex: 2, bytes: lineBytes + 99 });
	});

	it('keeps the item indexes of items that were left out (Continue On Fail)', () => {
		const gaps = [0, 3, 4, 9].map((itemIndex) => ({ itemIndex, body: { model: 'm', input: 'x' } }));
		const parts = splitBatchLines(gaps, '/v1/embeddings', { maxRequests: 3, maxFileBytes: 1e9 });
		expect(Array.isArray(parts) && parts.map((part) => part.requests.map((request) => request.custom_id))).toEqual([['item-0', 'item-3', 'item-4'], ['item-9']]);
	});
});

import { buildBatchLines, collectResults, customIdFor, findMismatch, itemIndexOf, parseJsonl, type BatchOutputLine } from '../../nodes/OpenAiPlatform/actions/batch/batchLines';
import { batchPollSchedule } from '../../nodes/OpenAiPlatform/actions/batch/waitForBatch';
import { plannedPauses } from '../../nodes/shared/engine/pollUntil';

const pollDelays = (settings: { pollIntervalSeconds: number; maxWaitMinutes: number }) => plannedPauses(batchPollSchedule(settings));

describe('buildBatchLines', () => {
	it('makes one JSONL line per item with a custom_id that names the item', () => {
		const lines = buildBatchLines(
			[
				{ itemIndex: 0, body: { model: 'm', input: 'a' } },
				{ itemIndex: 2, body: { model: 'm', input: 'ü' } },
			],
			'/v1/embeddings',
		);
		expect(lines.jsonl).toBe(
			'{"custom_id":"item-0","method":"POST","url":"/v1/embeddings","body":{"model":"m","input":"a"}}\n' +
				'{"custom_id":"item-2","method":"POST","url":"/v1/embeddings","body":{"model":"m","input":"ü"}}\n',
		);
		expect(lines.bytes).toBe(Buffer.byteLength(lines.jsonl));
		expect(lines.bytes).toBe(lines.jsonl.length + 1); // ü is two bytes
		expect(lines.requests).toEqual([
			{ custom_id: 'item-0', itemIndex: 0 },
			{ custom_id: 'item-2', itemIndex: 2 },
		]);
	});

	it('custom IDs go both ways; foreign ones map to no item', () => {
		expect(itemIndexOf(customIdFor(41))).toBe(41);
		expect(itemIndexOf('request-1')).toBeUndefined();
		expect(itemIndexOf('item-1a')).toBeUndefined();
	});

	it('finds the first item that differs', () => {
		expect(findMismatch([{ itemIndex: 0, value: 'a' }, { itemIndex: 1, value: 'a' }])).toBeUndefined();
		expect(findMismatch([])).toBeUndefined();
		expect(findMismatch([{ itemIndex: 3, value: 'a' }, { itemIndex: 5, value: 'a' }, { itemIndex: 7, value: 'b' }, { itemIndex: 9, value: 'c' }])).toEqual({
			first: { itemIndex: 3, value: 'a' },
			other: { itemIndex: 7, value: 'b' },
		});
	});
});

describe('collectResults', () => {
	const ok = (customId: string, usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }): BatchOutputLine => ({
		id: `batch_req_${customId}`,
		custom_id: customId,
		response: { status_code: 200, request_id: `req_${customId}`, body: { id: 'chatcmpl', usage } },
		error: null,
	});

	it('merges output and error files back into item order, with usage and errors in one shape', () => {
		const results = collectResults(
			[ok('item-2'), ok('item-0')],
			[
				{ custom_id: 'item-1', response: { status_code: 400, request_id: 'req_1', body: { error: { message: 'Bad image', type: 'invalid_request_error', param: 'url', code: 'invalid_image_url' } } }, error: null },
				{ custom_id: 'item-3', response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } },
			],
		);
		expect(results.map((result) => [result.custom_id, result.itemIndex, result.status, result.status_code])).toEqual([
			['item-0', 0, 'succeeded', 200],
			['item-1', 1, 'failed', 400],
			['item-2', 2, 'succeeded', 200],
			['item-3', 3, 'failed', null],
		]);
		expect(results[0]).toMatchObject({ request_id: 'req_item-0', response: { id: 'chatcmpl' }, error: null, usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 } });
		expect(results[1]).toMatchObject({ response: null, usage: null, error: { code: 'invalid_image_url', message: 'Bad image', type: 'invalid_request_error', param: 'url' } });
		expect(results[3].error).toEqual({ code: 'batch_expired', message: 'This request could not be executed before the completion window expired.', type: null, param: null });
	});

	it('keeps results with foreign custom IDs, in file order, after the known ones', () => {
		const results = collectResults([ok('zeta'), ok('item-1'), ok('alpha')], []);
		expect(results.map((result) => result.custom_id)).toEqual(['item-1', 'zeta', 'alpha']);
		expect(results[1].itemIndex).toBeNull();
	});

	it('a line that is not JSON becomes a failed result that says where it was', () => {
		const lines = parseJsonl('{"custom_id":"item-0","response":{"status_code":200,"body":{}},"error":null}\n{oops\n\n', 'output file');
		expect(lines).toHaveLength(2);
		const [, broken] = collectResults(lines, []);
		expect(broken).toMatchObject({ custom_id: 'output-file-line-2', status: 'failed', error: { code: 'invalid_result_line', message: 'Line 2 of the output file is not valid JSON' } });
	});
});

describe('the pauses of a batch wait', () => {
	it('backs off by 1.5 from the poll interval, capped at 5 minutes, and stays within the time limit', () => {
		const delays = pollDelays({ pollIntervalSeconds: 60, maxWaitMinutes: 30 });
		expect(delays.slice(0, 4)).toEqual([60_000, 90_000, 135_000, 202_500]);
		expect(Math.max(...delays)).toBe(300_000);
		expect(delays.reduce((a, b) => a + b, 0)).toBe(30 * 60_000);
	});

	it('a short limit cuts the last pause', () => {
		expect(pollDelays({ pollIntervalSeconds: 10, maxWaitMinutes: 0.5 })).toEqual([10_000, 15_000, 5_000]);
	});
});

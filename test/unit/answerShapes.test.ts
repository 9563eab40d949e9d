import { checkTranscription } from '../../nodes/OpenAiPlatform/actions/audio/answer';
import { parseJsonl } from '../../nodes/OpenAiPlatform/actions/batch/batchLines';
import { batchShape } from '../../nodes/OpenAiPlatform/actions/batch/answer';
import { chatCompletionShape } from '../../nodes/OpenAiPlatform/actions/chat/answer';
import { decodeFloat32, embeddingListShape } from '../../nodes/OpenAiPlatform/actions/embedding/answer';
import { fileContentRule } from '../../nodes/OpenAiPlatform/actions/file/answer';
import { imagesShape } from '../../nodes/OpenAiPlatform/actions/image/answer';
import { moderationShape, resultsFor } from '../../nodes/OpenAiPlatform/actions/moderation/answer';
import { responseDeletionShape, responseShape } from '../../nodes/OpenAiPlatform/actions/response/answer';
import { audioRule, isApiErrorObject } from '../../nodes/OpenAiPlatform/actions/shared/binaryAnswer';
import type { Shape } from '../../nodes/shared/shape';
import { UnexpectedResponseError } from '../../nodes/shared/transport/unexpectedResponse';

/** The answer shapes of the OpenAI Platform node, as pure functions (the harness tests run them end to end). */
const problemOf = (shape: Shape, value: unknown) => shape(value, '');

describe('embeddings: count and index checked, vectors not walked', () => {
	const entry = (index: number, embedding: unknown = [0.1, 0.2]) => ({ object: 'embedding', index, embedding });

	it('accepts entries in any order, as numbers or base64', () => {
		expect(problemOf(embeddingListShape(3), { data: [entry(2), entry(0, 'AACAPw=='), entry(1)] })).toBeUndefined();
	});

	it.each([
		[{ data: [entry(0)] }, '`data` should have one embedding per input (2), but has 1'],
		[{ data: [entry(0), entry(1), entry(2)] }, '`data` should have one embedding per input (2), but has 3'],
		[{ data: [entry(1), entry(1)] }, '`data[1].index` is 1 again: two embeddings for the same input'],
		[{ data: [entry(0), entry(-1)] }, '`data[1].index` should be a whole number from 0 to 1 (the position of its input), but is -1'],
		[{ data: [entry(0), entry(0.5)] }, '`data[1].index` should be a whole number from 0 to 1 (the position of its input), but is 0.5'],
		[{ data: [entry(0), entry(1, [])] }, '`data[1].embedding` should be a list of numbers or base64 text, but is an array'],
		[{ data: [entry(0), entry(1, '')] }, '`data[1].embedding` should be a list of numbers or base64 text, but is an empty text'],
		[{ data: [entry(0), entry(1, ['x'])] }, '`data[1].embedding` should be a list of numbers or base64 text, but is an array'],
		[{ data: [entry(0), entry(1)], usage: 'lots' }, '`usage` should be an object, but is text'],
	])('%j → %s', (answer, problem) => {
		expect(problemOf(embeddingListShape(2), answer)).toBe(problem);
	});

	it('reads one number of each vector, however long the vectors are', () => {
		let reads = 0;
		const counted = (length: number) =>
			new Proxy(new Array<number>(length).fill(0.5), {
				get(target, key, receiver) {
					if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
					return Reflect.get(target, key, receiver) as unknown;
				},
			});
		const data = Array.from({ length: 100 }, (_, index) => entry(index, counted(3072)));
		expect(problemOf(embeddingListShape(100), { data })).toBeUndefined();
		expect(reads).toBe(100);
	});

	it('decodes float32 base64, also from a buffer that is not 4-byte aligned; refuses other lengths', () => {
		const floats = [1.5, -2, 0.25];
		expect(decodeFloat32(Buffer.from(new Float32Array(floats).buffer).toString('base64'))).toEqual(floats);
		expect(decodeFloat32(Buffer.from([1, 2, 3, 4, 5]).toString('base64'))).toBeUndefined();
		expect(decodeFloat32('')).toBeUndefined();
		const base64 = Buffer.from(new Float32Array(floats).buffer).toString('base64');
		const original = Buffer.from;
		let offset = -1;
		const spy = jest.spyOn(Buffer, 'from').mockImplementationOnce(((value: string, encoding: BufferEncoding) => {
			const bytes = original(value, encoding);
			const shifted = Buffer.alloc(bytes.length + 1);
			bytes.copy(shifted, 1);
			const misaligned = shifted.subarray(1);
			offset = misaligned.byteOffset;
			return misaligned;
		}) as typeof Buffer.from);
		try {
			expect(decodeFloat32(base64)).toEqual(floats);
			expect(offset % 4).not.toBe(0);
		} finally {
			spy.mockRestore();
		}
	});
});

describe('moderation: one verdict per input, never left out', () => {
	it('counts one result for a text, one per text of a list, one for text and images together', () => {
		expect(resultsFor('hello')).toBe(1);
		expect(resultsFor(['a', 'b', 'c'])).toBe(3);
		expect(resultsFor([{ type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }])).toBe(1);
	});

	it.each([
		[{}, '`results` should be a list, but is nothing'],
		[{ results: [] }, '`results` should have 1 entry, but has 0'],
		[{ results: [{}] }, '`results[0].flagged` should be true or false, but is nothing'],
		[{ results: [{ flagged: 0 }] }, '`results[0].flagged` should be true or false, but is a number'],
		[{ results: [{ flagged: false, categories: 'none' }] }, '`results[0].categories` should be an object, but is text'],
		[{ results: [{ flagged: true, categories: { violence: true } }] }, undefined],
	])('%j → %s', (answer, problem) => {
		expect(problemOf(moderationShape(1), answer)).toBe(problem);
	});
});

describe('chat completions', () => {
	const completion = (message: unknown) => ({ id: 'c', model: 'm', choices: [{ index: 0, message, finish_reason: 'stop' }] });
	it.each([
		[{ role: 'assistant', content: 'Hi' }, undefined],
		[{ role: 'assistant', content: null, refusal: 'No.' }, undefined],
		[{ role: 'assistant', refusal: 'No.' }, undefined],
		[{ role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }] }, undefined],
		[{ role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'custom', custom: { name: 'g', input: 'x' } }] }, undefined],
		[{ role: 'assistant' }, '`choices[0].message.content` should be text or null, but is nothing'],
		[{ content: 5 }, '`choices[0].message.content` should be text, but is a number'],
		[{ content: null, tool_calls: [{ type: 'function', function: { arguments: '{}' } }] }, '`choices[0].message.tool_calls[0].function.name` should be text, but is nothing'],
		[{ content: null, tool_calls: 'f()' }, '`choices[0].message.tool_calls` should be a list, but is text'],
	])('message %j → %s', (message, problem) => {
		expect(problemOf(chatCompletionShape, completion(message))).toBe(problem);
	});
});

describe('responses', () => {
	it.each([
		[{ id: 'r', status: 'completed', output: [] }, undefined],
		[{ id: 'r', output: [{ type: 'web_search_call', id: 'w' }, { type: 'reasoning', summary: [{ type: 'summary_text', text: 's' }] }] }, undefined],
		[{ id: 'r', output: [{ type: 'message', content: [{ type: 'refusal' }] }] }, '`output[0].content[0].refusal` should be text, but is nothing'],
		[{ id: 'r', output: [{ id: 'x' }] }, '`output[0].type` should be text, but is nothing'],
		[{ output: [] }, '`id` should be a non-empty text, but is nothing'],
	])('%j → %s', (answer, problem) => {
		expect(problemOf(responseShape, answer)).toBe(problem);
	});

	it('a deletion may have no body (the spec promises none); a body is the deletion result', () => {
		expect(problemOf(responseDeletionShape, undefined)).toBeUndefined();
		expect(problemOf(responseDeletionShape, null)).toBeUndefined();
		expect(problemOf(responseDeletionShape, { id: 'r', object: 'response', deleted: true })).toBeUndefined();
		expect(problemOf(responseDeletionShape, {})).toBe('`deleted` should be true or false, but is nothing');
		expect(problemOf(responseDeletionShape, 'OK')).toBe('the answer should be an object, but is text');
	});
});

describe('images and batches', () => {
	it.each([
		[2, { data: [{ b64_json: 'AA' }, { url: 'https://x/y.png' }] }, undefined],
		[1, { data: [{ b64_json: '', url: null }] }, '`data[0]` should have the image as `b64_json` or `url`, but has an empty text'],
		[1, { data: [{ b64_json: 'AA' }], created: 'now' }, '`created` should be a number, but is text'],
	])('images (n=%i) %j → %s', (count, answer, problem) => {
		expect(problemOf(imagesShape(count), answer)).toBe(problem);
	});

	it('a batch: ID, status, files and counts typed; only the validation errors the message quotes are checked', () => {
		const batch = { id: 'b', status: 'failed', output_file_id: null, request_counts: { total: 0, completed: 0, failed: 0 } };
		const errors = (data: unknown[]) => ({ ...batch, errors: { data } });
		expect(problemOf(batchShape, batch)).toBeUndefined();
		expect(problemOf(batchShape, errors([null]))).toBe('`errors.data[0]` should be an object, but is null');
		expect(problemOf(batchShape, errors([...Array.from({ length: 5 }, () => ({ message: 'm' })), null]))).toBeUndefined();
		expect(problemOf(batchShape, { ...batch, request_counts: { total: 1 } })).toBe('`request_counts.completed` should be a number, but is nothing');
	});

	it('result lines: a bad line keeps its custom_id when it has one, and says what is wrong', () => {
		const lines = parseJsonl(['[]', '{"custom_id":"item-3","response":null,"error":{"code":5}}', '"text"', '{"custom_id":"item-4","response":null,"error":null}'].join('\n'), 'error file');
		expect(lines.map((line) => [line.custom_id, line.error?.message ?? null])).toEqual([
			['error-file-line-1', 'Line 1 of the error file is not a batch result line: it is an array'],
			['item-3', 'Line 2 of the error file is not a batch result line: `error.code` should be text, but is a number'],
			['error-file-line-3', 'Line 3 of the error file is not a batch result line: it is text'],
			['item-4', null],
		]);
	});
});

describe('binary answers and text transcriptions', () => {
	it('audio is never HTML, JSON or text; a missing type passes', () => {
		expect(audioRule('audio/mpeg')).toBeUndefined();
		expect(audioRule('application/octet-stream')).toBeUndefined();
		expect(audioRule(undefined)).toBeUndefined();
		expect(audioRule('text/html')).toBe('it is an HTML page (text/html), not audio');
		expect(audioRule('application/problem+json')).toBe('it is JSON (application/problem+json), not audio');
		expect(audioRule('text/plain')).toBe('it is text (text/plain), not audio');
	});

	it('a file may be of any type but HTML for a file that is not HTML, or JSON for a file that is not JSON', () => {
		expect(fileContentRule('page.HTML')('text/html')).toBeUndefined();
		expect(fileContentRule('report.pdf')('text/html')).toBe('it is an HTML page (text/html), and "report.pdf" is not an HTML file');
		expect(fileContentRule('rows.jsonl')('application/json')).toBeUndefined();
		expect(fileContentRule('report.pdf')('application/json')).toBe('it is JSON (application/json), and "report.pdf" is not a JSON file');
		expect(fileContentRule('notes.txt')('text/plain')).toBeUndefined();
		expect(fileContentRule('blob')('application/octet-stream')).toBeUndefined();
	});

	it('an API error object is exactly {"error": {…}}', () => {
		expect(isApiErrorObject(' {"error": {"message": "No such file"}}\n')).toBe(true);
		expect(isApiErrorObject('{"error": {"message": "x"}, "rows": []}')).toBe(false);
		expect(isApiErrorObject('{"error": "none"}')).toBe(false);
		expect(isApiErrorObject('{"id": "1", "error": {}}')).toBe(false);
		expect(isApiErrorObject('{"error": {"message": "x"}}\n{"error": {"message": "y"}}')).toBe(false);
	});

	const answer = (contentType: string) => new Response('', { status: 200, headers: { 'content-type': contentType } });
	it('text formats: text that is not a web page; JSON formats: an object with text', () => {
		expect(checkTranscription('1\n00:00:00,000 --> 00:00:01,000\nHi\n', answer('text/plain'), 'srt')).toMatch(/^1\n/);
		expect(() => checkTranscription('<!doctype html><title>Login</title>', answer('text/plain'), 'text')).toThrow(UnexpectedResponseError);
		expect(() => checkTranscription('Hi', answer('text/html; charset=utf-8'), 'vtt')).toThrow('the answer is an HTML page');
		expect(() => checkTranscription({ text: 'Hi' }, answer('application/json'), 'text')).toThrow('the answer should be text, but is an object');
		expect(checkTranscription({ text: 'Hi', segments: [] }, answer('application/json'), 'verbose_json')).toEqual({ text: 'Hi', segments: [] });
		expect(() => checkTranscription('Hi', answer('text/plain'), 'json')).toThrow('the answer should be an object, but is text');
	});
});

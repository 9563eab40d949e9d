import { expectMatchesSpec, loadOpenApiSpec, validateResponse, validateSchema } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { batchSettings } from './fake-openai/areas/batches';
import { encodeSpeech } from './fake-openai/areas/media/audioCodecs';
import { encodePng, readImageInfo } from './fake-openai/areas/media/imageCodecs';
import { call } from './fake-openai/testClient';

/**
 * The media areas (files, batches, images, audio) against OpenAI's spec: every JSON response,
 * success and error, matches the schema of its operation and status; batch result lines match the
 * response schemas of their endpoints.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
let fake: FakeOpenAi;

beforeAll(async () => {
	loadOpenApiSpec();
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
});

interface Upload {
	fields?: Record<string, string | string[]>;
	files?: Array<{ field: string; data: Buffer; name: string; type?: string }>;
	key?: string | null;
}

/** POSTs multipart form data the way the SDK does; returns status, headers and parsed body. */
async function postForm(path: string, { fields = {}, files = [], key = FAKE_KEYS.project }: Upload) {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const entry of Array.isArray(value) ? value : [value]) form.append(Array.isArray(value) ? `${name}[]` : name, entry);
	}
	for (const file of files) form.append(file.field, new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
	const response = await fetch(`${fake.url}${path}`, { method: 'POST', body: form, headers: key ? { authorization: `Bearer ${key}` } : {} });
	const raw = Buffer.from(await response.arrayBuffer());
	const isJson = (response.headers.get('content-type') ?? '').includes('json');
	return { status: response.status, headers: response.headers, raw, body: isJson ? (JSON.parse(raw.toString()) as Record<string, unknown>) : raw.toString() };
}

const json = (key = FAKE_KEYS.project) => ({ key });
const requestLine = (customId: string, body: Record<string, unknown>, url = '/v1/chat/completions') => JSON.stringify({ custom_id: customId, method: 'POST', url, body });

async function uploadBatchFile(lines: string[]): Promise<string> {
	const upload = await postForm('/files', { fields: { purpose: 'batch' }, files: [{ field: 'file', data: Buffer.from(lines.join('\n')), name: 'input.jsonl' }] });
	expect(upload.status).toBe(200);
	return String(upload.body && (upload.body as { id: string }).id);
}

describe('files', () => {
	it('upload, list (with pages), retrieve, content, delete match the spec', async () => {
		const ids: string[] = [];
		for (const [name, purpose] of [['a.jsonl', 'batch'], ['b.pdf', 'user_data'], ['c.png', 'vision'], ['d.jsonl', 'fine-tune']] as const) {
			const upload = await postForm('/files', { fields: { purpose }, files: [{ field: 'file', data: Buffer.from(`{"n":"${name}"}`), name }] });
			expect(upload.status).toBe(200);
			expectMatchesSpec('POST', '/files', 200, upload.body);
			ids.push((upload.body as { id: string }).id);
		}
		const page = await call(fake.url, '/files?limit=2', json());
		expectMatchesSpec('GET', '/files', 200, page.body);
		expect(page.body).toMatchObject({ object: 'list', has_more: true, first_id: ids[3], last_id: ids[2] });
		const next = await call<{ data: Array<{ id: string }>; has_more: boolean }>(fake.url, `/files?limit=2&after=${ids[2]}`, json());
		expect(next.body.data.map((file) => file.id)).toEqual([ids[1], ids[0]]);
		expect(next.body.has_more).toBe(false);
		const filtered = await call<{ data: unknown[] }>(fake.url, '/files?purpose=batch&order=asc', json());
		expect(filtered.body.data).toHaveLength(1);

		const one = await call(fake.url, `/files/${ids[1]}`, json());
		expectMatchesSpec('GET', '/files/{file_id}', 200, one.body);
		const content = await fetch(`${fake.url}/files/${ids[1]}/content`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
		expect(await content.text()).toBe('{"n":"b.pdf"}');
		const deleted = await call(fake.url, `/files/${ids[1]}`, { ...json(), method: 'DELETE' });
		expectMatchesSpec('DELETE', '/files/{file_id}', 200, deleted.body);
		const gone = await call(fake.url, `/files/${ids[1]}`, json());
		expect(gone.status).toBe(404);
		expectMatchesSpec('GET', '/files/{file_id}', 404, gone.body);
	});

	it.each([
		['no purpose', { files: [{ field: 'file', data: Buffer.from('x'), name: 'a.txt' }] }, 400, /Missing required parameter: 'purpose'/],
		['no file', { fields: { purpose: 'user_data' } }, 400, /Missing required parameter: 'file'/],
		['a batch file that is not .jsonl', { fields: { purpose: 'batch' }, files: [{ field: 'file', data: Buffer.from('x'), name: 'a.csv' }] }, 400, /Must be \.jsonl/],
		['an unknown purpose', { fields: { purpose: 'nope' }, files: [{ field: 'file', data: Buffer.from('x'), name: 'a.txt' }] }, 400, /Invalid value for 'purpose'/],
		['no key', { fields: { purpose: 'user_data' }, key: null }, 401, /didn't provide an API key/],
	])('upload with %s is an error response', async (_name, upload, status, message) => {
		const result = await postForm('/files', upload as Upload);
		expect(result.status).toBe(status);
		expectMatchesSpec('POST', '/files', status, result.body);
		expect((result.body as { error: { message: string } }).error.message).toMatch(message);
	});

	it('a JSON body instead of multipart is a 400', async () => {
		const result = await call(fake.url, '/files', { ...json(), body: { purpose: 'batch' } });
		expect(result.status).toBe(400);
		expectMatchesSpec('POST', '/files', 400, result.body);
	});
});

describe('batches', () => {
	it('every lifecycle stage matches the spec; output and error lines match the endpoint schemas', async () => {
		const fileId = await uploadBatchFile([
			requestLine('ok-1', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
			requestLine('bad-image', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.invalid/a.png' } }] }] }),
			requestLine('ok-2', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Bye' }] }),
		]);
		const created = await call<{ id: string; status: string }>(fake.url, '/batches', { ...json(), body: { input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { run: '1' } } });
		expect(created.status).toBe(200);
		expectMatchesSpec('POST', '/batches', 200, created.body);
		const seen: string[] = [];
		for (const step of [0, 40_000, 140_000, 155_000, 165_000]) {
			fake.clock.set(NOW + step);
			const got = await call<{ status: string; output_file_id?: string; error_file_id?: string; usage?: unknown }>(fake.url, `/batches/${created.body.id}`, json());
			expectMatchesSpec('GET', '/batches/{batch_id}', 200, got.body);
			seen.push(got.body.status);
		}
		expect(seen).toEqual(['validating', 'in_progress', 'in_progress', 'finalizing', 'completed']);
		const done = await call<{ output_file_id: string; error_file_id: string; request_counts: unknown; usage: { total_tokens: number } }>(fake.url, `/batches/${created.body.id}`, json());
		expect(done.body.request_counts).toEqual({ total: 3, completed: 2, failed: 1 });
		expect(done.body.usage.total_tokens).toBeGreaterThan(0);

		const lines = async (id: string) => (await (await fetch(`${fake.url}/files/${id}/content`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } })).text()).trim().split('\n').map((line) => JSON.parse(line) as { custom_id: string; response: { status_code: number; body: unknown } });
		const output = await lines(done.body.output_file_id);
		expect(output.map((line) => line.custom_id)).toEqual(['ok-1', 'ok-2']);
		for (const line of output) expectValid(validateSchema('CreateChatCompletionResponse', line.response.body));
		const errors = await lines(done.body.error_file_id);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ custom_id: 'bad-image', response: { status_code: 400 } });
		expectValid(validateSchema('ErrorResponse', errors[0].response.body));

		const list = await call(fake.url, '/batches?limit=1', json());
		expectMatchesSpec('GET', '/batches', 200, list.body);
	});

	it.each([
		['embeddings', '/v1/embeddings', { model: 'text-embedding-3-small', input: 'hello', dimensions: 4 }, 'CreateEmbeddingResponse'],
		['moderations', '/v1/moderations', { model: 'omni-moderation-latest', input: 'I will attack' }, 'CreateModerationResponse'],
		['responses', '/v1/responses', { model: 'gpt-4o-mini', input: 'Hello' }, 'Response'],
		['completions', '/v1/completions', { model: 'gpt-3.5-turbo-instruct', prompt: 'Once upon', max_tokens: 5 }, 'CreateCompletionResponse'],
		['image generations', '/v1/images/generations', { model: 'gpt-image-1', prompt: 'A fox', size: '1024x1024', quality: 'low' }, 'ImagesResponse'],
		[
			'image edits (JSON, a data URL)',
			'/v1/images/edits',
			{ model: 'gpt-image-1', prompt: 'Make it blue', images: [{ image_url: `data:image/png;base64,${encodePng(8, 8, { r: 1, g: 2, b: 3, a: 255 }).toString('base64')}` }] },
			'ImagesResponse',
		],
	])('%s result lines match the spec', async (_name, endpoint, body, schema) => {
		Object.assign(batchSettings(fake), { speed: 1000 });
		const fileId = await uploadBatchFile([requestLine('only', body, endpoint)]);
		const created = await call<{ id: string }>(fake.url, '/batches', { ...json(), body: { input_file_id: fileId, endpoint, completion_window: '24h' } });
		fake.clock.advance(1000);
		const done = await call<{ status: string; output_file_id: string }>(fake.url, `/batches/${created.body.id}`, json());
		expect(done.body.status).toBe('completed');
		const text = await (await fetch(`${fake.url}/files/${done.body.output_file_id}/content`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } })).text();
		expectValid(validateSchema(schema, (JSON.parse(text) as { response: { body: unknown } }).response.body));
	});

	it('a batch whose input fails validation is failed, with line errors', async () => {
		const fileId = await uploadBatchFile([
			requestLine('a', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }),
			requestLine('a', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'y' }] }),
			requestLine('b', { model: 'gpt-4.1', messages: [{ role: 'user', content: 'z' }] }),
			requestLine('c', { model: 'gpt-4o-mini', input: 'x' }, '/v1/embeddings'),
			'not json',
		]);
		const created = await call<{ id: string }>(fake.url, '/batches', { ...json(), body: { input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h' } });
		fake.clock.advance(31_000);
		const failed = await call<{ status: string; errors: { data: Array<{ code: string; line: number }> } }>(fake.url, `/batches/${created.body.id}`, json());
		expectMatchesSpec('GET', '/batches/{batch_id}', 200, failed.body);
		expect(failed.body.status).toBe('failed');
		expect(failed.body.errors.data.map((error) => [error.line, error.code])).toEqual([
			[2, 'duplicate_custom_id'],
			[3, 'mismatched_model'],
			[4, 'mismatched_endpoint'],
			[5, 'invalid_json_line'],
		]);
	});

	it('cancel, 404, 409 and bad requests match the spec', async () => {
		const fileId = await uploadBatchFile([requestLine('a', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })]);
		const created = await call<{ id: string }>(fake.url, '/batches', { ...json(), body: { input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h' } });
		const cancelling = await call<{ status: string }>(fake.url, `/batches/${created.body.id}/cancel`, { ...json(), method: 'POST' });
		expectMatchesSpec('POST', '/batches/{batch_id}/cancel', 200, cancelling.body);
		expect(cancelling.body.status).toBe('cancelling');
		fake.clock.advance(20_000);
		const cancelled = await call<{ status: string }>(fake.url, `/batches/${created.body.id}`, json());
		expect(cancelled.body.status).toBe('cancelled');
		expectMatchesSpec('GET', '/batches/{batch_id}', 200, cancelled.body);
		const again = await call(fake.url, `/batches/${created.body.id}/cancel`, { ...json(), method: 'POST' });
		expect(again.status).toBe(409);
		expectMatchesSpec('POST', '/batches/{batch_id}/cancel', 409, again.body);
		const missing = await call(fake.url, '/batches/batch_nope', json());
		expect(missing.status).toBe(404);
		expectMatchesSpec('GET', '/batches/{batch_id}', 404, missing.body);
		for (const body of [
			{ input_file_id: fileId, endpoint: '/v1/audio/speech', completion_window: '24h' },
			{ input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '1h' },
			{ input_file_id: 'file-nope', endpoint: '/v1/chat/completions', completion_window: '24h' },
			{ endpoint: '/v1/chat/completions', completion_window: '24h' },
		]) {
			const bad = await call(fake.url, '/batches', { ...json(), body });
			expect(bad.status).toBeGreaterThanOrEqual(400);
			expectMatchesSpec('POST', '/batches', bad.status, bad.body);
		}
	});
});

describe('images', () => {
	it.each([
		['gpt-image-1', { model: 'gpt-image-1', prompt: 'a cat', n: 2, size: '1024x1536', quality: 'low', output_format: 'jpeg', output_compression: 50 }, 'jpeg', [1024, 1536]],
		['dall-e-3', { model: 'dall-e-3', prompt: 'a cat', response_format: 'b64_json', style: 'vivid', quality: 'hd' }, 'png', [1024, 1024]],
		['dall-e-2 URLs', { model: 'dall-e-2', prompt: 'a cat', size: '256x256' }, 'png', [256, 256]],
	])('generations with %s match the spec and carry real images', async (_name, body, format, [width, height]) => {
		const result = await call<{ data: Array<{ b64_json?: string; url?: string }> }>(fake.url, '/images/generations', { ...json(), body });
		expect(result.status).toBe(200);
		expectMatchesSpec('POST', '/images/generations', 200, result.body);
		const first = result.body.data[0];
		const bytes = first.b64_json
			? Buffer.from(first.b64_json, 'base64')
			: Buffer.from(await (await fetch(String(first.url), { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } })).arrayBuffer());
		expect(readImageInfo(bytes)).toMatchObject({ format, width, height });
	});

	it.each([
		['no prompt', { model: 'gpt-image-1' }, 400],
		['n=2 with dall-e-3', { model: 'dall-e-3', prompt: 'x', n: 2 }, 400],
		['response_format with gpt-image-1', { model: 'gpt-image-1', prompt: 'x', response_format: 'url' }, 400],
		['an unknown model', { model: 'dall-e-9', prompt: 'x' }, 404],
		['a chat model', { model: 'gpt-4o', prompt: 'x' }, 400],
	])('generations with %s are spec error responses', async (_name, body, status) => {
		const result = await call(fake.url, '/images/generations', { ...json(), body });
		expect(result.status).toBe(status);
		expectMatchesSpec('POST', '/images/generations', status, result.body);
	});

	it('edits and variations (multipart) match the spec; a mask of another size is a 400', async () => {
		const image = encodePng(64, 64, { r: 1, g: 2, b: 3, a: 255 });
		const edit = await postForm('/images/edits', {
			fields: { model: 'gpt-image-1', prompt: 'hat', n: '1' },
			files: [
				{ field: 'image[]', data: image, name: 'a.png', type: 'image/png' },
				{ field: 'image[]', data: image, name: 'b.png', type: 'image/png' },
				{ field: 'mask', data: encodePng(64, 64, { r: 0, g: 0, b: 0, a: 0 }), name: 'm.png', type: 'image/png' },
			],
		});
		expect(edit.status).toBe(200);
		expectMatchesSpec('POST', '/images/edits', 200, edit.body);
		const badMask = await postForm('/images/edits', {
			fields: { model: 'gpt-image-1', prompt: 'hat' },
			files: [
				{ field: 'image', data: image, name: 'a.png', type: 'image/png' },
				{ field: 'mask', data: encodePng(32, 32, { r: 0, g: 0, b: 0, a: 0 }), name: 'm.png', type: 'image/png' },
			],
		});
		expect(badMask.status).toBe(400);
		expectMatchesSpec('POST', '/images/edits', 400, badMask.body);
		const variation = await postForm('/images/variations', { fields: { n: '2', response_format: 'b64_json' }, files: [{ field: 'image', data: image, name: 'a.png', type: 'image/png' }] });
		expect(variation.status).toBe(200);
		expectMatchesSpec('POST', '/images/variations', 200, variation.body);
		const notPng = await postForm('/images/variations', { files: [{ field: 'image', data: Buffer.from('GIF89a'), name: 'a.gif', type: 'image/gif' }] });
		expect(notPng.status).toBe(400);
		expectMatchesSpec('POST', '/images/variations', 400, notPng.body);
	});
});

describe('audio', () => {
	it('speech returns audio bytes of the asked format', async () => {
		for (const [format, magic] of [['mp3', 'ID3'], ['wav', 'RIFF'], ['flac', 'fLaC'], ['opus', 'OggS']] as const) {
			const response = await fetch(`${fake.url}/audio/speech`, {
				method: 'POST',
				headers: { authorization: `Bearer ${FAKE_KEYS.project}`, 'content-type': 'application/json' },
				body: JSON.stringify({ model: 'tts-1', input: 'Hello', voice: 'alloy', response_format: format }),
			});
			expect(response.status).toBe(200);
			expect(Buffer.from(await response.arrayBuffer()).toString('ascii', 0, magic.length)).toBe(magic);
		}
		const bad = await call(fake.url, '/audio/speech', { ...json(), body: { model: 'tts-1', input: 'x', voice: 'alloy', instructions: 'calm' } });
		expect(bad.status).toBe(400);
		expectMatchesSpec('POST', '/audio/speech', 400, bad.body);
	});

	it('transcriptions and translations match the spec', async () => {
		const file = { field: 'file', data: encodeSpeech('hello there', 'wav'), name: 'a.wav', type: 'audio/wav' };
		const plain = await postForm('/audio/transcriptions', { fields: { model: 'gpt-4o-mini-transcribe' }, files: [file] });
		expect(plain.body).toMatchObject({ text: 'hello there', usage: { type: 'tokens' } });
		expectMatchesSpec('POST', '/audio/transcriptions', 200, plain.body);
		const verbose = await postForm('/audio/transcriptions', { fields: { model: 'whisper-1', response_format: 'verbose_json', timestamp_granularities: ['word'] }, files: [file] });
		// the spec's oneOf cannot tell verbose JSON from plain JSON (plain only requires "text"), so the verbose schema is checked directly
		expectValid(validateSchema('CreateTranscriptionResponseVerboseJson', verbose.body));
		expect((verbose.body as { words: unknown[] }).words).toHaveLength(2);
		const translation = await postForm('/audio/translations', { fields: { model: 'whisper-1' }, files: [file] });
		expectMatchesSpec('POST', '/audio/translations', 200, translation.body);
		const text = await postForm('/audio/transcriptions', { fields: { model: 'whisper-1', response_format: 'text' }, files: [file] });
		expect(text.body).toBe('hello there\n');
		const badUploads: Upload[] = [
			{ fields: { model: 'whisper-1' }, files: [{ ...file, data: Buffer.from('not audio at all'), name: 'a.txt' }] },
			{ fields: { model: 'gpt-4o-transcribe', response_format: 'srt' }, files: [file] },
			{ fields: { model: 'whisper-1', timestamp_granularities: ['word'] }, files: [file] },
			{ fields: { model: 'whisper-1' } },
		];
		for (const upload of badUploads) {
			const bad = await postForm('/audio/transcriptions', upload);
			expect(bad.status).toBe(400);
			expectMatchesSpec('POST', '/audio/transcriptions', 400, bad.body);
		}
		const wrongModel = await postForm('/audio/translations', { fields: { model: 'gpt-4o-transcribe' }, files: [file] });
		expect(wrongModel.status).toBe(400);
		expectMatchesSpec('POST', '/audio/translations', 400, wrongModel.body);
	});
});

describe('the media contract checks can fail', () => {
	it.each([
		['a file without bytes', 'GET', '/files/{file_id}', { id: 'file-x', object: 'file', created_at: 1, filename: 'a', purpose: 'batch', status: 'processed' }],
		['a batch with an unknown status', 'GET', '/batches/{batch_id}', { id: 'b', object: 'batch', endpoint: '/v1/x', input_file_id: 'f', completion_window: '24h', status: 'done', created_at: 1 }],
		['an image list without created', 'POST', '/images/generations', { data: [] }],
	])('rejects %s', (_name, method, template, body) => {
		expect(validateResponse(method, template, 200, body).valid).toBe(false);
	});
});

function expectValid(check: { valid: boolean; errors: string[] }): void {
	expect(check.errors).toEqual([]);
	expect(check.valid).toBe(true);
}

describe('images: JSON edits (image references)', () => {
	const dataUrl = `data:image/png;base64,${encodePng(16, 16, { r: 9, g: 9, b: 9, a: 255 }).toString('base64')}`;
	it.each([
		['a data URL', { model: 'gpt-image-1', prompt: 'Blue', images: [{ image_url: dataUrl }], size: '1024x1024' }, 200],
		['a URL the API cannot download', { model: 'gpt-image-1', prompt: 'Blue', images: [{ image_url: 'https://pictures.invalid/a.png' }] }, 400],
		['dall-e-2 (JSON edits are for gpt-image models)', { model: 'dall-e-2', prompt: 'Blue', images: [{ image_url: dataUrl }] }, 400],
		['both image_url and file_id', { model: 'gpt-image-1', prompt: 'Blue', images: [{ image_url: dataUrl, file_id: 'file-x' }] }, 400],
		['no images', { model: 'gpt-image-1', prompt: 'Blue' }, 400],
	])('%s', async (_name, body, status) => {
		const result = await call(fake.url, '/images/edits', { ...json(), body });
		expect(result.status).toBe(status);
		expectMatchesSpec('POST', '/images/edits', status, result.body);
	});
});

import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi, StatusFault } from '../fake-openai';
import { startFakeOpenAi } from '../fake-openai';
import { encodeSpeech } from '../fake-openai/areas/media/audioCodecs';
import { encodePng } from '../fake-openai/areas/media/imageCodecs';
import { runWorkflow } from '../harness';
import { binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';

/**
 * Every operation family of the OpenAI Platform node checks the answer it gets (issue 10, class 2):
 * a 200 with `{}`, with fields of the wrong type, an HTML page, a text/plain "OK" or a 204 is a
 * NodeApiError that says what was expected and what came — never a silent success, never a raw
 * TypeError. One table of operations × one table of hostile answers.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const model = (value: string) => ({ __rl: true, mode: 'id', value });
const png = binarySpec(encodePng(8, 8, { r: 10, g: 120, b: 200, a: 255 }), 'in.png', 'image/png');
const wav = binarySpec(encodeSpeech('hello there', 'wav'), 'clip.wav', 'audio/wav');
const notes = binarySpec(Buffer.from('some notes'), 'notes.txt', 'text/plain');

/** A good answer scripted for a request an operation makes before the one under test. */
const answer = (path: string, body: IDataObject): StatusFault => ({ kind: 'status', status: 200, body, match: { path } });
const storedFile = (filename: string, bytes = 40) => answer('/v1/files/file-1', { id: 'file-1', object: 'file', bytes, created_at: 1, filename, purpose: 'batch_output' });
const completedBatch = answer('/v1/batches/batch_1', {
	id: 'batch_1',
	object: 'batch',
	endpoint: '/v1/chat/completions',
	status: 'completed',
	input_file_id: 'file-in',
	output_file_id: 'file-1',
	error_file_id: null,
	completion_window: '24h',
	created_at: 1,
	request_counts: { total: 1, completed: 1, failed: 0 },
});

interface Family {
	name: string;
	parameters: IDataObject;
	items?: IDataObject[];
	/** where the hostile answer goes */
	path: string | RegExp;
	method?: string;
	/** a body whose fields have the wrong types (or, for binary answers, an API error object) */
	wrong: unknown;
	/** good answers for the requests made before the one under test */
	before?: StatusFault[];
	/** hostile answers that are a legitimate answer for this operation (asserted to succeed) */
	legitimate?: string[];
	/** hostile answers found by the shared list reader, whose error cannot name the HTTP status and content type */
	withoutFacts?: string[];
}

const chatParameters = { resource: 'chat', operation: 'message', modelId: model('gpt-4o-mini'), messages: { values: [{ role: 'user', content: 'Hi' }] } };

const createFromItems = { resource: 'batch', operation: 'createFromItems', endpoint: '/v1/chat/completions', modelId: chatParameters.modelId, messages: chatParameters.messages };

const FAMILIES: Family[] = [
	{ name: 'Chat → Message a Model', parameters: chatParameters, path: '/v1/chat/completions', wrong: { choices: 'nope' } },
	{
		name: 'Response → Create',
		parameters: { resource: 'response', operation: 'create', modelId: model('gpt-4o-mini'), inputType: 'text', input: 'Hi' },
		path: '/v1/responses',
		wrong: { id: 'resp_1', output: [{ type: 'message', content: [{ type: 'output_text', text: 5 }] }] },
	},
	{ name: 'Response → Get', parameters: { resource: 'response', operation: 'get', responseId: 'resp_1' }, path: '/v1/responses/resp_1', wrong: { id: 'resp_1', output: 'nope' } },
	{
		name: 'Response → Delete',
		parameters: { resource: 'response', operation: 'delete', responseId: 'resp_1' },
		path: '/v1/responses/resp_1',
		wrong: { id: 'resp_1', deleted: 'yes' },
		// OpenAI's spec promises no body for this one
		legitimate: ['204 No Content'],
	},
	{
		name: 'Text → Complete',
		parameters: { resource: 'text', operation: 'complete', modelId: model('gpt-3.5-turbo-instruct'), prompt: 'Once upon' },
		path: '/v1/completions',
		wrong: { choices: [{ text: 5, finish_reason: 'stop' }] },
	},
	{
		name: 'Embedding → Create',
		parameters: { resource: 'embedding', operation: 'create', modelId: model('text-embedding-3-small'), text: 'hello' },
		path: '/v1/embeddings',
		wrong: { data: 'nope' },
	},
	{
		name: 'Moderation → Classify',
		parameters: { resource: 'moderation', operation: 'classify', modelId: model('omni-moderation-latest'), input: 'hello' },
		path: '/v1/moderations',
		wrong: { results: [{ flagged: 'no' }] },
	},
	{
		name: 'Image → Generate',
		parameters: { resource: 'image', operation: 'generate', modelId: model('gpt-image-1'), prompt: 'A cat' },
		path: '/v1/images/generations',
		wrong: { data: [{ b64_json: 5 }] },
	},
	{
		name: 'Image → Edit',
		items: [{ $binary: { data: png } }],
		parameters: { resource: 'image', operation: 'edit', modelId: model('gpt-image-1'), prompt: 'Add a hat' },
		path: '/v1/images/edits',
		wrong: { data: 'nope' },
	},
	{
		name: 'Image → Create Variation',
		items: [{ $binary: { data: png } }],
		parameters: { resource: 'image', operation: 'createVariation' },
		path: '/v1/images/variations',
		wrong: { data: [{ url: 7 }] },
	},
	{
		name: 'Image → Analyze',
		parameters: { resource: 'image', operation: 'analyze', modelId: model('gpt-4o-mini'), text: 'What is it?', inputType: 'url', imageUrls: 'https://example.com/a.png' },
		path: '/v1/chat/completions',
		wrong: { choices: [{ message: { content: 5 }, finish_reason: 'stop' }] },
	},
	{
		name: 'Audio → Generate Speech',
		parameters: { resource: 'audio', operation: 'generateSpeech', modelId: model('gpt-4o-mini-tts'), input: 'Hello' },
		path: '/v1/audio/speech',
		wrong: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota' } },
	},
	{
		name: 'Audio → Transcribe (JSON)',
		items: [{ $binary: { data: wav } }],
		parameters: { resource: 'audio', operation: 'transcribe', modelId: model('whisper-1') },
		path: '/v1/audio/transcriptions',
		wrong: { text: 5 },
	},
	{
		name: 'Audio → Transcribe (Text)',
		items: [{ $binary: { data: wav } }],
		parameters: { resource: 'audio', operation: 'transcribe', modelId: model('whisper-1'), options: { responseFormat: 'text' } },
		path: '/v1/audio/transcriptions',
		wrong: { text: 'a JSON object is not the text format' },
		// "OK" is a transcript
		legitimate: ['text/plain "OK"'],
	},
	{
		name: 'Audio → Translate',
		items: [{ $binary: { data: wav } }],
		parameters: { resource: 'audio', operation: 'translate', modelId: model('whisper-1') },
		path: '/v1/audio/translations',
		wrong: { text: null },
	},
	{
		name: 'File → Upload',
		items: [{ $binary: { data: notes } }],
		parameters: { resource: 'file', operation: 'upload', purpose: 'user_data' },
		path: '/v1/files',
		method: 'POST',
		wrong: { id: 5 },
	},
	{ name: 'File → Get', parameters: { resource: 'file', operation: 'get', fileId: 'file-1' }, path: '/v1/files/file-1', wrong: { id: 'file-1', bytes: 'many' } },
	{ name: 'File → Get Many', withoutFacts: ['204 No Content'], parameters: { resource: 'file', operation: 'getAll', returnAll: true }, path: '/v1/files', method: 'GET', wrong: { data: 'nope', has_more: false } },
	{
		name: 'File → Download',
		parameters: { resource: 'file', operation: 'download', fileId: 'file-1' },
		before: [storedFile('report.pdf')],
		path: '/v1/files/file-1/content',
		wrong: { error: { message: 'No such file', type: 'invalid_request_error' } },
		// a file's content may be any text
		legitimate: ['text/plain "OK"'],
	},
	{ name: 'File → Delete', parameters: { resource: 'file', operation: 'delete', fileId: 'file-1' }, path: '/v1/files/file-1', wrong: { id: 'file-1', deleted: 'yes' } },
	{
		name: 'Batch → Create From Items (the upload)',
		items: [{ question: 'Hi' }],
		parameters: createFromItems,
		path: '/v1/files',
		method: 'POST',
		wrong: { id: ['file-1'] },
	},
	{
		name: 'Batch → Create From Items (the batch)',
		items: [{ question: 'Hi' }],
		parameters: createFromItems,
		path: '/v1/batches',
		method: 'POST',
		wrong: { id: 'batch_1', status: 5 },
	},
	{ name: 'Batch → Get', parameters: { resource: 'batch', operation: 'get', batchId: 'batch_1' }, path: '/v1/batches/batch_1', wrong: { id: 'batch_1', status: 'completed', request_counts: 'all' } },
	{ name: 'Batch → Get Many', withoutFacts: ['204 No Content'], parameters: { resource: 'batch', operation: 'getAll', returnAll: true }, path: '/v1/batches', wrong: { data: [1, 2], has_more: false } },
	{ name: 'Batch → Cancel', parameters: { resource: 'batch', operation: 'cancel', batchId: 'batch_1' }, path: '/v1/batches/batch_1/cancel', wrong: { id: 7, status: 'cancelling' } },
	{
		name: 'Batch → Get Results (the batch)',
		parameters: { resource: 'batch', operation: 'getResults', batchId: 'batch_1' },
		path: '/v1/batches/batch_1',
		wrong: { id: 'batch_1', status: 'completed', output_file_id: 42 },
	},
	{ name: 'Model → Get', parameters: { resource: 'model', operation: 'get', modelId: model('gpt-4o') }, path: '/v1/models/gpt-4o', wrong: { id: 5 } },
	{ name: 'Model → Get Many', withoutFacts: ['wrong types', '204 No Content'], parameters: { resource: 'model', operation: 'getAll', returnAll: true }, path: '/v1/models', wrong: { data: [{ id: 5 }] } },
	{
		name: 'Model → Delete',
		parameters: { resource: 'model', operation: 'delete', modelId: model('ft:gpt-4o-mini:org::abc') },
		path: /^\/v1\/models\/ft/,
		method: 'DELETE',
		wrong: { id: 'ft:gpt-4o-mini:org::abc', deleted: 1 },
	},
	{ name: 'Video → Create', parameters: { resource: 'video', operation: 'create', prompt: 'A cat' }, path: '/v1/videos', method: 'POST', wrong: { id: 'video_1', status: 5 } },
	{
		name: 'Video → Create, waiting (the poll)',
		parameters: { resource: 'video', operation: 'create', prompt: 'A cat', options: { waitForCompletion: true, pollIntervalSeconds: 0.1 } },
		path: /^\/v1\/videos\/video_\w+$/,
		method: 'GET',
		wrong: { id: 'video_1', status: 'completed', progress: 'all' },
	},
	{ name: 'Video → Remix', parameters: { resource: 'video', operation: 'remix', videoId: 'video_1', prompt: 'At night' }, path: '/v1/videos/video_1/remix', wrong: { id: 7, status: 'queued' } },
	{ name: 'Video → Edit', parameters: { resource: 'video', operation: 'edit', videoId: 'video_1', prompt: 'Add rain' }, path: '/v1/videos/edits', wrong: { id: 'video_2', status: 'queued', error: 'none' } },
	{ name: 'Video → Extend', parameters: { resource: 'video', operation: 'extend', videoId: 'video_1', prompt: 'Go on' }, path: '/v1/videos/extensions', wrong: { id: 'video_2', status: ['queued'] } },
	{ name: 'Video → Get', parameters: { resource: 'video', operation: 'get', videoId: 'video_1' }, path: '/v1/videos/video_1', wrong: { id: 'video_1', status: 'completed', progress: 'half' } },
	{ name: 'Video → Get Many', withoutFacts: ['204 No Content'], parameters: { resource: 'video', operation: 'getAll', returnAll: true }, path: '/v1/videos', method: 'GET', wrong: { data: 'nope', has_more: false } },
	{ name: 'Video → Delete', parameters: { resource: 'video', operation: 'delete', videoId: 'video_1' }, path: '/v1/videos/video_1', method: 'DELETE', wrong: { id: 'video_1', deleted: 'yes' } },
	{
		name: 'Video → Download (the content)',
		parameters: { resource: 'video', operation: 'download', videoId: 'video_1' },
		before: [answer('/v1/videos/video_1', { id: 'video_1', object: 'video', status: 'completed', progress: 100, error: null })],
		path: '/v1/videos/video_1/content',
		wrong: { error: { message: 'Video not found', type: 'invalid_request_error' } },
	},
	{
		name: 'Custom API Call (JSON)',
		parameters: { resource: 'customApiCall', operation: 'request', method: 'GET', path: '/things/1' },
		path: '/v1/things/1',
		wrong: { id: 5 },
		// the node does not know the endpoint: any JSON object is an answer, and a 204 has no body by definition
		legitimate: ['{}', 'wrong types', '204 No Content'],
	},
	{
		name: 'Custom API Call (Return All)',
		parameters: { resource: 'customApiCall', operation: 'request', method: 'GET', path: '/things', returnAll: true },
		path: '/v1/things',
		wrong: { data: [], has_more: 'yes' },
	},
	{
		name: 'Custom API Call (File)',
		parameters: { resource: 'customApiCall', operation: 'request', method: 'GET', path: '/things/1/content', response: 'file' },
		path: '/v1/things/1/content',
		wrong: { error: { message: 'No such thing', type: 'invalid_request_error' } },
		// a file may be JSON or text
		legitimate: ['{}', 'text/plain "OK"'],
	},
];
const PORTAL = '<!DOCTYPE html><html><head><title>Sign in to Guest Wi-Fi</title></head><body><form>…</form></body></html>';

interface Hostile {
	name: string;
	fault: (family: Family) => Omit<StatusFault, 'match'>;
	/** what the error's description shows of what came */
	came: RegExp;
}

const HOSTILE: Hostile[] = [
	{ name: '{}', fault: () => ({ kind: 'status', status: 200, body: {} }), came: /HTTP 200, content type application\/json\): \{\}/ },
	{ name: 'wrong types', fault: (family) => ({ kind: 'status', status: 200, body: family.wrong }), came: /HTTP 200, content type application\/json\)/ },
	{ name: 'an HTML page', fault: () => ({ kind: 'status', status: 200, body: PORTAL }), came: /HTTP 200, content type text\/html\): an HTML page titled "Sign in to Guest Wi-Fi"/ },
	{ name: 'text/plain "OK"', fault: () => ({ kind: 'status', status: 200, body: 'OK' }), came: /HTTP 200, content type text\/plain\): OK\./ },
	{ name: '204 No Content', fault: () => ({ kind: 'status', status: 204, body: '' }), came: /HTTP 204.*\(empty\)/ },
];

const CASES = FAMILIES.flatMap((family) => HOSTILE.map((hostile) => [family.name, hostile.name, family, hostile] as const));

describe('every operation family checks the answer it gets', () => {
	it.each(CASES)('%s × %s', async (_family, hostileName, family, hostile) => {
		for (const good of family.before ?? []) fake.injectFault(good);
		fake.injectFault({ ...hostile.fault(family), match: { path: family.path, ...(family.method ? { method: family.method } : {}) } } as StatusFault);
		const result = await runWorkflow(workflow({ items: family.items, nodes: [{ parameters: { ...family.parameters, requestOptions: { maxRetries: 0 } } }] }), {
			credentials: credentialsFor(fake),
			nodeTypes: mediaNodeTypes,
		});
		// the hostile answer was used: nothing is left in the queue
		expect(fake.pendingFaults()).toEqual([]);
		if (family.legitimate?.includes(hostileName)) {
			expect(result.status).toBe('success');
			return;
		}
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { name?: string; message: string; description?: string; httpCode?: string } | undefined;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^The server's answer is not .+: .+ \[item 0\]$/);
		expect(error?.message).not.toMatch(/TypeError|Cannot read prop|undefined is not|could not be read|\[object Object\]/);
		expect(error?.description).toMatch(family.withoutFacts?.includes(hostileName) ? /^What came: / : hostile.came);
		expect(error?.description).toMatch(/Base URL/);
	});
});

/** Runs one node with the given answers scripted (good ones first, then the hostile one). */
async function runWith(faults: StatusFault[], parameters: IDataObject, items?: IDataObject[], onError?: 'continueRegularOutput') {
	for (const fault of faults) fake.injectFault(fault);
	return await runWorkflow(workflow({ items, nodes: [{ parameters: { ...parameters, requestOptions: { maxRetries: 0 } }, ...(onError ? { onError } : {}) }] }), {
		credentials: credentialsFor(fake),
		nodeTypes: mediaNodeTypes,
	});
}
const errorOf = (result: Awaited<ReturnType<typeof runWith>>) => result.nodeError('OpenAI') as { name?: string; message: string; description?: string } | undefined;
const moderate = { resource: 'moderation', operation: 'classify', modelId: model('omni-moderation-latest'), input: '={{ $json.text }}' };
const embed = { resource: 'embedding', operation: 'create', modelId: model('text-embedding-3-small'), text: '={{ $json.text }}' };
const generate = { resource: 'image', operation: 'generate', modelId: model('gpt-image-1'), prompt: 'A cat' };
const vector = (...values: number[]) => Buffer.from(new Float32Array(values).buffer).toString('base64');
const embeddings = (...entries: Array<{ index: unknown; embedding?: unknown }>) => ({
	object: 'list',
	data: entries.map((entry) => ({ object: 'embedding', embedding: [0.5, 0.25], ...entry })),
	model: 'text-embedding-3-small',
	usage: { prompt_tokens: 3, total_tokens: 3 },
});

describe('the answers issue 10 found believed without a look', () => {
	describe('Moderation: a result never defaults to "not flagged"', () => {
		it.each([
			['{}', {}, '`results` should be a list, but is nothing'],
			['no results', { id: 'modr-1', model: 'omni-moderation-latest', results: [] }, '`results` should have 1 entry, but has 0'],
			['a result without its verdict', { results: [{ categories: { violence: true }, category_scores: { violence: 0.9 } }] }, '`results[0].flagged` should be true or false, but is nothing'],
			['a verdict that is text', { results: [{ flagged: 'false' }] }, '`results[0].flagged` should be true or false, but is text'],
			['two results for one input', { results: [{ flagged: false }, { flagged: true }] }, '`results` should have 1 entry, but has 2'],
		])('%s is an error, not flagged: false', async (_name, body, problem) => {
			const result = await runWith([{ kind: 'status', status: 200, body, match: { path: '/v1/moderations' } }], moderate, [{ text: 'I will hurt you' }]);
			expect(result.status).toBe('error');
			expect(errorOf(result)?.message).toBe(`The server's answer is not a moderation result: ${problem} [item 0]`);
		});

		it('with Continue On Fail the item carries the error, never a verdict', async () => {
			const result = await runWith([{ kind: 'status', status: 200, body: {}, match: { path: '/v1/moderations' } }], moderate, [{ text: 'x' }, { text: 'y' }], 'continueRegularOutput');
			const [first, second] = result.output('OpenAI').map((item) => item.json);
			expect(first).not.toHaveProperty('flagged');
			expect(first.error).toMatch(/^The server's answer is not a moderation result/);
			expect(second.flagged).toBe(false); // the fake's own answer for the second item
		});
	});

	describe('Embeddings: one vector per input, each at its index (packed requests)', () => {
		const three = [{ text: 'a' }, { text: 'b' }, { text: 'c' }];
		it.each([
			['{}', {}, '`data` should be a list, but is nothing'],
			['fewer vectors than inputs', embeddings({ index: 0 }, { index: 1 }), '`data` should have one embedding per input (3), but has 2'],
			['an index twice', embeddings({ index: 0 }, { index: 0 }, { index: 1 }), '`data[1].index` is 0 again: two embeddings for the same input'],
			['an index past the inputs', embeddings({ index: 0 }, { index: 1 }, { index: 3 }), '`data[2].index` should be a whole number from 0 to 2 (the position of its input), but is 3'],
			['an entry without an index', embeddings({ index: 0 }, { index: 1 }, { index: undefined }), '`data[2].index` should be a whole number from 0 to 2 (the position of its input), but is nothing'],
			['an entry without a vector', embeddings({ index: 0 }, { index: 1 }, { index: 2, embedding: null }), '`data[2].embedding` should be a list of numbers or base64 text, but is null'],
			['a null entry', { data: [null, null, null] }, '`data[0]` should be an object, but is null'],
		])('%s fails every item of the request', async (_name, body, problem) => {
			const result = await runWith([{ kind: 'status', status: 200, body, match: { path: '/v1/embeddings' } }], embed, three, 'continueRegularOutput');
			const items = result.output('OpenAI').map((item) => item.json);
			expect(items).toHaveLength(3);
			for (const item of items) {
				expect(item).not.toHaveProperty('embedding');
				expect(item.error).toBe(`The server's answer is not a list of embeddings: ${problem} [item ${items.indexOf(item)}]`);
			}
			expect(fake.requests.filter((request) => request.path === '/v1/embeddings')).toHaveLength(1);
		});

		it('vectors come back to their items by index, base64 decoded to numbers', async () => {
			const body = embeddings({ index: 2, embedding: vector(3, 0.5) }, { index: 0, embedding: vector(1, 0.5) }, { index: 1, embedding: [2, 0.5] });
			const result = await runWith([{ kind: 'status', status: 200, body, match: { path: '/v1/embeddings' } }], embed, three);
			expect(result.status).toBe('success');
			expect(result.output('OpenAI').map((item) => item.json.embedding)).toEqual([[1, 0.5], [2, 0.5], [3, 0.5]]);
			expect(fake.requests[0].body).toMatchObject({ encoding_format: 'base64' });
		});

		it('base64 that is not float32 values is an error', async () => {
			const body = embeddings({ index: 0, embedding: Buffer.from([1, 2, 3]).toString('base64') });
			const result = await runWith([{ kind: 'status', status: 200, body, match: { path: '/v1/embeddings' } }], embed, [{ text: 'a' }]);
			expect(errorOf(result)?.message).toBe(
				"The server's answer is not a list of embeddings: `data[0].embedding` is not base64 of float32 values (its length in bytes is not a multiple of 4) [item 0]",
			);
		});
	});

	describe('Image → Generate: an image never disappears', () => {
		it.each([
			['no data', { created: 1 }, {}, '`data` should be a list, but is nothing'],
			['an empty list', { created: 1, data: [] }, {}, '`data` should have 1 entry, but has 0'],
			['fewer images than asked for', { created: 1, data: [{ b64_json: 'iVBORw0KGgo=' }] }, { n: 2 }, '`data` should have 2 entries, but has 1'],
			['an image without data or URL', { created: 1, data: [{ revised_prompt: 'a cat' }] }, {}, '`data[0]` should have the image as `b64_json` or `url`, but has nothing'],
		])('%s is an error', async (_name, body, options, problem) => {
			const result = await runWith([{ kind: 'status', status: 200, body, match: { path: '/v1/images/generations' } }], { ...generate, options });
			expect(result.status).toBe('error');
			expect(errorOf(result)?.message).toBe(`The server's answer is not a list of images: ${problem} [item 0]`);
		});
	});

	describe('Transcribe and Model Get: text is not a JSON object, and a web page is not a transcript', () => {
		const transcribe = (responseFormat: string) => ({ resource: 'audio', operation: 'transcribe', modelId: model('whisper-1'), options: { responseFormat } });
		it.each(['text', 'srt', 'vtt'])('%s format: an HTML page is an error, also one labelled text/plain', async (format) => {
			const page = format === 'srt' ? PORTAL.replace('<!DOCTYPE html>', '') : PORTAL;
			const html = await runWith([{ kind: 'status', status: 200, body: page, match: { path: '/v1/audio/transcriptions' } }], transcribe(format), [{ $binary: { data: wav } }]);
			expect(errorOf(html)?.message).toBe(`The server's answer is not the ${format.toUpperCase()} text of a transcription: the answer is an HTML page [item 0]`);
			expect(errorOf(html)?.description).toMatch(/an HTML page titled "Sign in to Guest Wi-Fi"/);
		});

		it('an HTML document sent as text/plain is not a transcript either', async () => {
			const result = await runWith(
				[{ kind: 'status', status: 200, body: ' \n<html><head><title>Proxy error</title></head></html>', match: { path: '/v1/audio/transcriptions' } }],
				transcribe('text'),
				[{ $binary: { data: wav } }],
			);
			expect(errorOf(result)?.message).toBe("The server's answer is not the TEXT text of a transcription: the answer is an HTML page [item 0]");
		});

		it('JSON format: the text must be text', async () => {
			const result = await runWith([{ kind: 'status', status: 200, body: { text: ['hello'] }, match: { path: '/v1/audio/transcriptions' } }], transcribe('json'), [{ $binary: { data: wav } }]);
			expect(errorOf(result)?.message).toBe("The server's answer is not a transcription: `text` should be text, but is an array [item 0]");
		});

		it('Model → Get on a text/plain "OK" is an error, not {"0":"O","1":"K"}', async () => {
			const result = await runWith([{ kind: 'status', status: 200, body: 'OK', match: { path: '/v1/models/gpt-4o' } }], { resource: 'model', operation: 'get', modelId: model('gpt-4o') });
			expect(errorOf(result)?.message).toBe("The server's answer is not a model: the answer should be an object, but is text [item 0]");
			expect(errorOf(result)?.description).toMatch(/^What came \(HTTP 200, content type text\/plain\): OK\. Check that the credential's Base URL/);
		});
	});

	describe('Chat, Embeddings, Response and Text: an empty or wrong answer is never a success', () => {
		const cases: Array<[string, IDataObject, string | RegExp, unknown, number, string]> = [
			['Chat {}', chatParameters, '/v1/chat/completions', {}, 200, 'a chat completion: `choices` should be a list, but is nothing'],
			['Chat {"choices":"nope"}', chatParameters, '/v1/chat/completions', { choices: 'nope' }, 200, 'a chat completion: `choices` should be a list, but is text'],
			['Chat no choices', chatParameters, '/v1/chat/completions', { choices: [] }, 200, 'a chat completion: `choices` should have at least 1 entry, but has 0'],
			['Chat a choice without its message', chatParameters, '/v1/chat/completions', { choices: [{ finish_reason: 'stop' }] }, 200, 'a chat completion: `choices[0].message` should be an object, but is nothing'],
			['Chat a message without content', chatParameters, '/v1/chat/completions', { choices: [{ message: { role: 'assistant' }, finish_reason: 'stop' }] }, 200, 'a chat completion: `choices[0].message.content` should be text or null, but is nothing'],
			['Chat a tool call without its function', chatParameters, '/v1/chat/completions', { choices: [{ message: { content: null, tool_calls: [{ id: 'c', type: 'function' }] }, finish_reason: 'tool_calls' }] }, 200, 'a chat completion: `choices[0].message.tool_calls[0].function` should be an object, but is nothing'],
			['Chat 204', chatParameters, '/v1/chat/completions', '', 204, 'a chat completion: the answer should be an object, but is null'],
			['Embeddings {}', embed, '/v1/embeddings', {}, 200, 'a list of embeddings: `data` should be a list, but is nothing'],
			['Response {}', { resource: 'response', operation: 'create', modelId: model('gpt-4o-mini'), inputType: 'text', input: 'Hi' }, '/v1/responses', {}, 200, 'a response of the Responses API: `output` should be a list, but is nothing'],
			['Response output that is not a list', { resource: 'response', operation: 'create', modelId: model('gpt-4o-mini'), inputType: 'text', input: 'Hi' }, '/v1/responses', { object: 'response', id: 'resp_1', output: 5 }, 200, 'a response of the Responses API: `output` should be a list, but is a number'],
			['Response a message part without text', { resource: 'response', operation: 'get', responseId: 'resp_1' }, '/v1/responses/resp_1', { object: 'response', id: 'resp_1', output: [{ type: 'message', content: [{ type: 'output_text' }] }] }, 200, 'a response of the Responses API: `output[0].content[0].text` should be text, but is nothing'],
			['Text {}', { resource: 'text', operation: 'complete', modelId: model('gpt-3.5-turbo-instruct'), prompt: 'Once' }, '/v1/completions', {}, 200, 'a text completion: `choices` should be a list, but is nothing'],
		];
		it.each(cases)('%s', async (_name, parameters, path, body, status, problem) => {
			const result = await runWith([{ kind: 'status', status, body, match: { path } }], parameters, [{ text: 'hello' }]);
			expect(result.status).toBe('error');
			expect(errorOf(result)?.name).toBe('NodeApiError');
			expect(errorOf(result)?.message).toBe(`The server's answer is not ${problem} [item 0]`);
		});
	});

	describe('Batch → Get Results: every line of the output file is checked', () => {
		const getResults = { resource: 'batch', operation: 'getResults', batchId: 'batch_1' };
		const content = (body: unknown): StatusFault => ({ kind: 'status', status: 200, body, match: { path: '/v1/files/file-1/content' } });
		const goodLine = JSON.stringify({ id: 'r1', custom_id: 'item-1', response: { status_code: 200, request_id: 'req_1', body: { id: 'c', usage: { prompt_tokens: 1, completion_tokens: 2 } } }, error: null });

		it('a line that is null, or not a result line, becomes that line\'s failed result; good lines are kept', async () => {
			const lines = ['null', goodLine, JSON.stringify({ custom_id: 'item-2', response: { status_code: '200' }, error: null }), '42'].join('\n');
			const result = await runWith([completedBatch, content(`${lines}\n`)], getResults);
			expect(result.status).toBe('success');
			const items = result.output('OpenAI').map((item) => item.json);
			expect(items.map((item) => [item.custom_id, item.status])).toEqual([
				['item-1', 'succeeded'],
				['item-2', 'failed'],
				['output-file-line-1', 'failed'],
				['output-file-line-4', 'failed'],
			]);
			expect(items[1].error).toEqual({ code: 'invalid_result_line', message: 'Line 3 of the output file is not a batch result line: `response.status_code` should be a number, but is text', type: null, param: null });
			expect(items[1].itemIndex).toBe(2);
			expect((items[2].error as IDataObject).message).toBe('Line 1 of the output file is not a batch result line: it is null');
			expect((items[3].error as IDataObject).message).toBe('Line 4 of the output file is not a batch result line: it is a number');
		});

		it('an HTML page or an API error object instead of the file is an error', async () => {
			const html = await runWith([completedBatch, content(PORTAL)], getResults);
			expect(errorOf(html)?.message).toBe("The server's answer is not the output file of batch batch_1 (JSONL): it is an HTML page (text/html), not JSONL [item 0]");
			const apiError = await runWith([completedBatch, content({ error: { message: 'Service unavailable', type: 'server_error' } })], getResults);
			expect(errorOf(apiError)?.message).toBe("The server's answer is not the output file of batch batch_1 (JSONL): it is an API error object sent with status 200, not result lines [item 0]");
		});
	});

	describe('binary answers: a web page or an API error is not audio or a file', () => {
		const speech = { resource: 'audio', operation: 'generateSpeech', modelId: model('gpt-4o-mini-tts'), input: 'Hello' };
		it.each([
			['an HTML page', PORTAL, 'it is an HTML page (text/html), not audio'],
			['a JSON error object', { error: { message: 'Quota exceeded' } }, 'it is JSON (application/json), not audio'],
		])('Generate Speech: %s is an error, with a preview of what came', async (_name, body, problem) => {
			const result = await runWith([{ kind: 'status', status: 200, body, match: { path: '/v1/audio/speech' } }], speech);
			expect(errorOf(result)?.message).toBe(`The server's answer is not audio: ${problem} [item 0]`);
			expect(errorOf(result)?.description).toMatch(typeof body === 'string' ? /an HTML page titled "Sign in to Guest Wi-Fi"/ : /Quota exceeded/);
		});

		const download = { resource: 'file', operation: 'download', fileId: 'file-1' };
		const contentAnswer = (body: unknown): StatusFault => ({ kind: 'status', status: 200, body, match: { path: '/v1/files/file-1/content' } });
		it('Download: an HTML page for a file that is not HTML is an error', async () => {
			const result = await runWith([storedFile('results.jsonl'), contentAnswer(PORTAL)], download);
			expect(errorOf(result)?.message).toBe('The server\'s answer is not the content of the file "results.jsonl": it is an HTML page (text/html), and "results.jsonl" is not an HTML file [item 0]');
		});

		it('Download: an API error object for a JSON file is an error; other JSON is the file', async () => {
			const error = await runWith([storedFile('results.jsonl'), contentAnswer({ error: { message: 'No such file' } })], download);
			expect(errorOf(error)?.message).toBe('The server\'s answer is not the content of the file "results.jsonl": it is an API error object sent with status 200, not the file [item 0]');
			const json = await runWith([storedFile('data.json'), contentAnswer({ error: 'none', rows: [1] })], download);
			expect(json.status).toBe('success');
		});

		it('Download: an HTML file is downloaded as it is', async () => {
			const result = await runWith([storedFile('page.html', PORTAL.length), contentAnswer(PORTAL)], download);
			expect(result.status).toBe('success');
			expect(result.output('OpenAI')[0].binary?.data).toMatchObject({ fileName: 'page.html' });
		});

		it('Download: the file object must name the file and its size', async () => {
			const result = await runWith([answer('/v1/files/file-1', { id: 'file-1', object: 'file' })], download);
			expect(errorOf(result)?.message).toBe("The server's answer is not a file object: `filename` should be text, but is nothing [item 0]");
		});
	});
});

describe('metadata values are text: an object is refused, not sent as "[object Object]"', () => {
	const respond = (metadata: IDataObject) => ({ resource: 'response', operation: 'create', modelId: model('gpt-4o-mini'), inputType: 'text', input: 'Hi', options: { metadata } });
	const batch = (metadata: IDataObject) => ({ ...createFromItems, batchOptions: { metadata } });

	it.each([
		['Response → Create', respond],
		['Batch → Create From Items', batch],
	])('%s: an object value names the parameter, the key and the item; nothing is sent', async (_name, build) => {
		const result = await runWith([], build({ values: [{ key: 'tags', value: '={{ $json.tags }}' }] }), [{ question: 'Hi', tags: { team: 'support' } }]);
		expect(result.status).toBe('error');
		const error = errorOf(result);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('The "Metadata" value of "tags" is an object, not text [item 0]');
		expect(error?.description).toMatch(/JSON\.stringify/);
		expect(fake.requests).toHaveLength(0);
	});

	it.each([
		['Response → Create', respond],
		['Batch → Create From Items', batch],
	])('%s: a list as key is refused too; numbers and true/false are sent as their text', async (_name, build) => {
		const key = await runWith([], build({ values: [{ key: '={{ $json.keys }}', value: 'x' }] }), [{ question: 'Hi', keys: ['a', 'b'] }]);
		expect(errorOf(key)?.message).toBe('The "Metadata" key of entry 1 is a list, not text [item 0]');
		fake.clearRequests();
		const numbers = await runWith([], build({ values: [{ key: 'count', value: '={{ 42 }}' }, { key: 'done', value: '={{ true }}' }] }), [{ question: 'Hi' }]);
		expect(numbers.status).toBe('success');
		const sent = fake.requests.find((request) => request.path === '/v1/responses' || request.path === '/v1/batches');
		expect((sent?.body as IDataObject).metadata).toEqual({ count: '42', done: 'true' });
	});
});

import type { FakeOpenAi } from '../fake-openai';
import { startFakeOpenAi } from '../fake-openai';
import { encodeSpeech, readSpeechText } from '../fake-openai/areas/media/audioCodecs';
import { mediaInspector } from '../fake-openai/areas/media/inspect';
import { runWorkflow } from '../harness';
import { bigFileNode, binaryBytes, binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const run = async (spec: Parameters<typeof workflow>[0]) =>
	await runWorkflow(workflow(spec), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes });
const speech = (extra: Record<string, unknown> = {}) => ({ resource: 'audio', operation: 'generateSpeech', input: '={{ $json.text }}', ...extra });
const transcribe = (extra: Record<string, unknown> = {}) => ({ resource: 'audio', operation: 'transcribe', ...extra });
const audioItem = (text: string, format: 'wav' | 'mp3' = 'wav') => ({
	$binary: { data: binarySpec(encodeSpeech(text, format), `clip.${format}`, format === 'wav' ? 'audio/wav' : 'audio/mpeg') },
});

describe('Audio → Generate Speech', () => {
	it('returns the audio as binary data, one file per item, with the request OpenAI expects', async () => {
		const result = await run({
			items: [{ text: 'Hello from n8n' }, { text: 'Second line' }],
			nodes: [{ parameters: speech({ voice: 'nova', options: { responseFormat: 'wav', speed: 1.5 } }) }],
		});
		expect(result.status).toBe('success');
		const items = result.output('OpenAI');
		expect(items).toHaveLength(2);
		expect(items[0].json).toEqual({ model: 'gpt-4o-mini-tts', voice: 'nova', format: 'wav', characters: 14, bytes: expect.any(Number) });
		expect(items[0].binary?.data).toMatchObject({ mimeType: 'audio/wav', fileName: 'speech.wav', fileExtension: 'wav' });
		const bytes = await binaryBytes(items[1]);
		expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
		expect(readSpeechText(bytes)).toBe('Second line');
		expect(items[1].json.bytes).toBe(bytes.length);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const bodies = fake.requests.filter((r) => r.path === '/v1/audio/speech').map((r) => r.body);
		expect(bodies[0]).toEqual({ model: 'gpt-4o-mini-tts', input: 'Hello from n8n', voice: 'nova', response_format: 'wav', speed: 1.5 });
	});

	it('names the file and the output property as asked; MP3 by default', async () => {
		const result = await run({
			items: [{ text: 'Named' }],
			nodes: [{ parameters: speech({ options: { fileName: 'greeting.mp3', binaryPropertyOutput: 'audio' } }) }],
		});
		const [item] = result.output('OpenAI');
		expect(item.binary?.audio).toMatchObject({ mimeType: 'audio/mpeg', fileName: 'greeting.mp3' });
		expect((await binaryBytes(item, 'audio')).toString('ascii', 0, 3)).toBe('ID3');
	});

	it.each([
		['an empty text', { input: '={{ $json.missing ?? "" }}' }, /^The "Text Input" parameter is empty \[item 0\]$/],
		['instructions with tts-1', { modelId: { __rl: true, mode: 'id', value: 'tts-1' }, options: { instructions: 'Whisper' } }, /"Instructions" option does not work with tts-1 \[item 0\]/],
		['a text over 4,096 characters', { input: 'x'.repeat(4097) }, /has 4097 characters; OpenAI speaks at most 4096 per request \[item 0\]/],
	])('refuses %s before any request', async (_name, parameters, message) => {
		const result = await run({ items: [{ text: 'ok' }], nodes: [{ parameters: speech(parameters) }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(message);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('API errors', () => {
	it('a value OpenAI rejects is a NodeApiError with OpenAI\'s message and a hint naming the parameter', async () => {
		const result = await run({ items: [{ text: 'Hi', voice: 'robot' }], nodes: [{ parameters: speech({ voice: '={{ $json.voice }}' }) }] });
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { message?: string; description?: string; httpCode?: string } | undefined;
		expect(error?.message).toMatch(/^OpenAI: Invalid value for 'voice': 'robot'/);
		expect(error?.description).toMatch(/rejected the value of 'voice'/);
		expect(error?.httpCode).toBe('400');
	});
});

describe('speech → transcription round trip', () => {
	it('transcribes the generated audio back to the original text, item by item', async () => {
		const texts = ['The quick brown fox jumps over the lazy dog.', 'Zweiter Satz mit Umlauten: äöü ß.', 'Third.'];
		const result = await run({
			items: texts.map((text) => ({ text })),
			nodes: [
				{ parameters: speech({ options: { responseFormat: 'mp3' } }) },
				{ parameters: transcribe({ modelId: { __rl: true, mode: 'list', value: 'gpt-4o-transcribe' } }) },
			],
		});
		expect(result.status).toBe('success');
		const items = result.output('OpenAI 2');
		expect(items.map((item) => item.json.text)).toEqual(texts);
		expect(items[0].json.usage).toMatchObject({ type: 'tokens', input_tokens: expect.any(Number) });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// the exact bytes of each speech file arrived at the transcription endpoint
		const speechFiles = result.output('OpenAI');
		const uploads = mediaInspector(fake).uploads.filter((upload) => upload.path === '/v1/audio/transcriptions');
		expect(uploads).toHaveLength(3);
		for (const [index, upload] of uploads.entries()) {
			const sent = await binaryBytes(speechFiles[index]);
			expect(upload.files[0]).toMatchObject({ field: 'file', filename: 'speech.mp3', contentType: 'audio/mpeg', bytes: sent.length });
			expect(upload.fields).toMatchObject({ model: 'gpt-4o-transcribe', response_format: 'json' });
		}
	});
});

describe('Audio → Transcribe', () => {
	it('verbose JSON with word timestamps sends the granularities and returns words and segments', async () => {
		const result = await run({
			items: [audioItem('one two three four')],
			nodes: [{ parameters: transcribe({ options: { responseFormat: 'verbose_json', timestampGranularities: ['word', 'segment'], language: 'EN', prompt: 'Counting', temperature: 0.2 } }) }],
		});
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ text: 'one two three four', language: 'english', model: 'whisper-1' });
		expect((item.json.words as unknown[]).length).toBe(4);
		expect((item.json.segments as unknown[]).length).toBe(1);
		const [upload] = mediaInspector(fake).uploads;
		expect(upload.fields).toEqual({
			model: 'whisper-1',
			language: 'en',
			prompt: 'Counting',
			response_format: 'verbose_json',
			temperature: '0.2',
			timestamp_granularities: ['word', 'segment'],
		});
	});

	it.each([
		['text', 'plain words'],
		['srt', '00:00:00,000 --> '],
		['vtt', 'WEBVTT'],
	])('the %s format comes back as text', async (format, expected) => {
		const result = await run({ items: [audioItem('plain words')], nodes: [{ parameters: transcribe({ options: { responseFormat: format } }) }] });
		const [item] = result.output('OpenAI');
		expect(item.json.format).toBe(format);
		expect(String(item.json.text)).toContain(expected);
		expect(String(item.json.text)).toContain('plain words');
	});

	it('a file that is not speech from the fake is transcribed from its bytes (sha256 of what arrived)', async () => {
		const wav = encodeSpeech('ignored', 'wav');
		const stripped = Buffer.from(wav.toString('latin1').replace(/fake-openai-text=[A-Za-z0-9_-]+/, 'x'), 'latin1');
		const { createHash } = await import('node:crypto');
		const result = await run({ items: [{ $binary: { data: binarySpec(stripped, 'a.wav', 'audio/wav') } }], nodes: [{ parameters: transcribe() }] });
		expect(result.output('OpenAI')[0].json.text).toBe(`Audio of ${stripped.length} bytes (wav), sha256 ${createHash('sha256').update(stripped).digest('hex').slice(0, 16)}`);
	});
});

describe('Audio → Translate', () => {
	it('translates to English with whisper-1', async () => {
		const result = await run({ items: [audioItem('Bonjour tout le monde')], nodes: [{ parameters: { resource: 'audio', operation: 'translate' } }] });
		expect(result.output('OpenAI')[0].json).toEqual({ text: '[English] Bonjour tout le monde', model: 'whisper-1' });
		expect(mediaInspector(fake).uploads[0]).toMatchObject({ path: '/v1/audio/translations', fields: { model: 'whisper-1', response_format: 'json' } });
	});
});

describe('bad audio input', () => {
	it('a missing binary property names it and lists the binary properties the item has', async () => {
		const result = await run({ items: [{ $binary: { audio: binarySpec(encodeSpeech('x', 'wav'), 'a.wav', 'audio/wav') } }], nodes: [{ parameters: transcribe() }] });
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI');
		expect(error?.message).toBe('No binary property "data" for the "Input Data Field Name" parameter [item 0]');
		expect(error?.description).toMatch(/The item has: "audio"/);
		expect(fake.requests).toHaveLength(0);
	});

	it('a file that is not audio is refused by its MIME type, naming the file', async () => {
		const result = await run({ items: [{ $binary: { data: { text: 'hello', fileName: 'notes.txt', mimeType: 'text/plain' } } }], nodes: [{ parameters: transcribe() }] });
		expect(result.nodeError('OpenAI')?.message).toBe('The file in "Input Data Field Name" ("notes.txt", text/plain) is not one of the audio files this operation accepts [item 0]');
		expect(result.nodeError('OpenAI')?.description).toMatch(/flac, m4a, mp3/);
		expect(fake.requests).toHaveLength(0);
	});

	it('a file over 25 MB is refused before anything is sent', async () => {
		const result = await run({
			nodes: [bigFileNode(25 * 1024 * 1024 + 1, 'long.mp3', 'audio/mpeg'), { name: 'OpenAI', parameters: transcribe() }],
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toBe('The file in "Input Data Field Name" ("long.mp3", 26214401 bytes) is larger than the 25.0 MB OpenAI accepts for transcription [item 0]');
		expect(fake.requests).toHaveLength(0);
	});

	it.each([
		['SRT with gpt-4o-transcribe', transcribe({ modelId: { __rl: true, mode: 'id', value: 'gpt-4o-transcribe' }, options: { responseFormat: 'srt' } }), /"srt" response format does not work with gpt-4o-transcribe/],
		['timestamps without verbose JSON', transcribe({ options: { timestampGranularities: ['word'] } }), /Timestamps need the "Verbose JSON" response format, not "json"/],
		['translation with gpt-4o-mini-transcribe', { resource: 'audio', operation: 'translate', modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini-transcribe' } }, /gpt-4o-mini-transcribe cannot translate; OpenAI translates audio to English with whisper-1/],
		['a language that is not ISO-639-1', transcribe({ options: { language: 'English' } }), /"Language" option "English" is not an ISO-639-1 code/],
	])('refuses %s, explaining the combination', async (_name, parameters, message) => {
		const result = await run({ items: [audioItem('x')], nodes: [{ parameters }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(message);
		expect(result.nodeError('OpenAI')?.message).toMatch(/\[item 0\]$/);
		expect(fake.requests).toHaveLength(0);
	});

	it('with Continue On Fail a bad item becomes an error item and the others are transcribed', async () => {
		const result = await run({
			items: [audioItem('first'), { $binary: { data: { text: 'no', fileName: 'a.txt', mimeType: 'text/plain' } } }, audioItem('third')],
			nodes: [{ onError: 'continueRegularOutput', parameters: transcribe() }],
		});
		const items = result.output('OpenAI');
		expect(items.map((item) => item.json.text ?? item.json.error)).toEqual(['first', expect.stringMatching(/not one of the audio files/), 'third']);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

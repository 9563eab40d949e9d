import { inflateSync } from 'node:zlib';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { batchSettings } from './fake-openai/areas/batches';
import { detectAudioContainer, encodeSpeech, readSpeechText, type SpeechFormat } from './fake-openai/areas/media/audioCodecs';
import { crc32 } from './fake-openai/areas/media/crc';
import { encodeJpeg, encodePng, readImageInfo } from './fake-openai/areas/media/imageCodecs';
import { parseMultipart } from './fake-openai/areas/media/multipart';
import { call } from './fake-openai/testClient';

describe('multipart parser', () => {
	it('reads fields, repeated and [] fields, and files with any bytes (CRLF and boundary-like text inside)', async () => {
		const binary = Buffer.from([0, 13, 10, 45, 45, 255, 13, 10]);
		const form = new FormData();
		form.append('model', 'whisper-1');
		form.append('timestamp_granularities[]', 'word');
		form.append('timestamp_granularities[]', 'segment');
		form.append('file', new Blob([binary], { type: 'audio/wav' }), 'my "clip".wav');
		form.append('image[]', new Blob(['a']), 'a.png');
		form.append('image[]', new Blob(['b']), 'b.png');
		const request = new Request('http://x', { method: 'POST', body: form });
		const boundary = /boundary=(.+)$/.exec(request.headers.get('content-type') ?? '')?.[1] ?? '';
		const parsed = parseMultipart(Buffer.from(await request.arrayBuffer()), boundary);
		expect(parsed.fields).toEqual({ model: 'whisper-1', timestamp_granularities: ['word', 'segment'] });
		expect(parsed.files.file[0]).toMatchObject({ filename: 'my %22clip%22.wav', contentType: 'audio/wav' });
		expect(parsed.files.file[0].data.equals(binary)).toBe(true);
		expect(parsed.files.image.map((file) => file.data.toString())).toEqual(['a', 'b']);
	});
});

describe('audio codecs', () => {
	it.each(['mp3', 'opus', 'aac', 'flac', 'wav'] as SpeechFormat[])('%s carries its text and is recognised by its magic bytes', (format) => {
		const audio = encodeSpeech('Grüße, world!', format);
		expect(readSpeechText(audio)).toBe('Grüße, world!');
		expect(detectAudioContainer(audio)).toBe({ mp3: 'mp3', opus: 'ogg', aac: undefined, flac: 'flac', wav: 'wav' }[format as string]);
	});

	it('WAV length follows the text and the speed; PCM is raw samples', () => {
		const slow = encodeSpeech('x'.repeat(150), 'wav', 0.5);
		const fast = encodeSpeech('x'.repeat(150), 'wav', 2);
		const samples = (wav: Buffer) => wav.readUInt32LE(wav.indexOf('data') + 4);
		expect(samples(slow)).toBe(4 * samples(fast));
		expect(encodeSpeech('x'.repeat(15), 'pcm').length).toBe(24_000 * 2);
	});
});

describe('image codecs', () => {
	it('PNG: valid chunks and the pixels asked for', () => {
		const png = encodePng(3, 2, { r: 10, g: 20, b: 30, a: 128 });
		const ihdrData = png.subarray(16, 29);
		expect(png.readUInt32BE(29)).toBe(crc32(Buffer.from('IHDR'), ihdrData));
		const idatLength = png.readUInt32BE(33);
		const pixels = inflateSync(png.subarray(41, 41 + idatLength));
		expect([...pixels]).toEqual([0, 10, 20, 30, 128, 10, 20, 30, 128, 10, 20, 30, 128, 0, 10, 20, 30, 128, 10, 20, 30, 128, 10, 20, 30, 128]);
		expect(readImageInfo(png)).toEqual({ format: 'png', width: 3, height: 2, hasAlpha: true });
	});

	it('JPEG: baseline markers in order, byte-stuffed scan', () => {
		const jpeg = encodeJpeg(17, 9, 255);
		const markers: number[] = [];
		for (let offset = 2; offset < jpeg.length && jpeg[offset + 1] !== 0xda; offset += 2 + jpeg.readUInt16BE(offset + 2)) markers.push(jpeg[offset + 1]);
		expect(markers).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xc4]);
		expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
		expect(readImageInfo(jpeg)).toMatchObject({ width: 17, height: 9 });
	});
});

describe('batch lifecycle on real time', () => {
	let fake: FakeOpenAi;
	beforeAll(async () => {
		fake = await startFakeOpenAi();
	});
	afterAll(async () => {
		await fake.stop();
	});

	it('the speed knob makes a whole lifecycle take a fraction of a second', async () => {
		Object.assign(batchSettings(fake), { speed: 1000 });
		const form = new FormData();
		form.append('purpose', 'batch');
		form.append('file', new Blob(['{"custom_id":"a","method":"POST","url":"/v1/moderations","body":{"input":"hi"}}']), 'in.jsonl');
		const file = (await (await fetch(`${fake.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${FAKE_KEYS.project}` } })).json()) as { id: string };
		const created = await call<{ id: string; status: string }>(fake.url, '/batches', { key: FAKE_KEYS.project, body: { input_file_id: file.id, endpoint: '/v1/moderations', completion_window: '24h' } });
		expect(created.body.status).toBe('validating');
		await new Promise((resolve) => setTimeout(resolve, 250));
		const done = await call<{ status: string; request_counts: unknown }>(fake.url, `/batches/${created.body.id}`, { key: FAKE_KEYS.project });
		expect(done.body).toMatchObject({ status: 'completed', request_counts: { total: 1, completed: 1, failed: 0 } });
		fake.reset();
		expect(batchSettings(fake).speed).toBe(1);
	});
});

import assert from 'node:assert/strict';

import type { FakeOpenAi } from '../../../test/fake-openai';
import { batchSettings } from '../../../test/fake-openai/areas/batches';
import { countCalls, type Expectation } from './context';

/** Image, audio and Batch API examples. */
export const mediaExpectations: Record<string, Expectation> = {
	'image-generate-binary': ({ run, requests, bytes }) => {
		const prompts = run.json('Prompts');
		const images = run.items('Generate an image each');
		assert.equal(images.length, prompts.length, 'one image per prompt');
		images.forEach((image, index) => {
			assert.deepEqual(image.pairedItem, { item: index });
			const file = image.binary?.data;
			assert.equal(file?.mimeType, 'image/png', `image ${index} is a PNG in binary "data"`);
			assert.match(String(file?.fileName), /\.png$/);
			const png = bytes(file);
			assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the bytes are a PNG');
			assert.equal(png.readUInt32BE(16), 1024, 'width 1024');
			assert.equal(png.readUInt32BE(20), 1024, 'height 1024');
		});
		const calls = requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');
		assert.equal(calls.length, prompts.length);
		for (const prompt of prompts) assert.ok(calls.some((c) => (c.body as { prompt?: string }).prompt === prompt.prompt), `a request carried "${prompt.prompt}"`);
		for (const call of calls) assert.equal((call.body as { model?: string }).model, 'gpt-image-1');
	},

	'speech-then-transcription': ({ run, requests, bytes }) => {
		const sentences = run.json('Sentences');
		const speech = run.items('Speak each sentence');
		assert.equal(speech.length, sentences.length);
		for (const item of speech) {
			assert.equal(item.binary?.data?.mimeType, 'audio/mpeg', 'speech is an MP3 in binary "data"');
			assert.ok(bytes(item.binary?.data).length > 100, 'the MP3 has content');
		}
		const transcripts = run.items('Transcribe the speech');
		assert.deepEqual(
			transcripts.map((item) => item.json.text),
			sentences.map((s) => s.sentence),
			'each transcript is the sentence that was spoken (the bytes made the round trip intact)',
		);
		transcripts.forEach((item, index) => assert.deepEqual(item.pairedItem, { item: index }));
		assert.equal(countCalls(requests, 'POST', /^\/v1\/audio\/speech$/), sentences.length);
		assert.equal(countCalls(requests, 'POST', /^\/v1\/audio\/transcriptions$/), sentences.length);
	},

	'batch-round-trip': ({ run, requests }) => {
		const questions = run.json('Questions');
		const results = run.items('Answer them in one batch');
		assert.equal(results.length, questions.length, 'one result per question');
		results.forEach((result, index) => {
			assert.deepEqual(result.pairedItem, { item: index }, 'each result is back on its item');
			assert.equal(result.json.status, 'succeeded', `request ${index} succeeded`);
			const response = result.json.response as { choices?: Array<{ message?: { content?: string } }> };
			assert.equal(typeof response?.choices?.[0]?.message?.content, 'string', `request ${index} has an answer`);
		});
		assert.equal(countCalls(requests, 'POST', /^\/v1\/files$/), 1, 'one JSONL upload');
		assert.equal(countCalls(requests, 'POST', /^\/v1\/batches$/), 1, 'one batch');
		assert.ok(countCalls(requests, 'GET', /^\/v1\/batches\/[^/]+$/) >= 1, 'the node polled the batch');
		assert.ok(countCalls(requests, 'GET', /^\/v1\/files\/[^/]+\/content$/) >= 1, 'and downloaded its output file');
		assert.equal(countCalls(requests, 'POST', /^\/v1\/chat\/completions$/), 0, 'no synchronous requests');
		const batch = requests.find((r) => r.method === 'POST' && r.path === '/v1/batches')?.body as { endpoint?: string; metadata?: Record<string, string> };
		assert.equal(batch.endpoint, '/v1/chat/completions');
		assert.deepEqual(batch.metadata, { source: 'n8n example' });
	},
};

/** Prepares the fake for an example after it was reset (e.g. a batch that finishes in seconds). */
export const mediaFakeSetup: Record<string, (fake: FakeOpenAi) => void> = {
	'batch-round-trip': (fake) => {
		batchSettings({ clock: fake.clock }).speed = 1000; // the 160-second lifecycle in 0.16 s
	},
};

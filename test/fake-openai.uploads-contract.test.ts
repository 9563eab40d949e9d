import { createHash } from 'node:crypto';

import { expectMatchesSpec, loadOpenApiSpec } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { call } from './fake-openai/testClient';

/** The fake's Uploads API (create, parts, complete into /v1/files, cancel): every answer against OpenAI's spec. */
let fake: FakeOpenAi;
beforeAll(async () => {
	loadOpenApiSpec();
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

/* eslint-disable @typescript-eslint/no-explicit-any -- bodies are checked against the spec, read loosely here */
async function exchange(template: string, path: string, status: number, body: unknown) {
	const result = await call<any>(fake.url, path, { method: 'POST', body, key: FAKE_KEYS.project });
	expect({ status: result.status, body: result.body }).toMatchObject({ status });
	expectMatchesSpec('POST', template, status, result.body);
	return result.body;
}

async function part(uploadId: string, data: Buffer, status = 200) {
	const form = new FormData();
	form.append('data', new Blob([new Uint8Array(data)]), 'part');
	const response = await fetch(`${fake.url}/uploads/${uploadId}/parts`, { method: 'POST', headers: { authorization: `Bearer ${FAKE_KEYS.project}` }, body: form });
	const body = (await response.json()) as any;
	expect(response.status).toBe(status);
	expectMatchesSpec('POST', '/uploads/{upload_id}/parts', status, body);
	return body;
}

describe('/uploads', () => {
	it('create, parts, complete (the file exists, byte for byte), and the 4xx', async () => {
		const content = Buffer.from('{"a":1}\n{"b":2}\n{"c":3}\n');
		const upload = await exchange('/uploads', '/uploads', 200, { filename: 'train.jsonl', purpose: 'fine-tune', bytes: content.length, mime_type: 'application/jsonl' });
		expect(upload).toMatchObject({ object: 'upload', status: 'pending' });
		const first = await part(upload.id, content.subarray(0, 10));
		const second = await part(upload.id, content.subarray(10));
		await exchange('/uploads/{upload_id}/complete', `/uploads/${upload.id}/complete`, 400, { part_ids: [first.id] });
		await exchange('/uploads/{upload_id}/complete', `/uploads/${upload.id}/complete`, 400, { part_ids: [first.id, second.id], md5: '0'.repeat(32) });
		const done = await exchange('/uploads/{upload_id}/complete', `/uploads/${upload.id}/complete`, 200, { part_ids: [first.id, second.id], md5: createHash('md5').update(content).digest('hex') });
		expect(done).toMatchObject({ status: 'completed', file: { object: 'file', bytes: content.length, filename: 'train.jsonl', purpose: 'fine-tune' } });
		const download = await fetch(`${fake.url}/files/${done.file.id}/content`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
		expect(Buffer.from(await download.arrayBuffer())).toEqual(content);
		await part(upload.id, content, 400);
		await exchange('/uploads', '/uploads', 400, { filename: 'a.csv', purpose: 'batch', bytes: 1, mime_type: 'text/csv' });
		await exchange('/uploads', '/uploads', 400, { filename: 'a.pdf', purpose: 'user_data', bytes: 1, mime_type: 'application/pdf' });
		await exchange('/uploads', '/uploads', 400, { filename: 'a.pdf', purpose: 'assistants', bytes: 9 * 1024 ** 3, mime_type: 'application/pdf' });
	});

	it('cancel', async () => {
		const upload = await exchange('/uploads', '/uploads', 200, { filename: 'a.pdf', purpose: 'assistants', bytes: 3, mime_type: 'application/pdf' });
		expect(await exchange('/uploads/{upload_id}/cancel', `/uploads/${upload.id}/cancel`, 200, {})).toMatchObject({ status: 'cancelled' });
		await exchange('/uploads/{upload_id}/cancel', `/uploads/${upload.id}/cancel`, 400, {});
		await exchange('/uploads/{upload_id}/cancel', '/uploads/upload_nope/cancel', 404, {});
	});
});

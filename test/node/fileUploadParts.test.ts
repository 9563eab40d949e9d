import { createHash, randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import type { AreaContext } from '../fake-openai/area';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { fileStoreFor } from '../fake-openai/areas/media/fileStore';
import { runWorkflow } from '../harness';
import { bigFileNode, binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';
import { useFilesystemBinaryMode } from '../harness/filesystemBinary';

/**
 * File → Upload in parts (the Uploads API): parts cut in order from the binary store, sent a few at a
 * time, completed with the file's MD5 so the exact bytes arrive; a part that fails or Stop cancels
 * the upload at OpenAI; purposes the Uploads API does not take are refused before anything is sent.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const MB = 1024 * 1024;
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
/** The upload's ID, read from the path of its first part (`/v1/uploads/{id}/parts`). */
const uploadId = () => calls('POST', /\/parts$/)[0]?.path.split('/')[3];
const calls = (method: string, path: RegExp) => fake.requests.filter((request) => request.method === method && path.test(request.path));
const upload = (options: IDataObject, purpose = 'assistants') => ({ name: 'OpenAI', parameters: { resource: 'file', operation: 'upload', purpose, options } });
const run = async (spec: Parameters<typeof workflow>[0], extra: Parameters<typeof runWorkflow>[1] = {}) =>
	await runWorkflow(workflow(spec), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes, ...extra });

/** The stored file's MD5 (comparing megabytes with toEqual would take seconds). */
const storedMd5 = (id: unknown) => md5(fileStoreFor(fake as unknown as AreaContext).get(String(id))?.content ?? Buffer.alloc(0));

describe('File → Upload in parts (memory mode)', () => {
	it('sends the parts in order, completes with the MD5, and the exact bytes arrive as one file', async () => {
		const content = randomBytes(2 * MB + 12_345);
		const result = await run({ items: [{ $binary: { data: binarySpec(content, 'manual.pdf', 'application/pdf') } }], nodes: [upload({ uploadInParts: 'always', partSizeMb: 1, parallelParts: 2 })] });
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ id: expect.stringMatching(/^file-/), object: 'file', filename: 'manual.pdf', bytes: content.length, purpose: 'assistants' });
		expect(calls('POST', /^\/v1\/uploads$/)[0].body).toEqual({ filename: 'manual.pdf', purpose: 'assistants', bytes: content.length, mime_type: 'application/pdf' });
		expect(calls('POST', /\/parts$/)).toHaveLength(3);
		const complete = calls('POST', /\/complete$/)[0].body as { part_ids: string[]; md5: string };
		expect(complete.part_ids).toHaveLength(3);
		expect(complete.md5).toBe(md5(content));
		expect(storedMd5(item.json.id)).toBe(md5(content));
		expect(calls('POST', /^\/v1\/files$/)).toHaveLength(0);
	});

	it('Auto sends a small file in one request', async () => {
		const result = await run({ items: [{ $binary: { data: binarySpec(Buffer.from('%PDF-1.4'), 'a.pdf', 'application/pdf') } }], nodes: [upload({})] });
		expect(result.status).toBe('success');
		expect(calls('POST', /^\/v1\/files$/)).toHaveLength(1);
		expect(calls('POST', /^\/v1\/uploads/)).toHaveLength(0);
	});

	it('a part that meets a 500 is sent again (Max Retries), and the upload completes', async () => {
		fake.injectFault({ kind: 'status', status: 500, body: { error: { message: 'Busy', type: 'server_error', param: null, code: null } }, match: { path: /\/parts$/ } });
		const content = randomBytes(2 * MB);
		const result = await run({ items: [{ $binary: { data: binarySpec(content, 'a.pdf', 'application/pdf') } }], nodes: [upload({ uploadInParts: 'always', partSizeMb: 1, parallelParts: 1 })] });
		expect(result.status).toBe('success');
		expect(calls('POST', /\/parts$/)).toHaveLength(3);
		expect(storedMd5(result.output('OpenAI')[0].json.id)).toBe(md5(content));
	});

	it('a part that fails cancels the upload and names the failure', async () => {
		fake.injectFault({ kind: 'status', status: 400, body: { error: { message: 'Part rejected', type: 'invalid_request_error', param: null, code: null } }, match: { path: /\/parts$/ } });
		const content = randomBytes(3 * MB);
		const result = await run({ items: [{ $binary: { data: binarySpec(content, 'a.pdf', 'application/pdf') } }], nodes: [upload({ uploadInParts: 'always', partSizeMb: 1, parallelParts: 1 })] });
		expect(result.nodeError('OpenAI')?.message).toMatch(/Part rejected.*\[item 0\]/);
		expect(calls('POST', /\/cancel$/)).toHaveLength(1);
		expect(calls('POST', /\/complete$/)).toHaveLength(0);
	});

	it('Stop sends no more parts, never completes the upload and cancels it at OpenAI', async () => {
		fake.setLatency(300);
		const content = randomBytes(4 * MB);
		const result = await run({ items: [{ $binary: { data: binarySpec(content, 'a.pdf', 'application/pdf') } }], nodes: [upload({ uploadInParts: 'always', partSizeMb: 1, parallelParts: 1 })] }, { cancelAfterMs: 800 });
		expect(result.status).toBe('canceled');
		expect(result.cancellation?.settled).toBe(true);
		// a part already on the wire when Stop came may still reach the fake (and be logged) a moment later
		await new Promise((resolve) => setTimeout(resolve, 300));
		const parts = calls('POST', /\/parts$/).length;
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(calls('POST', /\/parts$/).length).toBe(parts);
		expect(parts).toBeLessThan(4);
		expect(calls('POST', /\/complete$/)).toHaveLength(0);
		// the cancel goes out after Stop, with the credential, and the upload is cancelled at OpenAI
		const [cancel] = calls('POST', /\/cancel$/);
		expect(cancel).toMatchObject({ path: `/v1/uploads/${uploadId()}/cancel`, status: 200, authKey: FAKE_KEYS.project });
		expect(calls('POST', /\/cancel$/)).toHaveLength(1);
		const again = await fetch(`${fake.url}/uploads/${uploadId()}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
		expect(await again.text()).toContain('is cancelled');
	});

	it.each<[string, IDataObject, string, string]>([
		['Always with purpose User Data', { uploadInParts: 'always' }, 'user_data', 'The "Upload In Parts" option (Always) does not work with purpose user_data [item 0]'],
		['a part size above 64 MB', { uploadInParts: 'always', partSizeMb: '={{ 65 }}' }, 'assistants', 'The "Part Size (MB)" option must be between 1 and 64, not 65 [item 0]'],
		['an unknown mode', { uploadInParts: '={{ "sometimes" }}' }, 'assistants', 'The "Upload In Parts" option must be one of auto, always, not "sometimes" [item 0]'],
	])('%s is refused before anything is sent', async (_, options, purpose, message) => {
		const result = await run({ items: [{ $binary: { data: binarySpec(Buffer.from('%PDF-1.4'), 'a.pdf', 'application/pdf') } }], nodes: [upload(options, purpose)] });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});
});

describe("File → Upload in parts with n8n's filesystem binary data mode", () => {
	useFilesystemBinaryMode();

	it('streams the parts from the binary store; the exact bytes arrive', async () => {
		const head = Buffer.from('{"note":"large file"}\n');
		const size = 5 * MB + 3;
		const expected = Buffer.alloc(size);
		head.copy(expected);
		const result = await run({ nodes: [bigFileNode(size, 'large.jsonl', 'application/jsonl', head), upload({ uploadInParts: 'always', partSizeMb: 2, parallelParts: 3 }, 'batch')] });
		expect(result.status).toBe('success');
		expect(result.output('Big File')[0].binary?.data.id).toMatch(/^filesystem-v2:/);
		expect(calls('POST', /\/parts$/)).toHaveLength(3);
		expect(storedMd5(result.output('OpenAI')[0].json.id)).toBe(md5(expected));
	});
});

import { createHash, randomBytes } from 'node:crypto';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { mediaInspector } from '../fake-openai/areas/media/inspect';
import { runWorkflow } from '../harness';
import { bigFileNode, binaryBytes, binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';
import { useFilesystemBinaryMode } from '../harness/filesystemBinary';

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
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const jsonl = Buffer.from('{"custom_id":"a","method":"POST","url":"/v1/embeddings","body":{"model":"text-embedding-3-small","input":"x"}}\n');

/** Uploads a file straight to the fake (not through the node), returning its id. */
async function seedFile(name: string, purpose = 'user_data', content: Buffer = Buffer.from(`content of ${name}`)): Promise<string> {
	const form = new FormData();
	form.append('purpose', purpose);
	form.append('file', new Blob([new Uint8Array(content)]), name);
	const response = await fetch(`${fake.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
	const body = (await response.json()) as { id: string };
	return body.id;
}

describe('File → Upload', () => {
	it('uploads the binary file byte for byte with its purpose and expiry, returning the file object', async () => {
		const result = await run({
			items: [{ $binary: { data: binarySpec(jsonl, 'requests.jsonl', 'application/jsonl') } }],
			nodes: [{ parameters: { resource: 'file', operation: 'upload', purpose: 'batch', options: { expiresAfterSeconds: 7200 } } }],
		});
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ id: expect.stringMatching(/^file-\w{22}$/), object: 'file', purpose: 'batch', filename: 'requests.jsonl', bytes: jsonl.length, status: 'processed' });
		expect(item.json.expires_at).toBe((item.json.created_at as number) + 7200);
		const [upload] = mediaInspector(fake).uploads;
		expect(upload.fields).toEqual({ purpose: 'batch', 'expires_after[anchor]': 'created_at', 'expires_after[seconds]': '7200' });
		expect(upload.files).toEqual([{ field: 'file', filename: 'requests.jsonl', contentType: 'application/jsonl', bytes: jsonl.length, sha256: sha256(jsonl) }]);
	});

	it('stores the file under another name when asked', async () => {
		const result = await run({
			items: [{ $binary: { data: binarySpec(Buffer.from('%PDF-1.4'), 'scan.pdf', 'application/pdf') } }],
			nodes: [{ parameters: { resource: 'file', operation: 'upload', purpose: 'user_data', options: { fileName: 'invoice-42.pdf' } } }],
		});
		expect(result.output('OpenAI')[0].json).toMatchObject({ filename: 'invoice-42.pdf', purpose: 'user_data' });
	});

	it.each([
		['a batch file that is not JSONL', 'batch', binarySpec(Buffer.from('a,b'), 'rows.csv', 'text/csv'), 'The file in "Input Data Field Name" ("rows.csv", text/csv) is not one of the JSONL files this operation accepts [item 0]'],
		['a vision file that is not an image', 'vision', binarySpec(Buffer.from('%PDF'), 'a.pdf', 'application/pdf'), 'The file in "Input Data Field Name" ("a.pdf", application/pdf) is not one of the image files (PNG, JPEG, WebP, non-animated GIF) this operation accepts [item 0]'],
	])('refuses %s before any request', async (_name, purpose, file, message) => {
		const result = await run({ items: [{ $binary: { data: file } }], nodes: [{ parameters: { resource: 'file', operation: 'upload', purpose } }] });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses a file over 512 MB from its recorded size, without reading it', async () => {
		const result = await run({
			nodes: [bigFileNode(16, 'dump.bin', 'application/octet-stream', Buffer.alloc(0), 600 * 1024 * 1024), { name: 'OpenAI', parameters: { resource: 'file', operation: 'upload' } }],
		});
		expect(result.nodeError('OpenAI')?.message).toBe('The file in "Input Data Field Name" ("dump.bin", 600.0 MB) is larger than the 512.0 MB OpenAI accepts for files [item 0]');
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses a batch input file over 200 MB', async () => {
		const result = await run({
			nodes: [bigFileNode(16, 'big.jsonl', 'application/jsonl', Buffer.alloc(0), 201 * 1024 * 1024), { name: 'OpenAI', parameters: { resource: 'file', operation: 'upload', purpose: 'batch' } }],
		});
		expect(result.nodeError('OpenAI')?.message).toMatch(/\("big\.jsonl", 201\.0 MB\) is larger than the 200\.0 MB OpenAI accepts for Batch API input files \[item 0\]/);
	});

	it('a missing binary property names it', async () => {
		const result = await run({ items: [{ name: 'no file' }], nodes: [{ parameters: { resource: 'file', operation: 'upload' } }] });
		expect(result.nodeError('OpenAI')?.message).toBe('No binary property "data" for the "Input Data Field Name" parameter [item 0]');
		expect(result.nodeError('OpenAI')?.description).toMatch(/no binary data at all/);
	});
});

describe('File → Get Many', () => {
	it('lists newest first up to the limit, filtered by purpose, or oldest first', async () => {
		for (const name of ['a.pdf', 'b.jsonl', 'c.pdf', 'd.pdf']) await seedFile(name, name.endsWith('.jsonl') ? 'batch' : 'user_data');
		fake.clearRequests();
		const limited = await run({ nodes: [{ parameters: { resource: 'file', operation: 'getAll', limit: 2, filters: { purpose: 'user_data' } } }] });
		expect(limited.output('OpenAI').map((item) => item.json.filename)).toEqual(['d.pdf', 'c.pdf']);
		expect(fake.requests[0].query).toEqual({ limit: '2', purpose: 'user_data' });
		const ascending = await run({ nodes: [{ parameters: { resource: 'file', operation: 'getAll', returnAll: true, filters: { order: 'asc' } } }] });
		expect(ascending.output('OpenAI').map((item) => item.json.filename)).toEqual(['a.pdf', 'b.jsonl', 'c.pdf', 'd.pdf']);
	});

	it('Return All follows the pages with `after`', async () => {
		for (let i = 0; i < 130; i++) await seedFile(`f${String(i).padStart(3, '0')}.txt`);
		fake.clearRequests();
		const result = await run({ nodes: [{ parameters: { resource: 'file', operation: 'getAll', returnAll: true } }] });
		const names = result.output('OpenAI').map((item) => item.json.filename);
		expect(names).toHaveLength(130);
		expect(new Set(names).size).toBe(130);
		expect(names[0]).toBe('f129.txt');
		const pages = fake.requests.filter((request) => request.path === '/v1/files');
		expect(pages).toHaveLength(2);
		expect(pages[0].query).toEqual({ limit: '100' });
		expect(pages[1].query).toEqual({ limit: '100', after: result.output('OpenAI')[99].json.id });
	});
});

describe('File → Get, Download, Delete', () => {
	it('gets a file, downloads its exact content as binary, deletes it; then it is gone', async () => {
		const content = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
		const id = await seedFile('blob.bin', 'user_data', content);
		const got = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'file', operation: 'get', fileId: '={{ $json.id }}' } }] });
		expect(got.output('OpenAI')[0].json).toMatchObject({ id, filename: 'blob.bin', bytes: 3000 });

		const downloaded = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'file', operation: 'download', fileId: '={{ $json.id }}', options: { binaryPropertyOutput: 'file' } } }] });
		const [item] = downloaded.output('OpenAI');
		expect(item.json).toMatchObject({ id, filename: 'blob.bin' });
		expect(item.binary?.file).toMatchObject({ fileName: 'blob.bin' });
		expect(sha256(await binaryBytes(item, 'file'))).toBe(sha256(content));

		const deleted = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'file', operation: 'delete', fileId: '={{ $json.id }}' } }] });
		expect(deleted.output('OpenAI')[0].json).toEqual({ id, object: 'file', deleted: true });
		const again = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'file', operation: 'get', fileId: '={{ $json.id }}' } }] });
		const error = again.nodeError('OpenAI') as { message?: string; description?: string; httpCode?: string } | undefined;
		expect(error?.message).toBe(`OpenAI: No such File object: ${id} [item 0]`);
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toMatch(/Nothing with this ID exists/);
	});

	it('downloading an assistants file is OpenAI\'s 400, shown with its message', async () => {
		const id = await seedFile('kb.pdf', 'assistants');
		const result = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'file', operation: 'download', fileId: '={{ $json.id }}' } }] });
		expect(result.nodeError('OpenAI')?.message).toBe('OpenAI: Not allowed to download files of purpose: assistants [item 0]');
	});

	it('an empty file ID is refused, naming the item', async () => {
		const result = await run({ items: [{ id: 'file-x' }, { id: '' }], nodes: [{ parameters: { resource: 'file', operation: 'get', fileId: '={{ $json.id }}' } }] });
		expect(result.nodeError('OpenAI')?.message).toBe('The "File ID" parameter is empty [item 1]');
	});
});

describe("with n8n's filesystem binary data mode", () => {
	useFilesystemBinaryMode();

	it('streams a large upload from the binary store and the exact bytes arrive', async () => {
		const head = Buffer.from('{"note":"large file"}\n');
		const size = 6 * 1024 * 1024;
		const expected = Buffer.alloc(size);
		head.copy(expected);
		const result = await run({ nodes: [bigFileNode(size, 'large.pdf', 'application/pdf', head), { name: 'OpenAI', parameters: { resource: 'file', operation: 'upload' } }] });
		expect(result.status).toBe('success');
		expect(result.output('Big File')[0].binary?.data.id).toMatch(/^filesystem-v2:/);
		expect(result.output('OpenAI')[0].json).toMatchObject({ filename: 'large.pdf', bytes: size });
		expect(mediaInspector(fake).uploads[0].files[0]).toMatchObject({ bytes: size, sha256: sha256(expected), contentType: 'application/pdf' });
	});

	it('downloads a large file into the binary store, byte for byte', async () => {
		const content = randomBytes(5 * 1024 * 1024 + 7);
		const id = await seedFile('disk.bin', 'user_data', content);
		const result = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'file', operation: 'download', fileId: '={{ $json.id }}' } }] });
		const [item] = result.output('OpenAI');
		expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
		expect(sha256(await binaryBytes(item))).toBe(sha256(content));
	});
});

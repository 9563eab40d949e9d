import { createHash, randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { pathProblem } from '../../nodes/OpenAiPlatform/actions/customApiCall/path';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi, type StatusFault } from '../fake-openai';
import { mediaInspector } from '../fake-openai/areas/media/inspect';
import { encodeMp4 } from '../fake-openai/areas/media/videoCodecs';
import { runWorkflow } from '../harness';
import { bigFileNode, binaryBytes, binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';
import { useFilesystemBinaryMode } from '../harness/filesystemBinary';

/**
 * Custom API Call: any endpoint through the node's engine and transport. Methods, paths (and every
 * way out of the Base URL refused), query lists, JSON and multipart bodies (small and streamed),
 * JSON and file answers (checked), Return All over both of OpenAI's paging styles with the loop
 * guard, and the engine's retries, redaction and allowed domains.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const run = async (spec: Parameters<typeof workflow>[0], extra: Parameters<typeof runWorkflow>[1] = {}) =>
	await runWorkflow(workflow(spec), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes, ...extra });
const call = (parameters: IDataObject) => ({ resource: 'customApiCall', operation: 'request', ...parameters });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const auth = { authorization: `Bearer ${FAKE_KEYS.project}` };
const answer = (path: string, body: unknown, status = 200): StatusFault => ({ kind: 'status', status, body, match: { path } });

async function seedFile(name: string, content: Buffer = Buffer.from(`content of ${name}`), purpose = 'user_data'): Promise<string> {
	const form = new FormData();
	form.append('purpose', purpose);
	form.append('file', new Blob([new Uint8Array(content)]), name);
	const body = (await (await fetch(`${fake.url}/files`, { method: 'POST', body: form, headers: auth })).json()) as { id: string };
	return body.id;
}

describe('Custom API Call → JSON answers', () => {
	it('GET with query parameters: the answer is one item; a repeated name is a list (name[]=…)', async () => {
		const result = await run({
			nodes: [{ parameters: call({ method: 'GET', path: '/files', queryParameters: { parameters: [{ name: 'order', value: 'asc' }, { name: 'limit', value: '={{ 2 }}' }] } }) }],
		});
		expect(result.status).toBe('success');
		expect(result.output('OpenAI').map((item) => item.json)).toEqual([expect.objectContaining({ object: 'list', data: [], has_more: false })]);
		expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/files', query: { order: 'asc', limit: '2' }, authKey: FAKE_KEYS.project });

		fake.injectFault(answer('/v1/responses/resp_1', { id: 'resp_1' }));
		await run({ nodes: [{ parameters: call({ path: 'responses/resp_1', queryParameters: { parameters: [{ name: 'include', value: 'a' }, { name: 'include', value: 'b' }, { name: 'tag[]', value: 'x' }] } }) }] });
		expect(fake.requests[1].query).toEqual({ include: ['a', 'b'], tag: ['x'] });
	});

	it('POST with a JSON body, per item (expressions), on the engine: concurrency, order, pairing', async () => {
		const result = await run({
			items: [{ text: 'I will attack them' }, { text: 'hello there' }],
			nodes: [{ parameters: call({ method: 'POST', path: '/moderations', jsonBody: '={{ JSON.stringify({ model: "omni-moderation-latest", input: $json.text }) }}' }) }],
		});
		const items = result.output('OpenAI');
		expect(items.map((item) => (item.json.results as Array<{ flagged: boolean }>)[0].flagged)).toEqual([true, false]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ model: 'omni-moderation-latest', input: 'I will attack them' },
			{ model: 'omni-moderation-latest', input: 'hello there' },
		]);
	});

	it('DELETE, and a 204 answer is one empty item', async () => {
		const id = await seedFile('gone.txt');
		fake.clearRequests();
		const deleted = await run({ nodes: [{ parameters: call({ method: 'DELETE', path: `/files/${id}`, bodyType: 'none' }) }] });
		expect(deleted.output('OpenAI')[0].json).toEqual({ id, object: 'file', deleted: true });
		expect(fake.requests[0].body).toBeUndefined();
		fake.injectFault(answer('/v1/things/1', '', 204));
		const empty = await run({ nodes: [{ parameters: call({ method: 'DELETE', path: '/things/1', bodyType: 'none' }) }] });
		expect(empty.output('OpenAI').map((item) => item.json)).toEqual([{}]);
	});

	it('a top-level list is one item per entry', async () => {
		fake.injectFault(answer('/v1/things', [{ id: 'a' }, 'b']));
		const result = await run({ nodes: [{ parameters: call({ path: '/things' }) }] });
		expect(result.output('OpenAI').map((item) => item.json)).toEqual([{ id: 'a' }, { value: 'b' }]);
	});

	it('sends extra headers (e.g. OpenAI-Beta)', async () => {
		await run({ nodes: [{ parameters: call({ path: '/models', options: { headers: { values: [{ name: 'OpenAI-Beta', value: 'assistants=v2' }] } } }) }] });
		expect(fake.requests[0].headers['openai-beta']).toBe('assistants=v2');
	});

	it.each([
		['a text/plain "OK"', { kind: 'status', status: 200, body: 'OK' }, /^The server's answer is not a JSON answer: the answer should be a JSON object or list, but is text \[item 0\]$/],
		['an HTML page', { kind: 'status', status: 200, body: '<!DOCTYPE html><html><head><title>Portal</title></head></html>' }, /^The server's answer is not a JSON answer: .* \[item 0\]$/],
	])('refuses %s where JSON was expected', async (_name, fault, message) => {
		fake.injectFault({ ...(fault as StatusFault), match: { path: '/v1/models' } });
		const result = await run({ nodes: [{ parameters: call({ path: '/models', requestOptions: { maxRetries: 0 } }) }] });
		const error = result.nodeError('OpenAI') as { name?: string; message: string; description?: string };
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/Base URL/);
	});

	it("OpenAI's errors reach the user with message and item; an admin endpoint with a project key is refused with a hint", async () => {
		const result = await run({ nodes: [{ parameters: call({ method: 'POST', path: '/moderations', jsonBody: '{"model": "omni-moderation-latest"}' }) }] });
		expect(result.nodeError('OpenAI')?.message).toBe("OpenAI: Missing required parameter: 'input'. [item 0]");
		const admin = await run({ nodes: [{ parameters: call({ path: '/organization/projects' }) }] });
		const error = admin.nodeError('OpenAI') as { message: string; httpCode?: string; description?: string };
		expect(error.httpCode).toBe('403');
		expect(error.message).toMatch(/^OpenAI: You have insufficient permissions for this operation\. Missing scopes: /);
		expect(error.description).toMatch(/need an Admin key/);
	});
});

describe('Custom API Call → Return All', () => {
	it("follows has_more with after = last_id, one item per entry", async () => {
		for (let index = 0; index < 130; index++) await seedFile(`f${String(index).padStart(3, '0')}.txt`);
		fake.clearRequests();
		const result = await run({ nodes: [{ parameters: call({ path: '/files', returnAll: true, queryParameters: { parameters: [{ name: 'limit', value: '100' }] } }) }] });
		const names = result.output('OpenAI').map((item) => item.json.filename);
		expect(names).toHaveLength(130);
		expect(new Set(names).size).toBe(130);
		expect(fake.requests.map((request) => request.query)).toEqual([{ limit: '100' }, { limit: '100', after: result.output('OpenAI')[99].json.id }]);
	});

	it('follows next_page with page, and falls back to the last entry’s id without last_id', async () => {
		fake.injectFault(answer('/v1/usage', { object: 'page', data: [{ n: 1 }], has_more: true, next_page: 'page_2' }));
		fake.injectFault(answer('/v1/usage', { object: 'page', data: [{ n: 2 }], has_more: false, next_page: null }));
		const usage = await run({ nodes: [{ parameters: call({ path: '/usage', returnAll: true, queryParameters: { parameters: [{ name: 'start_time', value: '1' }] } }) }] });
		expect(usage.output('OpenAI').map((item) => item.json)).toEqual([{ n: 1 }, { n: 2 }]);
		expect(fake.requests.map((request) => request.query)).toEqual([{ start_time: '1' }, { start_time: '1', page: 'page_2' }]);

		fake.clearRequests();
		fake.injectFault(answer('/v1/items', { data: [{ id: 'x1' }, { id: 'x2' }], has_more: true }));
		fake.injectFault(answer('/v1/items', { data: [{ id: 'x3' }], has_more: false }));
		const items = await run({ nodes: [{ parameters: call({ path: '/items', returnAll: true }) }] });
		expect(items.output('OpenAI').map((item) => item.json.id)).toEqual(['x1', 'x2', 'x3']);
		expect(fake.requests[1].query).toEqual({ after: 'x2' });
	});

	it.each([
		[
			'a cursor that repeats',
			[{ data: [{ id: 'a' }], has_more: true, last_id: 'a' }, { data: [{ id: 'a' }], has_more: true, last_id: 'a' }],
			'The server returned the same page cursor twice for GET /things ("a"): the list does not advance, so reading stopped [item 0]',
		],
		['more pages without a cursor', [{ data: [{ name: 'no id' }], has_more: true }], 'The server said GET /things has more pages but gave no cursor to the next one [item 0]'],
		['an answer that is not a list page', [{ id: 'thing' }], /^The server's answer is not a page of GET \/things \(Return All reads lists\): `data` should be a list, but is nothing \[item 0\]$/],
	])('stops on %s with an error, never loops', async (_name, pages, message) => {
		for (const page of pages) fake.injectFault(answer('/v1/things', page));
		const result = await run({ nodes: [{ parameters: call({ path: '/things', returnAll: true }) }] });
		expect(result.nodeError('OpenAI')?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(fake.requests.length).toBe(pages.length);
	});
});

describe('Custom API Call → multipart bodies', () => {
	it('uploads text fields and a file from the item, byte for byte', async () => {
		const content = randomBytes(3000);
		const result = await run({
			items: [{ $binary: { doc: binarySpec(content, 'scan.bin', 'application/octet-stream') } }],
			nodes: [{ parameters: call({ method: 'POST', path: '/files', bodyType: 'multipart', formFields: { fields: [{ name: 'purpose', value: 'user_data' }] }, formFiles: { files: [{ name: 'file', binaryPropertyName: 'doc' }] } }) }],
		});
		expect(result.output('OpenAI')[0].json).toMatchObject({ object: 'file', filename: 'scan.bin', bytes: 3000, purpose: 'user_data' });
		expect(mediaInspector(fake).uploads[0]).toMatchObject({ fields: { purpose: 'user_data' }, files: [{ field: 'file', filename: 'scan.bin', bytes: 3000, sha256: sha256(content) }] });
	});

	it.each([
		['no fields and no files', {}, 'The multipart body has no fields and no files [item 0]'],
		['a file without its field name', { formFiles: { files: [{ name: '', binaryPropertyName: 'data' }] } }, 'File 1 of "Form Files" needs both a field name and an input binary field [item 0]'],
		['a missing binary property', { formFiles: { files: [{ name: 'file', binaryPropertyName: 'nope' }] } }, 'No binary property "nope" for the "Form Files" parameter [item 0]'],
	])('refuses %s before any request', async (_name, parameters, message) => {
		const result = await run({ items: [{}], nodes: [{ parameters: call({ method: 'POST', path: '/files', bodyType: 'multipart', ...parameters }) }] });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Custom API Call → file answers', () => {
	it('puts the answer into a binary property, named by the option or the path, typed by the server', async () => {
		const content = randomBytes(2048);
		const id = await seedFile('raw.bin', content);
		const named = await run({ nodes: [{ parameters: call({ path: `/files/${id}/content`, response: 'file', options: { fileName: 'copy.bin', binaryPropertyOutput: 'file' } }) }] });
		const [item] = named.output('OpenAI');
		expect(item.json).toMatchObject({ status: 200, fileName: 'copy.bin' });
		expect(sha256(await binaryBytes(item, 'file'))).toBe(sha256(content));

		const video = encodeMp4({ width: 720, height: 1280, seconds: 4 });
		const form = new FormData();
		form.append('prompt', 'x');
		const job = (await (await fetch(`${fake.url}/videos`, { method: 'POST', body: form, headers: auth })).json()) as { id: string };
		fake.clock.advance(66_000);
		const mp4 = await run({ nodes: [{ parameters: call({ path: `/videos/${job.id}/content`, response: 'file' }) }] });
		expect(mp4.output('OpenAI')[0].binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: 'content' });
		expect((await binaryBytes(mp4.output('OpenAI')[0])).subarray(4, 8).toString()).toBe('ftyp');
		expect(video.length).toBeGreaterThan(0);
	});

	it.each([
		['an HTML page', { kind: 'status', status: 200, body: '<!DOCTYPE html><html><head><title>Sign in</title></head></html>' }, /^The server's answer is not a file from GET \/files\/file-1\/content: it is an HTML page \(text\/html\), not a file \[item 0\]$/],
		['an API error object with status 200', { kind: 'status', status: 200, body: { error: { message: 'nope', type: 'invalid_request_error' } } }, /^The server's answer is not a file from GET \/files\/file-1\/content: it is an API error object sent with status 200, not a file \[item 0\]$/],
		['no body', { kind: 'status', status: 204, body: '' }, /^The server's answer is not a file from GET \/files\/file-1\/content: the answer has no body \[item 0\]$/],
	])('refuses %s as a file', async (_name, fault, message) => {
		fake.injectFault({ ...(fault as StatusFault), match: { path: '/v1/files/file-1/content' } });
		const result = await run({ nodes: [{ parameters: call({ path: '/files/file-1/content', response: 'file', requestOptions: { maxRetries: 0 } }) }] });
		expect(result.nodeError('OpenAI')?.message).toMatch(message);
	});
});

describe('Custom API Call → the path stays under the Base URL', () => {
	it.each([
		['an absolute URL', 'https://evil.example/v1/models', 'The "Path" parameter is an absolute URL ("https://evil.example/v1/models") [item 0]'],
		['a scheme-relative host', '//evil.example/models', 'The "Path" parameter names another host or uses a backslash ("//evil.example/models") [item 0]'],
		['a backslash', '/models\\..\\..\\admin', 'The "Path" parameter names another host or uses a backslash ("/models\\..\\..\\admin") [item 0]'],
		['a dot-dot segment', '/../organization/costs', 'The "Path" parameter leaves the Base URL with a dot segment ("/../organization/costs") [item 0]'],
		['an encoded dot-dot segment', '/files/%2e%2E/%2E%2e/admin', 'The "Path" parameter leaves the Base URL with a dot segment ("/files/%2e%2E/%2E%2e/admin") [item 0]'],
		['a query in the path', '/files?purpose=batch', 'The "Path" parameter has a query or fragment ("/files?purpose=batch") [item 0]'],
		['a placeholder', '/containers/{container_id}/files', 'The "Path" parameter still has a placeholder ("/containers/{container_id}/files") [item 0]'],
		['the Base URL repeated', '/v1/models', "The \"Path\" parameter repeats the Base URL's /v1 [item 0]"],
		['an empty segment', '/files//x', 'The "Path" parameter has an empty segment ("/files//x") [item 0]'],
		['nothing', '={{ "" }}', 'The "Path" parameter is empty [item 0]'],
	])('refuses %s before any request', async (_name, path, message) => {
		const result = await run({ nodes: [{ parameters: call({ path }) }] });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('accepts a path without its leading slash', () => {
		expect(pathProblem('models/gpt-4o', 'https://api.openai.com/v1')).toBeUndefined();
		expect(pathProblem('/organization/usage/completions', 'https://api.openai.com/v1')).toBeUndefined();
		expect(pathProblem('/files', 'https://gateway.example/openai?api-version=2025-01-01')).toBeUndefined();
		expect(pathProblem('/../x', 'https://gateway.example/openai?api-version=2025-01-01')?.message).toMatch(/dot segment/);
	});

	it.each([
		['an unknown method', { method: '={{ "TRACE" }}', path: '/models' }, 'The "Method" parameter is "TRACE", which this node does not send [item 0]'],
		['an Authorization header', { path: '/models', options: { headers: { values: [{ name: 'Authorization', value: 'Bearer sk-other' }] } } }, 'The "Headers" option sets Authorization, which this node sets itself [item 0]'],
		['a header name with a space', { path: '/models', options: { headers: { values: [{ name: 'X Beta', value: '1' }] } } }, 'Header 1 of the "Headers" option has the name "X Beta", which is not a header name [item 0]'],
		['a query value without a name', { path: '/models', queryParameters: { parameters: [{ name: '', value: 'x' }] } }, 'Entry 1 of "Query Parameters" has a value but no name [item 0]'],
		['a JSON body that is not JSON', { method: 'POST', path: '/moderations', jsonBody: '{"input": ' }, /^The "JSON Body" parameter is not valid JSON: .* \[item 0\]$/],
		['a JSON body that is a number', { method: 'POST', path: '/moderations', jsonBody: '42' }, 'The "JSON Body" parameter is a number, not a JSON object or list [item 0]'],
	])('refuses %s before any request', async (_name, parameters, message) => {
		const result = await run({ nodes: [{ parameters: call(parameters) }] });
		expect(result.nodeError('OpenAI')?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Custom API Call → the same engine and transport', () => {
	it('retries a 500, honouring Max Retries', async () => {
		fake.injectFault({ kind: 'status', status: 500, match: { path: '/v1/models' } });
		const result = await run({ nodes: [{ parameters: call({ path: '/models' }) }] });
		expect(result.status).toBe('success');
		expect(fake.requests.map((request) => request.status)).toEqual([500, 200]);
	});

	it('never shows the key, even when the server echoes it', async () => {
		fake.injectFault({ kind: 'status', status: 400, body: { error: { message: `Bad key ${FAKE_KEYS.project}`, type: 'invalid_request_error', param: null, code: null } } });
		const result = await run({ nodes: [{ parameters: call({ path: '/models', requestOptions: { maxRetries: 0 } }) }] });
		expect(JSON.stringify(result.nodeError('OpenAI'))).not.toContain(FAKE_KEYS.project);
		expect(result.nodeError('OpenAI')?.message).toBe('OpenAI: Bad key [redacted] [item 0]');
	});

	it("refuses a Base URL outside the credential's allowed domains before any request", async () => {
		const result = await run(
			{ nodes: [{ parameters: call({ path: '/models' }) }] },
			{ credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url, allowedHttpRequestDomains: 'domains', allowedDomains: 'api.openai.com' } } },
		);
		expect(result.status).toBe('error');
		expect(fake.requests).toHaveLength(0);
	});

	it('the Timeout covers a stalled answer', async () => {
		fake.injectFault({ kind: 'stall', times: 5, match: { path: '/v1/models' } });
		const result = await run({ nodes: [{ parameters: call({ path: '/models', requestOptions: { timeoutMs: 300, maxRetries: 0 } }) }] });
		expect(result.nodeError('OpenAI')?.message).toMatch(/^OpenAI did not answer in time after 300 ms/);
	});
});

describe("with n8n's filesystem binary data mode", () => {
	useFilesystemBinaryMode();

	it('streams a large multipart upload from the binary store; the exact bytes arrive', async () => {
		const head = Buffer.from('%PDF-1.7 large');
		const size = 6 * 1024 * 1024;
		const expected = Buffer.alloc(size);
		head.copy(expected);
		const result = await run({
			nodes: [
				bigFileNode(size, 'large.pdf', 'application/pdf', head),
				{ name: 'OpenAI', parameters: call({ method: 'POST', path: '/files', bodyType: 'multipart', formFields: { fields: [{ name: 'purpose', value: 'user_data' }] }, formFiles: { files: [{ name: 'file', binaryPropertyName: 'data' }] } }) },
			],
		});
		expect(result.status).toBe('success');
		expect(result.output('Big File')[0].binary?.data.id).toMatch(/^filesystem-v2:/);
		expect(result.output('OpenAI')[0].json).toMatchObject({ filename: 'large.pdf', bytes: size });
		expect(mediaInspector(fake).uploads[0]).toMatchObject({ fields: { purpose: 'user_data' }, files: [{ field: 'file', bytes: size, sha256: sha256(expected), contentType: 'application/pdf' }] });
		expect(String(fake.requests[0].headers['content-type'])).toMatch(/^multipart\/form-data; boundary=----n8nOpenAiPlatform/);
	});

	it('downloads a large file answer into the binary store, byte for byte', async () => {
		const content = randomBytes(5 * 1024 * 1024 + 3);
		const id = await seedFile('disk.bin', content);
		const result = await run({ nodes: [{ parameters: call({ path: `/files/${id}/content`, response: 'file' }) }] });
		const [item] = result.output('OpenAI');
		expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
		expect(sha256(await binaryBytes(item))).toBe(sha256(content));
	});
});

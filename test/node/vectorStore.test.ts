import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { vectorStoreSettings } from '../fake-openai/areas/vectorStores';
import { runListSearch, runWorkflow } from '../harness';
import { binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';

/**
 * Vector Store: every operation through the harness against the fake's vector stores (files
 * processed on its clock), the waiting loop (Wait Until Processed, Stop, the maximum wait, failed
 * files), search hits as items paired with their input item, and bad input named with its
 * parameter and item.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
	vectorStoreSettings(fake).processingMs = 300;
});

const auth = { authorization: `Bearer ${FAKE_KEYS.project}` };
const run = async (items: IDataObject[], parameters: IDataObject, extra: Parameters<typeof runWorkflow>[1] = {}) =>
	await runWorkflow(workflow({ items, nodes: [{ parameters: { resource: 'vectorStore', ...parameters } }] }), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes, ...extra });
const calls = (method: string, path: RegExp) => fake.requests.filter((request) => request.method === method && path.test(request.path));

const ARTICLE = 'Resetting a password\n\nOpen Settings, then Security, then Reset password.\n\nBilling questions go to the billing team.';

async function seedFile(name: string, text = ARTICLE): Promise<string> {
	const form = new FormData();
	form.append('purpose', 'assistants');
	form.append('file', new Blob([text]), name);
	return ((await (await fetch(`${fake.url}/files`, { method: 'POST', body: form, headers: auth })).json()) as { id: string }).id;
}

async function api<T = IDataObject>(path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${fake.url}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as T;
}

/** A store with files (processed at once), made at the fake directly. */
async function seedStore(files: Array<{ name: string; text?: string; attributes?: IDataObject }> = []): Promise<{ id: string; fileIds: string[] }> {
	vectorStoreSettings(fake).processingMs = 0;
	const store = await api<{ id: string }>('/vector_stores', { name: 'Seed' });
	const fileIds: string[] = [];
	for (const file of files) {
		const id = await seedFile(file.name, file.text);
		await api(`/vector_stores/${store.id}/files`, { file_id: id, ...(file.attributes ? { attributes: file.attributes } : {}) });
		fileIds.push(id);
	}
	vectorStoreSettings(fake).processingMs = 300;
	fake.clearRequests();
	return { id: store.id, fileIds };
}

describe('Vector Store → Create, Get, Get Many, Update, Delete', () => {
	it('creates a store with files, chunking, expiry and metadata', async () => {
		const fileIds = [await seedFile('a.txt'), await seedFile('b.txt')];
		const result = await run([{ ids: fileIds.join(', ') }], {
			operation: 'create',
			name: 'Help center',
			options: {
				fileIds: '={{ $json.ids }}',
				chunkingStrategy: 'static',
				maxChunkSizeTokens: 600,
				chunkOverlapTokens: 200,
				expiresAfterDays: 30,
				metadata: { values: [{ key: 'team', value: 'support' }] },
			},
		});
		expect(result.status).toBe('success');
		expect(calls('POST', /^\/v1\/vector_stores$/)[0].body).toEqual({
			name: 'Help center',
			file_ids: fileIds,
			chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 600, chunk_overlap_tokens: 200 } },
			expires_after: { anchor: 'last_active_at', days: 30 },
			metadata: { team: 'support' },
		});
		expect(result.output('OpenAI')[0].json).toMatchObject({ id: expect.stringMatching(/^vs_/), status: 'in_progress', file_counts: { total: 2 }, metadata: { team: 'support' } });
	});

	it('gets, lists (paged), updates and deletes stores', async () => {
		const stores = [await seedStore(), await seedStore(), await seedStore()];
		const got = await run([{ id: stores[0].id }], { operation: 'get', vectorStoreId: '={{ $json.id }}' });
		expect(got.output('OpenAI')[0].json).toMatchObject({ id: stores[0].id, object: 'vector_store', name: 'Seed' });

		const all = await run([{}], { operation: 'getAll', returnAll: true, options: { order: 'asc' } });
		expect(all.output('OpenAI').map((item) => item.json.id)).toEqual(stores.map((store) => store.id));
		const limited = await run([{}], { operation: 'getAll', limit: 2 });
		expect(limited.output('OpenAI').map((item) => item.json.id)).toEqual([stores[2].id, stores[1].id]);

		const updated = await run([{}], { operation: 'update', vectorStoreId: stores[1].id, updateFields: { name: 'Renamed', expiresAfterDays: 0, metadata: { values: [{ key: 'v', value: '2' }] } } });
		expect(calls('POST', /^\/v1\/vector_stores\/vs_/)[0].body).toEqual({ name: 'Renamed', expires_after: null, metadata: { v: '2' } });
		expect(updated.output('OpenAI')[0].json).toMatchObject({ name: 'Renamed', metadata: { v: '2' } });

		const deleted = await run([{}], { operation: 'delete', vectorStoreId: stores[2].id });
		expect(deleted.output('OpenAI')[0].json).toEqual({ id: stores[2].id, object: 'vector_store.deleted', deleted: true });
	});
});

describe('Vector Store → files', () => {
	it('adds a file by ID with attributes and chunking, returned at once in progress', async () => {
		const store = await seedStore();
		const fileId = await seedFile('help.txt');
		const result = await run([{ fileId }], {
			operation: 'addFile',
			vectorStoreId: store.id,
			fileId: '={{ $json.fileId }}',
			attributes: { values: [{ key: 'category', value: 'account' }, { key: 'year', type: 'number', value: '2026' }, { key: 'public', type: 'boolean', value: 'true' }] },
			options: { chunkingStrategy: 'auto' },
		});
		expect(result.status).toBe('success');
		expect(calls('POST', /^\/v1\/vector_stores\/.*\/files$/)[0].body).toEqual({ file_id: fileId, attributes: { category: 'account', year: 2026, public: true }, chunking_strategy: { type: 'auto' } });
		expect(result.output('OpenAI')[0].json).toMatchObject({ id: fileId, status: 'in_progress', vector_store_id: store.id });
	});

	it('uploads a binary file and adds it in one step, waiting until it is processed', async () => {
		const store = await seedStore();
		const result = await run([{ $binary: { doc: binarySpec(Buffer.from(ARTICLE), 'guide.txt', 'text/plain') } }], {
			operation: 'addFile',
			vectorStoreId: store.id,
			source: 'binary',
			binaryPropertyName: 'doc',
			options: { waitUntilProcessed: true, pollIntervalSeconds: 0.1 },
		});
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ status: 'completed', vector_store_id: store.id });
		expect(calls('POST', /^\/v1\/files$/)).toHaveLength(1);
		expect(calls('GET', /\/files\/file-/).length).toBeGreaterThanOrEqual(1);
	});

	it('a file that fails processing is an error naming it and the reason', async () => {
		const store = await seedStore();
		const fileId = await seedFile('blank.txt', '   ');
		const result = await run([{}], { operation: 'addFile', vectorStoreId: store.id, fileId, options: { waitUntilProcessed: true, pollIntervalSeconds: 0.1 } });
		expect(result.nodeError('OpenAI')?.message).toBe(`File ${fileId} could not be processed in vector store ${store.id}: The file is empty. [item 0]`);
	});

	it('the maximum wait ends with an error; Stop ends the wait at once', async () => {
		const store = await seedStore();
		const fileId = await seedFile('help.txt');
		vectorStoreSettings(fake).processingMs = 600_000;
		const slow = await run([{}], { operation: 'addFile', vectorStoreId: store.id, fileId, options: { waitUntilProcessed: true, maxWaitMinutes: 0.01, pollIntervalSeconds: 0.1 } });
		expect(slow.nodeError('OpenAI')?.message).toBe(`File ${fileId} is still in progress after waiting 0.01 minutes [item 0]`);

		const stopped = await run([{}], { operation: 'addFile', vectorStoreId: store.id, fileId, options: { waitUntilProcessed: true, pollIntervalSeconds: 5 } }, { cancelAfterMs: 400 });
		expect(stopped.status).toBe('canceled');
		expect(stopped.cancellation?.settled).toBe(true);
	});

	it('lists files (paged, filtered by status), gets, updates attributes, gets content, deletes', async () => {
		const store = await seedStore([{ name: 'a.txt' }, { name: 'b.txt' }, { name: 'blank.txt', text: ' ' }]);
		const [a, b, blank] = store.fileIds;
		const all = await run([{}], { operation: 'getFiles', vectorStoreId: store.id, returnAll: true, options: { order: 'asc' } });
		expect(all.output('OpenAI').map((item) => item.json.id)).toEqual([a, b, blank]);
		const completed = await run([{}], { operation: 'getFiles', vectorStoreId: store.id, limit: 1, options: { status: 'completed' } });
		expect(completed.output('OpenAI').map((item) => item.json.id)).toEqual([b]);
		expect(calls('GET', /\/files$/).at(-1)?.query).toMatchObject({ filter: 'completed', limit: '1' });
		const failed = await run([{}], { operation: 'getFiles', vectorStoreId: store.id, returnAll: true, options: { status: 'failed' } });
		expect(failed.output('OpenAI').map((item) => item.json.id)).toEqual([blank]);

		expect((await run([{}], { operation: 'getFile', vectorStoreId: store.id, fileId: a })).output('OpenAI')[0].json).toMatchObject({ id: a, status: 'completed' });
		const updated = await run([{}], { operation: 'updateFile', vectorStoreId: store.id, fileId: a, attributes: { values: [{ key: 'category', value: 'billing' }] } });
		expect(updated.output('OpenAI')[0].json.attributes).toEqual({ category: 'billing' });
		const cleared = await run([{}], { operation: 'updateFile', vectorStoreId: store.id, fileId: a });
		expect(calls('POST', /\/files\/file-/).at(-1)?.body).toEqual({ attributes: null });
		expect(cleared.output('OpenAI')[0].json.attributes).toBeNull();

		const content = await run([{}], { operation: 'getFileContent', vectorStoreId: store.id, fileId: a });
		expect(content.output('OpenAI')[0].json).toMatchObject({ file_id: a, text: ARTICLE.replace(/\n\n/g, '\n\n') });
		expect(content.output('OpenAI')[0].json.content).toHaveLength(3);

		const deleted = await run([{}], { operation: 'deleteFile', vectorStoreId: store.id, fileId: b });
		expect(deleted.output('OpenAI')[0].json).toEqual({ id: b, object: 'vector_store.file.deleted', deleted: true });
	});
});

describe('Vector Store → file batches', () => {
	it('creates a batch from a list of IDs and waits until it is processed; gets it and lists its files', async () => {
		const store = await seedStore();
		const ids = [await seedFile('a.txt'), await seedFile('b.txt')];
		const created = await run([{ ids }], {
			operation: 'createFileBatch',
			vectorStoreId: store.id,
			fileIds: '={{ $json.ids }}',
			attributes: { values: [{ key: 'source', value: 'wiki' }] },
			options: { waitUntilProcessed: true, pollIntervalSeconds: 0.1 },
		});
		expect(created.status).toBe('success');
		expect(calls('POST', /\/file_batches$/)[0].body).toEqual({ file_ids: ids, attributes: { source: 'wiki' } });
		const batch = created.output('OpenAI')[0].json;
		expect(batch).toMatchObject({ status: 'completed', file_counts: { completed: 2, total: 2 } });

		const got = await run([{}], { operation: 'getFileBatch', vectorStoreId: store.id, fileBatchId: batch.id });
		expect(got.output('OpenAI')[0].json).toMatchObject({ id: batch.id, status: 'completed' });
		const files = await run([{}], { operation: 'getFileBatchFiles', vectorStoreId: store.id, fileBatchId: batch.id, returnAll: true, options: { order: 'asc' } });
		expect(files.output('OpenAI').map((item) => item.json.id)).toEqual(ids);
	});

	it('cancels a batch in progress', async () => {
		const store = await seedStore();
		vectorStoreSettings(fake).processingMs = 600_000;
		const batch = await api<{ id: string }>(`/vector_stores/${store.id}/file_batches`, { file_ids: [await seedFile('a.txt')] });
		const result = await run([{}], { operation: 'cancelFileBatch', vectorStoreId: store.id, fileBatchId: batch.id });
		expect(result.output('OpenAI')[0].json).toMatchObject({ id: batch.id, status: 'cancelled', file_counts: { cancelled: 1 } });
	});
});

describe('Vector Store → Search', () => {
	it('one output item per hit, paired with its input item, with filters, max results and ranking options', async () => {
		const store = await seedStore([
			{ name: 'help.txt', attributes: { category: 'account' } },
			{ name: 'pw.txt', text: 'Password rules: twelve characters.', attributes: { category: 'policy' } },
		]);
		const result = await run([{ q: 'reset password' }, { q: 'password rules' }], {
			operation: 'search',
			vectorStoreId: store.id,
			query: '={{ $json.q }}',
			options: { maxResults: 5, ranker: 'auto', scoreThreshold: 0.1, rewriteQuery: false },
		});
		expect(result.status).toBe('success');
		expect(calls('POST', /\/search$/)[0].body).toEqual({ query: 'reset password', max_num_results: 5, ranking_options: { ranker: 'auto', score_threshold: 0.1 }, rewrite_query: false });
		const items = result.output('OpenAI');
		expect(items.map((item) => [item.json.filename, item.pairedItem])).toEqual([
			['help.txt', { item: 0 }],
			['pw.txt', { item: 0 }],
			['pw.txt', { item: 1 }],
			['help.txt', { item: 1 }],
		]);
		expect(items[0].json).toMatchObject({ vector_store_id: store.id, score: expect.any(Number), text: expect.stringContaining('Reset password') });

		const filtered = await run([{}], { operation: 'search', vectorStoreId: store.id, query: 'password', options: { filters: '{"type": "eq", "key": "category", "value": "policy"}' } });
		expect(filtered.output('OpenAI').map((item) => item.json.filename)).toEqual(['pw.txt']);
	});
});

describe('Vector Store: bad input is named with its parameter and item, before any request', () => {
	it.each<[string, IDataObject, IDataObject[], string]>([
		['an empty store ID', { operation: 'get', vectorStoreId: ' ' }, [{}], 'The "Vector Store ID" parameter is empty [item 0]'],
		['a store ID that is an object', { operation: 'get', vectorStoreId: '={{ $json.o }}' }, [{ o: { id: 'vs_1' } }], 'The "Vector Store ID" parameter must be an ID, not an object [item 0]'],
		['a file ID list entry that is a number', { operation: 'create', options: { fileIds: '={{ $json.ids }}' } }, [{ ids: ['file-a', 3] }], 'The "File IDs" parameter has an entry that is not a file ID: 3 [item 0]'],
		['a chunk overlap above half the chunk size', { operation: 'create', options: { chunkingStrategy: 'static', maxChunkSizeTokens: 400, chunkOverlapTokens: 300 } }, [{}], 'The "Chunk Overlap (Tokens)" option (300) is more than half of "Max Chunk Size (Tokens)" (400) [item 0]'],
		['an expiry of 0 days on create', { operation: 'create', options: { expiresAfterDays: 0 } }, [{}], 'The "Expires After (Days)" option must be between 1 and 365, not 0 [item 0]'],
		['an update without fields', { operation: 'update', vectorStoreId: 'vs_1' }, [{}], 'Nothing to update: "Update Fields" is empty [item 0]'],
		['a number attribute that is not a number', { operation: 'updateFile', vectorStoreId: 'vs_1', fileId: 'file-1', attributes: { values: [{ key: 'year', type: 'number', value: 'soon' }] } }, [{}], 'The attribute "year" must be a number, not "soon" [item 0]'],
		['an empty file batch', { operation: 'createFileBatch', vectorStoreId: 'vs_1', fileIds: ' , ' }, [{}], 'The "File IDs" parameter is empty [item 0]'],
		['an empty query', { operation: 'search', vectorStoreId: 'vs_1', query: '  ' }, [{}], 'The "Query" parameter is empty [item 0]'],
		['filters that are not JSON', { operation: 'search', vectorStoreId: 'vs_1', query: 'x', options: { filters: '{type: eq}' } }, [{}], 'The "Filters (JSON)" option is not valid JSON'],
		['filters without a type', { operation: 'search', vectorStoreId: 'vs_1', query: 'x', options: { filters: '{"key": "a"}' } }, [{}], 'The "Filters (JSON)" option must be a filter object with a "type" [item 0]'],
		['max results above 50', { operation: 'search', vectorStoreId: 'vs_1', query: 'x', options: { maxResults: '={{ 51 }}' } }, [{}], 'The "Max Results" option must be between 1 and 50, not 51 [item 0]'],
		['a missing binary file', { operation: 'addFile', vectorStoreId: 'vs_1', source: 'binary' }, [{}], 'No binary property "data" for the "Input Data Field Name" parameter [item 0]'],
	])('%s', async (_, parameters, items, message) => {
		const result = await run(items, parameters);
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toContain(message);
		expect(fake.requests.filter((request) => request.path.startsWith('/v1/vector_stores'))).toHaveLength(0);
	});

	it('an unknown store is the API error of its item', async () => {
		const result = await run([{}, {}], { operation: 'get', vectorStoreId: 'vs_nope' });
		expect(result.nodeError('OpenAI')?.message).toMatch(/No vector store found with id 'vs_nope'.*\[item 0\]/);
	});
});

describe('Response → Create: file search picks vector stores from a searchable list', () => {
	const pickerWorkflow = workflow({ nodes: [{ parameters: { resource: 'response', operation: 'create', text: 'x' } }] });
	const credentials = () => credentialsFor(fake);

	it('lists stores newest first with their names, filtered by name or ID, one page per call', async () => {
		const stores: string[] = [];
		for (let index = 0; index < 103; index++) stores.push((await api<{ id: string }>('/vector_stores', { name: index === 1 ? 'Handbook' : `Store ${index}` })).id);
		const first = await runListSearch(pickerWorkflow, 'OpenAI', 'searchVectorStores', { credentials: credentials() });
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: `Store 102 (${stores[102]})`, value: stores[102], description: '0 files' });
		expect(first.paginationToken).toBe(stores[3]);
		const second = await runListSearch(pickerWorkflow, 'OpenAI', 'searchVectorStores', { credentials: credentials(), paginationToken: first.paginationToken });
		expect(second.results.map((result) => result.value)).toEqual([stores[2], stores[1], stores[0]]);
		expect(second.paginationToken).toBeUndefined();
		const named = await runListSearch(pickerWorkflow, 'OpenAI', 'searchVectorStores', { credentials: credentials(), filter: 'handBOOK', paginationToken: first.paginationToken });
		expect(named.results.map((result) => result.value)).toEqual([stores[1]]);
	});

	it('a picker page that is not a list is a clear error', async () => {
		fake.injectFault({ kind: 'status', status: 200, body: { data: 'nope' }, match: { path: '/v1/vector_stores', method: 'GET' } });
		await expect(runListSearch(pickerWorkflow, 'OpenAI', 'searchVectorStores', { credentials: credentials() })).rejects.toThrow(/The server's answer is not a page of GET \/vector_stores/);
	});

	it('sends the picked stores (and typed IDs) as the file search tool', async () => {
		const store = await seedStore([{ name: 'help.txt' }]);
		const result = await runWorkflow(
			workflow({
				items: [{ q: 'How do I reset my password?' }],
				nodes: [
					{
						parameters: {
							resource: 'response',
							operation: 'create',
							modelId: { __rl: true, mode: 'list', value: 'gpt-4o-mini' },
							inputType: 'text',
							input: '={{ $json.q }}',
							builtInTools: {
								webSearch: false,
								fileSearchVectorStores: { values: [{ vectorStore: { __rl: true, mode: 'list', value: store.id } }, { vectorStore: { __rl: true, mode: 'id', value: 'vs_typed' } }] },
								fileSearchVectorStoreIds: `vs_extra, ${store.id}`,
							},
						},
					},
				],
			}),
			{ credentials: credentials() },
		);
		expect(result.status).toBe('success');
		expect((calls('POST', /^\/v1\/responses$/)[0].body as IDataObject).tools).toEqual([{ type: 'file_search', vector_store_ids: [store.id, 'vs_typed', 'vs_extra'] }]);
	});
});

import { expectMatchesSpec, loadOpenApiSpec } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { call } from './fake-openai/testClient';

/**
 * The fake's vector stores — stores, files, file batches, parsed content and search — whose files
 * move from in_progress to completed on the fake's clock: every answer, success and error, must
 * match OpenAI's spec for its operation and status.
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

/* eslint-disable @typescript-eslint/no-explicit-any -- bodies are checked against the spec, read loosely here */
async function exchange(template: string, path: string, status: number, options: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown } = {}) {
	const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
	const result = await call<any>(fake.url, path, { method, body: options.body, key: FAKE_KEYS.project });
	expect({ status: result.status, body: result.body }).toMatchObject({ status });
	expectMatchesSpec(method, template, status, result.body);
	return result.body;
}

async function upload(name: string, text: string): Promise<string> {
	const form = new FormData();
	form.append('purpose', 'assistants');
	form.append('file', new Blob([text], { type: 'text/plain' }), name);
	const response = await fetch(`${fake.url}/files`, { method: 'POST', headers: { authorization: `Bearer ${FAKE_KEYS.project}` }, body: form });
	return ((await response.json()) as { id: string }).id;
}

const ARTICLE = 'Resetting a password\n\nOpen Settings, then Security, then Reset password.\n\nBilling questions go to the billing team.';

describe('/vector_stores', () => {
	it('create, get, list, update, delete (200) and their 4xx; a store is in progress until its files are processed', async () => {
		const file = await upload('help.txt', ARTICLE);
		const created = await exchange('/vector_stores', '/vector_stores', 200, {
			body: { name: 'Help', file_ids: [file], expires_after: { anchor: 'last_active_at', days: 7 }, metadata: { team: 'support' }, chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 100 } } },
		});
		expect(created).toMatchObject({ object: 'vector_store', status: 'in_progress', file_counts: { in_progress: 1, total: 1 } });
		fake.clock.advance(2_000);
		expect(await exchange('/vector_stores/{vector_store_id}', `/vector_stores/${created.id}`, 200)).toMatchObject({ status: 'completed', file_counts: { completed: 1 } });
		await exchange('/vector_stores', '/vector_stores', 200, { body: {} });
		const page = await exchange('/vector_stores', '/vector_stores?limit=1', 200);
		expect(page.has_more).toBe(true);
		await exchange('/vector_stores', `/vector_stores?limit=1&after=${page.data[0].id}&order=desc`, 200);
		await exchange('/vector_stores/{vector_store_id}', `/vector_stores/${created.id}`, 200, { body: { name: 'Help 2', expires_after: null, metadata: { team: 'ops' } } });
		await exchange('/vector_stores/{vector_store_id}', `/vector_stores/${created.id}`, 200, { method: 'DELETE' });
		await exchange('/vector_stores/{vector_store_id}', `/vector_stores/${created.id}`, 404);
		await exchange('/vector_stores', '/vector_stores', 400, { body: { file_ids: ['file-nope'] } });
		await exchange('/vector_stores', '/vector_stores', 400, { body: { expires_after: { anchor: 'last_active_at', days: 400 } } });
		await exchange('/vector_stores', '/vector_stores', 400, { body: { chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 300 } } } });
		await exchange('/vector_stores', '/vector_stores?order=sideways', 400);
	});

	it('files: add, list with a status filter, get, update attributes, content, delete (200) and their 4xx', async () => {
		const store = await exchange('/vector_stores', '/vector_stores', 200, { body: { name: 'Help' } });
		const files = `/vector_stores/${store.id}/files`;
		const id = await upload('help.txt', ARTICLE);
		const empty = await upload('empty.txt', '   ');
		expect(await exchange('/vector_stores/{vector_store_id}/files', files, 200, { body: { file_id: id, attributes: { category: 'account', year: 2026, public: true } } })).toMatchObject({ status: 'in_progress' });
		await exchange('/vector_stores/{vector_store_id}/files', files, 200, { body: { file_id: empty } });
		expect((await exchange('/vector_stores/{vector_store_id}/files', `${files}?filter=in_progress`, 200)).data).toHaveLength(2);
		fake.clock.advance(2_000);
		expect((await exchange('/vector_stores/{vector_store_id}/files', `${files}?filter=completed&limit=1`, 200)).data.map((f: any) => f.id)).toEqual([id]);
		expect(await exchange('/vector_stores/{vector_store_id}/files/{file_id}', `${files}/${empty}`, 200)).toMatchObject({ status: 'failed', last_error: { code: 'invalid_file' } });
		await exchange('/vector_stores/{vector_store_id}/files/{file_id}', `${files}/${id}`, 200, { body: { attributes: { category: 'billing' } } });
		const content = await exchange('/vector_stores/{vector_store_id}/files/{file_id}/content', `${files}/${id}/content`, 200);
		expect(content.data).toHaveLength(3);
		await exchange('/vector_stores/{vector_store_id}/files/{file_id}', `${files}/${id}`, 200, { method: 'DELETE' });
		await exchange('/vector_stores/{vector_store_id}/files/{file_id}', `${files}/${id}`, 404);
		await exchange('/vector_stores/{vector_store_id}/files', files, 400, { body: { file_id: 'file-nope' } });
		await exchange('/vector_stores/{vector_store_id}/files', files, 400, { body: { file_id: empty, attributes: { nested: { no: 1 } } } });
		await exchange('/vector_stores/{vector_store_id}/files', `${files}?filter=sideways`, 400);
	});

	it('file batches: create, get, list files, cancel (200) and their 4xx', async () => {
		const store = await exchange('/vector_stores', '/vector_stores', 200, { body: {} });
		const ids = [await upload('a.txt', ARTICLE), await upload('b.txt', 'Shipping takes three days.')];
		const batches = `/vector_stores/${store.id}/file_batches`;
		const batch = await exchange('/vector_stores/{vector_store_id}/file_batches', batches, 200, { body: { file_ids: ids, attributes: { source: 'wiki' } } });
		expect(batch).toMatchObject({ object: 'vector_store.files_batch', status: 'in_progress', file_counts: { in_progress: 2, total: 2 } });
		await exchange('/vector_stores/{vector_store_id}/file_batches/{batch_id}/files', `${batches}/${batch.id}/files?limit=1`, 200);
		expect(await exchange('/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel', `${batches}/${batch.id}/cancel`, 200, { body: {} })).toMatchObject({ status: 'cancelled' });
		const second = await exchange('/vector_stores/{vector_store_id}/file_batches', batches, 200, { body: { files: ids.map((file_id) => ({ file_id })) } });
		fake.clock.advance(2_000);
		expect(await exchange('/vector_stores/{vector_store_id}/file_batches/{batch_id}', `${batches}/${second.id}`, 200)).toMatchObject({ status: 'completed', file_counts: { completed: 2 } });
		await exchange('/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel', `${batches}/${second.id}/cancel`, 400, { body: {} });
		await exchange('/vector_stores/{vector_store_id}/file_batches/{batch_id}', `${batches}/vsfb_nope`, 404);
		await exchange('/vector_stores/{vector_store_id}/file_batches', batches, 400, { body: { file_ids: [] } });
	});

	it('search: hits of completed files, filters on attributes, max results, ranking options; its 4xx', async () => {
		const store = await exchange('/vector_stores', '/vector_stores', 200, { body: {} });
		const files = `/vector_stores/${store.id}/files`;
		await exchange('/vector_stores/{vector_store_id}/files', files, 200, { body: { file_id: await upload('help.txt', ARTICLE), attributes: { category: 'account' } } });
		await exchange('/vector_stores/{vector_store_id}/files', files, 200, { body: { file_id: await upload('pw.txt', 'Password rules: twelve characters.'), attributes: { category: 'policy' } } });
		const search = `/vector_stores/${store.id}/search`;
		expect((await exchange('/vector_stores/{vector_store_id}/search', search, 200, { body: { query: 'reset password' } })).data).toEqual([]);
		fake.clock.advance(2_000);
		const all = await exchange('/vector_stores/{vector_store_id}/search', search, 200, { body: { query: 'reset password', ranking_options: { ranker: 'auto', score_threshold: 0.1 } } });
		expect(all.data.map((hit: any) => hit.filename)).toEqual(['help.txt', 'pw.txt']);
		const filtered = await exchange('/vector_stores/{vector_store_id}/search', search, 200, { body: { query: ['password'], filters: { type: 'eq', key: 'category', value: 'policy' }, max_num_results: 1 } });
		expect(filtered.data.map((hit: any) => hit.filename)).toEqual(['pw.txt']);
		await exchange('/vector_stores/{vector_store_id}/search', search, 400, { body: {} });
		await exchange('/vector_stores/{vector_store_id}/search', search, 400, { body: { query: 'x', max_num_results: 51 } });
		await exchange('/vector_stores/{vector_store_id}/search', search, 400, { body: { query: 'x', filters: { type: 'like', key: 'a', value: 'b' } } });
	});
});

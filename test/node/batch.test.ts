import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { batchSettings } from '../fake-openai/areas/batches';
import { mediaInspector } from '../fake-openai/areas/media/inspect';
import { runWorkflow } from '../harness';
import { credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { expectBackOff } from './pollPauses';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const run = async (spec: Parameters<typeof workflow>[0], extra: Parameters<typeof runWorkflow>[1] = {}) =>
	await runWorkflow(workflow(spec), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes, ...extra });

/** Chat → Message a Model parameters: the question, and an image URL when the item has one. */
const chatParameters = {
	modelId: { __rl: true, mode: 'list', value: 'gpt-4o-mini' },
	messages: { values: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '={{ $json.question }}', imageUrls: '={{ $json.image ?? "" }}' }] },
	options: { temperature: 0.2, maxTokens: 100 },
};
const createFromItems = (batchOptions: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
	resource: 'batch',
	operation: 'createFromItems',
	endpoint: '/v1/chat/completions',
	...chatParameters,
	batchOptions,
	...extra,
});
/** Items 1 and 3 carry an image the API cannot download: those lines fail inside the batch. */
const questions = [
	{ question: 'What is 2+2?' },
	{ question: 'Describe this', image: 'https://images.invalid/1.png' },
	{ question: 'Capital of France?' },
	{ question: 'And this one?', image: 'https://images.invalid/2.png' },
	{ question: 'Last question' },
];
const fastLifecycle = () => Object.assign(batchSettings(fake), { speed: 400 }); // 160 simulated seconds in 0.4 s
const batchOp = (operation: string, batchId: string, extra: Record<string, unknown> = {}) => ({ resource: 'batch', operation, batchId, ...extra });

async function fileContent(id: string): Promise<string> {
	const response = await fetch(`${fake.url}/files/${id}/content`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
	return await response.text();
}

describe('Batch → Create From Items, waiting for completion', () => {
	it('round trip: items → JSONL → batch → results mapped back to their items, failed lines included', async () => {
		fastLifecycle();
		const result = await run({
			items: questions,
			nodes: [{ parameters: createFromItems({ waitForCompletion: true, pollIntervalSeconds: 0.1, metadata: { values: [{ key: 'job', value: 'nightly' }] } }) }],
		});
		expect(result.status).toBe('success');
		const items = result.output('OpenAI');
		expect(items.map((item) => item.json.custom_id)).toEqual(['item-0', 'item-1', 'item-2', 'item-3', 'item-4']);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items.map((item) => item.json.status)).toEqual(['succeeded', 'failed', 'succeeded', 'failed', 'succeeded']);
		const answer = (index: number) => ((items[index].json.response as { choices: Array<{ message: { content: string } }> }).choices[0].message.content);
		expect(answer(0)).toBe('Answer to: What is 2+2?');
		expect(answer(4)).toBe('Answer to: Last question');
		expect(items[0].json).toMatchObject({ itemIndex: 0, status_code: 200, error: null, usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) } });
		expect(items[1].json).toMatchObject({
			itemIndex: 1,
			status_code: 400,
			response: null,
			usage: null,
			error: { code: 'invalid_image_url', message: 'Error while downloading https://images.invalid/1.png.', type: 'invalid_request_error', param: 'url' },
		});

		// one upload (purpose batch), one batch with the options, then polls
		const [upload] = mediaInspector(fake).uploads;
		expect(upload).toMatchObject({ path: '/v1/files', fields: { purpose: 'batch' }, files: [{ filename: 'n8n-batch-5-requests.jsonl', contentType: 'application/jsonl' }] });
		const create = fake.requests.find((request) => request.method === 'POST' && request.path === '/v1/batches');
		expect(create?.body).toEqual({ input_file_id: expect.stringMatching(/^file-/), endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' } });
		const polls = fake.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/v1/batches/'));
		expectBackOff(polls, 100);
	});

	it('each line is exactly the request the synchronous operation sends', async () => {
		fastLifecycle();
		const sync = await run({ items: questions.filter((q) => !q.image), nodes: [{ parameters: { resource: 'chat', operation: 'message', ...chatParameters } }] });
		expect(sync.status).toBe('success');
		const syncBodies = fake.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.body);
		const batch = await run({ items: questions.filter((q) => !q.image), nodes: [{ parameters: createFromItems() }] });
		const inputFile = String((batch.output('OpenAI')[0].json.input_file as { id: string }).id);
		const lines = (await fileContent(inputFile)).trim().split('\n').map((line) => JSON.parse(line) as { custom_id: string; method: string; url: string; body: unknown });
		expect(lines.map((line) => [line.custom_id, line.method, line.url])).toEqual([
			['item-0', 'POST', '/v1/chat/completions'],
			['item-1', 'POST', '/v1/chat/completions'],
			['item-2', 'POST', '/v1/chat/completions'],
		]);
		expect(lines.map((line) => line.body)).toEqual(syncBodies);
	});

	it('Stop ends the wait at once', async () => {
		const result = await run({ items: questions.slice(0, 2), nodes: [{ parameters: createFromItems({ waitForCompletion: true, pollIntervalSeconds: 60 }) }] }, { cancelAfterMs: 400 });
		expect(result.status).toBe('canceled');
		expect(result.cancellation?.settled).toBe(true);
		expect(result.durationMs).toBeLessThan(2000);
	});

	it('running out of time is an error naming the batch, which keeps running', async () => {
		const result = await run({ items: questions.slice(0, 1), nodes: [{ parameters: createFromItems({ waitForCompletion: true, pollIntervalSeconds: 0.1, maxWaitMinutes: 0.01 }) }] });
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI');
		expect(error?.message).toMatch(/^Batch batch_\w+ is still validating after waiting 0\.01 minutes \(no requests done yet\) \[item 0\]$/);
		expect(error?.description).toMatch(/Batch → Get Results/);
	});
});

describe('Batch → Create From Items, then Get / Get Many / Get Results / Cancel', () => {
	beforeEach(() => fake.clock.set(NOW));

	it('outputs the batch with the custom_id of every item, paired with all items; results come later in item order', async () => {
		const created = await run({ items: questions, nodes: [{ parameters: createFromItems({ outputExpiresAfterSeconds: 86400 }) }] });
		expect(created.status).toBe('success');
		const [batch] = created.output('OpenAI');
		expect(batch.json).toMatchObject({ object: 'batch', status: 'validating', endpoint: '/v1/chat/completions', input_file_id: expect.stringMatching(/^file-/) });
		expect(batch.json.requests).toEqual([0, 1, 2, 3, 4].map((itemIndex) => ({ custom_id: `item-${itemIndex}`, itemIndex })));
		expect(batch.pairedItem).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		const create = fake.requests.find((request) => request.path === '/v1/batches');
		expect(create?.body).toMatchObject({ output_expires_after: { anchor: 'created_at', seconds: 86400 } });
		const id = String(batch.json.id);

		const early = await run({ items: [{ id }], nodes: [{ parameters: batchOp('getResults', '={{ $json.id }}') }] });
		expect(early.nodeError('OpenAI')?.message).toBe(`Batch ${id} is still validating (no requests done yet); its results are not ready yet [item 0]`);

		fake.clock.advance(90_000);
		const got = await run({ items: [{ id }], nodes: [{ parameters: batchOp('get', '={{ $json.id }}') }] });
		expect(got.output('OpenAI')[0].json).toMatchObject({ id, status: 'in_progress', request_counts: { total: 5, completed: expect.any(Number), failed: expect.any(Number) } });

		fake.clock.advance(120_000);
		const results = await run({ items: [{ id }], nodes: [{ parameters: batchOp('getResults', '={{ $json.id }}') }] });
		const items = results.output('OpenAI');
		expect(items.map((item) => [item.json.itemIndex, item.json.status])).toEqual([
			[0, 'succeeded'],
			[1, 'failed'],
			[2, 'succeeded'],
			[3, 'failed'],
			[4, 'succeeded'],
		]);
		expect(items.every((item) => item.json.batch_id === id)).toBe(true);
		expect(items.map((item) => item.pairedItem)).toEqual(items.map(() => ({ item: 0 })));

		const many = await run({ nodes: [{ parameters: { resource: 'batch', operation: 'getAll', returnAll: true } }] });
		expect(many.output('OpenAI').map((item) => [item.json.id, item.json.status])).toEqual([[id, 'completed']]);
	});

	it('cancelling keeps the results done so far; the rest are reported as not run', async () => {
		const created = await run({ items: questions.slice(0, 4).map((q) => ({ question: q.question })), nodes: [{ parameters: createFromItems() }] });
		const id = String(created.output('OpenAI')[0].json.id);
		fake.clock.advance(90_000); // validation done at 30 s; 60 of 120 s of processing: 2 of 4 requests
		const cancelling = await run({ items: [{ id }], nodes: [{ parameters: batchOp('cancel', '={{ $json.id }}') }] });
		expect(cancelling.output('OpenAI')[0].json).toMatchObject({ id, status: 'cancelling' });
		fake.clock.advance(20_000);
		const results = await run({ items: [{ id }], nodes: [{ parameters: batchOp('getResults', '={{ $json.id }}') }] });
		expect(results.output('OpenAI').map((item) => [item.json.custom_id, item.json.status, (item.json.error as { code?: string } | null)?.code ?? null])).toEqual([
			['item-0', 'succeeded', null],
			['item-1', 'succeeded', null],
			['item-2', 'failed', 'batch_cancelled'],
			['item-3', 'failed', 'batch_cancelled'],
		]);
		const again = await run({ items: [{ id }], nodes: [{ parameters: batchOp('cancel', '={{ $json.id }}', { requestOptions: { maxRetries: 0 } }) }] });
		expect(again.nodeError('OpenAI')?.message).toBe("OpenAI: Cannot cancel a batch with status 'cancelled'. [item 0]");
		expect((again.nodeError('OpenAI') as { httpCode?: string }).httpCode).toBe('409');
		expect(again.nodeError('OpenAI')?.description).toMatch(/a batch that already finished/);
	});

	it('a batch ID that does not exist is OpenAI\'s 404 with a hint; a file ID is refused before any request', async () => {
		const missing = await run({ nodes: [{ parameters: batchOp('get', 'batch_doesnotexist') }] });
		const error = missing.nodeError('OpenAI') as { message?: string; description?: string; httpCode?: string } | undefined;
		expect(error?.message).toBe("OpenAI: No batch found with id 'batch_doesnotexist'. [item 0]");
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toMatch(/Nothing with this ID exists/);
		fake.clearRequests();
		const fileId = await run({ nodes: [{ parameters: batchOp('getResults', 'file-abc') }] });
		expect(fileId.nodeError('OpenAI')?.message).toBe('The "Batch ID" parameter holds a file ID ("file-abc"), not a batch ID [item 0]');
		expect(fake.requests).toHaveLength(0);
	});

	it('embeddings: a line over the context length fails inside the batch, the others succeed', async () => {
		fastLifecycle();
		fake.clock.useRealTime();
		const result = await run({
			items: [{ text: 'short one' }, { text: 'word '.repeat(7000) }, { text: 'short two' }],
			nodes: [
				{
					parameters: {
						resource: 'batch',
						operation: 'createFromItems',
						endpoint: '/v1/embeddings',
						modelId: { __rl: true, mode: 'list', value: 'text-embedding-3-small' },
						text: '={{ $json.text }}',
						options: { dimensions: 8 },
						batchOptions: { waitForCompletion: true, pollIntervalSeconds: 0.1 },
					},
				},
			],
		});
		const items = result.output('OpenAI');
		expect(items.map((item) => item.json.status)).toEqual(['succeeded', 'failed', 'succeeded']);
		expect(((items[0].json.response as { data: Array<{ embedding: number[] }> }).data[0].embedding)).toHaveLength(8);
		expect(items[1].json.error).toMatchObject({ code: 'context_length_exceeded' });
	});
});

describe('bad batch input', () => {
	it('items asking for different endpoints are refused, naming both items', async () => {
		const result = await run({
			items: [{ endpoint: '/v1/chat/completions', question: 'a' }, { endpoint: '/v1/chat/completions', question: 'b' }, { endpoint: '/v1/embeddings', question: 'c' }],
			nodes: [{ parameters: createFromItems({}, { endpoint: '={{ $json.endpoint }}' }) }],
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toBe(
			'The items ask for different endpoints: item 0 for /v1/chat/completions, item 2 for /v1/embeddings; one batch sends all its requests to one endpoint [item 2]',
		);
		expect(fake.requests).toHaveLength(0);
	});

	it('items with different models are refused before the upload', async () => {
		const result = await run({
			items: [{ question: 'a', model: 'gpt-4o-mini' }, { question: 'b', model: 'gpt-4.1' }],
			nodes: [{ parameters: createFromItems({}, { modelId: { __rl: true, mode: 'id', value: '={{ $json.model }}' } }) }],
		});
		expect(result.nodeError('OpenAI')?.message).toBe('The items use different models: item 0 gpt-4o-mini, item 1 gpt-4.1; OpenAI accepts one model per batch [item 1]');
		expect(fake.requests).toHaveLength(0);
	});

	it('an item the synchronous operation would refuse is refused the same way; with Continue On Fail it becomes an error item', async () => {
		const items = [{ question: 'fine' }, { question: '' }, { question: 'also fine' }];
		const stopped = await run({ items, nodes: [{ parameters: createFromItems() }] });
		expect(stopped.nodeError('OpenAI')?.message).toBe('Message 2 of the "Messages" parameter has no text [item 1]');
		expect(fake.requests).toHaveLength(0);

		const continued = await run({ items, nodes: [{ onError: 'continueRegularOutput', parameters: createFromItems() }] });
		const output = continued.output('OpenAI');
		expect(output).toHaveLength(2);
		expect(output[0].json.requests).toEqual([{ custom_id: 'item-0', itemIndex: 0 }, { custom_id: 'item-2', itemIndex: 2 }]);
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
		expect(output[1]).toMatchObject({ json: { error: 'Message 2 of the "Messages" parameter has no text [item 1]' }, pairedItem: { item: 1 } });
	});

	it('more than 16 metadata keys are refused', async () => {
		const values = Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
		const result = await run({ items: [{ question: 'x' }], nodes: [{ parameters: createFromItems({ metadata: { values } }) }] });
		expect(result.nodeError('OpenAI')?.message).toBe('The "Metadata" option has 17 keys; OpenAI stores at most 16 [item 0]');
	});
});

/**
 * Batch → Create From Items above the per-batch limits (split into several batches, results back on
 * their items across all of them) and the deadline (At Max Wait → Cancel and Run the Rest Directly).
 * The limits are made small here (BATCH_LIMITS, an internal constant) so a split happens with a few items.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { DEADLINE } from '../../nodes/OpenAiPlatform/actions/batch/createFromItems';
import { BATCH_LIMITS, MAX_BATCH_FILE_BYTES, MAX_BATCH_REQUESTS } from '../../nodes/OpenAiPlatform/actions/batch/batchLines';
import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { batchSettings } from '../fake-openai/areas/batches';
import { runWorkflow } from '../harness';
import { credentialsFor } from './mediaHelpers';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
	fake.clock.set(Date.UTC(2026, 10, 20, 12, 0, 0));
});
afterEach(() => {
	BATCH_LIMITS.maxRequests = MAX_BATCH_REQUESTS;
	BATCH_LIMITS.maxFileBytes = MAX_BATCH_FILE_BYTES;
	DEADLINE.cancelSettleMinutes = 10;
});

const run = async (spec: Parameters<typeof workflow>[0], extra: Parameters<typeof runWorkflow>[1] = {}) =>
	await runWorkflow(workflow(spec), { credentials: credentialsFor(fake), ...extra });

const questions = ['What is 2+2?', 'Capital of France?', 'Largest ocean?', 'Speed of light?', 'Last question'].map((question) => ({ question }));
const createFromItems = (batchOptions: Record<string, unknown> = {}) => ({
	resource: 'batch',
	operation: 'createFromItems',
	endpoint: '/v1/chat/completions',
	modelId: { __rl: true, mode: 'list', value: 'gpt-4o-mini' },
	messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
	batchOptions,
});
const batchCreates = () => fake.requests.filter((request) => request.method === 'POST' && request.path === '/v1/batches');
const answerOf = (json: Record<string, unknown>) => (json.response as { choices: Array<{ message: { content: string } }> }).choices[0].message.content;

async function inputLines(fileId: string): Promise<Array<{ custom_id: string; body: unknown }>> {
	const response = await fetch(`${fake.url}/files/${fileId}/content`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
	return (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as { custom_id: string; body: unknown });
}

async function until(condition: () => boolean, what: string) {
	for (let waited = 0; !condition(); waited += 10) {
		if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
		await delay(10);
	}
}

describe('Batch → Create From Items above the per-batch limits', () => {
	it('more requests than a batch takes: consecutive batches, one output item each, paired with its items', async () => {
		BATCH_LIMITS.maxRequests = 2;
		const result = await run({ items: questions, nodes: [{ parameters: createFromItems({ metadata: { values: [{ key: 'job', value: 'split' }] } }) }] });
		expect(result.status).toBe('success');
		const batches = result.output('OpenAI');
		expect(batches.map((batch) => [batch.json.part, batch.json.parts, (batch.json.requests as Array<{ itemIndex: number }>).map((r) => r.itemIndex)])).toEqual([
			[1, 3, [0, 1]],
			[2, 3, [2, 3]],
			[3, 3, [4]],
		]);
		expect(batches.map((batch) => batch.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }, { item: 3 }], [{ item: 4 }]]);
		expect(new Set(batches.map((batch) => batch.json.id)).size).toBe(3);
		expect(batchCreates().map((request) => request.body)).toEqual(
			batches.map((batch) => ({ input_file_id: batch.json.input_file_id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'split' } })),
		);
		const lines = await Promise.all(batches.map(async (batch) => await inputLines(String(batch.json.input_file_id))));
		expect(lines.map((file) => file.map((line) => line.custom_id))).toEqual([['item-0', 'item-1'], ['item-2', 'item-3'], ['item-4']]);

		// Get Results on the three batch items: every result back on its input item, in input order
		fake.clock.advance(200_000);
		const results = await run({ items: batches.map((batch) => ({ id: batch.json.id })), nodes: [{ parameters: { resource: 'batch', operation: 'getResults', batchId: '={{ $json.id }}' } }] });
		const items = results.output('OpenAI');
		expect(items.map((item) => [item.json.itemIndex, item.json.status, item.json.batch_id])).toEqual([
			[0, 'succeeded', batches[0].json.id],
			[1, 'succeeded', batches[0].json.id],
			[2, 'succeeded', batches[1].json.id],
			[3, 'succeeded', batches[1].json.id],
			[4, 'succeeded', batches[2].json.id],
		]);
		expect(items.map((item) => answerOf(item.json))).toEqual(questions.map(({ question }) => `Answer to: ${question}`));
	});

	it('a bigger input file than a batch takes splits by bytes; with Wait for Completion one result per item across the batches', async () => {
		Object.assign(batchSettings(fake), { speed: 400 }); // 160 simulated seconds in 0.4 s
		fake.clock.useRealTime();
		BATCH_LIMITS.maxFileBytes = 700; // a chat line here is ~220 bytes: three per file
		const result = await run({ items: questions, nodes: [{ parameters: createFromItems({ waitForCompletion: true, pollIntervalSeconds: 0.1 }) }] });
		expect(result.status).toBe('success');
		const items = result.output('OpenAI');
		expect(items.map((item) => item.json.itemIndex)).toEqual([0, 1, 2, 3, 4]);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items.map((item) => answerOf(item.json))).toEqual(questions.map(({ question }) => `Answer to: ${question}`));
		expect(batchCreates()).toHaveLength(2);
		expect(new Set(items.map((item) => item.json.batch_id)).size).toBe(2);
		const uploads = fake.requests.filter((request) => request.path === '/v1/files' && request.method === 'POST');
		expect(uploads).toHaveLength(2);
	});

	it('when creating a later batch fails, the batches created before it are cancelled and the failure is the error', async () => {
		BATCH_LIMITS.maxRequests = 2;
		const create = { method: 'POST', path: '/v1/batches' };
		fake.injectFault({ kind: 'stall', ms: 0, match: create }); // the first create goes through
		fake.injectFault({ kind: 'status', status: 400, body: { error: { message: 'Too many batches.', type: 'invalid_request_error', param: null, code: null } }, match: create });
		const result = await run({ items: questions, nodes: [{ parameters: createFromItems() }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/^OpenAI: Too many batches\./);
		const created = batchCreates().filter((request) => request.status === 200);
		expect(created).toHaveLength(1);
		const cancels = fake.requests.filter((request) => request.path.endsWith('/cancel'));
		expect(cancels).toHaveLength(1);
		expect(cancels[0].status).toBe(200);
	});

	it('an item whose request alone is larger than a batch file may be is refused, naming the item, before any upload', async () => {
		BATCH_LIMITS.maxFileBytes = 300;
		const long = [...questions.slice(0, 2), { question: 'x'.repeat(400) }];
		const result = await run({ items: long, nodes: [{ parameters: createFromItems() }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/^The request of this item is [\d.]+ \w+ as a batch line; a batch input file may hold at most 300 bytes \[item 2\]$/);
		expect(fake.requests.filter((request) => request.method === 'POST')).toEqual([]);
	});
});

describe('Batch → Create From Items: At Max Wait (Deadline)', () => {
	it('Cancel and Run the Rest Directly: finished requests keep their batch result, the others run directly with the same body', async () => {
		BATCH_LIMITS.maxRequests = 2;
		const items = questions.slice(0, 4);
		// the fake's clock stands still; it moves when the test says: 90 s after the batches were
		// created (validation 30 s, then 60 of 120 s of processing: 1 of 2 requests per batch), and
		// 20 s after the cancels (the 15 s a cancel takes)
		const clockDriver = (async () => {
			await until(() => batchCreates().length === 2, 'both batches');
			fake.clock.advance(90_000);
			await until(() => fake.requests.filter((request) => request.path.endsWith('/cancel')).length === 2, 'both cancels');
			fake.clock.advance(20_000);
		})();
		const result = await run({
			items,
			nodes: [{ parameters: createFromItems({ waitForCompletion: true, pollIntervalSeconds: 0.1, maxWaitMinutes: 0.01, atMaxWait: 'runDirectly' }) }],
		});
		await clockDriver;
		expect(result.status).toBe('success');
		const output = result.output('OpenAI');
		expect(output.map((item) => [item.json.itemIndex, item.json.status, item.json.via ?? 'batch'])).toEqual([
			[0, 'succeeded', 'batch'],
			[1, 'succeeded', 'direct'],
			[2, 'succeeded', 'batch'],
			[3, 'succeeded', 'direct'],
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		// the fake's batch lines answer "Answer to: …", its synchronous endpoint "Echo: …"
		expect(output.map((item) => answerOf(item.json))).toEqual([
			'Answer to: What is 2+2?',
			expect.stringMatching(/^Echo: Capital of France\?/),
			'Answer to: Largest ocean?',
			expect.stringMatching(/^Echo: Speed of light\?/),
		]);
		expect(output[1].json).toMatchObject({ custom_id: 'item-1', status_code: 200, request_id: expect.any(String), error: null, usage: { input_tokens: expect.any(Number) } });

		// the direct requests are exactly the batch lines of the items that did not run
		const creates = batchCreates();
		const lines = (await Promise.all(creates.map(async (request) => await inputLines(String((request.body as { input_file_id: string }).input_file_id))))).flat();
		const direct = fake.requests.filter((request) => request.method === 'POST' && request.path === '/v1/chat/completions');
		expect(direct.map((request) => request.body)).toEqual([lines[1].body, lines[3].body]);
		expect(output[1].json.batch_id).toBe(output[0].json.batch_id);
	});

	it('a batch still cancelling after the settle time gives no results: all its requests run directly', async () => {
		DEADLINE.cancelSettleMinutes = 0.005;
		const result = await run({
			items: questions.slice(0, 2),
			nodes: [{ parameters: createFromItems({ waitForCompletion: true, pollIntervalSeconds: 0.1, maxWaitMinutes: 0.005, atMaxWait: 'runDirectly' }) }],
		});
		expect(result.status).toBe('success');
		expect(result.output('OpenAI').map((item) => [item.json.itemIndex, item.json.status, item.json.via])).toEqual([
			[0, 'succeeded', 'direct'],
			[1, 'succeeded', 'direct'],
		]);
		expect(fake.requests.filter((request) => request.path.endsWith('/cancel'))).toHaveLength(1);
	});

	it('a direct request that fails becomes that item\'s failed result, like a failed batch line', async () => {
		DEADLINE.cancelSettleMinutes = 0.005;
		fake.injectFault({
			kind: 'status',
			status: 400,
			body: { error: { message: 'Invalid value for messages.', type: 'invalid_request_error', param: 'messages', code: 'invalid_value' } },
			match: { method: 'POST', path: '/v1/chat/completions' },
		});
		const result = await run({
			items: questions.slice(0, 2),
			nodes: [
				{
					parameters: {
						...createFromItems({ waitForCompletion: true, pollIntervalSeconds: 0.1, maxWaitMinutes: 0.005, atMaxWait: 'runDirectly' }),
						requestOptions: { concurrency: 1 },
					},
				},
			],
		});
		expect(result.status).toBe('success');
		const [failed, ok] = result.output('OpenAI');
		expect(failed.json).toMatchObject({
			itemIndex: 0,
			status: 'failed',
			via: 'direct',
			status_code: 400,
			response: null,
			usage: null,
			error: { code: 'invalid_value', type: 'invalid_request_error', param: 'messages', message: expect.stringMatching(/^OpenAI: Invalid value for messages\./) },
		});
		expect(ok.json).toMatchObject({ itemIndex: 1, status: 'succeeded', via: 'direct' });
	});

	it('without the option the deadline is an error naming the first batch not done (unchanged)', async () => {
		BATCH_LIMITS.maxRequests = 1;
		const result = await run({ items: questions.slice(0, 2), nodes: [{ parameters: createFromItems({ waitForCompletion: true, pollIntervalSeconds: 0.1, maxWaitMinutes: 0.005 }) }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/^Batch batch_\w+ is still validating after waiting 0\.005 minutes/);
		expect(fake.requests.filter((request) => request.path.endsWith('/cancel'))).toEqual([]);
	});
});

import assert from 'node:assert/strict';

import type { FakeOpenAi } from '../../../test/fake-openai';
import { batchSettings } from '../../../test/fake-openai/areas/batches';
import { fineTuningSettings } from '../../../test/fake-openai/areas/fineTuning';
import { vectorStoreSettings } from '../../../test/fake-openai/areas/vectorStores';
import { countCalls, type Expectation } from './context';

/** Vector store + file search, fine-tuning from rows, and the batch split across three batches. */
export const breadthExpectations: Record<string, Expectation> = {
	'vector-store-file-search': ({ run, requests }) => {
		const [store] = run.items('Create the knowledge base');
		const storeId = String(store.json.id);
		assert.match(storeId, /^vs_/);
		const indexed = run.items('Index each document');
		assert.equal(indexed.length, 3, 'one item per document');
		indexed.forEach((file, index) => {
			assert.deepEqual(file.pairedItem, { item: index });
			assert.equal(file.json.status, 'completed', `document ${index} was processed before the node went on`);
			assert.equal(file.json.vector_store_id, storeId);
		});
		assert.equal(countCalls(requests, 'POST', /^\/v1\/vector_stores$/), 1, 'one store');
		const uploads = requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');
		assert.equal(uploads.length, 3, 'each binary document uploaded');
		const adds = requests.filter((r) => r.method === 'POST' && r.path === `/v1/vector_stores/${storeId}/files`);
		assert.deepEqual(adds.map((r) => (r.body as { attributes?: unknown }).attributes), [{ title: 'returns' }, { title: 'shipping' }, { title: 'warranty' }]);
		assert.ok(countCalls(requests, 'GET', new RegExp(`^/v1/vector_stores/${storeId}/files/[^/]+$`)) >= 1, 'the node polled until processed');

		const answers = run.items('Answer with file search');
		assert.equal(answers.length, 2, 'one answer per question');
		const calls = requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
		assert.equal(calls.length, 2);
		for (const call of calls) {
			assert.deepEqual((call.body as { tools?: unknown }).tools, [{ type: 'file_search', vector_store_ids: [storeId], max_num_results: 3 }], 'file search on the new store');
		}
		// every Create request of the run came after the last document was processed
		const lastAdd = Math.max(...adds.map((r) => r.startedAt));
		assert.ok(calls.every((call) => call.startedAt >= lastAdd));
		for (const answer of answers) assert.ok(String(answer.json.output_text).length > 0, 'a text answer');
	},

	'fine-tune-from-rows': ({ run, requests }) => {
		const rows = run.json('Rows');
		const [file] = run.items('Build the training file');
		assert.equal(file.json.examples, rows.length, 'one training example per row');
		const upload = requests.find((r) => r.method === 'POST' && r.path === '/v1/files');
		assert.ok(upload, 'the training file was uploaded');
		const [uploaded] = run.items('Upload the training file');
		assert.equal(uploaded.json.purpose, 'fine-tune');
		assert.equal(uploaded.json.filename, 'support-training.jsonl');
		const create = requests.find((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs')?.body as { training_file?: string; suffix?: string; model?: string };
		assert.equal(create.training_file, uploaded.json.id, 'the job trains on the uploaded file');
		assert.equal(create.suffix, 'support');
		assert.equal(create.model, 'gpt-4o-mini-2024-07-18');
		const [job] = run.items('Fine-tune a model');
		assert.equal(job.json.status, 'succeeded', 'the node waited until the job succeeded');
		assert.match(String(job.json.fine_tuned_model), /^ft:gpt-4o-mini-2024-07-18:[^:]+:support:/);
		assert.ok(countCalls(requests, 'GET', /^\/v1\/fine_tuning\/jobs\/[^/]+$/) >= 1, 'the node polled the job');
	},

	'batch-120k-split': ({ run, requests }) => {
		const [summary] = run.items('Check the answers');
		assert.deepEqual(summary.json.items, 120_000, 'one result per item');
		assert.equal(summary.json.succeeded, 120_000, 'every request succeeded');
		assert.equal(summary.json.misplaced, 0, 'every result is on the item it came from, in order');
		assert.equal((summary.json.batches as string[]).length, 3, 'split across three batches');
		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches');
		assert.equal(creates.length, 3, 'three batches');
		assert.equal(countCalls(requests, 'POST', /^\/v1\/files$/), 3, 'three JSONL uploads');
		for (const create of creates) assert.deepEqual((create.body as { metadata?: unknown }).metadata, { source: 'n8n example 120k' });
		assert.equal(countCalls(requests, 'GET', /^\/v1\/files\/[^/]+\/content$/), 3, 'three output files read');
		assert.equal(countCalls(requests, 'POST', /^\/v1\/chat\/completions$/), 0, 'no synchronous requests');
	},
};

/** The fake moves fast for these examples: files processed in 0.1 s, a job and a batch lifecycle in well under a poll interval. */
export const breadthFakeSetup: Record<string, (fake: FakeOpenAi) => void> = {
	'vector-store-file-search': (fake) => {
		vectorStoreSettings({ clock: fake.clock }).processingMs = 100;
	},
	'fine-tune-from-rows': (fake) => {
		fineTuningSettings({ clock: fake.clock }).speed = 100;
	},
	'batch-120k-split': (fake) => {
		batchSettings({ clock: fake.clock }).speed = 100_000;
	},
};

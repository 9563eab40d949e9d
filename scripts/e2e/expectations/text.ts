import assert from 'node:assert/strict';

import { FAKE_KEYS } from '../../../test/fake-openai';
import { countCalls, type Expectation } from './context';

/** Models, chat and embeddings examples. */
export const textExpectations: Record<string, Expectation> = {
	'demo-models': ({ run, requests }) => {
		const listed = run.json('List GPT models');
		assert.equal(listed.length, 5, 'Model → Get Many with Limit 5 returns 5 models');
		for (const model of listed) assert.match(String(model.id), /gpt/i);
		const got = run.items('Get each model');
		assert.deepEqual(
			got.map((item) => item.json.id),
			listed.map((model) => model.id),
			'Model → Get returns each listed model, in input order',
		);
		got.forEach((item, index) => assert.deepEqual(item.pairedItem, { item: index }));
		assert.equal(countCalls(requests, 'GET', /^\/v1\/models$/), 1);
		assert.equal(countCalls(requests, 'GET', /^\/v1\/models\/.+/), 5);
		assert.ok(requests.every((r) => r.authKey === FAKE_KEYS.project), 'every request used the imported credential');
	},

	'chat-structured-rows': ({ run, requests }) => {
		const rows = run.json('Feedback rows');
		const answers = run.items('Classify each row');
		assert.equal(answers.length, rows.length, 'one answer per row');
		answers.forEach((answer, index) => {
			assert.deepEqual(answer.pairedItem, { item: index }, 'each answer is paired with its row');
			const parsed = answer.json.parsed as Record<string, unknown>;
			assert.ok(parsed && typeof parsed === 'object', `answer ${index} has the parsed JSON in "parsed"`);
			assert.ok(['positive', 'neutral', 'negative'].includes(String(parsed.sentiment)), `sentiment of answer ${index}`);
			assert.equal(typeof parsed.summary, 'string');
		});
		const calls = requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
		assert.equal(calls.length, rows.length, 'one chat completion per row');
		const sent = calls.map((call) => JSON.stringify(call.body));
		for (const row of rows) {
			assert.ok(sent.some((body) => body.includes(String(row.feedback))), `a request carried "${row.feedback}"`);
		}
		for (const call of calls) {
			const body = call.body as { response_format?: { type?: string; json_schema?: { name?: string; strict?: boolean } } };
			assert.equal(body.response_format?.type, 'json_schema');
			assert.equal(body.response_format?.json_schema?.name, 'feedback');
			assert.equal(body.response_format?.json_schema?.strict, true);
		}
	},

	'embeddings-many-items': ({ run, requests }) => {
		const rows = run.json('Product descriptions');
		const vectors = run.items('Embed descriptions');
		assert.equal(vectors.length, rows.length, 'one vector per item');
		vectors.forEach((item, index) => {
			assert.deepEqual(item.pairedItem, { item: index });
			const embedding = item.json.embedding as number[];
			assert.ok(Array.isArray(embedding) && embedding.length === 256, `item ${index} has a 256-dimension vector`);
			assert.ok(embedding.every((value) => typeof value === 'number' && Number.isFinite(value)));
		});
		const calls = requests.filter((r) => r.method === 'POST' && r.path === '/v1/embeddings');
		assert.equal(calls.length, 1, 'the 250 items were packed into one request');
		const body = calls[0].body as { input?: string[]; dimensions?: number };
		assert.deepEqual(body.input, rows.map((row) => row.description), 'the request carried every description, in order');
		assert.equal(body.dimensions, 256);
	},
};

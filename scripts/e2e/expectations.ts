import assert from 'node:assert/strict';

import type { FakeOpenAi, RequestLogEntry } from '../../test/fake-openai';
import { FAKE_KEYS } from '../../test/fake-openai';
import type { RunView } from './runView';

export interface ExampleContext {
	run: RunView;
	/** what the fake OpenAI API received during this example's execution (and nothing before) */
	requests: readonly RequestLogEntry[];
	fake: FakeOpenAi;
}

/**
 * What each example in examples/ must produce when `n8n execute` runs it, keyed by the file name
 * without `.workflow.json`. An example without an entry here fails the e2e: adding an example is
 * one JSON file plus one entry.
 */
export const expectations: Record<string, (context: ExampleContext) => void> = {
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
};

export interface TriggerContext {
	/** every execution the published workflow had, oldest first */
	runs: RunView[];
	triggerName: string;
	requests: readonly RequestLogEntry[];
	fake: FakeOpenAi;
}

/**
 * What examples that start with the OpenAI Usage Trigger must produce once published in `n8n start`
 * (polling every 5 s). The phase itself already checks that no row is repeated across executions.
 */
export const triggerExpectations: Record<string, (context: TriggerContext) => void> = {};

export function countCalls(requests: readonly RequestLogEntry[], method: string, path: RegExp): number {
	return requests.filter((r) => r.method === method && path.test(r.path)).length;
}

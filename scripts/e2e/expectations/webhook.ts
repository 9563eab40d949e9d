import assert from 'node:assert/strict';

import type { FakeOpenAi, RequestLogEntry } from '../../../test/fake-openai';
import type { RunView } from '../runView';

/** What a webhook-trigger example's expectation gets after the e2e posted its events to n8n. */
export interface WebhookContext {
	/** executions the published workflow had, oldest first (only the accepted event may have started one) */
	runs: RunView[];
	triggerName: string;
	/** the batch the accepted event named, as the fake made it */
	batchId: string;
	requests: readonly RequestLogEntry[];
	fake: FakeOpenAi;
}

export type WebhookExpectation = (context: WebhookContext) => void;

/** Examples that start with the OpenAI Webhook Trigger, published and called through n8n's webhook URL. */
export const webhookExpectations: Record<string, WebhookExpectation> = {
	'react-to-batch-completed': ({ runs, triggerName, batchId }) => {
		assert.equal(runs.length, 1, 'exactly one execution: the correctly signed batch.completed event');
		const [run] = runs;
		assert.equal(run.status, 'success', run.error);
		const [event] = run.json(triggerName);
		assert.equal(event.type, 'batch.completed');
		assert.equal((event.batch as { id?: string; status?: string }).id, batchId, 'the trigger fetched the batch the event names');
		assert.equal((event.batch as { status?: string }).status, 'completed');
		const results = run.json('Get the results');
		assert.deepEqual(
			results.map((result) => [result.itemIndex, result.status]),
			[
				[0, 'succeeded'],
				[1, 'succeeded'],
				[2, 'succeeded'],
			],
		);
	},
};

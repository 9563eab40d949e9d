import assert from 'node:assert/strict';

import type { FakeOpenAi } from '../../../test/fake-openai';
import { backgroundSettings } from '../../../test/fake-openai/areas/text/responseStore';
import { countCalls, type Expectation } from './context';

/** Conversations and background responses. */
export const conversationExpectations: Record<string, Expectation> = {
	'conversation-support-thread': ({ run, requests }) => {
		const [conversation] = run.json('Start the support thread');
		assert.match(String(conversation.id), /^conv_/, 'Conversation → Create returns the conversation ID');
		assert.deepEqual(conversation.metadata, { ticket: 'T-1042', customer: 'ada@example.com' }, 'the ticket is stored as metadata');

		const [first] = run.json('Answer the first message');
		const [second] = run.json('Answer in the same thread');
		for (const answer of [first, second]) {
			assert.equal(answer.conversation_id, conversation.id, 'each answer belongs to the conversation');
			assert.equal(answer.status, 'completed');
			assert.equal(typeof answer.output_text, 'string');
		}
		assert.match(String(second.output_text), /\(turn 2\)/, 'the second answer saw the first turn (the fake marks the turn number)');

		const thread = run.json('The whole thread');
		assert.deepEqual(
			thread.map((item) => item.role),
			['developer', 'user', 'assistant', 'user', 'assistant'],
			'the thread holds the instructions, both messages and both answers, in order',
		);
		assert.equal(countCalls(requests, 'POST', /^\/v1\/conversations$/), 1, 'one conversation');
		const responses = requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
		assert.equal(responses.length, 2, 'one response per message');
		for (const call of responses) {
			const body = call.body as { conversation?: string; previous_response_id?: string };
			assert.equal(body.conversation, conversation.id, 'each response names the conversation');
			assert.equal(body.previous_response_id, undefined);
		}
		assert.equal(countCalls(requests, 'GET', /^\/v1\/conversations\/[^/]+\/items$/), 1, 'one page of items');
	},

	'response-background-wait': ({ run, requests }) => {
		const tasks = run.json('Reports to write');
		const reports = run.items('Write each report in the background');
		assert.equal(reports.length, tasks.length, 'one report per task');
		reports.forEach((report, index) => {
			assert.deepEqual(report.pairedItem, { item: index }, 'each report is paired with its task');
			assert.equal(report.json.status, 'completed', `report ${index} finished`);
			assert.ok(String(report.json.output_text).startsWith(`Echo: ${String(tasks[index].task).slice(0, 20)}`), `report ${index} answers its task`);
		});
		const created = requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
		assert.equal(created.length, tasks.length);
		assert.ok(created.every((call) => (call.body as { background?: boolean }).background === true), 'every response ran in the background');
		assert.ok(countCalls(requests, 'GET', /^\/v1\/responses\/resp_[^/]+$/) >= tasks.length, 'the node polled every response');
	},
};

/** Prepares the fake for an example after it was reset. */
export const conversationFakeSetup: Record<string, (fake: FakeOpenAi) => void> = {
	'response-background-wait': (fake) => {
		backgroundSettings({ clock: fake.clock }).speed = 2; // queued 0.5 s, in progress 1 s
	},
};

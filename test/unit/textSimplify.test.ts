import type { IExecuteFunctions } from 'n8n-workflow';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { Completion } from 'openai/resources/completions';
import type { ModerationCreateResponse } from 'openai/resources/moderations';
import type { Response } from 'openai/resources/responses/responses';

import { simplifyChatCompletion } from '../../nodes/OpenAiPlatform/actions/chat/simplify';
import { simplifyModeration } from '../../nodes/OpenAiPlatform/actions/moderation/simplify';
import { askedForJson, simplifyResponse } from '../../nodes/OpenAiPlatform/actions/response/simplify';
import { simplifyCompletion } from '../../nodes/OpenAiPlatform/actions/text/simplify';

const node = { id: 'n1', name: 'OpenAI', type: 'openAiPlatform', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
const n8n = { getNode: () => node } as unknown as IExecuteFunctions;

const chatUsage = {
	prompt_tokens: 20,
	completion_tokens: 10,
	total_tokens: 30,
	prompt_tokens_details: { cached_tokens: 8 },
	completion_tokens_details: { reasoning_tokens: 4 },
};
const normalised = { input_tokens: 20, output_tokens: 10, total_tokens: 30, cached_tokens: 8, reasoning_tokens: 4 };

function completion(choices: unknown[]): ChatCompletion {
	return { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices, usage: chatUsage } as ChatCompletion;
}
const choice = (index: number, message: Record<string, unknown>, finish_reason = 'stop') => ({
	index,
	message: { role: 'assistant', content: null, refusal: null, ...message },
	finish_reason,
	logprobs: null,
});

describe('Chat simplify', () => {
	it('gives the first answer, finish reason, model, id and normalised usage', () => {
		expect(simplifyChatCompletion(n8n, 0, completion([choice(0, { content: 'Hi' })]), { type: 'text' })).toEqual({
			content: 'Hi',
			role: 'assistant',
			finish_reason: 'stop',
			model: 'gpt-4o-mini',
			id: 'chatcmpl-1',
			usage: normalised,
		});
	});

	it('parses JSON answers, lists the other choices when n > 1', () => {
		const out = simplifyChatCompletion(
			n8n,
			0,
			completion([choice(0, { content: '{"a":1}' }), choice(1, { content: '{"a":2}' })]),
			{ type: 'json_object' },
		);
		expect(out.parsed).toEqual({ a: 1 });
		expect(out.choices).toEqual([{ index: 1, content: '{"a":2}', role: 'assistant', parsed: { a: 2 }, finish_reason: 'stop' }]);
	});

	it('keeps a refusal and does not parse it', () => {
		const out = simplifyChatCompletion(n8n, 0, completion([choice(0, { refusal: 'I cannot help' })]), {
			type: 'json_schema',
			name: 'x',
			schema: {},
			strict: true,
		});
		expect(out).toMatchObject({ content: null, refusal: 'I cannot help' });
		expect(out).not.toHaveProperty('parsed');
	});

	it('returns tool calls flat, with their arguments parsed', () => {
		const out = simplifyChatCompletion(
			n8n,
			0,
			completion([
				choice(
					0,
					{
						tool_calls: [
							{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
							{ id: 'call_2', type: 'function', function: { name: 'now', arguments: '' } },
						],
					},
					'tool_calls',
				),
			]),
			{ type: 'text' },
		);
		expect(out.tool_calls).toEqual([
			{ id: 'call_1', type: 'function', name: 'get_weather', arguments: { city: 'Paris' } },
			{ id: 'call_2', type: 'function', name: 'now', arguments: {} },
		]);
		expect(out.finish_reason).toBe('tool_calls');
	});

	it('fails the item when tool arguments are not JSON', () => {
		const broken = completion([
			choice(0, { tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":' } }] }, 'length'),
		]);
		expect(() => simplifyChatCompletion(n8n, 5, broken, { type: 'text' })).toThrow(
			'The argument text of the call to "f" is not valid JSON: the answer was cut off at the token limit; raise the max tokens option [item 5]',
		);
	});
});

describe('Responses simplify', () => {
	const response = {
		id: 'resp_1',
		object: 'response',
		model: 'gpt-4o-mini',
		status: 'completed',
		incomplete_details: null,
		error: null,
		text: { format: { type: 'json_schema', name: 'x', schema: {}, strict: true } },
		output: [
			{ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Thought A' }, { type: 'summary_text', text: 'Thought B' }] },
			{ type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'q' } },
			{
				type: 'message',
				id: 'msg_1',
				role: 'assistant',
				status: 'completed',
				content: [
					{
						type: 'output_text',
						text: '{"answer":',
						annotations: [{ type: 'url_citation', url: 'https://example.com', title: 'Ex', start_index: 0, end_index: 3 }],
					},
					{ type: 'output_text', text: ' 42}', annotations: [] },
				],
			},
		],
		usage: {
			input_tokens: 10,
			output_tokens: 5,
			total_tokens: 15,
			input_tokens_details: { cached_tokens: 2 },
			output_tokens_details: { reasoning_tokens: 3 },
		},
	} as unknown as Response;

	it('collects text, parsed JSON, citations, tool calls and the reasoning summary', () => {
		expect(askedForJson(response)).toBe(true);
		expect(simplifyResponse(n8n, 0, response, true)).toEqual({
			output_text: '{"answer": 42}',
			parsed: { answer: 42 },
			annotations: [{ type: 'url_citation', url: 'https://example.com', title: 'Ex', start_index: 0, end_index: 3 }],
			tool_calls: [{ type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'q' } }],
			reasoning_summary: 'Thought A\n\nThought B',
			id: 'resp_1',
			status: 'completed',
			model: 'gpt-4o-mini',
			usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, cached_tokens: 2, reasoning_tokens: 3 },
		});
	});

	it('reports an incomplete JSON answer as cut off', () => {
		const cut = {
			...response,
			status: 'incomplete',
			incomplete_details: { reason: 'max_output_tokens' },
			output: [{ type: 'message', content: [{ type: 'output_text', text: '{"a', annotations: [] }] }],
		} as unknown as Response;
		expect(() => simplifyResponse(n8n, 1, cut, true)).toThrow(/cut off at the token limit.*\[item 1\]/);
	});
});

describe('Completions simplify', () => {
	it('gives the first text, the other choices and usage', () => {
		const result = {
			id: 'cmpl-1',
			object: 'text_completion',
			created: 1,
			model: 'gpt-3.5-turbo-instruct',
			choices: [
				{ index: 0, text: ' one', finish_reason: 'stop', logprobs: null },
				{ index: 1, text: ' two', finish_reason: 'length', logprobs: null },
			],
			usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
		} as unknown as Completion;
		expect(simplifyCompletion(result)).toEqual({
			text: ' one',
			finish_reason: 'stop',
			choices: [{ index: 1, text: ' two', finish_reason: 'length' }],
			model: 'gpt-3.5-turbo-instruct',
			id: 'cmpl-1',
			usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5, cached_tokens: 0, reasoning_tokens: 0 },
		});
	});
});

describe('Moderation simplify', () => {
	const scores = (over: Record<string, number>) => ({
		harassment: 0.01,
		hate: 0.02,
		violence: 0.03,
		sexual: 0.04,
		'self-harm': 0.05,
		illicit: 0.06,
		...over,
	});
	const response = {
		id: 'modr-1',
		model: 'omni-moderation-latest',
		results: [
			{
				flagged: true,
				categories: { violence: true, hate: false },
				category_scores: scores({ violence: 0.9 }),
				category_applied_input_types: { violence: ['image'], hate: ['text'] },
			},
			{
				flagged: false,
				categories: { violence: false, hate: false },
				category_scores: scores({ hate: 0.3 }),
				category_applied_input_types: { violence: ['text'] },
			},
		],
	} as unknown as ModerationCreateResponse;

	it('flags when any result is flagged; categories by name; top 5 scores, highest first, max per category', () => {
		const out = simplifyModeration(response, 'top5');
		expect(out).toEqual({
			flagged: true,
			categories: ['violence'],
			category_scores: { violence: 0.9, hate: 0.3, illicit: 0.06, 'self-harm': 0.05, sexual: 0.04 },
			applied_input_types: { violence: ['image', 'text'] },
			model: 'omni-moderation-latest',
			id: 'modr-1',
		});
		expect(out).not.toHaveProperty('usage');
		expect(Object.keys(simplifyModeration(response, 'all').category_scores as object)).toHaveLength(6);
	});
});

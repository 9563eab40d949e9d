import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import type { NodeSpec } from './workflows';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const credentials = () => ({ openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } });
const calls = () => fake.requests.filter((r) => r.path === '/v1/completions');
const bodyOf = (index = 0) => calls()[index].body as IDataObject;

async function run(items: IDataObject[], parameters: IDataObject = {}, spec: Partial<NodeSpec> = {}) {
	const node: NodeSpec = {
		...spec,
		parameters: {
			resource: 'text',
			operation: 'complete',
			modelId: { __rl: true, mode: 'list', value: 'gpt-3.5-turbo-instruct' },
			prompt: '={{ $json.prompt }}',
			...parameters,
		},
	};
	return await runWorkflow(workflow({ items, nodes: [node] }), { credentials: credentials() });
}

describe('Text → Complete', () => {
	it('sends the prompt and returns text, finish reason and usage', async () => {
		const result = await run([{ prompt: 'Write a tagline for an ice cream shop:' }]);
		expect(result.status).toBe('success');
		expect(bodyOf()).toEqual({ model: 'gpt-3.5-turbo-instruct', prompt: 'Write a tagline for an ice cream shop:' });
		const [item] = result.output('OpenAI');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			text: expect.any(String),
			finish_reason: expect.stringMatching(/^(stop|length)$/),
			model: 'gpt-3.5-turbo-instruct',
			id: expect.stringMatching(/^cmpl-/),
			usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number), total_tokens: expect.any(Number), cached_tokens: 0, reasoning_tokens: 0 },
		});
		expect((item.json.text as string).length).toBeGreaterThan(0);
		const usage = item.json.usage as IDataObject;
		expect(usage.input_tokens).toBeGreaterThan(0);
		expect(usage.total_tokens).toBe((usage.input_tokens as number) + (usage.output_tokens as number));
	});

	it('maps every option; n > 1 gives the other choices, logprobs come back', async () => {
		const result = await run([{ prompt: 'Once upon a time' }], {
			options: { echo: true, logprobs: 2, maxTokens: 50, n: 2, stop: '["\\n\\n", "END"]', suffix: ' The end.', temperature: 0.5, topP: 0.9 },
		});
		expect(result.status).toBe('success');
		expect(bodyOf()).toEqual({
			model: 'gpt-3.5-turbo-instruct',
			prompt: 'Once upon a time',
			echo: true,
			logprobs: 2,
			max_tokens: 50,
			n: 2,
			stop: ['\n\n', 'END'],
			suffix: ' The end.',
			temperature: 0.5,
			top_p: 0.9,
		});
		const json = result.output('OpenAI')[0].json;
		expect(json.text).toMatch(/^Once upon a time/);
		expect(json.logprobs).toEqual(expect.objectContaining({ tokens: expect.any(Array), top_logprobs: expect.any(Array) }));
		expect(json.choices).toEqual([expect.objectContaining({ index: 1, text: expect.stringMatching(/^Once upon a time/) })]);
	});

	it('cuts the text at Max Tokens', async () => {
		const result = await run([{ prompt: 'Tell me a long story about the sea and the ships' }], { options: { maxTokens: 2 } });
		const json = result.output('OpenAI')[0].json;
		expect(json.finish_reason).toBe('length');
		expect((json.usage as IDataObject).output_tokens).toBeLessThanOrEqual(2);
	});

	it('Simplify off returns the API response with its own usage', async () => {
		const result = await run([{ prompt: 'Hi' }], { simplify: false });
		const json = result.output('OpenAI')[0].json;
		expect(json).toEqual(expect.objectContaining({ object: 'text_completion', choices: expect.any(Array) }));
		expect(json.usage).toEqual(
			expect.objectContaining({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) }),
		);
		expect(json).not.toHaveProperty('text');
	});

	it('keeps order under concurrency; Continue On Fail keeps positions', async () => {
		fake.setLatency({ min: 10, max: 40 });
		const prompts = ['alpha', 'beta', '', 'delta', 'epsilon'];
		const result = await run(
			prompts.map((prompt) => ({ prompt })),
			{ options: { echo: true }, requestOptions: { concurrency: 3 } },
			{ onError: 'continueRegularOutput' },
		);
		const items = result.output('OpenAI');
		expect(items.map((i) => i.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		expect(items[2].json.error).toBe('The "Prompt" parameter is empty [item 2]');
		for (const index of [0, 1, 3, 4]) expect(items[index].json.text).toMatch(new RegExp(`^${prompts[index]}`));
		expect(calls()).toHaveLength(4);
	});

	const cases: Array<[string, IDataObject, IDataObject, string]> = [
		['an empty prompt', { prompt: '' }, {}, 'The "Prompt" parameter is empty [item 0]'],
		['log probabilities above 5', { prompt: 'x' }, { options: { logprobs: 6 } }, 'The "Log Probabilities" option must be between 0 and 5, not 6 [item 0]'],
		['n above 128', { prompt: 'x' }, { options: { n: 200 } }, 'The "Number of Choices" option must be between 1 and 128, not 200 [item 0]'],
		['temperature below 0', { prompt: 'x' }, { options: { temperature: -1 } }, 'The "Temperature" option must be between 0 and 2, not -1 [item 0]'],
		['max tokens of 0', { prompt: 'x' }, { options: { maxTokens: 0 } }, 'The "Max Tokens" option must be at least 1, not 0 [item 0]'],
		['five stop sequences', { prompt: 'x' }, { options: { stop: 'a,b,c,d,e' } }, 'The "Stop Sequences" option has 5 sequences; OpenAI accepts at most 4 [item 0]'],
	];

	it.each(cases)('%s: a NodeOperationError naming the parameter and item, no request', async (_name, item, parameters, message) => {
		const result = await run([item], parameters);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { message: string; description?: string; context?: { itemIndex?: number } };
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
		expect(error.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});
});

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
const chatCalls = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');
const bodyOf = (index = 0) => chatCalls()[index].body as IDataObject;

/** A 1×1 transparent PNG. */
const PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const user = (content: string, extra: IDataObject = {}) => ({ role: 'user', content, ...extra });

function chat(parameters: IDataObject, spec: Partial<NodeSpec> = {}): NodeSpec {
	return {
		...spec,
		parameters: {
			resource: 'chat',
			operation: 'message',
			modelId: { __rl: true, mode: 'list', value: 'gpt-4o-mini' },
			messages: { values: [user('={{ $json.text }}')] },
			...parameters,
		},
	};
}

async function run(items: IDataObject[], parameters: IDataObject, spec: Partial<NodeSpec> = {}) {
	return await runWorkflow(workflow({ items, nodes: [chat(parameters, spec)] }), { credentials: credentials() });
}

describe('Chat → Message a Model: messages', () => {
	it('sends every role in order and returns the simplified answer with usage, paired with its item', async () => {
		const result = await run([{ text: 'Summarize the ticket please' }], {
			messages: {
				values: [
					{ role: 'system', content: 'You are terse.' },
					{ role: 'developer', content: 'Answer in English.' },
					user('Hello'),
					{ role: 'assistant', content: 'Hi! How can I help?' },
					user('={{ $json.text }}'),
				],
			},
		});
		expect(result.status).toBe('success');
		expect(bodyOf()).toEqual({
			model: 'gpt-4o-mini',
			messages: [
				{ role: 'system', content: 'You are terse.' },
				{ role: 'developer', content: 'Answer in English.' },
				{ role: 'user', content: 'Hello' },
				{ role: 'assistant', content: 'Hi! How can I help?' },
				{ role: 'user', content: 'Summarize the ticket please' },
			],
		});
		const [item] = result.output('OpenAI');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			content: expect.stringMatching(/^Echo: Summarize the ticket please \(turn 2\) \[\w{7}\]$/),
			role: 'assistant',
			finish_reason: 'stop',
			model: 'gpt-4o-mini-2024-07-18',
			id: expect.stringMatching(/^chatcmpl-/),
			usage: {
				input_tokens: expect.any(Number),
				output_tokens: expect.any(Number),
				total_tokens: expect.any(Number),
				cached_tokens: 0,
				reasoning_tokens: 0,
			},
		});
		const usage = item.json.usage as IDataObject;
		expect(usage.input_tokens).toBeGreaterThan(0);
		expect(usage.output_tokens).toBeGreaterThan(0);
		expect(usage.total_tokens).toBe((usage.input_tokens as number) + (usage.output_tokens as number));
	});

	it('sends image URLs and binary images as image_url parts of a user message', async () => {
		const result = await run(
			[{ text: 'What is in these pictures?', $binary: { photo: { base64: PNG_BASE64, fileName: 'pixel.png', mimeType: 'image/png' } } }],
			{
				modelId: { __rl: true, mode: 'id', value: 'gpt-4o' },
				messages: {
					values: [
						user('={{ $json.text }}', {
							imageUrls: 'https://example.com/a.png, https://example.com/b.jpg',
							imageBinaryProperties: 'photo',
							imageDetail: 'low',
						}),
					],
				},
			},
		);
		expect(result.status).toBe('success');
		expect(bodyOf().messages).toEqual([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is in these pictures?' },
					{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
					{ type: 'image_url', image_url: { url: 'https://example.com/b.jpg', detail: 'low' } },
					{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: 'low' } },
				],
			},
		]);
		expect(result.output('OpenAI')[0].json.content).toMatch(/^Echo: What is in these pictures\?/);
	});

	it('an image-only user message has no text part', async () => {
		const result = await run([{}], {
			messages: { values: [user('', { imageUrls: 'https://example.com/a.png' })] },
		});
		expect(result.status).toBe('success');
		expect(bodyOf().messages).toEqual([
			{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'auto' } }] },
		]);
	});
});

describe('Chat → Message a Model: options', () => {
	it('maps every option to its request field and returns the other choices and logprobs', async () => {
		const result = await run([{ text: 'one two three' }], {
			options: {
				temperature: 0.7,
				topP: 0.9,
				maxCompletionTokens: 200,
				n: 3,
				stop: 'END, STOP',
				seed: 42,
				presencePenalty: 0.5,
				frequencyPenalty: -0.5,
				logprobs: true,
				topLogprobs: 2,
				serviceTier: 'flex',
				user: 'user-123',
			},
		});
		expect(result.status).toBe('success');
		expect(bodyOf()).toEqual({
			model: 'gpt-4o-mini',
			messages: [{ role: 'user', content: 'one two three' }],
			temperature: 0.7,
			top_p: 0.9,
			max_completion_tokens: 200,
			n: 3,
			stop: ['END', 'STOP'],
			seed: 42,
			presence_penalty: 0.5,
			frequency_penalty: -0.5,
			logprobs: true,
			top_logprobs: 2,
			service_tier: 'flex',
			user: 'user-123',
		});
		const items = result.output('OpenAI');
		expect(items).toHaveLength(1);
		const json = items[0].json;
		expect(json.content).toMatch(/^Echo: one two three \[\w{7}\]$/);
		const others = json.choices as IDataObject[];
		expect(others.map((c) => c.index)).toEqual([1, 2]);
		for (const other of others) {
			expect(other).toEqual(
				expect.objectContaining({ content: expect.stringMatching(/^Echo: one two three/), role: 'assistant', finish_reason: 'stop' }),
			);
			expect(other.content).not.toBe(json.content);
		}
		const logprobs = json.logprobs as { content: Array<{ token: string; top_logprobs: unknown[] }> };
		expect(logprobs.content.length).toBeGreaterThan(0);
		expect(logprobs.content[0].top_logprobs).toHaveLength(2);
	});

	it('stops at a stop sequence (comma list or JSON array) and is repeatable with a seed', async () => {
		const result = await run(
			[
				{ text: 'alpha beta STOP gamma', stop: 'STOP', seed: 7 },
				{ text: 'alpha beta STOP gamma', stop: '["beta"]', seed: 7 },
				{ text: 'same words', stop: '', seed: 1 },
				{ text: 'same words', stop: '', seed: 1 },
				{ text: 'same words', stop: '', seed: 2 },
			],
			{ options: { stop: '={{ $json.stop }}', seed: '={{ $json.seed }}' } },
		);
		expect(result.status).toBe('success');
		expect(chatCalls().map((c) => (c.body as IDataObject).stop)).toEqual([['STOP'], ['beta'], undefined, undefined, undefined]);
		const contents = result.output('OpenAI').map((i) => i.json.content);
		expect(contents[0]).toBe('Echo: alpha beta ');
		expect(contents[1]).toBe('Echo: alpha ');
		expect(contents[2]).toBe(contents[3]);
		expect(contents[4]).not.toBe(contents[2]);
	});

	it('cuts the answer at Max Completion Tokens (finish_reason length)', async () => {
		const result = await run([{ text: 'a b c d e f g h i j k l m n' }], { options: { maxCompletionTokens: 3 } });
		const json = result.output('OpenAI')[0].json;
		expect(json.finish_reason).toBe('length');
		expect((json.usage as IDataObject).output_tokens).toBeLessThanOrEqual(3);
	});

	it('sends the reasoning effort to a reasoning model, whose usage counts reasoning tokens', async () => {
		const result = await run([{ text: 'Think about it' }], {
			modelId: { __rl: true, mode: 'list', value: 'o4-mini' },
			options: { reasoningEffort: 'high' },
		});
		expect(result.status).toBe('success');
		expect(bodyOf().reasoning_effort).toBe('high');
		const usage = result.output('OpenAI')[0].json.usage as IDataObject;
		expect(usage.reasoning_tokens).toBeGreaterThan(0);
		expect(usage.output_tokens).toBeGreaterThanOrEqual(usage.reasoning_tokens as number);
	});

	it("OpenAI's refusal of a parameter is a NodeApiError naming the item", async () => {
		const result = await run([{ text: 'hi' }], { options: { reasoningEffort: 'low' } });
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { message: string; httpCode?: string; context?: { itemIndex?: number } };
		expect(error.message).toMatch(/^OpenAI: Unsupported parameter: 'reasoning_effort'/);
		expect(error.httpCode).toBe('400');
		expect(error.context?.itemIndex).toBe(0);
	});
});

describe('Chat → Message a Model: JSON output', () => {
	const schema = {
		type: 'object',
		properties: { summary: { type: 'string' }, score: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } },
		required: ['summary', 'score', 'tags'],
		additionalProperties: false,
	};

	it('JSON schema: sends a strict json_schema format and parses the answer into "parsed"', async () => {
		const result = await run([{ text: 'Rate this' }], {
			responseFormat: 'json_schema',
			jsonSchemaName: 'rating',
			jsonSchema: JSON.stringify(schema, null, 2),
		});
		expect(result.status).toBe('success');
		expect(bodyOf().response_format).toEqual({
			type: 'json_schema',
			json_schema: { name: 'rating', schema, strict: true },
		});
		const json = result.output('OpenAI')[0].json;
		expect(json.parsed).toEqual(JSON.parse(json.content as string));
		expect(json.parsed).toEqual({ summary: expect.any(String), score: expect.any(Number), tags: expect.any(Array) });
	});

	it('JSON object: sends json_object and parses the answer', async () => {
		const result = await run([{ text: 'Reply in JSON please' }], { responseFormat: 'json_object' });
		expect(bodyOf().response_format).toEqual({ type: 'json_object' });
		const json = result.output('OpenAI')[0].json;
		expect(json.parsed).toEqual(JSON.parse(json.content as string));
		expect(typeof json.parsed).toBe('object');
	});
});

describe('Chat → Message a Model: function tools', () => {
	const tools = [
		{
			name: 'get_weather',
			description: 'Current weather of a city',
			parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
		},
		{ type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } },
	];

	it('sends tools in the full form and returns the tool calls with parsed arguments', async () => {
		const result = await run([{ text: 'Use get_weather for Paris' }], { options: { tools: JSON.stringify(tools) } });
		expect(result.status).toBe('success');
		expect(bodyOf().tools).toEqual([
			{ type: 'function', function: tools[0] },
			{ type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } },
		]);
		expect(bodyOf()).not.toHaveProperty('tool_choice');
		const json = result.output('OpenAI')[0].json;
		expect(json.finish_reason).toBe('tool_calls');
		expect(json.content).toBeNull();
		expect(json.tool_calls).toEqual([
			{ id: expect.stringMatching(/^call_/), type: 'function', name: 'get_weather', arguments: { city: expect.any(String) } },
		]);
	});

	it('tool choice: required, a function name, none', async () => {
		const result = await run(
			[
				{ text: 'Hello there', choice: 'required' },
				{ text: 'Hello there', choice: 'get_time' },
				{ text: 'Use get_weather', choice: 'none' },
			],
			{ options: { tools: JSON.stringify(tools), toolChoice: '={{ $json.choice }}' } },
		);
		expect(result.status).toBe('success');
		expect(chatCalls().map((c) => (c.body as IDataObject).tool_choice)).toEqual([
			'required',
			{ type: 'function', function: { name: 'get_time' } },
			'none',
		]);
		const [required, named, none] = result.output('OpenAI').map((i) => i.json);
		expect((required.tool_calls as IDataObject[]).map((c) => c.name)).toEqual(['get_weather']);
		expect((named.tool_calls as IDataObject[]).map((c) => c.name)).toEqual(['get_time']);
		expect(typeof (named.tool_calls as IDataObject[])[0].arguments).toBe('object');
		expect(none).not.toHaveProperty('tool_calls');
		expect(none.content).toMatch(/^Echo: Use get_weather/);
	});
});

describe('Chat → Message a Model: Simplify off', () => {
	it("returns the API response as is, with OpenAI's own usage", async () => {
		const result = await run([{ text: 'Hello' }], { simplify: false, options: { n: 2 } });
		const json = result.output('OpenAI')[0].json;
		expect(json).toEqual(
			expect.objectContaining({ id: expect.stringMatching(/^chatcmpl-/), object: 'chat.completion', model: 'gpt-4o-mini-2024-07-18' }),
		);
		expect(json).not.toHaveProperty('content');
		expect((json.choices as IDataObject[]).map((c) => (c.message as IDataObject).role)).toEqual(['assistant', 'assistant']);
		expect(json.usage).toEqual(
			expect.objectContaining({
				prompt_tokens: expect.any(Number),
				completion_tokens: expect.any(Number),
				total_tokens: expect.any(Number),
				prompt_tokens_details: expect.objectContaining({ cached_tokens: 0 }),
				completion_tokens_details: expect.objectContaining({ reasoning_tokens: 0 }),
			}),
		);
	});
});

describe('Chat → Message a Model: bad input', () => {
	const schemaParams = (jsonSchema: string) => ({ responseFormat: 'json_schema', jsonSchema });
	const cases: Array<[string, IDataObject, IDataObject, RegExp | string]> = [
		['no messages', {}, { messages: { values: [] } }, 'The "Messages" parameter is empty [item 0]'],
		['a message without text', {}, { messages: { values: [user('  ')] } }, 'Message 1 of the "Messages" parameter has no text [item 0]'],
		[
			'images on a system message',
			{},
			{ messages: { values: [{ role: 'system', content: 'x', imageUrls: 'https://example.com/a.png' }, user('hi')] } },
			'Message 1 of the "Messages" parameter is a system message with images; only user messages can carry images [item 0]',
		],
		[
			'an image URL that is not one',
			{},
			{ messages: { values: [user('hi', { imageUrls: 'ftp://example.com/a.png' })] } },
			'The "Image URLs (message 1)" parameter has an entry that is not an image URL: "ftp://example.com/a.png" [item 0]',
		],
		[
			'a missing binary property',
			{ $binary: { file: { text: 'hello', fileName: 'a.txt', mimeType: 'text/plain' } } },
			{ messages: { values: [user('hi', { imageBinaryProperties: 'photo' })] } },
			'No binary property "photo" for the "Image Binary Properties (message 1)" parameter [item 0]',
		],
		[
			'a binary property that is not an image',
			{ $binary: { file: { text: 'hello', fileName: 'a.txt', mimeType: 'text/plain' } } },
			{ messages: { values: [user('hi', { imageBinaryProperties: 'file' })] } },
			'The binary property "file" of the "Image Binary Properties (message 1)" parameter is not an image (text/plain) [item 0]',
		],
		['temperature above 2', { t: 3 }, { options: { temperature: '={{ $json.t }}' } }, 'The "Temperature" option must be between 0 and 2, not 3 [item 1]'],
		['top P above 1', { p: 1.5 }, { options: { topP: '={{ $json.p }}' } }, 'The "Top P" option must be between 0 and 1, not 1.5 [item 1]'],
		['n of 0', { n: 0 }, { options: { n: '={{ $json.n }}' } }, 'The "Number of Choices" option must be between 1 and 128, not 0 [item 1]'],
		['n of 129', { n: 129 }, { options: { n: '={{ $json.n }}' } }, 'The "Number of Choices" option must be between 1 and 128, not 129 [item 1]'],
		[
			'a presence penalty below -2',
			{ v: -3 },
			{ options: { presencePenalty: '={{ $json.v }}' } },
			'The "Presence Penalty" option must be between -2 and 2, not -3 [item 1]',
		],
		[
			'a frequency penalty above 2',
			{ v: 2.5 },
			{ options: { frequencyPenalty: '={{ $json.v }}' } },
			'The "Frequency Penalty" option must be between -2 and 2, not 2.5 [item 1]',
		],
		[
			'top logprobs above 20',
			{ v: 21 },
			{ options: { logprobs: true, topLogprobs: '={{ $json.v }}' } },
			'The "Top Log Probabilities" option must be between 0 and 20, not 21 [item 1]',
		],
		[
			'top logprobs without logprobs',
			{},
			{ options: { topLogprobs: 3 } },
			'The "Top Log Probabilities" option needs the "Log Probabilities" option on [item 0]',
		],
		[
			'invalid JSON in the schema',
			{},
			schemaParams('{\n  "type": "object",\n  "properties": {,}\n}'),
			/^The "JSON Schema" parameter is not valid JSON: .* at line 3, column 18 \[item 0\]$/,
		],
		[
			'a schema that is not an object schema',
			{},
			schemaParams('{"type": "array", "items": {"type": "string"}}'),
			'The "JSON Schema" parameter is not an object schema: its top level has "type": "array" [item 0]',
		],
		['invalid JSON in the tools', {}, { options: { tools: '[{"name": "x",]' } }, /^The "Tools" option is not valid JSON: .*line 1, column 15 \[item 0\]$/],
		['a tool without a name', {}, { options: { tools: '[{"description": "x"}]' } }, 'Tool 1 of the "Tools" option has no "name" [item 0]'],
		[
			'a tool choice that names no tool',
			{},
			{ options: { tools: '[{"name": "a"}]', toolChoice: 'b' } },
			'The "Tool Choice" option names the function "b", which is not in the "Tools" option [item 0]',
		],
		['more than 4 stop sequences', {}, { options: { stop: 'a,b,c,d,e' } }, 'The "Stop Sequences" option has 5 sequences; OpenAI accepts at most 4 [item 0]'],
	];

	it.each(cases)('%s: a NodeOperationError naming the parameter and item, before any request', async (_name, bad, parameters, message) => {
		// a value from an expression makes only item 1 bad: item 0 is sent, item 1 is not (concurrency 1)
		const badItem = /\[item (\d)\]/.exec(String(message))?.[1] === '1' ? 1 : 0;
		const items = badItem === 1 ? [{ text: 'ok' }, { text: 'bad', ...bad }] : [{ text: 'bad', ...bad }];
		const result = await run(items, { ...parameters, requestOptions: { concurrency: 1 } });
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { message: string; description?: string; context?: { itemIndex?: number } };
		if (typeof message === 'string') expect(error.message).toBe(message);
		else expect(error.message).toMatch(message);
		expect(error.description).toBeTruthy();
		expect(error.context?.itemIndex).toBe(badItem);
		expect(chatCalls()).toHaveLength(badItem);
	});

	it('a missing binary property lists the binary properties the item has', async () => {
		const result = await run(
			[{ text: 'hi', $binary: { file: { text: 'hello', fileName: 'a.txt', mimeType: 'text/plain' } } }],
			{ messages: { values: [user('hi', { imageBinaryProperties: 'photo' })] } },
		);
		expect(result.nodeError('OpenAI')?.description).toMatch(/The item has: "file"/);
		expect(chatCalls()).toHaveLength(0);
	});
});

describe('Chat → Message a Model: items', () => {
	it('Continue On Fail keeps every item at its position', async () => {
		const result = await run(
			[{ text: 'first', t: 1 }, { text: 'second', t: 5 }, { text: 'third', t: 0 }],
			{ options: { temperature: '={{ $json.t }}' } },
			{ onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		const items = result.output('OpenAI');
		expect(items).toHaveLength(3);
		expect(items[0].json.content).toMatch(/^Echo: first/);
		expect(items[1].json.error).toBe('The "Temperature" option must be between 0 and 2, not 5 [item 1]');
		expect(items[2].json.content).toMatch(/^Echo: third/);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(chatCalls()).toHaveLength(2);
	});

	it('keeps input order with concurrency > 1 and latency', async () => {
		fake.setLatency({ min: 10, max: 60 });
		const texts = Array.from({ length: 8 }, (_, i) => `item number ${i}`);
		const result = await run(
			texts.map((text) => ({ text })),
			{ requestOptions: { concurrency: 4 } },
		);
		expect(result.status).toBe('success');
		const items = result.output('OpenAI');
		expect(items.map((i) => String(i.json.content).replace(/ \[\w+\]$/, ''))).toEqual(texts.map((t) => `Echo: ${t}`));
		expect(items.map((i) => i.pairedItem)).toEqual(texts.map((_, item) => ({ item })));
		const calls = chatCalls();
		const overlapping = calls.some((a, i) =>
			calls.some((b, j) => i !== j && b.startedAt >= a.startedAt && b.startedAt < a.startedAt + (a.durationMs ?? 0)),
		);
		expect(overlapping).toBe(true);
	});
});

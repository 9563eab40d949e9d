import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi, type OpenAiErrorBody } from './fake-openai';
import { call, type CallOptions } from './fake-openai/testClient';

/**
 * Behaviour of the text areas of the fake (chat, embeddings, moderations, completions, responses):
 * validation errors, determinism, usage counts, structured outputs, tools, logprobs, limits,
 * conversation state and TPM accounting. Shapes are checked in fake-openai.text-contract.test.ts.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const tokens = (text: string) => Math.ceil(text.length / 4);

let fake: FakeOpenAi;

beforeAll(async () => {
	fake = await startFakeOpenAi();
});

afterAll(async () => {
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
});

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shapes are contract-tested */
async function post(path: string, body: unknown, options: CallOptions = {}) {
	return call<any>(fake.url, path, { key: FAKE_KEYS.project, body, ...options });
}

type ExpectedError = Omit<Partial<OpenAiErrorBody['error']>, 'message'> & { message?: string | RegExp };

async function expectError(path: string, body: unknown, status: number, error: ExpectedError) {
	const result = await post(path, body);
	expect(result.status).toBe(status);
	const { message, ...rest } = error;
	expect(result.body.error).toMatchObject({ type: 'invalid_request_error', ...rest });
	if (message !== undefined) expect(result.body.error.message).toMatch(message);
	return result.body.error as OpenAiErrorBody['error'];
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

function expectValidInstance(schema: object, json: string): unknown {
	const value: unknown = JSON.parse(json);
	const validate = ajv.compile(schema);
	if (!validate(value)) throw new Error(`${json} does not validate: ${JSON.stringify(validate.errors)}`);
	return value;
}

const user = (content: unknown) => ({ role: 'user', content });
const chat = (body: Record<string, unknown>, options?: CallOptions) => post('/chat/completions', { model: 'gpt-4o-mini', ...body }, options);

const WEATHER = {
	type: 'function',
	function: {
		name: 'get_weather',
		parameters: {
			type: 'object',
			properties: { city: { type: 'string', minLength: 3 }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1, maximum: 7 } },
			required: ['city', 'unit', 'days'],
			additionalProperties: false,
		},
		strict: true,
	},
};
const TIME = { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } };

/** Exercises every keyword the instance generator knows (allOf is not allowed in strict mode). */
const RICH_SCHEMA = {
	type: 'object',
	properties: {
		id: { type: 'string', format: 'uuid' },
		email: { type: 'string', format: 'email' },
		homepage: { type: 'string', format: 'uri' },
		born: { type: 'string', format: 'date' },
		seen: { type: 'string', format: 'date-time' },
		code: { type: 'string', minLength: 12, maxLength: 14 },
		status: { type: 'string', enum: ['active', 'blocked', 'pending'] },
		kind: { const: 'person' },
		score: { type: 'number', minimum: 0.5, maximum: 0.75 },
		rating: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.25 },
		age: { type: 'integer', minimum: 18, maximum: 19 },
		even: { type: 'integer', multipleOf: 2, minimum: 10, maximum: 20 },
		active: { type: 'boolean' },
		nickname: { type: ['string', 'null'] },
		manager: { anyOf: [{ $ref: '#/$defs/ref' }, { type: 'null' }] },
		tags: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c', 'd'] }, minItems: 3, maxItems: 4, uniqueItems: true },
		address: {
			type: 'object',
			properties: { street: { type: 'string' }, zip: { type: 'string', maxLength: 5 }, geo: { type: 'object', properties: { lat: { type: 'number', minimum: -90, maximum: 90 } }, required: ['lat'], additionalProperties: false } },
			required: ['street', 'zip', 'geo'],
			additionalProperties: false,
		},
		history: { type: 'array', items: { $ref: '#/$defs/ref' }, minItems: 1 },
		merged: { allOf: [{ type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] }, { properties: { b: { type: 'boolean' } }, required: ['b'] }] },
	},
	required: ['id', 'email', 'homepage', 'born', 'seen', 'code', 'status', 'kind', 'score', 'rating', 'age', 'even', 'active', 'nickname', 'manager', 'tags', 'address', 'history', 'merged'],
	additionalProperties: false,
	$defs: { ref: { type: 'object', properties: { name: { type: 'string' }, level: { type: 'integer', minimum: 1, maximum: 3 } }, required: ['name', 'level'], additionalProperties: false } },
};

/** RICH_SCHEMA without allOf: what strict mode accepts (every object closed, every property required). */
const STRICT_SCHEMA = {
	...RICH_SCHEMA,
	properties: Object.fromEntries(Object.entries(RICH_SCHEMA.properties).filter(([key]) => key !== 'merged')),
	required: RICH_SCHEMA.required.filter((key) => key !== 'merged'),
};

describe('chat completions', () => {
	it('answers deterministically from the last user message, with the snapshot model and the fake clock', async () => {
		const body = { messages: [{ role: 'system', content: 'Be brief.' }, user('Hello there, how are you?')] };
		const first = await chat(body);
		const second = await chat(body);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			object: 'chat.completion',
			created: NOW / 1000,
			model: 'gpt-4o-mini-2024-07-18',
			service_tier: 'default',
			choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', refusal: null, annotations: [] } }],
		});
		expect(first.body.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
		expect(first.body.system_fingerprint).toMatch(/^fp_[0-9a-f]{10}$/);
		expect(first.body.choices[0].message.content).toMatch(/^Echo: Hello there, how are you\? \[[0-9a-z]{7}\]$/);
		expect(second.body.choices[0].message.content).toBe(first.body.choices[0].message.content);
		const seeded = await chat({ ...body, seed: 42 });
		expect(seeded.body.choices[0].message.content).not.toBe(first.body.choices[0].message.content);
		expect((await chat({ ...body, seed: 42 })).body.choices[0].message.content).toBe(seeded.body.choices[0].message.content);
	});

	it('keeps the first 12 words and counts the user turns', async () => {
		const long = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
		const result = await chat({ messages: [user('first'), { role: 'assistant', content: 'ok' }, user(long)] });
		expect(result.body.choices[0].message.content).toMatch(/^Echo: one two three four five six seven eight nine ten eleven twelve … \(turn 2\) \[\w{7}\]$/);
	});

	it('counts usage from the input (4 characters a token, 3 per message + 3) and the output', async () => {
		const system = 'You are a terse assistant.';
		const question = 'What is the capital of France?';
		const result = await chat({ messages: [{ role: 'system', content: system }, user([{ type: 'text', text: question }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }])] });
		const content: string = result.body.choices[0].message.content;
		expect(result.body.usage).toEqual({
			prompt_tokens: 3 + (3 + tokens(system)) + (3 + tokens(question) + 85),
			completion_tokens: tokens(content),
			total_tokens: 3 + (3 + tokens(system)) + (3 + tokens(question) + 85) + tokens(content),
			prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
			completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
		});
	});

	it('gives n different choices, identical ones at temperature 0, and sums their usage', async () => {
		const varied = await chat({ messages: [user('Pick a number')], n: 3 });
		const contents = varied.body.choices.map((choice: any) => choice.message.content);
		expect(varied.body.choices.map((choice: any) => choice.index)).toEqual([0, 1, 2]);
		expect(new Set(contents).size).toBe(3);
		expect(varied.body.usage.completion_tokens).toBe(contents.reduce((sum: number, text: string) => sum + tokens(text), 0));
		const greedy = await chat({ messages: [user('Pick a number')], n: 2, temperature: 0 });
		expect(greedy.body.choices[0].message.content).toBe(greedy.body.choices[1].message.content);
	});

	it('honours stop sequences and cuts at max_completion_tokens with finish_reason length', async () => {
		const stopped = await chat({ messages: [user('Hi')], stop: [' [', 'never'] });
		expect(stopped.body.choices[0]).toMatchObject({ message: { content: 'Echo: Hi' }, finish_reason: 'stop' });
		const cut = await chat({ messages: [user('Hello world')], max_completion_tokens: 2 });
		expect(cut.body.choices[0]).toMatchObject({ message: { content: 'Echo: He' }, finish_reason: 'length' });
		expect(cut.body.usage.completion_tokens).toBe(2);
		const legacy = await chat({ messages: [user('Hello world')], max_tokens: 1 });
		expect(legacy.body.choices[0]).toMatchObject({ message: { content: 'Echo' }, finish_reason: 'length' });
	});

	it('returns logprobs for the content tokens with ranked alternatives', async () => {
		const result = await chat({ messages: [user('Hello logprobs')], logprobs: true, top_logprobs: 3 });
		const { content, logprobs } = result.body.choices[0].message.content === undefined ? { content: '', logprobs: null } : { content: result.body.choices[0].message.content as string, logprobs: result.body.choices[0].logprobs };
		expect(logprobs.refusal).toBeNull();
		expect(logprobs.content.map((entry: any) => entry.token).join('')).toBe(content);
		for (const entry of logprobs.content) {
			expect(entry.bytes).toEqual([...Buffer.from(entry.token)]);
			expect(entry.top_logprobs).toHaveLength(3);
			expect(entry.top_logprobs[0]).toMatchObject({ token: entry.token, logprob: entry.logprob });
			const values = entry.top_logprobs.map((top: any) => top.logprob);
			expect(values).toEqual([...values].sort((a, b) => b - a));
			expect(Math.max(...values)).toBeLessThanOrEqual(0);
		}
		const none = await chat({ messages: [user('Hello')], logprobs: true });
		expect(none.body.choices[0].logprobs.content[0].top_logprobs).toEqual([]);
	});

	it('json_object gives a JSON object and needs "json" in the messages', async () => {
		const result = await chat({ messages: [user('Reply in JSON please')], response_format: { type: 'json_object' } });
		expect(JSON.parse(result.body.choices[0].message.content)).toEqual({ echo: 'Reply in JSON please', ref: expect.stringMatching(/^\w{7}$/) });
		await expectError('/chat/completions', { model: 'gpt-4o-mini', messages: [user('Hi')], response_format: { type: 'json_object' } }, 400, {
			param: 'messages',
			message: "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
		});
	});

	it('json_schema output validates against the request schema (ajv), for many prompts', async () => {
		for (const prompt of ['one', 'two', 'three', 'four', 'five', 'six']) {
			for (const [schema, strict] of [[RICH_SCHEMA, false], [STRICT_SCHEMA, true]] as const) {
				const result = await chat({ messages: [user(prompt)], response_format: { type: 'json_schema', json_schema: { name: 'rich', schema, strict } } });
				expect(result.status).toBe(200);
				const value = expectValidInstance(schema, result.body.choices[0].message.content) as Record<string, unknown>;
				expect(value.kind).toBe('person');
			}
		}
		const loose = { type: 'object', properties: { title: { type: 'string' }, count: { type: 'integer' } } };
		const result = await chat({ messages: [user('x')], response_format: { type: 'json_schema', json_schema: { name: 'loose', schema: loose } } });
		expect(Object.keys(expectValidInstance(loose, result.body.choices[0].message.content) as object)).toEqual(['title', 'count']);
	});

	it.each<[string, unknown, string | RegExp]>([
		['an invalid type', { type: 'object', properties: { a: { type: 'text' } }, required: ['a'], additionalProperties: false }, "Invalid schema for response_format 'bad': In context=('properties', 'a'), 'text' is not valid under any of the given schemas."],
		['strict without additionalProperties', { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, "Invalid schema for response_format 'bad': In context=(), 'additionalProperties' is required to be supplied and to be false."],
		['strict with an optional property', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'], additionalProperties: false }, /In context=\(\), 'required' is required to be supplied and to be an array including every key in properties\. Missing 'b'\./],
		['a non-object root', { type: 'array', items: { type: 'string' } }, /schema must be a JSON Schema of 'type: "object"', got 'type: "array"'/],
		['a dangling $ref', { type: 'object', properties: { a: { $ref: '#/$defs/nope' } }, required: ['a'], additionalProperties: false }, /reference to component '#\/\$defs\/nope' which was not found/],
	])('json_schema with %s is a 400', async (_name, schema, message) => {
		await expectError('/chat/completions', { model: 'gpt-4o-mini', messages: [user('x')], response_format: { type: 'json_schema', json_schema: { name: 'bad', schema, strict: true } } }, 400, { param: 'response_format', message });
	});

	it('calls tools: required, named, mentioned, none, parallel, and answers a tool result', async () => {
		const required = await chat({ messages: [user('What now?')], tools: [WEATHER, TIME], tool_choice: 'required' });
		expect(required.body.choices[0]).toMatchObject({ finish_reason: 'tool_calls', message: { content: null, refusal: null } });
		const [call0] = required.body.choices[0].message.tool_calls;
		expect(call0).toMatchObject({ id: expect.stringMatching(/^call_\w{24}$/), type: 'function', function: { name: 'get_weather' } });
		expectValidInstance(WEATHER.function.parameters, call0.function.arguments);
		expect(required.body.usage.completion_tokens).toBe(tokens('get_weather') + tokens(call0.function.arguments));

		const named = await chat({ messages: [user('x')], tools: [WEATHER, TIME], tool_choice: { type: 'function', function: { name: 'get_time' } } });
		expect(named.body.choices[0].message.tool_calls.map((c: any) => c.function.name)).toEqual(['get_time']);
		const mentioned = await chat({ messages: [user('Use get_time and get weather, please')], tools: [WEATHER, TIME] });
		expect(mentioned.body.choices[0].message.tool_calls.map((c: any) => c.function.name)).toEqual(['get_weather', 'get_time']);
		const serial = await chat({ messages: [user('Use get_time and get_weather')], tools: [WEATHER, TIME], parallel_tool_calls: false });
		expect(serial.body.choices[0].message.tool_calls).toHaveLength(1);
		const unmentioned = await chat({ messages: [user('Just chat')], tools: [WEATHER] });
		expect(unmentioned.body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: expect.stringMatching(/^Echo: Just chat/) } });
		expect(unmentioned.body.choices[0].message.tool_calls).toBeUndefined();
		const none = await chat({ messages: [user('use get_weather')], tools: [WEATHER], tool_choice: 'none' });
		expect(none.body.choices[0].finish_reason).toBe('stop');

		const answered = await chat({
			messages: [user('use get_weather'), { role: 'assistant', content: null, tool_calls: [call0] }, { role: 'tool', tool_call_id: call0.id, content: 'Sunny, 21 C' }],
			tools: [WEATHER],
		});
		expect(answered.body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: expect.stringMatching(/^Echo: Sunny, 21 C \[/) } });
	});

	it.each<[string, Record<string, unknown>, string, string | null, string | RegExp]>([
		['a tool without a function', { tools: [{ type: 'function' }] }, 'tools[0].function', 'missing_required_parameter', "Missing required parameter: 'tools[0].function'."],
		['a bad function name', { tools: [{ type: 'function', function: { name: 'get weather' } }] }, 'tools[0].function.name', 'invalid_value', /string does not match pattern/],
		['an unknown tool type', { tools: [{ type: 'browser', function: { name: 'x' } }] }, 'tools[0].type', 'invalid_value', "Invalid value for 'tools[0].type': 'browser'. Supported values are: 'function' and 'custom'."],
		['bad parameters', { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'date' } } } } }] }, 'tools[0].function.parameters', 'invalid_function_parameters', /^Invalid schema for function 'f': In context=\('properties', 'a'\)/],
		['tool_choice without tools', { tool_choice: 'required' }, 'tool_choice', null, "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified."],
		['an unknown named tool', { tools: [WEATHER], tool_choice: { type: 'function', function: { name: 'nope' } } }, 'tool_choice', 'invalid_value', /function 'nope' was not found/],
	])('%s is a 400', async (_name, extra, param, code, message) => {
		await expectError('/chat/completions', { model: 'gpt-4o-mini', messages: [user('x')], ...extra }, 400, { param, code, message });
	});

	it('reasoning models: tokens per effort, counted against max_completion_tokens, no sampling parameters', async () => {
		const medium = await chat({ model: 'o3', messages: [user('Think')] });
		expect(medium.body.usage.completion_tokens_details.reasoning_tokens).toBe(192);
		expect(medium.body.usage.completion_tokens).toBe(192 + tokens(medium.body.choices[0].message.content));
		const high = await chat({ model: 'gpt-5', messages: [user('Think')], reasoning_effort: 'high' });
		expect(high.body.usage.completion_tokens_details.reasoning_tokens).toBe(512);
		const starved = await chat({ model: 'o4-mini', messages: [user('Think')], max_completion_tokens: 100 });
		expect(starved.body.choices[0]).toMatchObject({ message: { content: '' }, finish_reason: 'length' });
		expect(starved.body.usage).toMatchObject({ completion_tokens: 100, completion_tokens_details: { reasoning_tokens: 100 } });

		await expectError('/chat/completions', { model: 'o3', messages: [user('x')], temperature: 0.2 }, 400, { param: 'temperature', code: 'unsupported_value', message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported." });
		await expectError('/chat/completions', { model: 'o3', messages: [user('x')], max_tokens: 10 }, 400, { param: 'max_tokens', code: 'unsupported_parameter', message: /Use 'max_completion_tokens' instead/ });
		await expectError('/chat/completions', { model: 'gpt-4o', messages: [user('x')], reasoning_effort: 'low' }, 400, { param: 'reasoning_effort', code: 'unsupported_parameter' });
	});

	it('reports cached tokens for a repeated prefix of at least 1,024 tokens, per key, in steps of 128', async () => {
		const system = { role: 'system', content: 'Rules. '.repeat(700) }; // 4,900 characters
		const first = await chat({ messages: [system, user('first question')] });
		expect(first.body.usage.prompt_tokens_details.cached_tokens).toBe(0);
		const second = await chat({ messages: [system, user('second question')] });
		const cached = second.body.usage.prompt_tokens_details.cached_tokens;
		expect(cached).toBeGreaterThanOrEqual(1024);
		expect(cached % 128).toBe(0);
		expect(cached).toBeLessThanOrEqual(second.body.usage.prompt_tokens);
		const otherKey = await chat({ messages: [system, user('third question')] }, { key: FAKE_KEYS.user });
		expect(otherKey.body.usage.prompt_tokens_details.cached_tokens).toBe(0);
		const short = { role: 'system', content: 'Short rules.' };
		await chat({ messages: [short, user('a')] });
		expect((await chat({ messages: [short, user('b')] })).body.usage.prompt_tokens_details.cached_tokens).toBe(0);
	});

	it('accepts image URLs and data URLs on vision models, rejects bad ones and text-only models', async () => {
		const image = (url: string) => [user([{ type: 'text', text: 'What is it?' }, { type: 'image_url', image_url: { url } }])];
		expect((await chat({ model: 'gpt-4.1', messages: image('https://example.com/a.jpg') })).status).toBe(200);
		await expectError('/chat/completions', { model: 'gpt-4o', messages: image('data:text/plain;base64,aGk=') }, 400, { param: 'messages[0].content[1].image_url.url', message: /unsupported MIME type 'text\/plain'/ });
		await expectError('/chat/completions', { model: 'gpt-4o', messages: image('ftp://example.com/a.png') }, 400, { param: 'messages[0].content[1].image_url.url' });
		await expectError('/chat/completions', { model: 'gpt-3.5-turbo', messages: image('https://example.com/a.jpg') }, 400, { param: 'messages[0].content[1].type', message: 'Invalid content type. image_url is only supported by certain models.' });
		await expectError('/chat/completions', { model: 'gpt-4o', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } }] }] }, 400, { message: /Image URLs are only allowed for messages with role 'user'/ });
	});

	it.each<[string, Record<string, unknown>, number, Record<string, unknown>]>([
		['missing model', { model: undefined }, 400, { param: 'model', code: 'missing_required_parameter', message: "Missing required parameter: 'model'." }],
		['missing messages', { messages: undefined }, 400, { param: 'messages', code: 'missing_required_parameter' }],
		['empty messages', { messages: [] }, 400, { param: 'messages', code: 'empty_array', message: "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead." }],
		['a message without content', { messages: [{ role: 'user' }] }, 400, { param: 'messages[0].content', code: 'missing_required_parameter' }],
		['a bad role', { messages: [{ role: 'robot', content: 'x' }] }, 400, { param: 'messages[0].role', code: 'invalid_value' }],
		['temperature above 2', { temperature: 2.5 }, 400, { param: 'temperature', code: 'decimal_above_max_value', message: "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead." }],
		['temperature as a string', { temperature: 'hot' }, 400, { param: 'temperature', code: 'invalid_type', message: "Invalid type for 'temperature': expected a decimal, but got a string instead." }],
		['top_p above 1', { top_p: 1.5 }, 400, { param: 'top_p', code: 'decimal_above_max_value' }],
		['presence_penalty below -2', { presence_penalty: -3 }, 400, { param: 'presence_penalty', code: 'decimal_below_min_value' }],
		['frequency_penalty above 2', { frequency_penalty: 2.1 }, 400, { param: 'frequency_penalty', code: 'decimal_above_max_value' }],
		['n above 128', { n: 129 }, 400, { param: 'n', code: 'integer_above_max_value', message: "Invalid 'n': integer above maximum value. Expected a value <= 128, but got 129 instead." }],
		['n as a decimal', { n: 1.5 }, 400, { param: 'n', code: 'invalid_type', message: "Invalid type for 'n': expected an integer, but got a decimal instead." }],
		['max_completion_tokens 0', { max_completion_tokens: 0 }, 400, { param: 'max_completion_tokens', code: 'integer_below_min_value' }],
		['max_completion_tokens above the model', { max_completion_tokens: 20_000 }, 400, { param: 'max_completion_tokens', message: 'max_tokens is too large: 20000. This model supports at most 16384 completion tokens, whereas you provided 20000.' }],
		['top_logprobs above 20', { logprobs: true, top_logprobs: 21 }, 400, { param: 'top_logprobs', code: 'integer_above_max_value' }],
		['top_logprobs without logprobs', { top_logprobs: 2 }, 400, { param: 'top_logprobs' }],
		['five stop sequences', { stop: ['a', 'b', 'c', 'd', 'e'] }, 400, { param: 'stop', code: 'array_above_max_length' }],
		['a bad service tier', { service_tier: 'gold' }, 400, { param: 'service_tier', code: 'invalid_value' }],
		['an unknown argument', { temprature: 1 }, 400, { param: 'temprature', message: 'Unrecognized request argument supplied: temprature' }],
		['17 metadata keys', { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }, 400, { param: 'metadata' }],
		['a prompt over the context window', { model: 'gpt-3.5-turbo', messages: [user('x'.repeat(70_000))] }, 400, { param: 'messages', code: 'context_length_exceeded', message: /maximum context length is 16385 tokens/ }],
		['an unknown model', { model: 'gpt-nope' }, 404, { param: 'model', code: 'model_not_found', message: 'The model `gpt-nope` does not exist or you do not have access to it.' }],
		['an instruct model', { model: 'gpt-3.5-turbo-instruct' }, 404, { param: 'model', message: /This is not a chat model/ }],
		['an embedding model', { model: 'text-embedding-3-small' }, 404, { param: 'model', message: /This is not a chat model/ }],
	])('%s -> %i', async (_name, extra, status, error) => {
		await expectError('/chat/completions', { model: 'gpt-4o-mini', messages: [user('Hi')], ...extra }, status, error);
	});

	it('streams the same content as chat.completion.chunk events, with usage when asked', async () => {
		const body = { messages: [user('Stream this answer')], n: 2 };
		const plain = await chat(body);
		const streamed = await chat({ ...body, stream: true, stream_options: { include_usage: true } });
		expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
		expect(streamed.text.endsWith('data: [DONE]\n\n')).toBe(true);
		const chunks = streamed.text.split('\n\n').filter((line) => line.startsWith('data: {')).map((line) => JSON.parse(line.slice(6)));
		for (const index of [0, 1]) {
			const deltas = chunks.flatMap((chunk) => chunk.choices).filter((choice: any) => choice.index === index);
			expect(deltas.map((choice: any) => choice.delta.content ?? '').join('')).toBe(plain.body.choices[index].message.content);
			expect(deltas[deltas.length - 1].finish_reason).toBe('stop');
		}
		expect(chunks[chunks.length - 1]).toMatchObject({ choices: [], usage: plain.body.usage });
	});
});

describe('embeddings', () => {
	const embed = (body: Record<string, unknown>) => post('/embeddings', { model: 'text-embedding-3-small', ...body });
	const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
	const decode = (base64: string) => {
		const bytes = Buffer.from(base64, 'base64');
		return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
	};

	it('returns deterministic unit vectors of the model size, in input order, with usage', async () => {
		const texts = ['alpha', 'beta gamma', 'alpha'];
		const result = await embed({ input: texts, encoding_format: 'float' });
		expect(result.body).toMatchObject({ object: 'list', model: 'text-embedding-3-small', usage: { prompt_tokens: 2 + 3 + 2, total_tokens: 7 } });
		const vectors: number[][] = result.body.data.map((item: any) => item.embedding);
		expect(result.body.data.map((item: any) => [item.object, item.index])).toEqual([['embedding', 0], ['embedding', 1], ['embedding', 2]]);
		for (const vector of vectors) {
			expect(vector).toHaveLength(1536);
			expect(norm(vector)).toBeCloseTo(1, 5);
		}
		expect(vectors[2]).toEqual(vectors[0]);
		expect(vectors[1]).not.toEqual(vectors[0]);
		const reversed = await embed({ input: ['beta gamma', 'alpha'], encoding_format: 'float' });
		expect(reversed.body.data[1].embedding).toEqual(vectors[0]);
		const large = await embed({ model: 'text-embedding-3-large', input: 'alpha', encoding_format: 'float' });
		expect(large.body.data[0].embedding).toHaveLength(3072);
		const ada = await embed({ model: 'text-embedding-ada-002', input: 'alpha', encoding_format: 'float' });
		expect(ada.body.data[0].embedding).toHaveLength(1536);
		expect(ada.body.data[0].embedding).not.toEqual(vectors[0]);
	});

	it('shortens with dimensions like text-embedding-3 (a renormalised prefix of the full vector)', async () => {
		const full: number[] = (await embed({ input: 'alpha', encoding_format: 'float' })).body.data[0].embedding;
		const short: number[] = (await embed({ input: 'alpha', encoding_format: 'float', dimensions: 256 })).body.data[0].embedding;
		expect(short).toHaveLength(256);
		expect(norm(short)).toBeCloseTo(1, 5);
		const prefixNorm = norm(full.slice(0, 256));
		short.forEach((value, i) => expect(value).toBeCloseTo(full[i] / prefixNorm, 6));
	});

	it('base64 is the little-endian float32 bytes of the same vector (round trip)', async () => {
		const floats: number[] = (await embed({ input: 'round trip', encoding_format: 'float', dimensions: 64 })).body.data[0].embedding;
		const base64 = await embed({ input: 'round trip', encoding_format: 'base64', dimensions: 64 });
		expect(typeof base64.body.data[0].embedding).toBe('string');
		const decoded = decode(base64.body.data[0].embedding);
		expect(decoded).toHaveLength(64);
		decoded.forEach((value, i) => expect(Math.abs(value - floats[i])).toBeLessThan(1e-7));
		expect((await embed({ input: 'round trip', dimensions: 64 })).body.data[0].embedding).toEqual(floats); // float is the default
	});

	it('accepts token arrays and counts their length', async () => {
		const result = await embed({ input: [[1, 2, 3], [4, 5]], encoding_format: 'float' });
		expect(result.body.usage.prompt_tokens).toBe(5);
		expect(result.body.data).toHaveLength(2);
		expect((await embed({ input: [7, 8, 9] })).body.usage.prompt_tokens).toBe(3);
	});

	it('takes 2,048 inputs in one request and refuses 2,049', async () => {
		const texts = Array.from({ length: 2048 }, (_, i) => `text ${i}`);
		const result = await embed({ input: texts, encoding_format: 'base64' });
		expect(result.status).toBe(200);
		expect(result.body.data).toHaveLength(2048);
		expect(result.body.data[2047].index).toBe(2047);
		expect(result.body.usage.prompt_tokens).toBe(texts.reduce((sum, text) => sum + tokens(text), 0));
		await expectError('/embeddings', { model: 'text-embedding-3-small', input: [...texts, 'one more'] }, 400, {
			param: 'input',
			code: 'array_above_max_length',
			message: "Invalid 'input': array too long. Expected an array with maximum length 2048, but got an array with length 2049 instead.",
		});
	});

	it('enforces 8,192 tokens per input and 300,000 tokens per request', async () => {
		const maxInput = 'x'.repeat(8192 * 4);
		expect((await embed({ input: maxInput })).status).toBe(200);
		await expectError('/embeddings', { model: 'text-embedding-3-small', input: maxInput + 'x' }, 400, { param: 'input', message: "Invalid 'input': maximum context length is 8192 tokens." });
		expect((await embed({ input: Array.from({ length: 36 }, () => maxInput) })).body.usage.prompt_tokens).toBe(36 * 8192);
		const tooMuch = await post('/embeddings', { model: 'text-embedding-3-small', input: Array.from({ length: 37 }, () => maxInput) });
		expect(tooMuch.status).toBe(400);
		expect(tooMuch.body.error).toEqual({
			message: `Requested ${37 * 8192} tokens, max 300000 tokens per request`,
			type: 'max_tokens_per_request',
			param: null,
			code: 'max_tokens_per_request',
		});
	});

	it.each<[string, Record<string, unknown>, number, Record<string, unknown>]>([
		['dimensions on ada-002', { model: 'text-embedding-ada-002', input: 'x', dimensions: 8 }, 400, { param: 'dimensions', message: 'This model does not support specifying dimensions.' }],
		['dimensions above the model size', { input: 'x', dimensions: 1537 }, 400, { param: 'dimensions', code: 'integer_above_max_value' }],
		['dimensions 0', { input: 'x', dimensions: 0 }, 400, { param: 'dimensions', code: 'integer_below_min_value' }],
		['an unknown encoding', { input: 'x', encoding_format: 'int8' }, 400, { param: 'encoding_format', message: "Invalid value for 'encoding_format': 'int8'. Supported values are: 'float' and 'base64'." }],
		['an empty string', { input: '' }, 400, { param: 'input', message: /'\$\.input' is invalid/ }],
		['an empty string in a list', { input: ['a', ''] }, 400, { param: 'input' }],
		['a mixed list', { input: ['a', [1, 2]] }, 400, { param: 'input' }],
		['an empty list', { input: [] }, 400, { param: 'input', code: 'empty_array' }],
		['missing input', { input: undefined }, 400, { param: 'input', code: 'missing_required_parameter' }],
		['missing model', { model: undefined, input: 'x' }, 400, { param: 'model', code: 'missing_required_parameter' }],
		['an unknown field', { input: 'x', truncate: true }, 400, { param: 'truncate' }],
		['an unknown model', { model: 'text-embedding-4', input: 'x' }, 404, { code: 'model_not_found' }],
		['a chat model', { model: 'gpt-4o', input: 'x' }, 403, { param: 'model', message: 'You are not allowed to generate embeddings from this model' }],
	])('%s -> %i', async (_name, body, status, error) => {
		await expectError('/embeddings', { model: 'text-embedding-3-small', ...body }, status, error);
	});
});

describe('moderations', () => {
	const moderate = (body: Record<string, unknown>) => post('/moderations', body);

	it('passes clean text with small scores and text input types', async () => {
		const result = await moderate({ input: 'Have a nice day' });
		expect(result.body).toMatchObject({ id: expect.stringMatching(/^modr-/), model: 'omni-moderation-latest' });
		const [verdict] = result.body.results;
		expect(verdict.flagged).toBe(false);
		expect(Object.keys(verdict.categories)).toHaveLength(13);
		expect(Object.values(verdict.categories).every((flag) => flag === false)).toBe(true);
		expect(Math.max(...(Object.values(verdict.category_scores) as number[]))).toBeLessThan(0.01);
		expect(Object.values(verdict.category_applied_input_types).every((types) => JSON.stringify(types) === '["text"]')).toBe(true);
	});

	it('flags trigger words, their parent category, one result per string, deterministically', async () => {
		const result = await moderate({ input: ['I will kill the process', 'so much gore', 'I hate Mondays', 'fine'] });
		const [kill, gore, hate, fine] = result.body.results;
		expect(kill).toMatchObject({ flagged: true, categories: { violence: true, 'violence/graphic': false, hate: false } });
		expect(kill.category_scores.violence).toBeGreaterThan(0.5);
		expect(gore.categories).toMatchObject({ 'violence/graphic': true, violence: true });
		expect(hate.categories).toMatchObject({ hate: true, 'hate/threatening': false });
		expect(fine.flagged).toBe(false);
		expect((await moderate({ input: ['I will kill the process'] })).body.results[0]).toEqual(kill);
	});

	it('judges text and image parts together; images only for the image categories', async () => {
		const mixed = await moderate({ input: [{ type: 'text', text: 'look at this' }, { type: 'image_url', image_url: { url: 'https://example.com/violent-scene.png' } }] });
		expect(mixed.body.results).toHaveLength(1);
		const [verdict] = mixed.body.results;
		expect(verdict).toMatchObject({ flagged: true, categories: { violence: true } });
		expect(verdict.category_applied_input_types).toMatchObject({ violence: ['text', 'image'], hate: ['text'], 'self-harm': ['text', 'image'] });
		const imageOnly = await moderate({ input: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] });
		expect(imageOnly.body.results[0]).toMatchObject({ flagged: false, category_applied_input_types: { hate: [], sexual: ['image'] } });
	});

	it.each<[string, Record<string, unknown>, number, Record<string, unknown>]>([
		['missing input', {}, 400, { param: 'input', code: 'missing_required_parameter' }],
		['an empty list', { input: [] }, 400, { param: 'input', code: 'empty_array' }],
		['a bad part', { input: [{ type: 'audio', audio: 'x' }] }, 400, { param: 'input[0].type', code: 'invalid_value' }],
		['a chat model', { input: 'x', model: 'gpt-4o' }, 400, { param: 'model' }],
		['an unknown model', { input: 'x', model: 'moderation-9' }, 404, { code: 'model_not_found' }],
	])('%s -> %i', async (_name, body, status, error) => {
		await expectError('/moderations', body, status, error);
	});
});

describe('completions (legacy)', () => {
	const complete = (body: Record<string, unknown>) => post('/completions', { model: 'gpt-3.5-turbo-instruct', ...body });

	it('stops at 16 tokens by default (finish_reason length) and finishes short answers', async () => {
		const prompt = 'Write a long story about a dragon who learned to cook pasta';
		const long = await complete({ prompt });
		expect(long.body).toMatchObject({ object: 'text_completion', model: 'gpt-3.5-turbo-instruct', created: NOW / 1000 });
		expect(long.body.choices[0]).toMatchObject({ index: 0, finish_reason: 'length', logprobs: null });
		expect(long.body.choices[0].text).toBe(' Echo: Write a long story about a dragon who learned to cook pasta'.slice(0, 64));
		expect(long.body.usage).toEqual({ prompt_tokens: tokens(prompt), completion_tokens: 16, total_tokens: tokens(prompt) + 16 });
		const short = await complete({ prompt: 'Say hi' });
		expect(short.body.choices[0]).toMatchObject({ finish_reason: 'stop', text: expect.stringMatching(/^ Echo: Say hi \[\w{7}\]$/) });
	});

	it('echoes the prompt, returns logprobs with offsets, and orders n choices prompt by prompt', async () => {
		const result = await complete({ prompt: ['Say hi', 'Say bye'], n: 2, echo: true, logprobs: 2, max_tokens: 50, stop: ' [' });
		expect(result.body.choices.map((choice: any) => [choice.index, choice.text])).toEqual([
			[0, 'Say hi Echo: Say hi'],
			[1, 'Say hi Echo: Say hi'],
			[2, 'Say bye Echo: Say bye'],
			[3, 'Say bye Echo: Say bye'],
		]);
		const { logprobs } = result.body.choices[0];
		expect(logprobs.tokens.join('')).toBe('Say hi Echo: Say hi');
		expect(logprobs.text_offset).toEqual(logprobs.tokens.map((_: string, i: number) => i * 4));
		expect(logprobs.token_logprobs).toHaveLength(logprobs.tokens.length);
		expect(Object.keys(logprobs.top_logprobs[0])).toHaveLength(2);
		expect(result.body.usage.prompt_tokens).toBe(tokens('Say hi') + tokens('Say bye'));
		expect(result.body.usage.completion_tokens).toBe(2 * tokens(' Echo: Say hi') + 2 * tokens(' Echo: Say bye'));
	});

	it.each<[string, Record<string, unknown>, number, Record<string, unknown>]>([
		['missing prompt', { prompt: undefined }, 400, { param: 'prompt', code: 'missing_required_parameter' }],
		['logprobs above 5', { prompt: 'x', logprobs: 6 }, 400, { param: 'logprobs', code: 'integer_above_max_value' }],
		['best_of below n', { prompt: 'x', n: 3, best_of: 2 }, 400, { param: 'best_of' }],
		['a prompt over the context window', { prompt: 'x'.repeat(20_000) }, 400, { code: 'context_length_exceeded', message: /maximum context length is 4096 tokens, however you requested 5016 tokens \(5000 in your prompt; 16 for the completion\)/ }],
		['a chat model', { model: 'gpt-4o-mini', prompt: 'x' }, 404, { param: 'model', message: 'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?' }],
		['an unknown model', { model: 'davinci-003', prompt: 'x' }, 404, { code: 'model_not_found' }],
	])('%s -> %i', async (_name, body, status, error) => {
		await expectError('/completions', { model: 'gpt-3.5-turbo-instruct', ...body }, status, error);
	});
});

describe('responses', () => {
	const create = (body: Record<string, unknown>, options?: CallOptions) => post('/responses', { model: 'gpt-4o-mini', ...body }, options);
	const get = (path: string, options: CallOptions = {}) => call<any>(fake.url, path, { key: FAKE_KEYS.project, ...options });
	const text = (response: any) => response.output.find((item: any) => item.type === 'message')?.content[0].text as string;

	it('creates, stores, lists input items, retrieves and deletes a response', async () => {
		const created = await create({ input: 'Hello responses', instructions: 'Be kind', metadata: { run: '42' } });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({
			object: 'response',
			status: 'completed',
			created_at: NOW / 1000,
			model: 'gpt-4o-mini-2024-07-18',
			instructions: 'Be kind',
			metadata: { run: '42' },
			store: true,
			previous_response_id: null,
			error: null,
			incomplete_details: null,
			output: [{ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', annotations: [], logprobs: [] }] }],
		});
		expect(created.body.id).toMatch(/^resp_\w{48}$/);
		expect(text(created.body)).toMatch(/^Echo: Hello responses \[\w{7}\]$/);
		expect(created.body.usage).toEqual({
			input_tokens: tokens('Be kind') + 3 + tokens('Hello responses'),
			input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
			output_tokens: tokens(text(created.body)),
			output_tokens_details: { reasoning_tokens: 0 },
			total_tokens: tokens('Be kind') + 3 + tokens('Hello responses') + tokens(text(created.body)),
		});
		const fetched = await get(`/responses/${created.body.id}`);
		expect(fetched.body).toEqual(created.body);
		const items = await get(`/responses/${created.body.id}/input_items`);
		expect(items.body).toMatchObject({ object: 'list', has_more: false, data: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello responses' }] }] });
		expect(items.body.first_id).toBe(items.body.data[0].id);
		const deleted = await get(`/responses/${created.body.id}`, { method: 'DELETE' });
		expect(deleted.body).toEqual({ id: created.body.id, object: 'response', deleted: true });
		const gone = await get(`/responses/${created.body.id}`);
		expect(gone.status).toBe(404);
		expect(gone.body.error.message).toBe(`Response with id '${created.body.id}' not found.`);
	});

	it('continues a conversation with previous_response_id (earlier turns billed as input, instructions not carried)', async () => {
		const first = await create({ input: 'My name is Ada', instructions: 'Remember names' });
		const second = await create({ input: 'What is my name?', previous_response_id: first.body.id });
		expect(second.body.previous_response_id).toBe(first.body.id);
		expect(second.body.instructions).toBeNull();
		expect(text(second.body)).toMatch(/^Echo: What is my name\? \(turn 2\) \[/);
		const earlier = 3 + tokens('My name is Ada') + 3 + tokens(text(first.body));
		expect(second.body.usage.input_tokens).toBe(earlier + 3 + tokens('What is my name?'));
		const third = await create({ input: [{ role: 'user', content: 'And again?' }], previous_response_id: second.body.id });
		expect(text(third.body)).toMatch(/\(turn 3\)/);
	});

	it('store: false is not retrievable and cannot be continued; other projects cannot see responses', async () => {
		const ephemeral = await create({ input: 'Forget me', store: false });
		expect(ephemeral.body.store).toBe(false);
		expect((await get(`/responses/${ephemeral.body.id}`)).status).toBe(404);
		await expectError('/responses', { model: 'gpt-4o-mini', input: 'x', previous_response_id: ephemeral.body.id }, 400, {
			param: 'previous_response_id',
			code: 'previous_response_not_found',
			message: `Previous response with id '${ephemeral.body.id}' not found.`,
		});
		const kept = await create({ input: 'Keep me' });
		fake.keys.addApiKey('sk-proj-other-project-key-0099', { project: 'proj_other' });
		expect((await get(`/responses/${kept.body.id}`, { key: 'sk-proj-other-project-key-0099' })).status).toBe(404);
	});

	it('web search adds a web_search_call and a url_citation that points into the text', async () => {
		const result = await create({ input: 'latest tennis news', tools: [{ type: 'web_search_preview' }], include: ['web_search_call.action.sources'] });
		const [search, message] = result.body.output;
		expect(search).toMatchObject({ type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'latest tennis news' } });
		expect(search.id).toMatch(/^ws_/);
		const url = 'https://example.com/search/latest-tennis-news?utm_source=openai';
		expect(search.action.sources).toEqual([{ type: 'url', url }]);
		const [annotation] = message.content[0].annotations;
		expect(annotation).toMatchObject({ type: 'url_citation', url, title: 'Results for "latest tennis news"' });
		expect(message.content[0].text.slice(annotation.start_index, annotation.end_index)).toBe(`[example.com](${url})`);
		expect(result.body.tools).toEqual([{ type: 'web_search_preview', search_context_size: 'medium' }]);
	});

	it('file search adds a file_search_call (results only when included) and a file_citation', async () => {
		const tools = [{ type: 'file_search', vector_store_ids: ['vs_abc', 'vs_def'] }];
		const plain = await create({ input: 'What do the docs say?', tools });
		expect(plain.body.output[0]).toMatchObject({ type: 'file_search_call', status: 'completed', queries: ['What do the docs say?'], results: null });
		const included = await create({ input: 'What do the docs say?', tools, include: ['file_search_call.results'] });
		const { results } = included.body.output[0];
		expect(results).toHaveLength(2);
		expect(results[0]).toMatchObject({ file_id: expect.stringMatching(/^file-/), filename: 'vs_abc-document.txt', score: 0.95 });
		expect(included.body.output[1].content[0].annotations).toEqual([{ type: 'file_citation', file_id: results[0].file_id, filename: results[0].filename, index: expect.any(Number) }]);
		await expectError('/responses', { model: 'gpt-4o-mini', input: 'x', tools: [{ type: 'file_search' }] }, 400, { param: 'tools[0].vector_store_ids' });
	});

	it('calls function tools and answers their output', async () => {
		const tool = { type: 'function', name: 'get_weather', parameters: WEATHER.function.parameters };
		const called = await create({ input: 'Please use get_weather', tools: [tool] });
		const [fn] = called.body.output;
		expect(fn).toMatchObject({ type: 'function_call', status: 'completed', name: 'get_weather', call_id: expect.stringMatching(/^call_/) });
		expectValidInstance(WEATHER.function.parameters, fn.arguments);
		expect(called.body.tools[0]).toMatchObject({ type: 'function', name: 'get_weather', strict: true });
		const answered = await create({ previous_response_id: called.body.id, input: [{ type: 'function_call_output', call_id: fn.call_id, output: 'Rainy' }], tools: [tool] });
		expect(text(answered.body)).toMatch(/^Echo: Rainy/);
		await expectError('/responses', { model: 'gpt-4o-mini', input: 'x', tools: [{ type: 'function', name: 'strict_one', parameters: { type: 'object', properties: { a: { type: 'string' } } } }] }, 400, {
			param: 'tools[0].parameters',
			code: 'invalid_function_parameters',
			message: /'additionalProperties' is required to be supplied and to be false/,
		});
	});

	it('reasoning models add a reasoning item (summary on request) and reasoning tokens', async () => {
		const result = await create({ model: 'o4-mini', input: 'Think', reasoning: { effort: 'low', summary: 'auto' } });
		expect(result.body.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: expect.stringContaining('Think') }] });
		expect(result.body.reasoning).toEqual({ effort: 'low', summary: 'auto' });
		expect(result.body.usage.output_tokens_details.reasoning_tokens).toBe(64);
		expect(result.body.usage.output_tokens).toBe(64 + tokens(text(result.body)));
		const defaults = await create({ model: 'gpt-5', input: 'Think' });
		expect(defaults.body.output[0].summary).toEqual([]);
		expect(defaults.body.usage.output_tokens_details.reasoning_tokens).toBe(192);
		await expectError('/responses', { model: 'gpt-4o', input: 'x', reasoning: { effort: 'high' } }, 400, { param: 'reasoning.effort', code: 'unsupported_parameter' });
	});

	it('max_output_tokens makes the response incomplete', async () => {
		const result = await create({ input: 'A long question with many more words than sixteen tokens can answer', max_output_tokens: 16 });
		expect(result.body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, max_output_tokens: 16 });
		expect(result.body.output[0].status).toBe('incomplete');
		expect(result.body.usage.output_tokens).toBe(16);
		expect(text(result.body)).toHaveLength(64);
	});

	it('structured output (text.format json_schema) validates against the schema', async () => {
		const result = await create({ input: 'A person', text: { format: { type: 'json_schema', name: 'rich', schema: RICH_SCHEMA } } });
		expectValidInstance(RICH_SCHEMA, text(result.body));
		expect(result.body.text.format).toMatchObject({ type: 'json_schema', name: 'rich', strict: null });
		const strictSchema = WEATHER.function.parameters;
		const strict = await create({ input: 'Weather', text: { format: { type: 'json_schema', name: 'weather', schema: strictSchema, strict: true } } });
		expectValidInstance(strictSchema, text(strict.body));
		await expectError('/responses', { model: 'gpt-4o-mini', input: 'x', text: { format: { type: 'json_schema', name: 'p', schema: { type: 'object', properties: { a: { type: 'string' } } }, strict: true } } }, 400, {
			param: 'text.format.schema',
			code: 'invalid_json_schema',
			message: "Invalid schema for response_format 'p': In context=(), 'additionalProperties' is required to be supplied and to be false.",
		});
		await expectError('/responses', { model: 'gpt-4o-mini', input: 'x', text: { format: { type: 'json_object' } } }, 400, { param: 'input', message: /must contain the word 'json'/ });
	});

	it('pages input items (order, limit, after)', async () => {
		const created = await create({ input: ['one', 'two', 'three'].map((content) => ({ role: 'user', content })) });
		const ascending = await get(`/responses/${created.body.id}/input_items?order=asc&limit=2`);
		expect(ascending.body.data.map((item: any) => item.content[0].text)).toEqual(['one', 'two']);
		expect(ascending.body.has_more).toBe(true);
		const rest = await get(`/responses/${created.body.id}/input_items?order=asc&after=${ascending.body.last_id}`);
		expect(rest.body.data.map((item: any) => item.content[0].text)).toEqual(['three']);
		expect(rest.body.has_more).toBe(false);
		const descending = await get(`/responses/${created.body.id}/input_items`);
		expect(descending.body.data.map((item: any) => item.content[0].text)).toEqual(['three', 'two', 'one']);
		expect((await get(`/responses/${created.body.id}/input_items?limit=0`)).status).toBe(400);
	});

	it.each<[string, Record<string, unknown>, number, Record<string, unknown>]>([
		['missing model', { model: undefined }, 400, { param: 'model', code: 'missing_required_parameter' }],
		['missing input', { input: undefined }, 400, { param: 'input', code: 'missing_required_parameter' }],
		['an empty input', { input: '' }, 400, { param: 'input', code: 'empty_string' }],
		['an empty input list', { input: [] }, 400, { param: 'input', code: 'empty_array' }],
		['a bad item type', { input: [{ type: 'telepathy' }] }, 400, { param: 'input[0].type', code: 'invalid_value' }],
		['max_output_tokens below 16', { max_output_tokens: 15 }, 400, { param: 'max_output_tokens', code: 'integer_below_min_value' }],
		['temperature on a reasoning model', { model: 'o3', temperature: 0.5 }, 400, { param: 'temperature', code: 'unsupported_parameter' }],
		['17 metadata keys', { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }, 400, { param: 'metadata', code: 'object_above_max_properties' }],
		['a metadata value over 512 characters', { metadata: { note: 'x'.repeat(513) } }, 400, { param: 'metadata.note', code: 'string_above_max_length' }],
		['an unknown include', { include: ['everything'] }, 400, { param: 'include[0]', code: 'invalid_value' }],
		['an unknown parameter', { foo: 1 }, 400, { param: 'foo', code: 'unknown_parameter', message: "Unknown parameter: 'foo'." }],
		['an unsupported hosted tool', { tools: [{ type: 'computer_use_preview' }] }, 400, { param: 'tools[0].type' }],
		['a code interpreter without a container', { tools: [{ type: 'code_interpreter' }] }, 400, { param: 'tools[0].container', code: 'missing_required_parameter' }],
		['an embedding model', { model: 'text-embedding-3-small' }, 400, { param: 'model' }],
		['an unknown model', { model: 'gpt-nope' }, 404, { code: 'model_not_found' }],
	])('%s -> %i', async (_name, body, status, error) => {
		await expectError('/responses', { model: 'gpt-4o-mini', input: 'Hi', ...body }, status, error);
	});

	it('streams typed events that end in response.completed with the same output', async () => {
		const plain = await create({ input: 'Stream me' });
		const streamed = await create({ input: 'Stream me', stream: true });
		const events = streamed.text.split('\n\n').filter(Boolean).map((block) => JSON.parse(block.split('\n')[1].slice(6)));
		expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
		expect(events[0].type).toBe('response.created');
		const deltas = events.filter((event) => event.type === 'response.output_text.delta').map((event) => event.delta);
		expect(deltas.join('')).toBe(text(plain.body));
		expect(events[events.length - 1]).toMatchObject({ type: 'response.completed', response: { status: 'completed', usage: plain.body.usage } });
	});
});

describe('TPM accounting', () => {
	it('charges the estimate (prompt + max output) up front and settles to the actual usage', async () => {
		fake.setRateLimit({ tpm: 10_000 });
		const prompt = 'x'.repeat(400); // 100 tokens
		const first = await chat({ messages: [user(prompt)], max_completion_tokens: 500 });
		const estimate = 3 + 3 + 100 + 500;
		expect(first.headers.get('x-ratelimit-remaining-tokens')).toBe(String(10_000 - estimate));
		const actual = first.body.usage.total_tokens;
		expect(actual).toBeLessThan(estimate);
		const second = await post('/embeddings', { model: 'text-embedding-3-small', input: prompt });
		expect(second.headers.get('x-ratelimit-remaining-tokens')).toBe(String(10_000 - actual - 100));
	});

	it('refuses a request whose estimate does not fit, and one larger than the whole limit', async () => {
		fake.setRateLimit({ tpm: 1_000 });
		await post('/embeddings', { model: 'text-embedding-3-small', input: 'x'.repeat(3_200) }); // 800 tokens
		const limited = await post('/embeddings', { model: 'text-embedding-3-small', input: 'x'.repeat(1_600) }); // 400 tokens
		expect(limited.status).toBe(429);
		expect(limited.body.error).toMatchObject({ type: 'tokens', code: 'rate_limit_exceeded' });
		expect(Number(limited.headers.get('retry-after-ms'))).toBeGreaterThan(0);
		const tooLarge = await post('/responses', { model: 'gpt-4o-mini', input: 'x'.repeat(8_000) });
		expect(tooLarge.status).toBe(429);
		expect(tooLarge.body.error.message).toMatch(/^Request too large for tokens per min \(TPM\): Limit 1000, Requested 2003\./);
	});
});

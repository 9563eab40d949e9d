
import { expectMatchesSpec, loadOpenApiSpec, validateResponse, validateSchema } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { call } from './fake-openai/testClient';

/**
 * Every response of the text areas (chat, embeddings, moderations, completions, responses),
 * success and error, must match OpenAI's official spec for its operation and status.
 * Stream events are checked against the spec's event schemas. Where the spec itself is wrong
 * about the live API, the test says so and checks the live shape instead.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const WEATHER_TOOL = {
	type: 'function',
	function: {
		name: 'get_weather',
		description: 'Current weather for a city',
		parameters: {
			type: 'object',
			properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
			required: ['city', 'unit'],
			additionalProperties: false,
		},
		strict: true,
	},
};
const PERSON_SCHEMA = {
	type: 'object',
	properties: {
		name: { type: 'string' },
		age: { type: 'integer', minimum: 0, maximum: 120 },
		tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
	},
	required: ['name', 'age', 'tags'],
	additionalProperties: false,
};
const IMAGE = 'https://example.com/cat.png';

let fake: FakeOpenAi;

beforeAll(async () => {
	loadOpenApiSpec();
	fake = await startFakeOpenAi();
});

afterAll(async () => {
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
});

interface Exchange {
	method?: 'GET' | 'POST' | 'DELETE';
	path: string;
	body?: unknown;
	key?: string | null;
	status: number;
}

/** Calls the fake; checks status, content type, request id and (for JSON) the body against the spec. */
async function exchange(template: string, { method = 'POST', path, body, key = FAKE_KEYS.project, status }: Exchange) {
	const result = await call(fake.url, path, { method, body, key: key ?? undefined });
	expect({ status: result.status, body: result.body }).toMatchObject({ status });
	expect(result.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
	if (!(result.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
		expect(result.headers.get('content-type')).toBe('application/json');
		expectMatchesSpec(method, template, status, result.body);
	}
	return result;
}

/** The `data:` payloads of an SSE body (without [DONE]). */
function sseData(text: string): unknown[] {
	return text
		.split('\n\n')
		.map((block) => block.split('\n').find((line) => line.startsWith('data: '))?.slice(6))
		.filter((data): data is string => data !== undefined && data !== '[DONE]')
		.map((data) => JSON.parse(data) as unknown);
}

function expectChatChunk(chunk: unknown): void {
	expectSchema('CreateChatCompletionStreamResponse', chunk);
}

function expectSchema(name: string, value: unknown): void {
	const check = validateSchema(name, value);
	if (!check.valid) throw new Error(`${name}: ${check.errors.join('\n')}\n${JSON.stringify(value).slice(0, 1500)}`);
}

describe('POST /chat/completions', () => {
	const chat = (body: unknown, status = 200, key: string | null = FAKE_KEYS.project) =>
		exchange('/chat/completions', { path: '/chat/completions', body, status, key });
	const user = (content: unknown) => [{ role: 'user', content }];

	it.each<[string, unknown]>([
		['plain', { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, ...user('Hello there')] }],
		['n, logprobs, seed, stop, service tier', { model: 'gpt-4o', messages: user('Tell me a story'), n: 3, logprobs: true, top_logprobs: 3, seed: 7, stop: ['story'], service_tier: 'flex' }],
		['cut by max_completion_tokens', { model: 'gpt-4.1-mini', messages: user('A long question with many words in it'), max_completion_tokens: 3 }],
		['tool call', { model: 'gpt-4o-mini', messages: user('What is the weather? use get_weather'), tools: [WEATHER_TOOL], tool_choice: 'required' }],
		['tool result answered', { model: 'gpt-4o-mini', messages: [...user('weather?'), { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' }], tools: [WEATHER_TOOL] }],
		['json_schema', { model: 'gpt-4o-mini', messages: user('A person'), response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON_SCHEMA, strict: true } } }],
		['json_object', { model: 'gpt-4o-mini', messages: user('Answer in JSON'), response_format: { type: 'json_object' } }],
		['reasoning model', { model: 'o3', messages: user('Think'), reasoning_effort: 'high' }],
		['image parts', { model: 'gpt-4o', messages: user([{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: IMAGE } }]) }],
		['fine-tuned model', { model: 'ft:gpt-4o-mini-2024-07-18:fake-org::AbC123de', messages: user('Hi') }],
	])('200 %s', async (_name, body) => {
		await chat(body);
	});

	it.each<[string, unknown, number]>([
		['missing model', { messages: user('Hi') }, 400],
		['missing messages', { model: 'gpt-4o-mini' }, 400],
		['empty messages', { model: 'gpt-4o-mini', messages: [] }, 400],
		['temperature out of range', { model: 'gpt-4o-mini', messages: user('Hi'), temperature: 2.5 }, 400],
		['n as a string', { model: 'gpt-4o-mini', messages: user('Hi'), n: '2' }, 400],
		['top_logprobs without logprobs', { model: 'gpt-4o-mini', messages: user('Hi'), top_logprobs: 2 }, 400],
		['bad json schema', { model: 'gpt-4o-mini', messages: user('Hi'), response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object', properties: { a: { type: 'text' } } } } } }, 400],
		['malformed tool', { model: 'gpt-4o-mini', messages: user('Hi'), tools: [{ type: 'function', function: { name: 'bad name!' } }] }, 400],
		['unknown argument', { model: 'gpt-4o-mini', messages: user('Hi'), temprature: 1 }, 400],
		['vision on a text-only model', { model: 'gpt-3.5-turbo', messages: user([{ type: 'image_url', image_url: { url: IMAGE } }]) }, 400],
		['unknown model', { model: 'gpt-nope', messages: user('Hi') }, 404],
		['not a chat model', { model: 'gpt-3.5-turbo-instruct', messages: user('Hi') }, 404],
	])('%s -> %i', async (_name, body, status) => {
		const { body: error } = await chat(body, status);
		expectSchema('ErrorResponse', error);
	});

	it('401 without a key, 429 without quota', async () => {
		await chat({ model: 'gpt-4o-mini', messages: user('Hi') }, 401, null);
		await chat({ model: 'gpt-4o-mini', messages: user('Hi') }, 429, FAKE_KEYS.noQuota);
	});

	it('429 from the TPM limit matches #/components/responses/TooManyRequests', async () => {
		fake.setRateLimit({ tpm: 100 });
		const result = await chat({ model: 'gpt-4o-mini', messages: user('x'.repeat(800)) }, 429);
		expect(validateResponse('POST', '/chat/completions', 429, result.body).schemaPointer).toBe(
			'#/components/responses/TooManyRequests/content/application~1json/schema',
		);
	});

	it('stream chunks match CreateChatCompletionStreamResponse', async () => {
		const result = await chat({ model: 'gpt-4o-mini', messages: user('Hello stream'), stream: true, stream_options: { include_usage: true }, n: 2 });
		const chunks = sseData(result.text);
		expect(chunks.length).toBeGreaterThan(4);
		for (const chunk of chunks) expectChatChunk(chunk);
		const tools = await chat({ model: 'gpt-4o-mini', messages: user('use get_weather'), tools: [WEATHER_TOOL], stream: true });
		for (const chunk of sseData(tools.text)) expectChatChunk(chunk);
	});
});

describe('POST /embeddings', () => {
	const embed = (body: unknown, status = 200) => exchange('/embeddings', { path: '/embeddings', body, status });

	it.each<[string, unknown]>([
		['one string', { model: 'text-embedding-3-small', input: 'hello' }],
		['strings with dimensions', { model: 'text-embedding-3-large', input: ['a', 'b'], dimensions: 8 }],
		['token arrays', { model: 'text-embedding-ada-002', input: [[1, 2, 3], [4]], encoding_format: 'float' }],
	])('200 %s', async (_name, body) => {
		await embed(body);
	});

	it('200 base64: the spec types `embedding` as an array, the live API (and the SDK) send a string', async () => {
		const raw = await call<{ data: Array<{ embedding: string }> }>(fake.url, '/embeddings', {
			key: FAKE_KEYS.project,
			body: { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'base64', dimensions: 4 },
		});
		expect(raw.status).toBe(200);
		expect(validateResponse('POST', '/embeddings', 200, raw.body).errors.join('\n')).toContain('/data/0/embedding must be array');
		const decoded = {
			...raw.body,
			data: raw.body.data.map((item) => {
				const bytes = Buffer.from(item.embedding, 'base64');
				return { ...item, embedding: Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4)) };
			}),
		};
		expectMatchesSpec('POST', '/embeddings', 200, decoded);
	});

	it.each<[string, unknown, number]>([
		['missing input', { model: 'text-embedding-3-small' }, 400],
		['empty string', { model: 'text-embedding-3-small', input: '' }, 400],
		['too many inputs', { model: 'text-embedding-3-small', input: Array.from({ length: 2049 }, () => 'x') }, 400],
		['dimensions on ada', { model: 'text-embedding-ada-002', input: 'x', dimensions: 8 }, 400],
		['bad encoding', { model: 'text-embedding-3-small', input: 'x', encoding_format: 'int8' }, 400],
		['over 300k tokens', { model: 'text-embedding-3-small', input: Array.from({ length: 40 }, () => 'x'.repeat(32_000)) }, 400],
		['a chat model', { model: 'gpt-4o', input: 'x' }, 403],
		['unknown model', { model: 'text-embedding-4', input: 'x' }, 404],
	])('%s -> %i', async (_name, body, status) => {
		await embed(body, status);
	});
});

describe('POST /moderations', () => {
	const moderate = (body: unknown, status = 200) => exchange('/moderations', { path: '/moderations', body, status });

	it.each<[string, unknown]>([
		['a string', { input: 'I will kill the bugs' }],
		['strings', { input: ['hello', 'I hate mondays'], model: 'omni-moderation-2024-09-26' }],
		['multimodal parts', { input: [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: 'https://example.com/violent.png' } }] }],
	])('200 %s', async (_name, body) => {
		await moderate(body);
	});

	it.each<[string, unknown, number]>([
		['missing input', {}, 400],
		['a number', { input: 3 }, 400],
		['a chat model', { input: 'x', model: 'gpt-4o' }, 400],
		['unknown model', { input: 'x', model: 'text-moderation-9' }, 404],
	])('%s -> %i', async (_name, body, status) => {
		await moderate(body, status);
	});
});

describe('POST /completions', () => {
	const complete = (body: unknown, status = 200) => exchange('/completions', { path: '/completions', body, status });

	it.each<[string, unknown]>([
		['default max_tokens', { model: 'gpt-3.5-turbo-instruct', prompt: 'Once upon a time there was a very long story to tell' }],
		['echo, logprobs, n, prompts', { model: 'davinci-002', prompt: ['Say hi', 'Say bye'], n: 2, echo: true, logprobs: 3, max_tokens: 50 }],
		['suffix, stop, tokens', { model: 'babbage-002', prompt: [1, 2, 3], suffix: 'end', stop: '[', max_tokens: 40 }],
	])('200 %s', async (_name, body) => {
		await complete(body);
	});

	it('stream chunks match CreateCompletionResponse (which only knows the final finish_reason)', async () => {
		const result = await complete({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hi', stream: true, stream_options: { include_usage: true } });
		const chunks = sseData(result.text) as Array<{ choices: Array<{ finish_reason: string | null }> }>;
		expect(chunks.length).toBeGreaterThan(2);
		for (const chunk of chunks) {
			// the live stream sends finish_reason null until a choice's last chunk; the spec has no stream schema
			expectSchema('CreateCompletionResponse', { ...chunk, choices: chunk.choices.map((choice) => ({ ...choice, finish_reason: choice.finish_reason ?? 'stop' })) });
		}
	});

	it.each<[string, unknown, number]>([
		['missing prompt', { model: 'gpt-3.5-turbo-instruct' }, 400],
		['logprobs above 5', { model: 'gpt-3.5-turbo-instruct', prompt: 'x', logprobs: 6 }, 400],
		['context exceeded', { model: 'gpt-3.5-turbo-instruct', prompt: 'x'.repeat(20_000) }, 400],
		['a chat model', { model: 'gpt-4o-mini', prompt: 'x' }, 404],
	])('%s -> %i', async (_name, body, status) => {
		await complete(body, status);
	});
});

describe('/responses', () => {
	const create = (body: unknown, status = 200) => exchange('/responses', { path: '/responses', body, status });

	it.each<[string, unknown]>([
		['text input', { model: 'gpt-4o-mini', input: 'Hello', instructions: 'Be brief', metadata: { run: '1' } }],
		['messages with an image', { model: 'gpt-4.1', input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is it?' }, { type: 'input_image', image_url: IMAGE }] }] }],
		['web and file search with results', { model: 'gpt-4o', input: 'latest news', tools: [{ type: 'web_search_preview' }, { type: 'file_search', vector_store_ids: ['vs_1', 'vs_2'] }], include: ['file_search_call.results', 'web_search_call.action.sources'] }],
		['function call', { model: 'gpt-4o-mini', input: 'call get_weather', tools: [{ type: 'function', name: 'get_weather', parameters: WEATHER_TOOL.function.parameters }] }],
		['reasoning with summary', { model: 'o4-mini', input: 'Think hard', reasoning: { effort: 'low', summary: 'auto' }, include: ['reasoning.encrypted_content'], store: false }],
		['json_schema', { model: 'gpt-4o-mini', input: 'A person', text: { format: { type: 'json_schema', name: 'person', schema: PERSON_SCHEMA, strict: true } } }],
		['incomplete (max_output_tokens)', { model: 'gpt-5', input: 'Hi', max_output_tokens: 16 }],
		['logprobs', { model: 'gpt-4o-mini', input: 'Hi', include: ['message.output_text.logprobs'], top_logprobs: 2 }],
	])('200 %s', async (_name, body) => {
		await create(body);
	});

	it.each<[string, unknown, number]>([
		['missing model', { input: 'x' }, 400],
		['empty input', { model: 'gpt-4o-mini', input: '' }, 400],
		['unknown previous response', { model: 'gpt-4o-mini', input: 'x', previous_response_id: 'resp_nope' }, 400],
		['too much metadata', { model: 'gpt-4o-mini', input: 'x', metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }, 400],
		['bad schema', { model: 'gpt-4o-mini', input: 'x', text: { format: { type: 'json_schema', name: 'x', schema: { type: 'object', properties: { a: { type: 'string' } } }, strict: true } } }, 400],
		['max_output_tokens below 16', { model: 'gpt-4o-mini', input: 'x', max_output_tokens: 5 }, 400],
		['unknown model', { model: 'gpt-nope', input: 'x' }, 404],
	])('%s -> %i', async (_name, body, status) => {
		await create(body, status);
	});

	it('GET 200/404, input_items 200, DELETE 200/404 (live shapes where the spec has none)', async () => {
		const created = (await create({ model: 'gpt-4o-mini', input: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Again' }] })).body as { id: string };
		await exchange('/responses/{response_id}', { method: 'GET', path: `/responses/${created.id}`, status: 200 });
		await exchange('/responses/{response_id}/input_items', { method: 'GET', path: `/responses/${created.id}/input_items?order=asc&limit=2`, status: 200 });
		await exchange('/responses/{response_id}', { method: 'GET', path: '/responses/resp_nope', status: 404 });

		// The spec declares DELETE 200 without a body and its 404 as a bare `Error`; the live API sends
		// { id, object, deleted } and the usual { error: {...} } envelope.
		const deleted = await call(fake.url, `/responses/${created.id}`, { method: 'DELETE', key: FAKE_KEYS.project });
		expect(deleted).toMatchObject({ status: 200, body: { id: created.id, object: 'response', deleted: true } });
		const missing = await call(fake.url, `/responses/${created.id}`, { method: 'DELETE', key: FAKE_KEYS.project });
		expect(missing.status).toBe(404);
		expectSchema('ErrorResponse', missing.body);
		expect(validateResponse('DELETE', '/responses/{response_id}', 404, missing.body).valid).toBe(false);
	});

	it('stream events match ResponseStreamEvent', async () => {
		const result = await create({ model: 'o3', input: 'Hello stream', stream: true, tools: [{ type: 'web_search' }] });
		const events = sseData(result.text) as Array<{ type: string }>;
		expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['response.created', 'response.output_text.delta', 'response.completed']));
		for (const event of events) expectSchema('ResponseStreamEvent', event);
	});
});

describe('the validator catches wrong text shapes', () => {
	const completion = {
		id: 'chatcmpl-1',
		object: 'chat.completion',
		created: 1,
		model: 'gpt-4o-mini',
		choices: [{ index: 0, message: { role: 'assistant', content: 'x', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
	const embedding = { object: 'list', model: 'm', data: [{ object: 'embedding', index: 0, embedding: [0.1] }], usage: { prompt_tokens: 1, total_tokens: 1 } };
	const response = {
		id: 'resp_1', object: 'response', created_at: 1, status: 'completed', error: null, incomplete_details: null, instructions: null,
		model: 'gpt-4o-mini', tools: [], tool_choice: 'auto', parallel_tool_calls: true, metadata: {}, temperature: 1, top_p: 1,
		output: [{ id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'x', annotations: [], logprobs: [] }] }],
		usage: { input_tokens: 1, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 }, output_tokens: 1, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 2 },
	};
	const mutate = <T>(value: T, change: (copy: T) => void): T => {
		const copy = JSON.parse(JSON.stringify(value)) as T;
		change(copy);
		return copy;
	};

	it('accepts the valid baselines', () => {
		expect(validateResponse('POST', '/chat/completions', 200, completion).valid).toBe(true);
		expect(validateResponse('POST', '/embeddings', 200, embedding).valid).toBe(true);
		expect(validateResponse('POST', '/responses', 200, response).valid).toBe(true);
	});

	it.each<[string, string, unknown, string]>([
		['a chat message without refusal', '/chat/completions', mutate(completion, (c) => delete (c.choices[0].message as Partial<typeof c.choices[0]['message']>).refusal), 'refusal'],
		['a chat choice with finish_reason "done"', '/chat/completions', mutate(completion, (c) => (c.choices[0].finish_reason = 'done')), 'finish_reason'],
		['usage without total_tokens', '/chat/completions', mutate(completion, (c) => delete (c.usage as Partial<typeof c.usage>).total_tokens), 'total_tokens'],
		['an embedding list with object "embeddings"', '/embeddings', mutate(embedding, (e) => (e.data[0].object = 'embeddings')), 'object'],
		['embeddings without usage', '/embeddings', mutate(embedding, (e) => delete (e as Partial<typeof e>).usage), 'usage'],
		['a response without tools', '/responses', mutate(response, (r) => delete (r as Partial<typeof r>).tools), 'tools'],
		['output_text without logprobs', '/responses', mutate(response, (r) => delete (r.output[0].content[0] as Partial<typeof r.output[0]['content'][0]>).logprobs), 'logprobs'],
		['usage without input_tokens_details', '/responses', mutate(response, (r) => delete (r.usage as Partial<typeof r.usage>).input_tokens_details), 'input_tokens_details'],
	])('rejects %s', (_name, template, body, mention) => {
		const check = validateResponse('POST', template, 200, body);
		expect(check.valid).toBe(false);
		expect(check.errors.join('\n')).toContain(mention);
	});

	it('rejects a moderation result without illicit and a completion choice without logprobs', () => {
		const result = {
			flagged: false,
			categories: {},
			category_scores: {},
			category_applied_input_types: {},
		};
		expect(validateResponse('POST', '/moderations', 200, { id: 'modr-1', model: 'm', results: [result] }).errors.join('\n')).toContain('illicit');
		const choice = { text: 'x', index: 0, finish_reason: 'stop' };
		const check = validateResponse('POST', '/completions', 200, { id: 'cmpl-1', object: 'text_completion', created: 1, model: 'm', choices: [choice] });
		expect(check.errors.join('\n')).toContain('logprobs');
	});
});

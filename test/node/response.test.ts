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
const createCalls = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
const bodyOf = (index = 0) => createCalls()[index].body as IDataObject;

const PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const model = (value = 'gpt-4o-mini') => ({ __rl: true, mode: 'list', value });

function node(operation: string, parameters: IDataObject, spec: Partial<NodeSpec> = {}): NodeSpec {
	const defaults: IDataObject =
		operation === 'create' ? { modelId: model(), inputType: 'text', input: '={{ $json.text }}' } : { responseId: '={{ $json.id }}' };
	return { ...spec, parameters: { resource: 'response', operation, ...defaults, ...parameters } };
}

async function run(items: IDataObject[], operation: string, parameters: IDataObject = {}, spec: Partial<NodeSpec> = {}) {
	return await runWorkflow(workflow({ items, nodes: [node(operation, parameters, spec)] }), { credentials: credentials() });
}

const usageShape = {
	input_tokens: expect.any(Number),
	output_tokens: expect.any(Number),
	total_tokens: expect.any(Number),
	cached_tokens: expect.any(Number),
	reasoning_tokens: expect.any(Number),
};

describe('Response → Create', () => {
	it('sends a text input and returns the simplified answer with usage', async () => {
		const result = await run([{ text: 'Write a haiku about databases' }], 'create', { instructions: 'Be poetic' });
		expect(result.status).toBe('success');
		expect(bodyOf()).toEqual({ model: 'gpt-4o-mini', input: 'Write a haiku about databases', instructions: 'Be poetic' });
		const [item] = result.output('OpenAI');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			output_text: expect.stringMatching(/^Echo: Write a haiku about databases/),
			id: expect.stringMatching(/^resp_/),
			status: 'completed',
			model: expect.stringMatching(/^gpt-4o-mini/),
			usage: usageShape,
		});
		const usage = item.json.usage as IDataObject;
		expect(usage.input_tokens).toBeGreaterThan(0);
		expect(usage.total_tokens).toBe((usage.input_tokens as number) + (usage.output_tokens as number));
	});

	it('sends messages with input_text and input_image parts (URL and binary)', async () => {
		const result = await run(
			[{ text: 'Describe the picture', $binary: { photo: { base64: PNG_BASE64, fileName: 'p.png', mimeType: 'image/png' } } }],
			'create',
			{
				modelId: model('gpt-4o'),
				inputType: 'messages',
				messages: {
					values: [
						{ role: 'developer', content: 'Answer briefly' },
						{ role: 'user', content: '={{ $json.text }}', imageUrls: 'https://example.com/a.png', imageBinaryProperties: 'photo', imageDetail: 'high' },
					],
				},
			},
		);
		expect(result.status).toBe('success');
		expect(bodyOf().input).toEqual([
			{ role: 'developer', content: 'Answer briefly' },
			{
				role: 'user',
				content: [
					{ type: 'input_text', text: 'Describe the picture' },
					{ type: 'input_image', image_url: 'https://example.com/a.png', detail: 'high' },
					{ type: 'input_image', image_url: `data:image/png;base64,${PNG_BASE64}`, detail: 'high' },
				],
			},
		]);
		expect(result.output('OpenAI')[0].json.output_text).toMatch(/^Echo: Describe the picture/);
	});

	it('maps the options to their request fields', async () => {
		const result = await run([{ text: 'Hello' }], 'create', {
			options: {
				maxOutputTokens: 300,
				temperature: 0.2,
				topP: 0.8,
				store: false,
				metadata: { values: [{ key: 'ticket', value: 'T-1042' }, { key: 'team', value: 'support' }] },
			},
		});
		expect(result.status).toBe('success');
		expect(bodyOf()).toEqual({
			model: 'gpt-4o-mini',
			input: 'Hello',
			max_output_tokens: 300,
			temperature: 0.2,
			top_p: 0.8,
			store: false,
			metadata: { ticket: 'T-1042', team: 'support' },
		});
	});

	it('sends reasoning effort and summary to a reasoning model and returns its reasoning tokens', async () => {
		const result = await run([{ text: 'Think hard' }], 'create', {
			modelId: model('o4-mini'),
			options: { reasoningEffort: 'low', reasoningSummary: 'detailed' },
		});
		expect(result.status).toBe('success');
		expect(bodyOf().reasoning).toEqual({ effort: 'low', summary: 'detailed' });
		const json = result.output('OpenAI')[0].json;
		expect((json.usage as IDataObject).reasoning_tokens).toBeGreaterThan(0);
		expect(json.reasoning_summary).toMatch(/Think hard/);
	});

	it('sends the web search and file search tools', async () => {
		const result = await run([{ text: 'What is new in Paris?' }], 'create', {
			builtInTools: {
				webSearch: true,
				webSearchContextSize: 'high',
				fileSearchVectorStoreIds: 'vs_abc, vs_def',
				fileSearchMaxResults: 5,
			},
		});
		expect(result.status).toBe('success');
		expect(bodyOf().tools).toEqual([
			{ type: 'web_search', search_context_size: 'high' },
			{ type: 'file_search', vector_store_ids: ['vs_abc', 'vs_def'], max_num_results: 5 },
		]);
		const json = result.output('OpenAI')[0].json;
		expect((json.tool_calls as IDataObject[]).map((call) => call.type)).toEqual(['web_search_call', 'file_search_call']);
		expect((json.tool_calls as IDataObject[]).every((call) => call.status === 'completed')).toBe(true);
		expect((json.annotations as IDataObject[]).map((a) => a.type).sort()).toEqual(['file_citation', 'url_citation']);
		expect(json.annotations).toEqual(
			expect.arrayContaining([expect.objectContaining({ type: 'url_citation', url: expect.stringMatching(/^https:\/\//) })]),
		);
		expect(json.output_text).toEqual(expect.any(String));
	});

	it('JSON schema: sends text.format and parses the answer', async () => {
		const schema = {
			type: 'object',
			properties: { city: { type: 'string' }, population: { type: 'integer' } },
			required: ['city', 'population'],
			additionalProperties: false,
		};
		const result = await run([{ text: 'Biggest city?' }], 'create', {
			responseFormat: 'json_schema',
			jsonSchemaName: 'city',
			jsonSchema: JSON.stringify(schema),
		});
		expect(result.status).toBe('success');
		expect(bodyOf().text).toEqual({ format: { type: 'json_schema', name: 'city', schema, strict: true } });
		const json = result.output('OpenAI')[0].json;
		expect(json.parsed).toEqual(JSON.parse(json.output_text as string));
		expect(json.parsed).toEqual({ city: expect.any(String), population: expect.any(Number) });
	});

	it('continues a stored conversation with Previous Response ID', async () => {
		const first = await run([{ text: 'My name is Ada' }], 'create');
		const id = first.output('OpenAI')[0].json.id as string;
		const second = await run([{ text: 'What is my name?', previous: id }], 'create', {
			options: { previousResponseId: '={{ $json.previous }}' },
		});
		expect(second.status).toBe('success');
		expect(bodyOf(1).previous_response_id).toBe(id);
		expect(second.output('OpenAI')[0].json.output_text).toMatch(/^Echo: What is my name\? \(turn 2\)/);
	});

	it('Simplify off returns the response as OpenAI sent it, with its own usage', async () => {
		const result = await run([{ text: 'Hello' }], 'create', { simplify: false });
		const json = result.output('OpenAI')[0].json;
		expect(json).toEqual(
			expect.objectContaining({ id: expect.stringMatching(/^resp_/), object: 'response', status: 'completed', output: expect.any(Array) }),
		);
		expect(json.usage).toEqual(
			expect.objectContaining({
				input_tokens: expect.any(Number),
				output_tokens: expect.any(Number),
				total_tokens: expect.any(Number),
				input_tokens_details: expect.objectContaining({ cached_tokens: expect.any(Number) }),
				output_tokens_details: expect.objectContaining({ reasoning_tokens: expect.any(Number) }),
			}),
		);
	});

	it('keeps input order with concurrency > 1 and latency; Continue On Fail keeps positions', async () => {
		fake.setLatency({ min: 10, max: 50 });
		const texts = ['zero', 'one', '', 'three', 'four', 'five'];
		const result = await run(texts.map((text) => ({ text })), 'create', { requestOptions: { concurrency: 3 } }, { onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		const items = result.output('OpenAI');
		expect(items.map((i) => i.pairedItem)).toEqual(texts.map((_, item) => ({ item })));
		expect(items[2].json.error).toBe('The "Input" parameter is empty [item 2]');
		for (const index of [0, 1, 3, 4, 5]) {
			expect(items[index].json.output_text).toMatch(new RegExp(`^Echo: ${texts[index]}`));
		}
		expect(createCalls()).toHaveLength(5);
	});
});

describe('Response → Get and Delete', () => {
	it('gets a stored response, deletes it, and then it is gone', async () => {
		const created = await run([{ text: 'Remember this' }], 'create');
		const id = created.output('OpenAI')[0].json.id as string;

		const got = await run([{ id }], 'get');
		expect(got.status).toBe('success');
		expect(got.output('OpenAI')[0].json).toEqual(
			expect.objectContaining({ id, status: 'completed', output_text: created.output('OpenAI')[0].json.output_text, usage: usageShape }),
		);
		expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/responses/${id}` });

		const full = await run([{ id }], 'get', { simplify: false });
		expect(full.output('OpenAI')[0].json).toEqual(expect.objectContaining({ id, object: 'response' }));

		const deleted = await run([{ id }], 'delete');
		expect(deleted.status).toBe('success');
		expect(deleted.output('OpenAI')[0].json).toEqual({ id, object: 'response', deleted: true });
		expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/responses/${id}` });

		const gone = await run([{ id }], 'get');
		expect(gone.status).toBe('error');
		expect((gone.nodeError('OpenAI') as { httpCode?: string }).httpCode).toBe('404');
	});

	it('a response created with Store off cannot be fetched', async () => {
		const created = await run([{ text: 'Ephemeral' }], 'create', { options: { store: false } });
		expect(bodyOf().store).toBe(false);
		const id = created.output('OpenAI')[0].json.id as string;
		const got = await run([{ id }], 'get');
		expect(got.status).toBe('error');
		expect((got.nodeError('OpenAI') as { httpCode?: string }).httpCode).toBe('404');
	});

	it('parses the JSON of a stored JSON response on Get', async () => {
		const created = await run([{ text: 'Reply in json' }], 'create', { responseFormat: 'json_object' });
		const id = created.output('OpenAI')[0].json.id as string;
		const got = await run([{ id }], 'get');
		expect(got.output('OpenAI')[0].json.parsed).toEqual(created.output('OpenAI')[0].json.parsed);
		expect(typeof got.output('OpenAI')[0].json.parsed).toBe('object');
	});
});

describe('Response: bad input', () => {
	const seventeen = Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
	const cases: Array<[string, string, IDataObject, IDataObject, string | RegExp]> = [
		['an empty input', 'create', { text: '  ' }, {}, 'The "Input" parameter is empty [item 0]'],
		['no messages', 'create', {}, { inputType: 'messages', messages: { values: [] } }, 'The "Messages" parameter is empty [item 0]'],
		[
			'more than 16 metadata entries',
			'create',
			{ text: 'x' },
			{ options: { metadata: { values: seventeen } } },
			'The "Metadata" option has 17 entries; OpenAI accepts at most 16 [item 0]',
		],
		[
			'a repeated metadata key',
			'create',
			{ text: 'x' },
			{ options: { metadata: { values: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] } } },
			'The "Metadata" option repeats the key "a" [item 0]',
		],
		[
			'a metadata value over 512 characters',
			'create',
			{ text: 'x' },
			{ options: { metadata: { values: [{ key: 'a', value: 'v'.repeat(513) }] } } },
			'The "Metadata" value of "a" is longer than 512 characters [item 0]',
		],
		[
			'a web search context size without web search',
			'create',
			{ text: 'x' },
			{ builtInTools: { webSearchContextSize: 'low' } },
			'The "Web Search Context Size" option needs the "Web Search" option on [item 0]',
		],
		[
			'file search without vector stores',
			'create',
			{ text: 'x' },
			{ builtInTools: { fileSearchMaxResults: 3 } },
			'The "File Search Vector Stores" and "File Search Vector Store IDs" options are empty [item 0]',
		],
		['max output tokens below 16', 'create', { text: 'x' }, { options: { maxOutputTokens: 8 } }, 'The "Max Output Tokens" option must be at least 16, not 8 [item 0]'],
		['a temperature above 2', 'create', { text: 'x' }, { options: { temperature: 2.5 } }, 'The "Temperature" option must be between 0 and 2, not 2.5 [item 0]'],
		[
			'invalid JSON in the schema',
			'create',
			{ text: 'x' },
			{ responseFormat: 'json_schema', jsonSchema: '{"type": "object" "properties": {}}' },
			/^The "JSON Schema" parameter is not valid JSON: .*line 1, column 19 \[item 0\]$/,
		],
		[
			'a schema that is not an object schema',
			'create',
			{ text: 'x' },
			{ responseFormat: 'json_schema', jsonSchema: '{"type": "string"}' },
			'The "JSON Schema" parameter is not an object schema: its top level has "type": "string" [item 0]',
		],
		['an empty response ID (get)', 'get', { id: '' }, {}, 'The "Response ID" parameter is empty [item 0]'],
		['an empty response ID (delete)', 'delete', { id: ' ' }, {}, 'The "Response ID" parameter is empty [item 0]'],
	];

	it.each(cases)('%s: a NodeOperationError naming the parameter and item, no request', async (_name, operation, item, parameters, message) => {
		const result = await run([item], operation, parameters);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { message: string; description?: string; context?: { itemIndex?: number } };
		if (typeof message === 'string') expect(error.message).toBe(message);
		else expect(error.message).toMatch(message);
		expect(error.description).toBeTruthy();
		expect(error.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});
});

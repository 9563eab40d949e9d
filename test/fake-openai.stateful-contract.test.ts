import { expectMatchesSpec, loadOpenApiSpec, validateResponse, validateSchema } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { backgroundSettings } from './fake-openai/areas/text/responseStore';
import { call } from './fake-openai/testClient';

/**
 * Every response of the stateful text areas — conversations and their items, background responses
 * and cancel, input token counts, compaction, the hosted tools (code interpreter, image generation,
 * remote MCP), prompt templates, stored chat completions and their messages — success and error,
 * must match OpenAI's official spec for its operation and status. Where the spec itself is wrong
 * about the live API, the test says so and checks the live shape instead.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

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

type Method = 'GET' | 'POST' | 'DELETE';

/* eslint-disable @typescript-eslint/no-explicit-any -- bodies are checked against the spec, read loosely here */
/** Calls the fake; checks the status, content type, request id and the body against the spec. */
async function exchange(template: string, path: string, status: number, options: { method?: Method; body?: unknown } = {}) {
	const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
	const result = await call<any>(fake.url, path, { method, body: options.body, key: FAKE_KEYS.project });
	expect({ status: result.status, body: result.body }).toMatchObject({ status });
	expect(result.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
	expect(result.headers.get('content-type')).toBe('application/json');
	expectMatchesSpec(method, template, status, result.body);
	return result.body;
}

function expectSchema(name: string, value: unknown): void {
	const check = validateSchema(name, value);
	if (!check.valid) throw new Error(`${name}: ${check.errors.join('\n')}\n${JSON.stringify(value).slice(0, 1500)}`);
}

const MESSAGES = [
	{ role: 'user', content: 'My printer is offline' },
	{ type: 'message', role: 'assistant', content: 'Is it plugged in?' },
	{ role: 'user', content: [{ type: 'input_text', text: 'Yes, and here is a photo' }, { type: 'input_image', image_url: 'https://example.com/printer.png' }] },
];

describe('/conversations', () => {
	it('create, get, update, delete (200) and their 4xx', async () => {
		const created = await exchange('/conversations', '/conversations', 200, { body: { metadata: { ticket: 'T-1' }, items: MESSAGES } });
		expect(created).toMatchObject({ object: 'conversation', metadata: { ticket: 'T-1' } });
		await exchange('/conversations', '/conversations', 200, { body: {} });
		await exchange('/conversations/{conversation_id}', `/conversations/${created.id}`, 200);
		await exchange('/conversations/{conversation_id}', `/conversations/${created.id}`, 200, { body: { metadata: { ticket: 'T-2' } } });
		await exchange('/conversations/{conversation_id}', `/conversations/${created.id}`, 200, { method: 'DELETE' });
		await exchange('/conversations/{conversation_id}', `/conversations/${created.id}`, 404);
		await exchange('/conversations', '/conversations', 400, { body: { items: Array.from({ length: 21 }, () => MESSAGES[0]) } });
		await exchange('/conversations', '/conversations', 400, { body: { metadata: { note: 'x'.repeat(513) } } });
		await exchange('/conversations/{conversation_id}', '/conversations/conv_nope', 400, { body: {} });
	});

	it('items: add, list (pages, order, include), get, delete (200) and their 4xx', async () => {
		const conversation = await exchange('/conversations', '/conversations', 200, { body: { items: MESSAGES.slice(0, 1) } });
		const items = `/conversations/${conversation.id}/items`;
		const added = await exchange('/conversations/{conversation_id}/items', items, 200, { body: { items: MESSAGES.slice(1) } });
		expect(added.data).toHaveLength(2);
		await exchange('/conversations/{conversation_id}/items', `${items}?limit=2&order=asc&include[]=message.input_image.image_url`, 200);
		const page = await exchange('/conversations/{conversation_id}/items', `${items}?limit=1`, 200);
		expect(page.has_more).toBe(true);
		await exchange('/conversations/{conversation_id}/items/{item_id}', `${items}/${page.data[0].id}`, 200);
		await exchange('/conversations/{conversation_id}/items/{item_id}', `${items}/${page.data[0].id}`, 200, { method: 'DELETE' });
		await exchange('/conversations/{conversation_id}/items/{item_id}', `${items}/${page.data[0].id}`, 404);
		await exchange('/conversations/{conversation_id}/items', `${items}?order=sideways`, 400);
		await exchange('/conversations/{conversation_id}/items', items, 400, { body: { items: [{ role: 'wizard', content: 'x' }] } });
	});

	it('a response in a conversation, whose items (tool calls included) list as conversation items', async () => {
		const conversation = await exchange('/conversations', '/conversations', 200, { body: {} });
		const tools = [
			{ type: 'web_search' },
			{ type: 'code_interpreter', container: { type: 'auto' } },
			{ type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com/sse', require_approval: 'never' },
		];
		await exchange('/responses', '/responses', 200, { body: { model: 'gpt-4o-mini', input: 'How do I reset it?', conversation: conversation.id, tools } });
		const listed = await exchange('/conversations/{conversation_id}/items', `/conversations/${conversation.id}/items?order=asc`, 200);
		expect(listed.data.map((item: { type: string }) => item.type)).toEqual(['message', 'web_search_call', 'code_interpreter_call', 'mcp_list_tools', 'mcp_call', 'message']);
	});
});

describe('/responses: background, cancel, input tokens, compact, hosted tools, prompts', () => {
	it('a background response is queued, in progress, completed (GET 200 in every state)', async () => {
		const created = await exchange('/responses', '/responses', 200, { body: { model: 'gpt-4o-mini', input: 'Slow question', background: true } });
		expect(created).toMatchObject({ status: 'queued', background: true, output: [] });
		fake.clock.advance(1_500);
		expect(await exchange('/responses/{response_id}', `/responses/${created.id}`, 200)).toMatchObject({ status: 'in_progress' });
		fake.clock.advance(2_000);
		expect(await exchange('/responses/{response_id}', `/responses/${created.id}`, 200)).toMatchObject({ status: 'completed' });
	});

	it('cancel: 200 for a queued background response; the spec declares the errors as a bare Error, the live API sends the envelope', async () => {
		Object.assign(backgroundSettings(fake), { queuedSeconds: 60 });
		const created = await exchange('/responses', '/responses', 200, { body: { model: 'gpt-4o-mini', input: 'Slow', background: true } });
		expect(await exchange('/responses/{response_id}/cancel', `/responses/${created.id}/cancel`, 200, { body: {} })).toMatchObject({ status: 'cancelled' });
		for (const [path, status] of [['/responses/resp_nope/cancel', 404], [`/responses/${(await exchange('/responses', '/responses', 200, { body: { model: 'gpt-4o-mini', input: 'x' } })).id}/cancel`, 400]] as const) {
			const answer = await call(fake.url, path, { method: 'POST', body: {}, key: FAKE_KEYS.project });
			expect(answer.status).toBe(status);
			expectSchema('ErrorResponse', answer.body);
		}
	});

	it('conversation with previous_response_id -> 400', async () => {
		const conversation = await exchange('/conversations', '/conversations', 200, { body: {} });
		const previous = await exchange('/responses', '/responses', 200, { body: { model: 'gpt-4o-mini', input: 'x' } });
		await exchange('/responses', '/responses', 400, { body: { model: 'gpt-4o-mini', input: 'x', conversation: conversation.id, previous_response_id: previous.id } });
	});

	it('input_tokens 200 and 4xx', async () => {
		const counted = await exchange('/responses/input_tokens', '/responses/input_tokens', 200, { body: { model: 'gpt-4o-mini', input: MESSAGES, instructions: 'Be brief', tools: [{ type: 'web_search' }] } });
		expect(counted).toEqual({ object: 'response.input_tokens', input_tokens: expect.any(Number) });
		await exchange('/responses/input_tokens', '/responses/input_tokens', 400, { body: { model: 'gpt-4o-mini', input: 'x', store: true } });
		await exchange('/responses/input_tokens', '/responses/input_tokens', 404, { body: { model: 'gpt-nope', input: 'x' } });
	});

	it('compact 200 and 4xx', async () => {
		const first = await exchange('/responses', '/responses', 200, { body: { model: 'gpt-4o-mini', input: 'Remember the launch checklist' } });
		const compacted = await exchange('/responses/compact', '/responses/compact', 200, { body: { model: 'gpt-4o-mini', previous_response_id: first.id, input: 'And the owners' } });
		expect(compacted.output.map((item: { type: string }) => item.type)).toEqual(['message', 'message', 'compaction']);
		await exchange('/responses/compact', '/responses/compact', 400, { body: { model: 'gpt-4o-mini' } });
		await exchange('/responses/compact', '/responses/compact', 400, { body: { input: 'x' } });
	});

	it.each<[string, Record<string, unknown>]>([
		['code interpreter with outputs', { tools: [{ type: 'code_interpreter', container: { type: 'auto', memory_limit: '4g' } }], include: ['code_interpreter_call.outputs'] }],
		['image generation', { tools: [{ type: 'image_generation', size: '1024x1536', quality: 'low', output_format: 'webp' }] }],
		['an MCP approval request', { tools: [{ type: 'mcp', server_label: 'crm', server_url: 'https://mcp.example.com', allowed_tools: ['lookup'] }] }],
		['max_tool_calls, truncation, parallel_tool_calls', { tools: [{ type: 'web_search' }, { type: 'code_interpreter', container: 'cntr_abc' }], max_tool_calls: 1, truncation: 'auto', parallel_tool_calls: false }],
		['a prompt template', { prompt: { id: 'pmpt_support', version: '2', variables: { customer: 'Ada', photo: { type: 'input_image', image_url: 'https://example.com/a.png' } } }, input: undefined }],
	])('200 %s', async (_name, extra) => {
		await exchange('/responses', '/responses', 200, { body: { model: 'gpt-4o-mini', input: 'Plot the sales', ...extra } });
	});

	it.each<[string, number, Record<string, unknown>]>([
		['an unknown conversation', 404, { conversation: 'conv_nope' }],
		['an unknown prompt', 404, { prompt: { id: 'nope' } }],
		['background without store', 400, { background: true, store: false }],
		['an MCP server without a URL', 400, { tools: [{ type: 'mcp', server_label: 'crm' }] }],
		['an image size the tool does not know', 400, { tools: [{ type: 'image_generation', size: '10x10' }] }],
	])('%s -> %i', async (_name, status, extra) => {
		await exchange('/responses', '/responses', status, { body: { model: 'gpt-4o-mini', input: 'x', ...extra } });
	});
});

describe('stored chat completions', () => {
	const store = async (content: string, metadata?: Record<string, string>) =>
		(await call<any>(fake.url, '/chat/completions', {
			key: FAKE_KEYS.project,
			body: { model: 'gpt-4o-mini', store: true, metadata, messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content }] },
		})).body;

	it('list, get, update, delete (200) and their 4xx', async () => {
		const first = await store('One', { team: 'a' });
		await store('Two', { team: 'b' });
		const listed = await exchange('/chat/completions', '/chat/completions?limit=1&model=gpt-4o-mini&metadata[team]=a', 200);
		expect(listed.data.map((completion: { id: string }) => completion.id)).toEqual([first.id]);
		await exchange('/chat/completions/{completion_id}', `/chat/completions/${first.id}`, 200);
		expect(await exchange('/chat/completions/{completion_id}', `/chat/completions/${first.id}`, 200, { body: { metadata: { team: 'c' } } })).toMatchObject({ metadata: { team: 'c' } });
		await exchange('/chat/completions/{completion_id}', `/chat/completions/${first.id}`, 200, { method: 'DELETE' });
		await exchange('/chat/completions/{completion_id}', `/chat/completions/${first.id}`, 404);
		await exchange('/chat/completions', '/chat/completions?order=up', 400);
	});

	it('messages: the spec types every entry as an assistant message, the live API (and its own example) lists the request messages with their roles', async () => {
		const completion = await store('Hello there');
		const result = await call<any>(fake.url, `/chat/completions/${completion.id}/messages?limit=5`, { key: FAKE_KEYS.project });
		expect(result.status).toBe(200);
		expect(result.body).toEqual({
			object: 'list',
			data: [
				{ id: `${completion.id}-0`, role: 'system', content: 'Be brief', name: null, content_parts: null },
				{ id: `${completion.id}-1`, role: 'user', content: 'Hello there', name: null, content_parts: null },
			],
			first_id: `${completion.id}-0`,
			last_id: `${completion.id}-1`,
			has_more: false,
		});
		const check = validateResponse('GET', '/chat/completions/{completion_id}/messages', 200, result.body);
		expect(check.valid).toBe(false);
		expect(check.errors.every((error) => /\/data\/\d+(\/role| must have required property 'refusal')/.test(error))).toBe(true);
		// the same list with the entries in the spec's assistant form passes
		const asSpecified = { ...result.body, data: result.body.data.map((message: object) => ({ ...message, role: 'assistant', refusal: null })) };
		expectMatchesSpec('GET', '/chat/completions/{completion_id}/messages', 200, asSpecified);
		await exchange('/chat/completions/{completion_id}/messages', '/chat/completions/chatcmpl-nope/messages', 404);
	});
});

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { readImageInfo } from './fake-openai/areas/media/imageCodecs';
import { backgroundSettings } from './fake-openai/areas/text/responseStore';
import { call, type CallOptions } from './fake-openai/testClient';

/**
 * Behaviour of the stateful text areas of the fake: conversations and their items, responses in a
 * conversation, background responses over fake time and cancel, input token counts, compaction,
 * the hosted tools (code interpreter, image generation, remote MCP with approvals), max_tool_calls,
 * truncation, prompt templates and stored chat completions. Shapes are checked in
 * fake-openai.stateful-contract.test.ts.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const tokens = (text: string) => Math.ceil(text.length / 4);
const OTHER_KEY = 'sk-proj-other-project-key-0099';

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
const api = (path: string, options: CallOptions = {}) => call<any>(fake.url, path, { key: FAKE_KEYS.project, ...options });
const post = (path: string, body: unknown, options: CallOptions = {}) => api(path, { body, ...options });
const respond = async (body: Record<string, unknown>) => {
	const result = await post('/responses', { model: 'gpt-4o-mini', ...body });
	expect(result.status).toBe(200);
	return result.body;
};
const textOf = (response: any): string => response.output.find((item: any) => item.type === 'message')?.content[0].text ?? '';

describe('conversations', () => {
	it('a response in a conversation sees its items, is billed for them, and adds its input and output', async () => {
		const conversation = (await post('/conversations', { metadata: { ticket: 'T-7' }, items: [{ role: 'user', content: 'My name is Ada' }] })).body;
		expect(conversation).toEqual({ id: expect.stringMatching(/^conv_\w{48}$/), object: 'conversation', created_at: NOW / 1000, metadata: { ticket: 'T-7' } });
		const first = await respond({ input: 'What is my name?', conversation: conversation.id });
		expect(first.conversation).toEqual({ id: conversation.id });
		expect(textOf(first)).toMatch(/^Echo: What is my name\? \(turn 2\)/);
		expect(first.usage.input_tokens).toBe(3 + tokens('My name is Ada') + 3 + tokens('What is my name?'));
		const second = await respond({ input: [{ role: 'user', content: 'Thanks' }], conversation: { id: conversation.id } });
		expect(textOf(second)).toMatch(/\(turn 3\)/);
		expect(second.usage.input_tokens).toBe(first.usage.input_tokens + 3 + tokens(textOf(first)) + 3 + tokens('Thanks'));

		const items = (await api(`/conversations/${conversation.id}/items?order=asc`)).body;
		expect(items.data.map((item: any) => [item.role, item.content[0].text])).toEqual([
			['user', 'My name is Ada'],
			['user', 'What is my name?'],
			['assistant', textOf(first)],
			['user', 'Thanks'],
			['assistant', textOf(second)],
		]);
		expect(items.data[2].id).toBe(first.output[0].id);
	});

	it('items: added in order, listed newest first by default, paged with after, fetched and deleted; deleting one takes its turn out', async () => {
		const conversation = (await post('/conversations', {})).body;
		const added = (await post(`/conversations/${conversation.id}/items`, { items: ['one', 'two', 'three'].map((content) => ({ role: 'user', content })) })).body;
		expect(added).toMatchObject({ object: 'list', has_more: false, first_id: added.data[0].id, last_id: added.data[2].id });
		const newest = (await api(`/conversations/${conversation.id}/items?limit=2`)).body;
		expect(newest.data.map((item: any) => item.content[0].text)).toEqual(['three', 'two']);
		expect(newest.has_more).toBe(true);
		const rest = (await api(`/conversations/${conversation.id}/items?limit=2&after=${newest.last_id}`)).body;
		expect(rest.data.map((item: any) => item.content[0].text)).toEqual(['one']);
		expect(rest.has_more).toBe(false);
		expect((await api(`/conversations/${conversation.id}/items/${added.data[1].id}`)).body).toEqual(added.data[1]);
		const afterDelete = await api(`/conversations/${conversation.id}/items/${added.data[1].id}`, { method: 'DELETE' });
		expect(afterDelete.body).toEqual(conversation);
		const answer = await respond({ input: 'four', conversation: conversation.id });
		expect(textOf(answer)).toMatch(/\(turn 3\)/);
		expect((await api(`/conversations/${conversation.id}/items/${added.data[1].id}`)).status).toBe(404);
	});

	it('update replaces the metadata; delete removes the conversation; other projects see none of it', async () => {
		const conversation = (await post('/conversations', { metadata: { a: '1', b: '2' } })).body;
		expect((await post(`/conversations/${conversation.id}`, { metadata: { c: '3' } })).body.metadata).toEqual({ c: '3' });
		expect((await post(`/conversations/${conversation.id}`, {})).body.error).toMatchObject({ param: 'metadata', code: 'missing_required_parameter' });
		fake.keys.addApiKey(OTHER_KEY, { project: 'proj_other' });
		expect((await api(`/conversations/${conversation.id}`, { key: OTHER_KEY })).status).toBe(404);
		expect((await post('/responses', { model: 'gpt-4o-mini', input: 'x', conversation: conversation.id }, { key: OTHER_KEY })).status).toBe(404);
		expect((await api(`/conversations/${conversation.id}`, { method: 'DELETE' })).body).toEqual({ id: conversation.id, object: 'conversation.deleted', deleted: true });
		const gone = await api(`/conversations/${conversation.id}`);
		expect(gone.status).toBe(404);
		expect(gone.body.error.message).toBe(`Conversation with id '${conversation.id}' not found.`);
	});

	it('refuses more than 20 items per request and a conversation together with previous_response_id', async () => {
		const many = Array.from({ length: 21 }, () => ({ role: 'user', content: 'x' }));
		expect((await post('/conversations', { items: many })).body.error).toMatchObject({ param: 'items', code: 'array_above_max_length' });
		const conversation = (await post('/conversations', {})).body;
		const previous = await respond({ input: 'x' });
		const both = await post('/responses', { model: 'gpt-4o-mini', input: 'y', conversation: conversation.id, previous_response_id: previous.id });
		expect(both.status).toBe(400);
		expect(both.body.error.message).toMatch(/only providing one of: 'previous_response_id' or 'conversation'/);
	});
});

describe('background responses', () => {
	it('go queued → in_progress → completed as fake time passes, and give the same answer as a synchronous one', async () => {
		const created = await respond({ input: 'Slow question', background: true });
		expect(created).toMatchObject({ status: 'queued', background: true, output: [], completed_at: null });
		expect(created.usage).toBeUndefined();
		const status = async () => (await api(`/responses/${created.id}`)).body;
		expect((await status()).status).toBe('queued');
		fake.clock.advance(1_000);
		expect((await status()).status).toBe('in_progress');
		fake.clock.advance(2_000);
		const done = await status();
		expect(done).toMatchObject({ status: 'completed', background: true, completed_at: NOW / 1000 + 3 });
		const synchronous = await respond({ input: 'Slow question' });
		expect(textOf(done)).toBe(textOf(synchronous));
		expect(done.usage).toEqual(synchronous.usage);
	});

	it('speed scales the phases; cancel stops a running one (again: no change) but not a finished or synchronous one', async () => {
		Object.assign(backgroundSettings(fake), { speed: 10 });
		const running = await respond({ input: 'x', background: true });
		fake.clock.advance(150);
		expect((await api(`/responses/${running.id}`)).body.status).toBe('in_progress');
		const cancelled = await post(`/responses/${running.id}/cancel`, {});
		expect(cancelled.body).toMatchObject({ id: running.id, status: 'cancelled', output: [] });
		fake.clock.advance(10_000);
		expect((await api(`/responses/${running.id}`)).body.status).toBe('cancelled');
		expect((await post(`/responses/${running.id}/cancel`, {})).body.status).toBe('cancelled');

		const finished = await respond({ input: 'y', background: true });
		fake.clock.advance(300);
		const late = await post(`/responses/${finished.id}/cancel`, {});
		expect(late.status).toBe(400);
		expect(late.body.error.message).toBe("Cannot cancel a response with status 'completed'.");
		const synchronous = await respond({ input: 'z' });
		expect((await post(`/responses/${synchronous.id}/cancel`, {})).body.error.message).toBe('Cannot cancel a synchronous response.');
	});
});

describe('input token counts and compaction', () => {
	it('input_tokens is what the same request is billed as input (previous response, conversation, tools, instructions)', async () => {
		const tools = [{ type: 'web_search' }];
		const request = { input: [{ role: 'user', content: 'Count me please' }], instructions: 'Be brief', tools };
		const counted = (await post('/responses/input_tokens', { model: 'gpt-4o-mini', ...request })).body;
		expect(counted.input_tokens).toBe((await respond(request)).usage.input_tokens);

		const first = await respond({ input: 'A first turn' });
		const follow = { input: 'A second turn', previous_response_id: first.id };
		expect((await post('/responses/input_tokens', follow)).body.input_tokens).toBe((await respond(follow)).usage.input_tokens);

		const conversation = (await post('/conversations', { items: [{ role: 'user', content: 'Earlier words' }] })).body;
		const inConversation = { input: 'Now', conversation: conversation.id };
		const before = (await post('/responses/input_tokens', inConversation)).body.input_tokens;
		expect(before).toBe((await respond(inConversation)).usage.input_tokens);
		expect((await post('/responses/input_tokens', inConversation)).body.input_tokens).toBeGreaterThan(before);
	});

	it('compact keeps the user messages and adds one compaction item; usage bills the context', async () => {
		const first = await respond({ input: 'Remember the launch checklist' });
		const compacted = (await post('/responses/compact', { model: 'gpt-4o-mini', previous_response_id: first.id, input: 'And the owners' })).body;
		expect(compacted.object).toBe('response.compaction');
		expect(compacted.output.map((item: any) => item.content?.[0].text ?? item.type)).toEqual(['Remember the launch checklist', 'And the owners', 'compaction']);
		expect(compacted.output[2].encrypted_content).toMatch(/^gAAAA\w{96}$/);
		const context = 3 + tokens('Remember the launch checklist') + 3 + tokens(textOf(first)) + 3 + tokens('And the owners');
		expect(compacted.usage).toMatchObject({ input_tokens: context, output_tokens: 8, total_tokens: context + 8 });
		const continued = await respond({ input: [...compacted.output, { role: 'user', content: 'Go on' }] });
		expect(textOf(continued)).toMatch(/^Echo: Go on \(turn 3\)/);
	});
});

describe('hosted tools, max_tool_calls, truncation, prompt templates', () => {
	it('code interpreter: a call in the given or a named container, logs only when included', async () => {
		const plain = await respond({ input: 'Count letters', tools: [{ type: 'code_interpreter', container: 'cntr_abc' }] });
		expect(plain.output[0]).toMatchObject({ type: 'code_interpreter_call', status: 'completed', container_id: 'cntr_abc', outputs: null, code: expect.stringContaining('Count letters') });
		const included = await respond({ input: 'Count letters', tools: [{ type: 'code_interpreter', container: { type: 'auto' } }], include: ['code_interpreter_call.outputs'] });
		expect(included.output[0]).toMatchObject({ container_id: expect.stringMatching(/^cntr_\w{48}$/), outputs: [{ type: 'logs', logs: '13\n' }] });
	});

	it('image generation: a real image of the tool\'s format and size', async () => {
		const response = await respond({ input: 'Draw a lighthouse', tools: [{ type: 'image_generation', size: '1536x1024', output_format: 'jpeg' }] });
		const [call] = response.output;
		expect(call).toMatchObject({ type: 'image_generation_call', status: 'completed' });
		expect(readImageInfo(Buffer.from(call.result, 'base64'))).toMatchObject({ format: 'jpeg', width: 1536, height: 1024 });
		const transparentJpeg = await post('/responses', { model: 'gpt-4o-mini', input: 'x', tools: [{ type: 'image_generation', output_format: 'jpeg', background: 'transparent' }] });
		expect(transparentJpeg.body.error.param).toBe('tools[0].background');
	});

	it('MCP: tools listed, a call when approval is not needed, else an approval request that an approval response answers', async () => {
		const server = { type: 'mcp', server_label: 'crm', server_url: 'https://mcp.example.com/sse', allowed_tools: ['lookup', 'update'] };
		const direct = await respond({ input: 'Please update the record', tools: [{ ...server, require_approval: 'never' }] });
		expect(direct.output.map((item: any) => item.type)).toEqual(['mcp_list_tools', 'mcp_call', 'message']);
		expect(direct.output[0].tools.map((tool: any) => tool.name)).toEqual(['lookup', 'update']);
		expect(direct.output[1]).toMatchObject({ name: 'update', server_label: 'crm', arguments: JSON.stringify({ query: 'Please update the record' }), approval_request_id: null });
		expect(direct.tools[0]).not.toHaveProperty('headers');

		const asked = await respond({ input: 'Look it up', tools: [{ ...server, headers: { authorization: 'Bearer secret' } }] });
		expect(asked.output.map((item: any) => item.type)).toEqual(['mcp_list_tools', 'mcp_approval_request']);
		expect(asked.tools[0]).not.toHaveProperty('headers');
		const request = asked.output[1];
		const approved = await respond({ previous_response_id: asked.id, tools: [server], input: [{ type: 'mcp_approval_response', approval_request_id: request.id, approve: true }] });
		expect(approved.output.map((item: any) => item.type)).toEqual(['mcp_list_tools', 'mcp_call', 'message']);
		expect(approved.output[1]).toMatchObject({ name: 'lookup', approval_request_id: request.id });
		const unknown = await post('/responses', { model: 'gpt-4o-mini', tools: [server], previous_response_id: asked.id, input: [{ type: 'mcp_approval_response', approval_request_id: 'mcpr_nope', approve: true }] });
		expect(unknown.body.error.message).toBe("No approval request found with id 'mcpr_nope'.");
	});

	it('max_tool_calls caps the hosted tool calls; parallel_tool_calls and truncation are echoed', async () => {
		const tools = [{ type: 'web_search' }, { type: 'code_interpreter', container: 'cntr_a' }, { type: 'image_generation' }];
		const capped = await respond({ input: 'Everything', tools, max_tool_calls: 2, parallel_tool_calls: false, truncation: 'auto' });
		expect(capped.output.map((item: any) => item.type)).toEqual(['web_search_call', 'code_interpreter_call', 'message']);
		expect(capped).toMatchObject({ max_tool_calls: 2, parallel_tool_calls: false, truncation: 'auto' });
	});

	it('truncation auto drops the oldest turns of a conversation that no longer fits; disabled is a 400', async () => {
		const long = 'word '.repeat(100_000);
		const conversation = (await post('/conversations', { items: [{ role: 'user', content: long }, { role: 'user', content: long }] })).body;
		const refused = await post('/responses', { model: 'gpt-4o-mini', input: 'Short', conversation: conversation.id });
		expect(refused.body.error.code).toBe('context_length_exceeded');
		const fitted = await respond({ input: 'Short', conversation: conversation.id, truncation: 'auto' });
		expect(fitted.usage.input_tokens).toBe(3 + tokens(long) + 3 + tokens('Short'));
	});

	it('prompt templates add a developer turn with their variables; the input may be left out', async () => {
		const response = await respond({ input: undefined, prompt: { id: 'pmpt_support', variables: { customer: 'Ada' } } });
		expect(textOf(response)).toMatch(/^Echo: Template pmpt_support v1: customer=Ada/);
		expect(response.prompt).toEqual({ id: 'pmpt_support', version: '1', variables: { customer: 'Ada' } });
		const unknown = await post('/responses', { model: 'gpt-4o-mini', input: 'x', prompt: { id: 'support' } });
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.message).toBe("Prompt with id 'support' not found.");
		expect((await post('/responses', { model: 'gpt-4o-mini' })).body.error.param).toBe('input');
	});
});

describe('stored chat completions', () => {
	const complete = async (content: string, extra: Record<string, unknown> = {}) =>
		(await post('/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra })).body;

	it('only store: true completions are kept; the list filters by model and metadata, oldest first by default, and pages', async () => {
		await complete('not stored');
		const a = await complete('a', { store: true, metadata: { team: 'x' } });
		const b = await complete('b', { store: true, metadata: { team: 'y' } });
		const c = await complete('c', { store: true, model: 'gpt-4o', metadata: { team: 'x', tier: '1' } });
		const ids = async (query: string) => (await api(`/chat/completions${query}`)).body.data.map((completion: any) => completion.id);
		expect(await ids('')).toEqual([a.id, b.id, c.id]);
		expect(await ids('?order=desc')).toEqual([c.id, b.id, a.id]);
		expect(await ids('?model=gpt-4o-mini')).toEqual([a.id, b.id]);
		expect(await ids('?model=gpt-4o-2024-08-06')).toEqual([c.id]);
		expect(await ids('?metadata[team]=x')).toEqual([a.id, c.id]);
		expect(await ids('?metadata[team]=x&metadata[tier]=1')).toEqual([c.id]);
		const first = (await api('/chat/completions?limit=2')).body;
		expect(first).toMatchObject({ has_more: true, last_id: b.id });
		expect(await ids(`?limit=2&after=${first.last_id}`)).toEqual([c.id]);
		fake.keys.addApiKey(OTHER_KEY, { project: 'proj_other' });
		expect((await api('/chat/completions', { key: OTHER_KEY })).body.data).toEqual([]);
	});

	it('get, update (replaces the metadata), messages (paged), delete', async () => {
		const stored = await complete('Hello', { store: true, metadata: { a: '1' }, messages: [{ role: 'developer', content: 'Be brief' }, { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: 'https://example.com/x.png' } }] }] });
		expect((await api(`/chat/completions/${stored.id}`)).body).toEqual({ ...stored, metadata: { a: '1' } });
		expect((await post(`/chat/completions/${stored.id}`, { metadata: { b: '2' } })).body.metadata).toEqual({ b: '2' });
		const messages = (await api(`/chat/completions/${stored.id}/messages?limit=1`)).body;
		expect(messages).toMatchObject({ has_more: true, data: [{ id: `${stored.id}-0`, role: 'developer', content: 'Be brief', content_parts: null }] });
		const rest = (await api(`/chat/completions/${stored.id}/messages?after=${messages.last_id}`)).body;
		expect(rest.data).toEqual([{ id: `${stored.id}-1`, role: 'user', content: 'Look', name: null, content_parts: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: 'https://example.com/x.png' } }] }]);
		expect((await api(`/chat/completions/${stored.id}`, { method: 'DELETE' })).body).toEqual({ object: 'chat.completion.deleted', id: stored.id, deleted: true });
		const gone = await api(`/chat/completions/${stored.id}/messages`);
		expect(gone.status).toBe(404);
		expect(gone.body.error.message).toBe(`Chat completion with id '${stored.id}' not found.`);
	});
});

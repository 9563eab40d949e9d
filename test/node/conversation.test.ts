import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import type { NodeSpec } from './workflows';
import { workflow } from './workflows';

/**
 * Conversation → Create, Get, Update, Delete, Add Items, Get Many Items, Get Item, Delete Item, and
 * Response → Create with a Conversation ID, through the harness against the fake's Conversations API.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const credentials = () => ({ openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } });
const model = (value = 'gpt-4o-mini') => ({ __rl: true, mode: 'list', value });
const calls = (method: string, path: RegExp) => fake.requests.filter((r) => r.method === method && path.test(r.path));

function conversation(operation: string, parameters: IDataObject = {}, spec: Partial<NodeSpec> = {}): NodeSpec {
	return { ...spec, parameters: { resource: 'conversation', operation, ...parameters } };
}

async function run(items: IDataObject[], nodes: NodeSpec[]) {
	return await runWorkflow(workflow({ items, nodes }), { credentials: credentials() });
}

async function one(items: IDataObject[], operation: string, parameters: IDataObject = {}, spec: Partial<NodeSpec> = {}) {
	return await run(items, [conversation(operation, parameters, spec)]);
}

/** A conversation made through the fake's API directly (set-up for the operations under test). */
async function seed(items: unknown[] = [], metadata?: Record<string, string>): Promise<{ id: string }> {
	const response = await fetch(`${fake.url}/conversations`, {
		method: 'POST',
		headers: { authorization: `Bearer ${FAKE_KEYS.project}`, 'content-type': 'application/json' },
		body: JSON.stringify({ ...(items.length > 0 ? { items } : {}), ...(metadata ? { metadata } : {}) }),
	});
	return (await response.json()) as { id: string };
}

const texts = (items: Array<{ json: IDataObject }>) =>
	items.map((item) => ((item.json.content as IDataObject[])[0] as IDataObject).text);

describe('Conversation → Create', () => {
	it('creates an empty conversation with metadata', async () => {
		const result = await one([{ ticket: 'T-1' }], 'create', { metadata: { values: [{ key: 'ticket', value: '={{ $json.ticket }}' }] } });
		expect(result.status).toBe('success');
		expect(calls('POST', /^\/v1\/conversations$/)[0].body).toEqual({ metadata: { ticket: 'T-1' } });
		const [item] = result.output('OpenAI');
		expect(item.json).toEqual({ id: expect.stringMatching(/^conv_/), object: 'conversation', created_at: expect.any(Number), metadata: { ticket: 'T-1' } });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('starts with a text message of a role, or messages from the editor', async () => {
		const text = await one([{ q: 'My order is late' }], 'create', { itemsType: 'text', textRole: 'user', text: '={{ $json.q }}' });
		expect(calls('POST', /^\/v1\/conversations$/)[0].body).toEqual({ items: [{ type: 'message', role: 'user', content: 'My order is late' }] });
		expect(text.status).toBe('success');

		fake.reset();
		const messages = await one([{}], 'create', {
			itemsType: 'messages',
			messages: { values: [{ role: 'developer', content: 'You are a support agent' }, { role: 'user', content: 'Hi', imageUrls: 'https://example.com/a.png' }] },
		});
		expect(messages.status).toBe('success');
		expect(calls('POST', /^\/v1\/conversations$/)[0].body).toEqual({
			items: [
				{ role: 'developer', content: 'You are a support agent' },
				{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }, { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' }] },
			],
		});
	});

	it('more than 20 initial items: the first 20 with the conversation, the rest added in order', async () => {
		const items = Array.from({ length: 45 }, (_, i) => ({ type: 'message', role: 'user', content: `m${i}` }));
		const result = await one([{}], 'create', { itemsType: 'json', itemsJson: JSON.stringify(items) });
		expect(result.status).toBe('success');
		const id = result.output('OpenAI')[0].json.id as string;
		expect((calls('POST', /^\/v1\/conversations$/)[0].body as { items: unknown[] }).items).toHaveLength(20);
		expect(calls('POST', /^\/v1\/conversations\/[^/]+\/items$/).map((r) => (r.body as { items: unknown[] }).items.length)).toEqual([20, 5]);
		const listed = await one([{ id }], 'getItems', { conversationId: '={{ $json.id }}', returnAll: true, options: { order: 'asc' } });
		expect(texts(listed.output('OpenAI'))).toEqual(items.map((item) => item.content));
	});
});

describe('Conversation → Get, Update, Delete', () => {
	it('gets a conversation, replaces its metadata (or clears it), deletes it; then it is gone', async () => {
		const { id } = await seed([], { a: '1', b: '2' });
		const got = await one([{ id }], 'get', { conversationId: '={{ $json.id }}' });
		expect(got.output('OpenAI')[0].json).toMatchObject({ id, metadata: { a: '1', b: '2' } });

		const updated = await one([{ id }], 'update', { conversationId: '={{ $json.id }}', metadata: { values: [{ key: 'status', value: 'solved' }] } });
		expect(updated.output('OpenAI')[0].json.metadata).toEqual({ status: 'solved' });
		expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/conversations/${id}`, body: { metadata: { status: 'solved' } } });
		const cleared = await one([{ id }], 'update', { conversationId: '={{ $json.id }}' });
		expect(cleared.output('OpenAI')[0].json.metadata).toEqual({});
		expect(fake.requests.at(-1)?.body).toEqual({ metadata: {} });

		const deleted = await one([{ id }], 'delete', { conversationId: '={{ $json.id }}' });
		expect(deleted.output('OpenAI')[0].json).toEqual({ id, object: 'conversation.deleted', deleted: true });
		const gone = await one([{ id }], 'get', { conversationId: '={{ $json.id }}' });
		expect(gone.status).toBe('error');
		expect(gone.nodeError('OpenAI')).toMatchObject({ httpCode: '404', message: expect.stringMatching(/not found.*\[item 0\]/) });
	});
});

describe('Conversation → items', () => {
	it('Add Items: one text message per input item, with the added item and the conversation ID', async () => {
		const { id } = await seed();
		const result = await one([{ id, text: 'first' }, { id, text: 'second' }], 'addItems', {
			conversationId: '={{ $json.id }}',
			itemsType: 'text',
			text: '={{ $json.text }}',
		});
		expect(result.status).toBe('success');
		const out = result.output('OpenAI');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json).toEqual({
			conversation_id: id,
			items: [expect.objectContaining({ id: expect.stringMatching(/^msg_/), type: 'message', role: 'user', content: [{ type: 'input_text', text: 'first' }] })],
			first_id: expect.stringMatching(/^msg_/),
			last_id: (out[0].json.items as IDataObject[])[0].id,
		});
	});

	it('Add Items: JSON items (a function call and its output) in one request', async () => {
		const { id } = await seed([{ role: 'user', content: 'Weather in Paris?' }]);
		const items = [
			{ type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
			{ type: 'function_call_output', call_id: 'call_1', output: 'Sunny' },
		];
		const result = await one([{ id }], 'addItems', { conversationId: id, itemsType: 'json', itemsJson: JSON.stringify(items) });
		expect(result.status).toBe('success');
		expect((result.output('OpenAI')[0].json.items as IDataObject[]).map((item) => item.type)).toEqual(['function_call', 'function_call_output']);
		expect(calls('POST', /\/items$/)[0].body).toEqual({ items });
	});

	it('Get Many Items: newest first by default, Limit, Order, Include; Return All follows the pages', async () => {
		const { id } = await seed(['one', 'two', 'three', 'four', 'five'].map((content) => ({ role: 'user', content })));
		const newest = await one([{ id }], 'getItems', { conversationId: id, limit: 2 });
		expect(texts(newest.output('OpenAI'))).toEqual(['five', 'four']);
		expect(fake.requests.at(-1)?.query).toEqual({ limit: '2' });

		const oldest = await one([{ id }], 'getItems', { conversationId: id, returnAll: true, options: { order: 'asc', include: ['message.input_image.image_url'] } });
		expect(texts(oldest.output('OpenAI'))).toEqual(['one', 'two', 'three', 'four', 'five']);
		expect(fake.requests.at(-1)?.query).toEqual({ limit: '100', order: 'asc', include: ['message.input_image.image_url'] });

		fake.reset();
		const paged = await seed(Array.from({ length: 20 }, (_, i) => ({ role: 'user', content: `m${i}` })));
		for (let batch = 1; batch < 7; batch++) {
			await fetch(`${fake.url}/conversations/${paged.id}/items`, {
				method: 'POST',
				headers: { authorization: `Bearer ${FAKE_KEYS.project}`, 'content-type': 'application/json' },
				body: JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ role: 'user', content: `m${batch * 20 + i}` })) }),
			});
		}
		const all = await one([{}], 'getItems', { conversationId: paged.id, returnAll: true, options: { order: 'asc' } });
		expect(texts(all.output('OpenAI'))).toEqual(Array.from({ length: 140 }, (_, i) => `m${i}`));
		const pages = calls('GET', /\/items$/);
		expect(pages.map((page) => page.query.after)).toEqual([undefined, all.output('OpenAI')[99].json.id]);
	});

	it('Get Item and Delete Item (Delete Item returns the conversation); a deleted item is no longer seen by a response', async () => {
		const { id } = await seed([{ role: 'user', content: 'My name is Ada' }, { role: 'user', content: 'I live in Paris' }]);
		const listed = await one([{}], 'getItems', { conversationId: id, returnAll: true, options: { order: 'asc' } });
		const [nameItem] = listed.output('OpenAI').map((item) => item.json.id as string);

		const got = await one([{}], 'getItem', { conversationId: id, itemId: nameItem, options: { include: ['message.input_image.image_url'] } });
		expect(got.output('OpenAI')[0].json).toMatchObject({ id: nameItem, type: 'message', content: [{ text: 'My name is Ada' }] });

		const deleted = await one([{}], 'deleteItem', { conversationId: id, itemId: nameItem });
		expect(deleted.output('OpenAI')[0].json).toEqual({ item_id: nameItem, deleted: true, conversation: expect.objectContaining({ id, object: 'conversation' }) });

		const answer = await run([{}], [{ parameters: { resource: 'response', operation: 'create', modelId: model(), inputType: 'text', input: 'Where do I live?', options: { conversationId: id } } }]);
		expect(answer.output('OpenAI')[0].json.output_text).toMatch(/\(turn 2\)/);
		const missing = await one([{}], 'getItem', { conversationId: id, itemId: nameItem });
		expect(missing.nodeError('OpenAI')).toMatchObject({ httpCode: '404' });
	});
});

describe('Response → Create with a Conversation ID', () => {
	it('a thread kept by its ID: each response sees the earlier turns and adds its own', async () => {
		const created = await one([{}], 'create', { metadata: { values: [{ key: 'customer', value: 'ada' }] } });
		const id = created.output('OpenAI')[0].json.id as string;
		const ask = async (text: string) =>
			await run([{ text, conversation: id }], [
				{ parameters: { resource: 'response', operation: 'create', modelId: model(), inputType: 'text', input: '={{ $json.text }}', options: { conversationId: '={{ $json.conversation }}' } } },
			]);
		const first = await ask('My printer is offline');
		expect(first.status).toBe('success');
		expect(first.output('OpenAI')[0].json).toMatchObject({ output_text: expect.stringMatching(/^Echo: My printer is offline/), conversation_id: id });
		const second = await ask('It is plugged in');
		expect(second.output('OpenAI')[0].json.output_text).toMatch(/^Echo: It is plugged in \(turn 2\)/);
		expect(calls('POST', /^\/v1\/responses$/).map((r) => (r.body as IDataObject).conversation)).toEqual([id, id]);

		const thread = await one([{}], 'getItems', { conversationId: id, returnAll: true, options: { order: 'asc' } });
		expect(thread.output('OpenAI').map((item) => item.json.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
	});

	it('refuses Conversation ID together with Previous Response ID, naming both and the item, before any request', async () => {
		const result = await run([{ text: 'a' }, { text: 'b', previous: 'resp_123' }], [
			{
				parameters: {
					resource: 'response',
					operation: 'create',
					modelId: model(),
					inputType: 'text',
					input: '={{ $json.text }}',
					options: { conversationId: 'conv_abc', previousResponseId: '={{ $json.previous ?? "" }}' },
				},
				onError: 'continueRegularOutput',
			},
		]);
		const [first, second] = result.output('OpenAI').map((item) => item.json);
		expect(first.error).toMatch(/not found/); // item 0 has no previous response: sent, and the fake knows no conv_abc
		expect(second.error).toBe('The "Conversation ID" and "Previous Response ID" options cannot be used together [item 1]');
		expect(second.description).toMatch(/conv_abc.*resp_123/);
		expect(calls('POST', /^\/v1\/responses$/)).toHaveLength(1);
	});
});

describe('Conversation: bad input', () => {
	const cases: Array<[string, string, IDataObject, string | RegExp]> = [
		['an empty conversation ID', 'get', { conversationId: ' ' }, 'The "Conversation ID" parameter is empty [item 0]'],
		['a conversation ID with spaces', 'delete', { conversationId: 'conv 1' }, 'The "Conversation ID" parameter "conv 1" is not an ID [item 0]'],
		['a conversation ID that is an object', 'getItems', { conversationId: '={{ { id: "conv_1" } }}' }, 'The "Conversation ID" parameter must be an ID, not an object [item 0]'],
		['an empty item ID', 'getItem', { conversationId: 'conv_1', itemId: '={{ "" }}' }, 'The "Item ID" parameter is empty [item 0]'],
		['an empty text', 'addItems', { conversationId: 'conv_1', itemsType: 'text', text: '' }, 'The "Text" parameter is empty [item 0]'],
		['an unknown role', 'addItems', { conversationId: 'conv_1', itemsType: 'text', text: 'x', textRole: '={{ "wizard" }}' }, 'The "Role" option must be one of user, assistant, developer, system, not "wizard" [item 0]'],
		['invalid JSON items', 'addItems', { conversationId: 'conv_1', itemsType: 'json', itemsJson: '[{"role": "user",}]' }, /^The "Items \(JSON\)" parameter is not valid JSON: .* \[item 0\]$/],
		['no JSON items', 'addItems', { conversationId: 'conv_1', itemsType: 'json', itemsJson: '[]' }, 'The "Items (JSON)" parameter has no items [item 0]'],
		['a JSON item that is not an object', 'create', { itemsType: 'json', itemsJson: '["hello"]' }, 'Item 1 of the "Items (JSON)" parameter is not a JSON object [item 0]'],
		['a JSON message without content', 'create', { itemsType: 'json', itemsJson: '[{"type": "message", "role": "user"}]' }, 'Item 1 of the "Items (JSON)" parameter is a message without "content" [item 0]'],
		['metadata with 17 entries', 'create', { metadata: { values: Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: 'v' })) } }, 'The "Metadata" parameter has 17 entries; OpenAI accepts at most 16 [item 0]'],
		['a metadata value that is an object', 'update', { conversationId: 'conv_1', metadata: { values: [{ key: 'tags', value: '={{ { a: 1 } }}' }] } }, 'The "Metadata" value of "tags" is an object, not text [item 0]'],
		['an unknown include', 'getItems', { conversationId: 'conv_1', options: { include: '={{ ["everything"] }}' } }, 'The "Include" option has "everything", which OpenAI does not include [item 0]'],
	];

	it.each(cases)('%s: a NodeOperationError naming the parameter and item, no request', async (_name, operation, parameters, message) => {
		const result = await one([{}], operation, parameters);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { name?: string; message: string; description?: string; context?: { itemIndex?: number } };
		expect(error.name).toBe('NodeOperationError');
		if (typeof message === 'string') expect(error.message).toBe(message);
		else expect(error.message).toMatch(message);
		expect(error.description).toBeTruthy();
		expect(error.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});
});

import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import type { NodeSpec } from './workflows';
import { workflow } from './workflows';

/**
 * Chat → Message a Model with Store and Metadata, and the stored-completion operations: Get Many
 * (filters, order, paging), Get, Update, Delete, Get Messages — through the harness.
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

async function run(items: IDataObject[], parameters: IDataObject, spec: Partial<NodeSpec> = {}) {
	return await runWorkflow(workflow({ items, nodes: [{ ...spec, parameters: { resource: 'chat', ...parameters } }] }), { credentials: credentials() });
}

/** Message a Model with Store on and the item's ticket/team as metadata; returns the completion IDs. */
async function store(items: IDataObject[], modelId = 'gpt-4o-mini'): Promise<string[]> {
	const result = await run(items, {
		operation: 'message',
		modelId: model(modelId),
		messages: { values: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: '={{ $json.text }}' }] },
		options: { store: true, metadata: { values: [{ key: 'team', value: '={{ $json.team }}' }] } },
	});
	expect(result.status).toBe('success');
	return result.output('OpenAI').map((item) => item.json.id as string);
}

describe('Chat → Message a Model: Store and Metadata', () => {
	it('sends store and metadata; without Store nothing is kept', async () => {
		const [id] = await store([{ text: 'Hello', team: 'billing' }]);
		expect(fake.requests[0].body).toMatchObject({ store: true, metadata: { team: 'billing' } });
		await run([{ text: 'Not kept' }], { operation: 'message', modelId: model(), messages: { values: [{ role: 'user', content: '={{ $json.text }}' }] } });
		expect(fake.requests[1].body).not.toHaveProperty('store');
		const listed = await run([{}], { operation: 'getAll', returnAll: true });
		expect(listed.output('OpenAI').map((item) => item.json.id)).toEqual([id]);
	});

	it('refuses metadata it cannot store, naming the item', async () => {
		const result = await run([{ text: 'x' }], {
			operation: 'message',
			modelId: model(),
			messages: { values: [{ role: 'user', content: 'x' }] },
			options: { store: '={{ "yes" }}' },
		});
		expect(result.nodeError('OpenAI')?.message).toBe('The "Store" option must be true or false, not "yes" [item 0]');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Chat → Get Many (stored completions)', () => {
	it('oldest first by default; filters by model and metadata; Order; Limit', async () => {
		const [a, b] = await store([{ text: 'one', team: 'billing' }, { text: 'two', team: 'support' }]);
		const [c] = await store([{ text: 'three', team: 'billing' }], 'gpt-4o');
		const ids = async (parameters: IDataObject) => (await run([{}], { operation: 'getAll', returnAll: true, ...parameters })).output('OpenAI').map((item) => item.json.id);
		expect(await ids({})).toEqual([a, b, c]);
		expect(await ids({ filters: { order: 'desc' } })).toEqual([c, b, a]);
		expect(await ids({ filters: { model: 'gpt-4o' } })).toEqual([c]);
		expect(await ids({ filters: { metadata: { values: [{ key: 'team', value: 'billing' }] } } })).toEqual([a, c]);
		expect(fake.requests.at(-1)?.query).toEqual({ limit: '100', 'metadata[team]': 'billing' });
		const limited = await run([{}], { operation: 'getAll', limit: 2 });
		expect(limited.output('OpenAI').map((item) => item.json.id)).toEqual([a, b]);
		expect(fake.requests.at(-1)?.query).toEqual({ limit: '2' });
	});

	it('Return All follows the pages (after = the last ID)', async () => {
		const items = Array.from({ length: 105 }, (_, i) => ({ text: `q${i}`, team: 't' }));
		const ids = await store(items);
		const all = await run([{}], { operation: 'getAll', returnAll: true });
		expect(all.output('OpenAI').map((item) => item.json.id)).toEqual(ids);
		const pages = fake.requests.filter((r) => r.method === 'GET' && r.path === '/v1/chat/completions');
		expect(pages.map((page) => page.query.after)).toEqual([undefined, ids[99]]);
	});
});

describe('Chat → Get, Update, Delete, Get Messages', () => {
	it('gets a stored completion with its metadata, replaces the metadata, lists its messages, deletes it', async () => {
		const [id] = await store([{ text: 'Where is my parcel?', team: 'shipping' }]);
		const got = await run([{ id }], { operation: 'get', completionId: '={{ $json.id }}' });
		expect(got.output('OpenAI')[0].json).toMatchObject({ id, object: 'chat.completion', metadata: { team: 'shipping' }, choices: [{ message: { role: 'assistant' } }] });

		const updated = await run([{ id }], { operation: 'update', completionId: '={{ $json.id }}', metadata: { values: [{ key: 'reviewed', value: 'yes' }] } });
		expect(updated.output('OpenAI')[0].json.metadata).toEqual({ reviewed: 'yes' });
		expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/chat/completions/${id}`, body: { metadata: { reviewed: 'yes' } } });

		const messages = await run([{ id }], { operation: 'getMessages', completionId: '={{ $json.id }}', returnAll: true });
		expect(messages.output('OpenAI').map((item) => [item.json.role, item.json.content])).toEqual([
			['system', 'Be brief'],
			['user', 'Where is my parcel?'],
		]);
		const newest = await run([{ id }], { operation: 'getMessages', completionId: id, limit: 1, options: { order: 'desc' } });
		expect(newest.output('OpenAI').map((item) => item.json.content)).toEqual(['Where is my parcel?']);
		expect(fake.requests.at(-1)?.query).toEqual({ limit: '1', order: 'desc' });

		const deleted = await run([{ id }], { operation: 'delete', completionId: id });
		expect(deleted.output('OpenAI')[0].json).toEqual({ object: 'chat.completion.deleted', id, deleted: true });
		const gone = await run([{ id }], { operation: 'get', completionId: id });
		expect(gone.status).toBe('error');
		expect(gone.nodeError('OpenAI')).toMatchObject({ httpCode: '404', message: expect.stringMatching(/\[item 0\]$/) });
	});

	it('one output item per input item for Get, paired with it; Continue On Fail keeps positions', async () => {
		const [first, second] = await store([{ text: 'a', team: 'x' }, { text: 'b', team: 'x' }]);
		const result = await run([{ id: first }, { id: 'chatcmpl-missing' }, { id: second }], { operation: 'get', completionId: '={{ $json.id }}' }, { onError: 'continueRegularOutput' });
		const out = result.output('OpenAI');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.map((item) => item.json.id ?? item.json.error)).toEqual([first, expect.stringMatching(/not found.*\[item 1\]/), second]);
	});
});

describe('Chat stored completions: bad input', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['an empty completion ID', { operation: 'get', completionId: '={{ "" }}' }, 'The "Completion ID" parameter is empty [item 0]'],
		['a completion ID with a slash', { operation: 'delete', completionId: 'chatcmpl-1/../x' }, 'The "Completion ID" parameter "chatcmpl-1/../x" is not an ID [item 0]'],
		['a completion ID that is a number', { operation: 'getMessages', completionId: '={{ 42 }}' }, 'The "Completion ID" parameter must be an ID, not 42 [item 0]'],
		['a metadata key over 64 characters', { operation: 'update', completionId: 'chatcmpl-1', metadata: { values: [{ key: 'k'.repeat(65), value: 'v' }] } }, `The "Metadata" key "${'k'.repeat(20)}…" is longer than 64 characters [item 0]`],
		['a metadata filter without a key', { operation: 'getAll', filters: { metadata: { values: [{ key: '', value: 'v' }] } } }, 'Entry 1 of the "Metadata" option has no key [item 0]'],
		['an order that is not one', { operation: 'getAll', filters: { order: '={{ "newest" }}' } }, 'The "Order" option must be one of asc, desc, not "newest" [item 0]'],
		['a model filter that is a list', { operation: 'getAll', filters: { model: '={{ ["gpt-4o"] }}' } }, 'The "Model" filter must be a model ID [item 0]'],
	];

	it.each(cases)('%s: a NodeOperationError naming it and the item, no request', async (_name, parameters, message) => {
		const result = await run([{}], parameters);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { name: string; message: string; description?: string };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
		expect(fake.requests).toHaveLength(0);
	});
});

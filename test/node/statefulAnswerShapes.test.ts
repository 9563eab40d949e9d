import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi, StatusFault } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { backgroundSettings } from '../fake-openai/areas/text/responseStore';
import { runWorkflow } from '../harness';
import { workflow } from './workflows';

/**
 * The operations of the Conversation resource, the newer Response operations and the stored Chat
 * Completions check the answer they get: a 200 with `{}`, with fields of the wrong type, an HTML
 * page, a text/plain "OK" or a 204 is a NodeApiError saying what was expected and what came —
 * never a silent success, never a raw TypeError. Lists that say "more" without a way to it, or
 * that repeat their cursor, stop with an error instead of ending quietly or looping.
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
const model = { __rl: true, mode: 'id', value: 'gpt-4o-mini' };
const conversation = (operation: string, extra: IDataObject = {}) => ({ resource: 'conversation', operation, conversationId: 'conv_1', ...extra });
const chat = (operation: string, extra: IDataObject = {}) => ({ resource: 'chat', operation, completionId: 'chatcmpl-1', ...extra });
const response = (operation: string, extra: IDataObject = {}) => ({ resource: 'response', operation, ...extra });
const answer = (path: string, body: unknown, method?: string): StatusFault => ({ kind: 'status', status: 200, body, match: { path, ...(method ? { method } : {}) } });
const queued = { id: 'resp_1', object: 'response', status: 'queued', output: [], error: null, incomplete_details: null, usage: null };

interface Family {
	name: string;
	parameters: IDataObject;
	path: string;
	method?: string;
	wrong: unknown;
	before?: StatusFault[];
	/** hostile answers found by the shared list reader, whose error cannot name the HTTP status and content type */
	withoutFacts?: string[];
}

const FAMILIES: Family[] = [
	{ name: 'Conversation → Create', parameters: conversation('create'), path: '/v1/conversations', wrong: { id: 7, metadata: {} } },
	{ name: 'Conversation → Get', parameters: conversation('get'), path: '/v1/conversations/conv_1', wrong: { id: 'conv_1', metadata: 'none' } },
	{ name: 'Conversation → Update', parameters: conversation('update'), path: '/v1/conversations/conv_1', method: 'POST', wrong: { id: '', metadata: {} } },
	{ name: 'Conversation → Delete', parameters: conversation('delete'), path: '/v1/conversations/conv_1', wrong: { id: 'conv_1', deleted: 'yes' } },
	{ name: 'Conversation → Add Items', parameters: conversation('addItems', { itemsType: 'text', text: 'Hi' }), path: '/v1/conversations/conv_1/items', method: 'POST', wrong: { data: [] } },
	{ name: 'Conversation → Get Item', parameters: conversation('getItem', { itemId: 'msg_1' }), path: '/v1/conversations/conv_1/items/msg_1', wrong: { type: 5 } },
	{ name: 'Conversation → Delete Item', parameters: conversation('deleteItem', { itemId: 'msg_1' }), path: '/v1/conversations/conv_1/items/msg_1', wrong: { deleted: true } },
	{ name: 'Conversation → Get Many Items', withoutFacts: ['204 No Content'], parameters: conversation('getItems', { returnAll: true }), path: '/v1/conversations/conv_1/items', wrong: { data: 'nope', has_more: false } },
	{ name: 'Response → Cancel', parameters: response('cancel', { responseId: 'resp_1' }), path: '/v1/responses/resp_1/cancel', wrong: { id: 'resp_1', output: {} } },
	{ name: 'Response → Get Input Items', withoutFacts: ['204 No Content'], parameters: response('getInputItems', { responseId: 'resp_1', returnAll: true }), path: '/v1/responses/resp_1/input_items', wrong: { data: [1], has_more: false } },
	{ name: 'Response → Count Input Tokens', parameters: response('countInputTokens', { modelId: model, inputType: 'text', input: 'Hi' }), path: '/v1/responses/input_tokens', wrong: { input_tokens: '12' } },
	{ name: 'Response → Compact', parameters: response('compact', { modelId: model, inputType: 'text', input: 'Hi' }), path: '/v1/responses/compact', wrong: { id: 'resp_1', output: [{ type: 3 }] } },
	{
		name: 'Response → Create (waiting for a background response)',
		parameters: response('create', { modelId: model, inputType: 'text', input: 'Hi', background: true, backgroundOptions: { waitForCompletion: true, pollIntervalSeconds: 0.1 } }),
		before: [answer('/v1/responses', queued, 'POST')],
		path: '/v1/responses/resp_1',
		wrong: { ...queued, status: null },
	},
	{ name: 'Chat → Get Many', withoutFacts: ['204 No Content'], parameters: chat('getAll', { returnAll: true }), path: '/v1/chat/completions', method: 'GET', wrong: { data: {}, has_more: false } },
	{ name: 'Chat → Get', parameters: chat('get'), path: '/v1/chat/completions/chatcmpl-1', method: 'GET', wrong: { id: 'chatcmpl-1', choices: [{ message: 'hi' }] } },
	{ name: 'Chat → Update', parameters: chat('update'), path: '/v1/chat/completions/chatcmpl-1', method: 'POST', wrong: { id: 'chatcmpl-1', choices: 'none' } },
	{ name: 'Chat → Delete', parameters: chat('delete'), path: '/v1/chat/completions/chatcmpl-1', method: 'DELETE', wrong: { id: 'chatcmpl-1', deleted: 1 } },
	{ name: 'Chat → Get Messages', withoutFacts: ['204 No Content'], parameters: chat('getMessages', { returnAll: true }), path: '/v1/chat/completions/chatcmpl-1/messages', wrong: { data: [null], has_more: false } },
];

const PORTAL = '<!DOCTYPE html><html><head><title>Sign in to Guest Wi-Fi</title></head><body><form>…</form></body></html>';

interface Hostile {
	name: string;
	fault: (family: Family) => Omit<StatusFault, 'match'>;
	came: RegExp;
}

const HOSTILE: Hostile[] = [
	{ name: '{}', fault: () => ({ kind: 'status', status: 200, body: {} }), came: /HTTP 200, content type application\/json\): \{\}/ },
	{ name: 'wrong types', fault: (family) => ({ kind: 'status', status: 200, body: family.wrong }), came: /HTTP 200, content type application\/json\)/ },
	{ name: 'an HTML page', fault: () => ({ kind: 'status', status: 200, body: PORTAL }), came: /HTTP 200, content type text\/html\): an HTML page titled "Sign in to Guest Wi-Fi"/ },
	{ name: 'text/plain "OK"', fault: () => ({ kind: 'status', status: 200, body: 'OK' }), came: /HTTP 200, content type text\/plain\): OK\./ },
	{ name: '204 No Content', fault: () => ({ kind: 'status', status: 204, body: '' }), came: /HTTP 204.*\(empty\)/ },
];

const CASES = FAMILIES.flatMap((family) => HOSTILE.map((hostile) => [family.name, hostile.name, family, hostile] as const));

async function runNode(parameters: IDataObject) {
	return await runWorkflow(workflow({ items: [{}], nodes: [{ parameters: { ...parameters, requestOptions: { maxRetries: 0 } } }] }), { credentials: credentials() });
}

describe('the new operations check the answer they get', () => {
	it.each(CASES)('%s × %s', async (_family, hostileName, family, hostile) => {
		for (const good of family.before ?? []) fake.injectFault(good);
		fake.injectFault({ ...hostile.fault(family), match: { path: family.path, ...(family.method ? { method: family.method } : {}) } } as StatusFault);
		const result = await runNode(family.parameters);
		expect(fake.pendingFaults()).toEqual([]);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { name?: string; message: string; description?: string } | undefined;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^The server's answer is not .+: .+ \[item 0\]$/);
		expect(error?.message).not.toMatch(/TypeError|Cannot read prop|undefined is not|could not be read|\[object Object\]/);
		expect(error?.description).toMatch(family.withoutFacts?.includes(hostileName) ? /^What came: / : hostile.came);
		expect(error?.description).toMatch(/Base URL/);
	});
});

describe('paging that never ends, or ends without saying so', () => {
	const page = (data: IDataObject[], extra: IDataObject) => ({ object: 'list', data, first_id: data[0]?.id ?? '', ...extra });

	it('a conversation page that says has_more without a last ID is an error, not the end of the list', async () => {
		fake.injectFault(answer('/v1/conversations/conv_1/items', page([{ id: 'msg_1', type: 'message' }], { has_more: true, last_id: '' })));
		const result = await runNode(conversation('getItems', { returnAll: true }));
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/has more pages but gave no cursor to the next one.*\[item 0\]$/);
	});

	it('a page of input items that repeats its cursor stops at once', async () => {
		const same = page([{ id: 'msg_1', type: 'message' }], { has_more: true, last_id: 'msg_1' });
		fake.injectFault({ ...answer('/v1/responses/resp_1/input_items', same), times: 5 } as StatusFault);
		const result = await runNode(response('getInputItems', { responseId: 'resp_1', returnAll: true }));
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/returned the same page cursor twice for the input items of response resp_1.*\[item 0\]$/);
		expect(fake.requests.filter((r) => r.path === '/v1/responses/resp_1/input_items')).toHaveLength(2);
	});

	it('Add Items: an answer that lists fewer items than were sent is an error', async () => {
		fake.injectFault(answer('/v1/conversations/conv_1/items', page([{ id: 'msg_1', type: 'message' }], { has_more: false, last_id: 'msg_1' }), 'POST'));
		const result = await runNode(conversation('addItems', { itemsType: 'messages', messages: { values: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] } }));
		expect(result.nodeError('OpenAI')?.message).toBe("The server's answer is not the list of added conversation items: `data` should have 2 entries, but has 1 [item 0]");
	});

	it('a background response polled without a status ends the wait with an error, not after the maximum wait', async () => {
		Object.assign(backgroundSettings(fake), { queuedSeconds: 600 });
		fake.injectFault({ kind: 'status', status: 200, body: { ...queued, status: undefined }, match: { path: '/v1/responses/resp_1' } } as StatusFault);
		fake.injectFault(answer('/v1/responses', queued, 'POST'));
		const started = Date.now();
		const result = await runNode(response('create', { modelId: model, inputType: 'text', input: 'Hi', background: true, backgroundOptions: { waitForCompletion: true, pollIntervalSeconds: 0.1 } }));
		expect(result.nodeError('OpenAI')?.message).toBe("The server's answer is not a background response with its status: `status` should be a non-empty text, but is nothing [item 0]");
		expect(Date.now() - started).toBeLessThan(5000);
	});
});

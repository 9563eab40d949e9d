import type { IDataObject } from 'n8n-workflow';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import type { FaultSpec } from '../fake-openai/faults';
import { createPollSession, runPoll, runWorkflow } from '../harness';
import { TRIGGER_NAME, triggerState, triggerWorkflow, usageNode } from './usageWorkflows';
import { workflow } from './workflows';

/**
 * What the usage nodes do with an answer that is not what the endpoint promises (a `{}`, an HTML
 * page, wrong types, no body) and with lists that never end: a clear NodeApiError, never "0 items,
 * success"; and for the trigger, the position stays where it was and the next poll emits the data.
 */
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

const NOW = Date.UTC(2026, 10, 20, 12, 0);
const credentials = () => ({ openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } });
const run = async (parameters: IDataObject) =>
	await runWorkflow(workflow({ nodes: [usageNode(parameters)] }), { credentials: credentials() });
const json = (items: Array<{ json: IDataObject }> | undefined) => (items ?? []).map((item) => item.json);

const HTML = '<!doctype html><html><head><title>Sign in · Example Corp</title></head><body><form>…</form></body></html>';
const range = { startTime: '2026-11-17T00:00:00Z', endTime: '2026-11-19T00:00:00Z', returnAll: true };

interface Operation {
	name: string;
	parameters: () => IDataObject;
	path: string | RegExp;
	/** What the error says was expected. */
	expected: string;
	/** A body of the right outline with a wrong type where the node needs something. */
	wrongTypes: unknown;
}

const project = () => ({ __rl: true, mode: 'id', value: fake.org.projects[0].id });
const wrongList = { object: 'list', data: [{ id: 42, name: 'x' }], has_more: false };

const OPERATIONS: Operation[] = [
	{
		name: 'Usage → Get',
		parameters: () => ({ resource: 'usage', operation: 'get', queryType: 'completions', bucketWidth: '1d', ...range }),
		path: '/v1/organization/usage/completions',
		expected: 'a page of GET /organization/usage/completions',
		wrongTypes: { object: 'page', data: [{ object: 'bucket', start_time: '2026-11-17', end_time: 0, results: [] }], has_more: false, next_page: null },
	},
	{
		name: 'Cost → Get',
		parameters: () => ({ resource: 'cost', operation: 'get', ...range }),
		path: '/v1/organization/costs',
		expected: 'a page of GET /organization/costs',
		wrongTypes: { object: 'page', data: [{ object: 'bucket', start_time: 1794873600, end_time: 1794960000, results: [{ amount: { value: 'ten dollars' } }] }], has_more: false, next_page: null },
	},
	{
		name: 'Project → Get Many',
		parameters: () => ({ resource: 'project', operation: 'getAll', returnAll: true }),
		path: '/v1/organization/projects',
		expected: 'a page of GET /organization/projects',
		wrongTypes: wrongList,
	},
	{
		name: 'Project → Get',
		parameters: () => ({ resource: 'project', operation: 'get', projectId: project() }),
		path: /^\/v1\/organization\/projects\/proj_/,
		expected: 'a project',
		wrongTypes: { object: 'organization.project', id: 42, name: 'x' },
	},
	{
		name: 'User → Get Many',
		parameters: () => ({ resource: 'user', operation: 'getAll', returnAll: true }),
		path: '/v1/organization/users',
		expected: 'a page of GET /organization/users',
		wrongTypes: wrongList,
	},
	{
		name: 'User → Get',
		parameters: () => ({ resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: fake.org.users[0].id } }),
		path: /^\/v1\/organization\/users\/user-/,
		expected: 'a user',
		wrongTypes: { object: 'organization.user', id: 'user-1', email: ['a@b.example'] },
	},
	{
		name: 'Project API Key → Get Many',
		parameters: () => ({ resource: 'projectApiKey', operation: 'getAll', projectId: project(), returnAll: true }),
		path: /\/api_keys$/,
		expected: 'a page of GET /organization/projects/proj_',
		wrongTypes: wrongList,
	},
	{
		name: 'Admin API Key → Get Many',
		parameters: () => ({ resource: 'adminApiKey', operation: 'getAll', returnAll: true }),
		path: '/v1/organization/admin_api_keys',
		expected: 'a page of GET /organization/admin_api_keys',
		wrongTypes: { object: 'list', data: [{ id: 'key_1', name: 'x', expires_at: 'next year' }], has_more: false },
	},
	{
		name: 'Audit Log → Get Many',
		parameters: () => ({ resource: 'auditLog', operation: 'getAll', returnAll: true }),
		path: '/v1/organization/audit_logs',
		expected: 'a page of GET /organization/audit_logs',
		wrongTypes: { object: 'list', data: [{ id: 'audit_1', type: 'login.succeeded', effective_at: 'yesterday' }], has_more: false },
	},
	{
		name: 'Project Rate Limit → Get Many',
		parameters: () => ({ resource: 'projectRateLimit', operation: 'getAll', projectId: project(), returnAll: true }),
		path: /\/rate_limits$/,
		expected: 'a page of GET /organization/projects/proj_',
		wrongTypes: { object: 'list', data: [{ id: 'rl-x', model: null }], has_more: false },
	},
];

const ANSWERS: Array<{ answer: string; fault: (operation: Operation) => FaultSpec; came: RegExp }> = [
	{ answer: '{}', fault: () => ({ kind: 'status', status: 200, body: {} }), came: /^What came \(HTTP 200, content type application\/json\): \{\}\./ },
	{ answer: 'an HTML page', fault: () => ({ kind: 'status', status: 200, body: HTML }), came: /^What came \(HTTP 200, content type text\/html\): an HTML page titled "Sign in · Example Corp"\./ },
	// (the entries of a list are checked after reading it: the answer's status is not at hand then)
	{ answer: 'wrong types', fault: (operation) => ({ kind: 'status', status: 200, body: operation.wrongTypes }), came: /^What came( \(HTTP 200, content type application\/json\))?: \{/ },
	{ answer: 'JSON cut short', fault: () => ({ kind: 'status', status: 200, body: '{"object":"list","data":[{"id":"x"', contentType: 'application/json' }), came: /^What came \(HTTP 200, content type text\/plain; charset=utf-8\): \{"object":"list","data":\[\{"id":"x"\./ },
];

describe('every Usage node operation checks the answer', () => {
	const cases = OPERATIONS.flatMap((operation) => ANSWERS.map((answer) => ({ ...answer, operation })));
	it.each(cases.map((c) => [c.operation.name, c.answer, c] as const))('%s with %s: a clear NodeApiError, not a success', async (_, __, { operation, fault, came }) => {
		fake.injectFault({ ...fault(operation), match: { path: operation.path } });
		const result = await run(operation.parameters());
		expect(result.status).toBe('error');
		expect(result.output('OpenAI')).toEqual([]);
		const error = result.nodeError('OpenAI') as { name?: string; message: string; description?: string };
		expect(error.name).toBe('NodeApiError');
		expect(error.message.startsWith(`The server's answer is not ${operation.expected}`)).toBe(true);
		expect(error.message).toMatch(/ \[item 0\]$/);
		expect(error.description).toMatch(came);
		expect(error.description).toMatch(/Base URL/);
		expect(fake.pendingFaults()).toEqual([]); // the bad answer was used
	});
});

describe('lists that never end', () => {
	it('User → Get Many: the same cursor again is an error at once', async () => {
		const user = { object: 'organization.user', id: 'user-loop', name: 'Loop', email: 'loop@example.com', role: 'reader', added_at: 1 };
		fake.injectFault({ kind: 'status', status: 200, times: Infinity, match: { path: '/v1/organization/users' }, body: { object: 'list', data: [user], first_id: user.id, last_id: user.id, has_more: true } });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/^The server returned the same page cursor twice for GET \/organization\/users .*reading stopped \[item 0\]$/);
		expect(fake.requests.filter((r) => r.path === '/v1/organization/users')).toHaveLength(2);
	});

	it('Usage → Get with Return All: the same next_page again is an error at once', async () => {
		fake.injectFault({ kind: 'status', status: 200, times: Infinity, match: { path: '/v1/organization/usage/completions' }, body: { object: 'page', data: [], has_more: true, next_page: 'page_same' } });
		const result = await run({ resource: 'usage', operation: 'get', queryType: 'completions', bucketWidth: '1d', ...range });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/^The server returned the same page cursor twice for GET \/organization\/usage\/completions \("page_same"\).* \[item 0\]$/);
		expect(fake.requests).toHaveLength(2);
	});

	it('Usage → Get: a server that keeps saying "more" with new cursors stops at the cap, which the error names', async () => {
		for (let page = 1; page <= 10; page++) {
			fake.injectFault({ kind: 'status', status: 200, match: { path: '/v1/organization/usage/completions' }, body: { object: 'page', data: [], has_more: true, next_page: `page_${page}` } });
		}
		const result = await run({ resource: 'usage', operation: 'get', queryType: 'completions', bucketWidth: '1d', ...range });
		expect(result.status).toBe('error');
		// two days of 1d buckets: at most 3 pages
		expect(result.nodeError('OpenAI')?.message).toMatch(/^Stopped reading GET \/organization\/usage\/completions after 3 pages, the most one run reads \(the server kept saying there is more\) \[item 0\]$/);
		expect(fake.requests).toHaveLength(3);
	});
});

describe('the trigger on an answer that is not a page', () => {
	const HOUR = 3_600;
	const start = Date.UTC(2026, 10, 18) / 1000;
	const badPages: Array<[string, FaultSpec]> = [
		['{}', { kind: 'status', status: 200, body: {} }],
		['an HTML page', { kind: 'status', status: 200, body: HTML }],
		['a page without has_more', { kind: 'status', status: 200, body: { object: 'page', data: [] } }],
		['wrong types', { kind: 'status', status: 200, body: { object: 'page', data: [{ start_time: 'today', end_time: 0, results: {} }], has_more: false, next_page: null } }],
		['a bucket outside the window', { kind: 'status', status: 200, body: { object: 'page', data: [{ object: 'bucket', start_time: 0, end_time: HOUR, results: [] }], has_more: false, next_page: null } }],
		['JSON cut short', { kind: 'status', status: 200, body: '{"object":"page","data":[{"start_time":17', contentType: 'application/json' }],
	];

	it.each(badPages)('"Fetch test event" with %s: a clear NodeApiError, not "no data"', async (_, fault) => {
		fake.injectFault({ ...fault, match: { path: '/v1/organization/usage/completions' } });
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h' });
		const error = await runPoll(wf, TRIGGER_NAME, { mode: 'manual', staticData: {}, credentials: credentials(), now: () => fake.clock.now() }).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'NodeApiError', message: expect.stringMatching(/^The server's answer is not a page of GET \/organization\/usage\/completions: /) });
	});

	it.each(badPages)('%s: the poll fails clearly, the position stays, and the next poll emits every row once', async (_, fault) => {
		const wf = triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', groupBy: ['model'], startTime: '2026-11-18T00:00:00Z' });
		const staticData: IDataObject = {};
		const session = createPollSession(wf, TRIGGER_NAME, { staticData, credentials: credentials(), now: () => fake.clock.now() });
		fake.injectFault({ ...fault, match: { path: '/v1/organization/usage/completions' } });
		const failed = await session.poll().catch((error: unknown) => error as { name: string; message: string; description: string });
		expect(failed).toMatchObject({ name: 'NodeApiError' });
		expect((failed as Error).message).toMatch(/^The server's answer is not a page of GET \/organization\/usage\/completions: /);
		expect((failed as { description: string }).description).toMatch(/^While reading completions: What came \(HTTP 200/);
		expect(staticData).toEqual({});
		expect(triggerState(session.inMemoryStaticData ?? {})).toMatchObject({ endpoints: { completions: { settled: start, ledger: {} } } }); // where it started

		const next = await session.poll();
		const rows = json(next.items?.[0]);
		const starts = rows.map((row) => row.bucketStart as number);
		expect(Math.min(...starts)).toBe(start);
		expect(Math.max(...starts)).toBe(Date.UTC(2026, 10, 20, 11) / 1000);
		expect(new Set(rows.map((row) => row.rowKey)).size).toBe(rows.length);
		expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { runListSearch, runWorkflow } from '../harness';
import { workflow } from './workflows';
import { usageNode } from './usageWorkflows';

/** Every operation of the OpenAI Usage node, as workflow JSON through n8n, against the fake Admin API. */
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
const DAY = 86_400;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;
const credentials = (apiKey: string = FAKE_KEYS.admin) => ({ openAiAdminApi: { apiKey, url: fake.url } });
const run = async (parameters: IDataObject, options: { items?: IDataObject[]; key?: string; onError?: 'continueRegularOutput' } = {}) =>
	await runWorkflow(workflow({ items: options.items, nodes: [usageNode(parameters, options.onError ? { onError: options.onError } : {})] }), {
		credentials: credentials(options.key),
	});
const output = (result: Awaited<ReturnType<typeof run>>) => result.output('OpenAI').map((item) => item.json);
const adminCalls = () => fake.requests.filter((r) => r.path.startsWith('/v1/organization'));

describe('Usage → Get', () => {
	it('reads a range of every endpoint ("all"), each with what it supports, as flat rows', async () => {
		const result = await run({
			resource: 'usage',
			operation: 'get',
			queryType: 'all',
			startTime: '2026-11-17T00:00:00Z',
			endTime: '2026-11-19T00:00:00Z',
			bucketWidth: '1d',
			groupBy: ['model', 'line_item'],
			returnAll: true,
		});
		expect(result.status).toBe('success');
		const rows = output(result);
		expect(new Set(rows.map((row) => row.queryType))).toEqual(
			new Set(['completions', 'embeddings', 'moderations', 'images', 'audio_speeches', 'audio_transcriptions', 'vector_stores', 'code_interpreter_sessions', 'file_search_calls', 'web_search_calls', 'costs']),
		);
		expect(new Set(rows.map((row) => row.bucketStartIso))).toEqual(new Set(['2026-11-17T00:00:00Z', '2026-11-18T00:00:00Z']));
		expect(rows.find((row) => row.queryType === 'costs')).toMatchObject({ lineItem: expect.any(String), amount: expect.any(Number), amountRaw: expect.any(String) });
		expect(rows.find((row) => row.queryType === 'completions')).toMatchObject({ model: expect.any(String), inputTokens: expect.any(Number) });
		const byPath = Object.fromEntries(adminCalls().map((r) => [r.path.split('/').pop(), r.query]));
		expect(byPath.completions).toMatchObject({ group_by: ['model'], limit: '31', start_time: String(DAY_START - 3 * DAY), end_time: String(DAY_START - DAY) });
		expect(byPath.costs).toMatchObject({ group_by: ['line_item'], limit: '180' });
		expect(byPath.vector_stores).not.toHaveProperty('group_by');
		expect(result.output('OpenAI').every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('cuts at Limit, following next_page, and the last item says where it stopped', async () => {
		const result = await run({
			resource: 'usage',
			operation: 'get',
			queryType: 'completions',
			bucketWidth: '1h',
			startTime: '2026-11-01T00:00:00Z',
			endTime: '2026-11-20T00:00:00Z',
			groupBy: ['project_id'],
			limit: 1000,
		});
		const rows = output(result);
		expect(rows).toHaveLength(1000);
		expect(adminCalls()).toHaveLength(2); // 168 hours (about 650 rows) per page
		expect(adminCalls()[1].query).toEqual({ ...adminCalls()[0].query, page: expect.stringMatching(/^page_/) });
		expect(rows[999].stoppedAtLimit).toMatchObject({ reason: 'limit', queryType: 'completions', limit: 1000, resumeFromIso: expect.stringMatching(/^2026-11-1\dT\d\d:00:00Z$/) });
		expect(rows[998].stoppedAtLimit).toBeUndefined();
	});

	it('one query per input item, and an empty range means the last 7 days', async () => {
		fake.clock.useRealTime();
		const result = await run(
			{ resource: 'usage', operation: 'get', queryType: '={{ $json.type }}', bucketWidth: '1d', options: { outputMode: 'buckets' }, returnAll: true },
			{ items: [{ type: 'embeddings' }, { type: 'code_interpreter_sessions' }] },
		);
		const items = result.output('OpenAI');
		expect(items.filter((item) => (item.pairedItem as { item: number }).item === 0).every((item) => item.json.queryType === 'embeddings')).toBe(true);
		expect(items.filter((item) => (item.pairedItem as { item: number }).item === 1).every((item) => item.json.queryType === 'code_interpreter_sessions')).toBe(true);
		const starts = adminCalls().map((r) => Number(r.query.start_time));
		const sevenDaysAgo = Math.floor((Date.now() / 1000 - 7 * DAY) / DAY) * DAY;
		expect(starts.every((start) => Math.abs(start - sevenDaysAgo) <= DAY)).toBe(true);
		expect(items[0].json).toMatchObject({ rowCount: expect.any(Number), totals: expect.any(Object), rows: expect.any(Array) });
	});

	it.each([
		[{ queryType: 'costs', bucketWidth: '1h' }, 'The "Bucket Width" 1h is not available for Costs: it comes in 1d buckets only [item 0]'],
		[{ queryType: 'images', startTime: '2026-11-19T00:00:00Z', endTime: '2026-11-18T00:00:00Z' }, 'The "Start Time" (2026-11-19T00:00:00Z) is not before the "End Time" (2026-11-18T00:00:00Z) [item 0]'],
		[{ queryType: 'images', endTime: 'soonish' }, 'The "End Time" parameter is not a date: "soonish" [item 0]'],
		[{ queryType: 'moderations', groupBy: '={{ ["size"] }}' }, 'The "Group By" field "size" is not available for Moderations [item 0]'],
	])('%j is a NodeOperationError naming the parameter and the item, before any request', async (parameters, message) => {
		const result = await run({ resource: 'usage', operation: 'get', ...parameters });
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI');
		expect(error?.message).toBe(message);
		expect(error?.description).toBeTruthy();
		expect(adminCalls()).toHaveLength(0);
	});

	it('an admin key without api.usage.read gets the scope named; Continue On Fail keeps other items', async () => {
		const denied = await run({ resource: 'usage', operation: 'get', queryType: 'completions' }, { key: FAKE_KEYS.adminNoUsageScope });
		expect(denied.status).toBe('error');
		expect(denied.nodeError('OpenAI')?.message).toMatch(/^OpenAI: You have insufficient permissions for this operation\. Missing scopes: api\.usage\.read/);
		expect(denied.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.usage\.read/);

		const mixed = await run(
			{ resource: 'usage', operation: 'get', queryType: '={{ $json.type }}', startTime: '2026-11-18T00:00:00Z', endTime: '2026-11-19T00:00:00Z' },
			{ items: [{ type: 'costs' }, { type: 'nonsense' }], onError: 'continueRegularOutput' },
		);
		const items = mixed.output('OpenAI');
		expect(items[0].json.queryType).toBe('costs');
		expect(items[items.length - 1]).toMatchObject({ json: { error: 'The "Query Type" parameter has an unknown value "nonsense" [item 1]' }, pairedItem: { item: 1 } });
	});
});

describe('Cost → Get', () => {
	it('groups by project, line item and API key; amounts keep their raw decimals', async () => {
		const result = await run({
			resource: 'cost',
			operation: 'get',
			startTime: '2026-11-18T00:00:00Z',
			endTime: '2026-11-19T00:00:00Z',
			groupBy: ['project_id', 'line_item', 'api_key_id'],
			filters: { projectIds: fake.org.projects[1].id },
			returnAll: true,
			options: { enrichNames: true },
		});
		const rows = output(result);
		expect(rows.length).toBeGreaterThan(3);
		for (const row of rows) {
			expect(row).toMatchObject({ queryType: 'costs', bucketWidth: '1d', bucketStartIso: '2026-11-18T00:00:00Z', projectId: fake.org.projects[1].id, projectName: 'Customer Support Bot', currency: 'usd' });
			expect(typeof row.apiKeyName).toBe('string');
			expect(Number(row.amountRaw)).toBeCloseTo(row.amount as number, 12);
		}
		expect(rows.some((row) => /^\d+\.\d{28}$/.test(String(row.amountRaw)))).toBe(true);
		expect(adminCalls()[0].query).toMatchObject({ project_ids: [fake.org.projects[1].id], group_by: ['project_id', 'line_item', 'api_key_id'], bucket_width: '1d' });
	});
});

describe('organization resources', () => {
	it('Project → Get Many (archived on request) and Get (from the list picker or an ID)', async () => {
		const active = output(await run({ resource: 'project', operation: 'getAll', returnAll: true }));
		expect(active.map((p) => p.name)).toEqual(['Default project', 'Customer Support Bot', 'Data Pipeline', 'Research Sandbox']);
		const all = output(await run({ resource: 'project', operation: 'getAll', returnAll: true, includeArchived: true }));
		expect(all.map((p) => p.status)).toContain('archived');
		const two = output(await run({ resource: 'project', operation: 'getAll', limit: 2 }));
		expect(two).toHaveLength(2);
		const id = fake.org.projects[2].id;
		const one = output(await run({ resource: 'project', operation: 'get', projectId: { __rl: true, mode: 'list', value: id } }));
		expect(one).toEqual([expect.objectContaining({ id, name: 'Data Pipeline', object: 'organization.project' })]);
		const missing = await run({ resource: 'project', operation: 'get', projectId: { __rl: true, mode: 'id', value: 'proj_nope' } });
		expect((missing.nodeError('OpenAI') as { httpCode?: string }).httpCode).toBe('404');
		const empty = await run({ resource: 'project', operation: 'get', projectId: { __rl: true, mode: 'id', value: ' ' } });
		expect(empty.nodeError('OpenAI')?.message).toBe('The "Project" parameter is empty [item 0]');
	});

	it('User → Get Many (email filter) and Get', async () => {
		const users = output(await run({ resource: 'user', operation: 'getAll', returnAll: true }));
		expect(users).toHaveLength(fake.org.users.length);
		const grace = output(await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { emails: 'grace@fake-org.example' } }));
		expect(grace).toEqual([expect.objectContaining({ name: 'Grace Hopper', object: 'organization.user' })]);
		const one = output(await run({ resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: grace[0].id } }));
		expect(one[0]).toMatchObject({ email: 'grace@fake-org.example', role: 'owner' });
	});

	it('Project API Key → Get Many: every enabled key by default, inactive owners on request', async () => {
		const project = fake.org.projects[3].id;
		const keys = output(await run({ resource: 'projectApiKey', operation: 'getAll', projectId: { __rl: true, mode: 'id', value: project }, returnAll: true }));
		expect(keys.map((k) => k.name).sort()).toEqual(['eval-runner', 'notebooks']);
		expect(keys.every((k) => k.project_id === project && String(k.id).startsWith('key_'))).toBe(true);
		const inactive = output(await run({ resource: 'projectApiKey', operation: 'getAll', projectId: { __rl: true, mode: 'id', value: project }, returnAll: true, ownerProjectAccess: 'inactive' }));
		expect(inactive.map((k) => k.name)).toEqual(['eval-runner']);
		expect(adminCalls().map((r) => r.query.owner_project_access)).toEqual(['any', 'inactive']);
	});

	it('Admin API Key → Get Many warns about keys expiring within 30 days', async () => {
		fake.clock.useRealTime(); // the node counts days from the real clock
		const keys = output(await run({ resource: 'adminApiKey', operation: 'getAll', returnAll: true, order: 'desc' }));
		const byName = Object.fromEntries(keys.map((key) => [key.name, key]));
		expect(byName['Finance export']).toMatchObject({ expires_in_days: expect.any(Number), expiry_warning: expect.stringMatching(/^Expires in [23] days \(\d{4}-\d\d-\d\dT00:00:00Z\): create a new admin key/) });
		expect(byName.Terraform.expiry_warning).toMatch(/^Expires in 1[12] days/);
		expect(byName['Old automation'].expiry_warning).toBeNull();
		expect(byName['Usage collector']).toMatchObject({ expires_at: null, expires_in_days: null, expiry_warning: null });
		expect(adminCalls()[0].query).toMatchObject({ order: 'desc', limit: '100' });
	});

	it('Audit Log → Get Many with time and other filters, paged with after', async () => {
		const events = output(
			await run({
				resource: 'auditLog',
				operation: 'getAll',
				limit: 150,
				filters: { effectiveAtOrAfter: '2026-06-01T00:00:00Z', effectiveBefore: '2026-11-01T00:00:00Z', eventTypes: ['login.succeeded', 'api_key.created'] },
			}),
		);
		expect(events.length).toBeGreaterThan(40);
		expect(events.every((e) => ['login.succeeded', 'api_key.created'].includes(String(e.type)))).toBe(true);
		const times = events.map((e) => e.effective_at as number);
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.UTC(2026, 5, 1) / 1000);
		expect(Math.max(...times)).toBeLessThan(Date.UTC(2026, 10, 1) / 1000);
		expect(adminCalls()[0].query).toMatchObject({ 'effective_at[gte]': String(Date.UTC(2026, 5, 1) / 1000), 'effective_at[lt]': String(Date.UTC(2026, 10, 1) / 1000), event_types: ['login.succeeded', 'api_key.created'] });
		expect(adminCalls().length).toBe(Math.ceil(events.length / 100));
		const bad = await run({ resource: 'auditLog', operation: 'getAll', filters: { effectiveAfter: 'the day before' } });
		expect(bad.nodeError('OpenAI')?.message).toBe('The "Effective After" parameter is not a date: "the day before" [item 0]');
	});

	it('Project Rate Limit → Get Many, limited or all', async () => {
		const project = { __rl: true, mode: 'id', value: fake.org.projects[0].id };
		const five = output(await run({ resource: 'projectRateLimit', operation: 'getAll', projectId: project, limit: 5 }));
		expect(five).toHaveLength(5);
		const all = output(await run({ resource: 'projectRateLimit', operation: 'getAll', projectId: project, returnAll: true }));
		expect(all.length).toBe(12);
		expect(all[0]).toMatchObject({ object: 'project.rate_limit', model: expect.any(String), max_requests_per_1_minute: expect.any(Number), project_id: fake.org.projects[0].id });
	});

	it('project and user pickers search the organization', async () => {
		const wf = workflow({ nodes: [usageNode({ resource: 'project', operation: 'get' })] });
		const projects = await runListSearch(wf, 'OpenAI', 'searchProjects', { filter: 'sup', credentials: credentials(), parameterPath: 'projectId' });
		expect(projects.results).toEqual([expect.objectContaining({ name: 'Customer Support Bot', value: fake.org.projects[1].id })]);
		const users = await runListSearch(wf, 'OpenAI', 'searchUsers', { filter: 'ada', credentials: credentials(), parameterPath: 'userId' });
		expect(users.results.map((user) => user.name)).toEqual(['ada@fake-org.example']);
	});

	it('organization lists need api.management.read', async () => {
		fake.keys.addAdminKey('sk-admin-usage-only-key-0043', { scopes: ['api.usage.read'] });
		const denied = await run({ resource: 'user', operation: 'getAll' }, { key: 'sk-admin-usage-only-key-0043' });
		expect(denied.status).toBe('error');
		expect(denied.nodeError('OpenAI')?.message).toMatch(/Missing scopes: api\.management\.read/);
		expect(denied.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.management\.read/);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import { workflow } from './workflows';
import { usageNode } from './usageWorkflows';

/** Spend Alert and Spend Limit of the OpenAI Usage node, through n8n, against the fake Admin API (with state). */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
});

const credentials = (apiKey: string = FAKE_KEYS.admin) => ({ openAiAdminApi: { apiKey, url: fake.url } });
const run = async (parameters: IDataObject, options: { items?: IDataObject[]; key?: string; onError?: 'continueRegularOutput' } = {}) =>
	await runWorkflow(workflow({ items: options.items, nodes: [usageNode(parameters, options.onError ? { onError: options.onError } : {})] }), {
		credentials: credentials(options.key),
	});
const output = (result: Awaited<ReturnType<typeof run>>) => result.output('OpenAI').map((item) => item.json);
const adminCalls = () => fake.requests.filter((r) => r.path.startsWith('/v1/organization'));
const project = () => ({ __rl: true, mode: 'id', value: fake.org.projects[1].id });
const alert = (extra: IDataObject = {}) => ({ resource: 'spendAlert', recipients: 'finance@example.com, cto@example.com', ...extra });

describe.each([
	['organization', () => ({ level: 'organization' }), '/v1/organization'],
	['project', () => ({ level: 'project', projectId: project() }), ''],
])('Spend Alert at %s level', (level, where, orgBase) => {
	const base = () => orgBase || `/v1/organization/projects/${fake.org.projects[1].id}`;

	it('Create, Get, Get Many, Update, Delete: amounts are dollar text in and out, cents on the wire', async () => {
		const created = output(await run({ ...alert(where()), operation: 'create', amount: '125.50', subjectPrefix: 'Budget' }))[0];
		expect(created).toMatchObject({
			id: expect.stringMatching(/^alert_/),
			object: `${level}.spend_alert`,
			threshold_amount: 12_550,
			amount: '125.50',
			level,
			notification_channel: { type: 'email', recipients: ['finance@example.com', 'cto@example.com'], subject_prefix: 'Budget' },
		});
		expect(adminCalls()[0]).toMatchObject({ method: 'POST', path: `${base()}/spend_alerts` });
		if (level === 'project') expect(created.project_id).toBe(fake.org.projects[1].id);
		const id = created.id as string;

		await run({ ...alert(where()), operation: 'create', amount: '0.29' });
		expect(output(await run({ ...alert(where()), operation: 'get', alertId: id }))[0]).toEqual(created);
		const many = output(await run({ ...alert(where()), operation: 'getAll', returnAll: true }));
		expect(many.map((row) => row.amount)).toEqual(['125.50', '0.29']);
		expect(output(await run({ ...alert(where()), operation: 'getAll', limit: 1 }))).toHaveLength(1);

		const updated = output(await run({ ...alert(where()), operation: 'update', alertId: id, amount: '1000', recipients: 'ops@example.com' }))[0];
		expect(updated).toMatchObject({ id, threshold_amount: 100_000, amount: '1000.00', notification_channel: { recipients: ['ops@example.com'] } });

		expect(output(await run({ ...alert(where()), operation: 'delete', alertId: id }))[0]).toEqual({ id, deleted: true, level, ...(level === 'project' ? { project_id: fake.org.projects[1].id } : {}) });
		const gone = await run({ ...alert(where()), operation: 'get', alertId: id });
		expect(gone.nodeError('OpenAI')?.message).toMatch(/^OpenAI: No spend alert found/);
	});
});

describe('Spend Limit', () => {
	it('Set, Get, Remove at both levels; Get of a limit not set is the API\'s 404', async () => {
		const set = output(await run({ resource: 'spendLimit', operation: 'set', level: 'project', projectId: project(), amount: '500' }))[0];
		expect(set).toMatchObject({ object: 'project.spend_limit', threshold_amount: 50_000, amount: '500.00', level: 'project', project_id: fake.org.projects[1].id, enforcement: { status: 'inactive' } });
		const org = output(await run({ resource: 'spendLimit', operation: 'set', amount: '10000.01' }))[0];
		expect(org).toMatchObject({ object: 'organization.spend_limit', threshold_amount: 1_000_001, amount: '10000.01', level: 'organization' });
		expect(output(await run({ resource: 'spendLimit', operation: 'get', level: 'project', projectId: project() }))[0]).toEqual(set);
		expect(output(await run({ resource: 'spendLimit', operation: 'remove' }))[0]).toEqual({ deleted: true, level: 'organization' });
		const none = await run({ resource: 'spendLimit', operation: 'get' });
		expect(none.nodeError('OpenAI')?.message).toMatch(/^OpenAI: No spend limit is set for this organization/);
	});

	it('an unknown project is the API\'s 404, named', async () => {
		const result = await run({ resource: 'spendLimit', operation: 'get', level: 'project', projectId: { __rl: true, mode: 'id', value: 'proj_nope' } });
		expect(result.nodeError('OpenAI')?.message).toMatch(/^OpenAI: No project found with ID 'proj_nope'/);
	});
});

describe('bad input is refused before any request, naming the parameter and the item', () => {
	// empty required parameters come from expressions here: n8n itself refuses a literal empty one before the node runs
	it.each([
		[alert({ operation: 'create', amount: '-5' }), 'The "Threshold (USD)" parameter is negative ("-5") [item 0]'],
		[alert({ operation: 'create', amount: 'lots' }), 'The "Threshold (USD)" parameter is not an amount in dollars like "125.50" ("lots") [item 0]'],
		[alert({ operation: 'create', amount: '12.345' }), 'The "Threshold (USD)" parameter has more than 2 decimals ("12.345"): amounts are whole cents [item 0]'],
		[alert({ operation: 'create', amount: '5', recipients: '={{ "" }}' }), 'The "Recipients" parameter is empty [item 0]'],
		[alert({ operation: 'create', amount: '5', recipients: 'finance' }), 'The "Recipients" parameter has "finance", which is not an email address [item 0]'],
		[alert({ operation: 'update', amount: '5', alertId: ' ' }), 'The "Spend Alert ID" parameter is empty [item 0]'],
		[alert({ operation: 'getAll', level: 'project', projectId: { __rl: true, mode: 'id', value: '={{ " " }}' } }), 'The "Project" parameter is empty [item 0]'],
		[{ resource: 'spendLimit', operation: 'set', amount: '0' }, 'The "Limit (USD)" parameter is below 0.01 [item 0]'],
		[{ resource: 'spendLimit', operation: 'set', amount: '={{ "" }}' }, 'The "Limit (USD)" parameter is empty [item 0]'],
	])('%j', async (parameters, message) => {
		const result = await run(parameters);
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(result.nodeError('OpenAI')?.description).toBeTruthy();
		expect(adminCalls()).toHaveLength(0);
	});

	it('Continue On Fail: a bad amount in one item does not stop the others', async () => {
		const result = await run(
			{ resource: 'spendLimit', operation: 'set', amount: '={{ $json.amount }}' },
			{ items: [{ amount: '12.5' }, { amount: 'twelve' }], onError: 'continueRegularOutput' },
		);
		const items = output(result);
		expect(items[0]).toMatchObject({ amount: '12.50' });
		expect(items[1].error).toMatch(/^The "Limit \(USD\)" parameter is not an amount .* \[item 1\]$/);
	});
});

describe('scopes: writes need api.management.write and say so; reads do not', () => {
	it.each([
		alert({ operation: 'create', amount: '5' }),
		{ resource: 'spendLimit', operation: 'set', amount: '5' },
		{ resource: 'spendLimit', operation: 'remove', level: 'project', projectId: { __rl: true, mode: 'id', value: 'proj_any' } },
	])('%j', async (parameters) => {
		const result = await run(parameters, { key: FAKE_KEYS.adminNoUsageScope });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/Missing scopes: api\.management\.write/);
		expect(result.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.management\.write .* write access/);
		expect(JSON.stringify(result.nodeError('OpenAI'))).not.toContain(FAKE_KEYS.adminNoUsageScope);
	});

	it('a read-only key can still read', async () => {
		expect((await run(alert({ operation: 'getAll', returnAll: true }), { key: FAKE_KEYS.adminNoUsageScope })).status).toBe('success');
	});

	it('every write operation\'s description starts with "Writes:", no read\'s does', async () => {
		const { OpenAiUsage } = await import('../../nodes/OpenAiUsage/OpenAiUsage.node');
		const pickers = new OpenAiUsage().description.properties.filter((p) => p.name === 'operation');
		const descriptions = Object.fromEntries(
			pickers.flatMap((p) => (p.options as Array<{ value: string; description: string }>).map((o) => [`${p.displayOptions?.show?.resource?.[0]}.${o.value}`, o.description])),
		);
		for (const write of ['spendAlert.create', 'spendAlert.update', 'spendAlert.delete', 'spendLimit.set', 'spendLimit.remove', 'project.create', 'project.update', 'project.archive', 'projectUser.add', 'projectUser.update', 'projectUser.remove', 'serviceAccount.create', 'serviceAccount.delete', 'projectApiKey.delete', 'projectRateLimit.update', 'invite.create', 'invite.delete', 'user.update', 'user.remove', 'adminApiKey.create', 'adminApiKey.delete']) {
			expect(descriptions[write]).toMatch(/^Writes: .*api\.management\.write/);
		}
		for (const read of ['spendAlert.get', 'spendAlert.getAll', 'spendLimit.get', 'project.get', 'project.getAll', 'cost.get', 'cost.forecastMonth', 'projectUser.getAll', 'serviceAccount.get', 'serviceAccount.getAll', 'invite.get', 'invite.getAll', 'user.get', 'user.getAll', 'adminApiKey.get', 'adminApiKey.getAll']) expect(descriptions[read]).not.toMatch(/Writes/);
	});
});

describe('answers of the wrong shape are named, never passed on', () => {
	it('an alert whose threshold is not whole cents; a deletion that says false', async () => {
		fake.injectFault({ kind: 'status', status: 200, match: { method: 'POST', path: '/v1/organization/spend_alerts' }, body: { id: 'alert_x', threshold_amount: 12.5, notification_channel: { recipients: [] } } });
		const bad = await run(alert({ operation: 'create', amount: '5' }));
		expect(bad.nodeError('OpenAI')?.message).toMatch(/^The server's answer is not a spend alert: `threshold_amount` should be a whole number of cents, but is 12\.5/);
		fake.injectFault({ kind: 'status', status: 200, match: { method: 'DELETE', path: '/v1/organization/spend_limit' }, body: { object: 'organization.spend_limit.deleted', deleted: false } });
		const notDeleted = await run({ resource: 'spendLimit', operation: 'remove' });
		expect(notDeleted.nodeError('OpenAI')?.message).toMatch(/^The server's answer is not the removal of a spend limit: `deleted` should be true, but is false/);
	});
});

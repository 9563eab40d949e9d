import { expectMatchesSpec, loadOpenApiSpec } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { call } from './fake-openai/testClient';

/**
 * Spend alerts and spend limits of the fake (organization and project level): every answer, success
 * and error, matches OpenAI's spec for its operation and status; the state behaves like one.
 */
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
});

type Method = 'GET' | 'POST' | 'DELETE';

/** Calls `path` (under /v1) and checks status + body against the spec of `template`. */
async function send(method: Method, template: string, path: string, expectStatus: number, body?: unknown, key: string = FAKE_KEYS.admin) {
	const result = await call<Record<string, unknown>>(fake.url, path, { key, method, body });
	expect({ method, path, status: result.status }).toEqual({ method, path, status: expectStatus });
	expectMatchesSpec(method, template, result.status, result.body);
	return result.body;
}

const ALERT = {
	threshold_amount: 12_550,
	currency: 'USD',
	interval: 'month',
	notification_channel: { type: 'email', recipients: ['finance@example.com'], subject_prefix: 'OpenAI' },
};

describe.each([
	['organization', () => '/organization'],
	['project', () => `/organization/projects/${fake.org.projects[1].id}`],
])('%s level', (level, base) => {
	const prefix = level === 'organization' ? '/organization' : '/organization/projects/{project_id}';

	it('spend alerts: create, get, list (paged both ways), update, delete', async () => {
		const created = await send('POST', `${prefix}/spend_alerts`, `${base()}/spend_alerts`, 200, ALERT);
		expect(created).toMatchObject({ object: `${level}.spend_alert`, threshold_amount: 12_550, id: expect.stringMatching(/^alert_/) });
		const second = await send('POST', `${prefix}/spend_alerts`, `${base()}/spend_alerts`, 200, { ...ALERT, threshold_amount: 0 });
		const id = created.id as string;
		expect(await send('GET', `${prefix}/spend_alerts/{alert_id}`, `${base()}/spend_alerts/${id}`, 200)).toEqual(created);
		const page = await send('GET', `${prefix}/spend_alerts`, `${base()}/spend_alerts?limit=1`, 200);
		expect(page).toMatchObject({ data: [created], has_more: true, last_id: id });
		expect(await send('GET', `${prefix}/spend_alerts`, `${base()}/spend_alerts?after=${id}`, 200)).toMatchObject({ data: [second], has_more: false });
		expect(await send('GET', `${prefix}/spend_alerts`, `${base()}/spend_alerts?order=desc`, 200)).toMatchObject({ data: [second, created] });
		const updated = await send('POST', `${prefix}/spend_alerts/{alert_id}`, `${base()}/spend_alerts/${id}`, 200, { ...ALERT, threshold_amount: 99 });
		expect(updated).toMatchObject({ id, threshold_amount: 99 });
		expect(await send('DELETE', `${prefix}/spend_alerts/{alert_id}`, `${base()}/spend_alerts/${id}`, 200)).toEqual({ id, object: `${level}.spend_alert.deleted`, deleted: true });
		await send('GET', `${prefix}/spend_alerts/{alert_id}`, `${base()}/spend_alerts/${id}`, 404);
	});

	it('spend limit: not set (404), set, replace, get, remove', async () => {
		await send('GET', `${prefix}/spend_limit`, `${base()}/spend_limit`, 404);
		const body = { threshold_amount: 10_000, currency: 'USD', interval: 'month' };
		expect(await send('POST', `${prefix}/spend_limit`, `${base()}/spend_limit`, 200, body)).toMatchObject({ object: `${level}.spend_limit`, threshold_amount: 10_000, enforcement: { status: expect.any(String) } });
		await send('POST', `${prefix}/spend_limit`, `${base()}/spend_limit`, 200, { ...body, threshold_amount: 20_000 });
		expect(await send('GET', `${prefix}/spend_limit`, `${base()}/spend_limit`, 200)).toMatchObject({ threshold_amount: 20_000 });
		expect(await send('DELETE', `${prefix}/spend_limit`, `${base()}/spend_limit`, 200)).toEqual({ object: `${level}.spend_limit.deleted`, deleted: true });
		await send('DELETE', `${prefix}/spend_limit`, `${base()}/spend_limit`, 404);
	});

	it.each([
		['a negative threshold', { ...ALERT, threshold_amount: -1 }],
		['a fractional threshold', { ...ALERT, threshold_amount: 1.5 }],
		['another currency', { ...ALERT, currency: 'EUR' }],
		['no recipients', { ...ALERT, notification_channel: { type: 'email', recipients: [] } }],
		['an unknown field', { ...ALERT, color: 'red' }],
	])('400 for %s', async (_name, body) => {
		await send('POST', `${prefix}/spend_alerts`, `${base()}/spend_alerts`, 400, body);
	});

	it('400 for a limit below 1 cent; 403 for writes without api.management.write, reads allowed', async () => {
		await send('POST', `${prefix}/spend_limit`, `${base()}/spend_limit`, 400, { threshold_amount: 0, currency: 'USD', interval: 'month' });
		const denied = await send('POST', `${prefix}/spend_alerts`, `${base()}/spend_alerts`, 403, ALERT, FAKE_KEYS.adminNoUsageScope);
		expect(JSON.stringify(denied)).toContain('Missing scopes: api.management.write');
		await send('DELETE', `${prefix}/spend_limit`, `${base()}/spend_limit`, 403, undefined, FAKE_KEYS.adminNoUsageScope);
		await send('GET', `${prefix}/spend_alerts`, `${base()}/spend_alerts`, 200, undefined, FAKE_KEYS.adminNoUsageScope);
		await send('GET', `${prefix}/spend_alerts`, `${base()}/spend_alerts`, 403, undefined, FAKE_KEYS.project);
	});
});

it('404 for an unknown project', async () => {
	await send('GET', '/organization/projects/{project_id}/spend_limit', '/organization/projects/proj_nope/spend_limit', 404);
	await send('POST', '/organization/projects/{project_id}/spend_alerts', '/organization/projects/proj_nope/spend_alerts', 404, ALERT);
});

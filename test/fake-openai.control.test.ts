import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi, type RequestLogEntry } from './fake-openai';
import { parseMainArgs } from './fake-openai/args';
import { call } from './fake-openai/testClient';

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

const control = <T = Record<string, unknown>>(path: string, method = 'GET', body?: unknown) =>
	call<T>(fake.origin, `/_fake/${path}`, { method, body });
const models = (key: string = FAKE_KEYS.project) => call(fake.url, '/models', { key });

describe('control API (/_fake/)', () => {
	it('needs no auth, is not logged and reports health', async () => {
		const health = await control('health');
		expect(health.status).toBe(200);
		expect(health.body).toEqual({ ok: true });
		expect(fake.requests).toHaveLength(0);
	});

	it('lists and clears the request log', async () => {
		await models();
		const list = await control<{ object: string; data: RequestLogEntry[] }>('requests');
		expect(list.body.object).toBe('list');
		expect(list.body.data).toHaveLength(1);
		expect(list.body.data[0]).toMatchObject({ method: 'GET', path: '/v1/models', status: 200, authKey: FAKE_KEYS.project });
		expect((await control('requests', 'DELETE')).status).toBe(200);
		expect(fake.requests).toHaveLength(0);
	});

	it('configures latency, rate limits, logging and the clock', async () => {
		const config = await control('config', 'POST', {
			latencyMs: 5,
			rateLimit: { rpm: 1 },
			clock: { set: Date.UTC(2026, 0, 1) },
		});
		expect(config.status).toBe(200);
		expect(config.body).toMatchObject({ latencyMs: 5, rateLimit: { rpm: 1 }, logging: true, clock: { now: Date.UTC(2026, 0, 1), frozen: true } });
		expect((await models()).status).toBe(200);
		expect((await models()).status).toBe(429);
		await control('config', 'POST', { clock: { advance: 60_000 } });
		expect((await models()).status).toBe(200);
		await control('config', 'POST', { rateLimit: null, logging: false, clock: { real: true } });
		expect(fake.clock.isFrozen).toBe(false);
		fake.clearRequests();
		expect((await models()).status).toBe(200);
		expect(fake.requests).toHaveLength(0);
		expect((await control('config')).body).toMatchObject({ rateLimit: null, logging: false });
	});

	it('injects, lists and clears faults (pathRegex, times "Infinity")', async () => {
		const injected = await control<{ data: unknown[] }>('faults', 'POST', {
			kind: 'status',
			status: 503,
			times: 'Infinity',
			match: { pathRegex: '^/v1/models/' },
		});
		expect(injected.status).toBe(200);
		expect(injected.body.data).toHaveLength(1);
		expect((await call(fake.url, '/models/gpt-4o', { key: FAKE_KEYS.project })).status).toBe(503);
		expect((await call(fake.url, '/models/o3', { key: FAKE_KEYS.project })).status).toBe(503);
		expect((await models()).status).toBe(200);
		await control('faults', 'DELETE');
		expect((await call(fake.url, '/models/o3', { key: FAKE_KEYS.project })).status).toBe(200);

		await control('faults', 'POST', { kind: 'rateLimit', retryAfterMs: 250, match: { path: '/v1/models', method: 'GET' } });
		const limited = await models();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after-ms')).toBe('250');
	});

	it('adds, revokes and exhausts keys', async () => {
		expect((await control('keys', 'POST', { key: 'sk-proj-e2e-key-0100' })).status).toBe(200);
		expect((await models('sk-proj-e2e-key-0100')).status).toBe(200);
		await control('keys', 'POST', { key: 'sk-admin-e2e-usage-0101', kind: 'admin', scopes: ['api.usage.read'] });
		const costs = await call(fake.url, `/organization/costs?start_time=${Math.floor(Date.now() / 1000) - 86_400}`, {
			key: 'sk-admin-e2e-usage-0101',
		});
		expect(costs.status).toBe(200);
		const quota = await control('keys', 'POST', { key: 'sk-proj-e2e-key-0100', quotaExhausted: true });
		expect(quota.body).toMatchObject({ key: 'sk-proj-e2e-key-0100', kind: 'api', quotaExhausted: true });
		await control('keys', 'POST', { key: 'sk-proj-e2e-key-0100', revoked: true });
		expect((await models('sk-proj-e2e-key-0100')).status).toBe(401);
		const keys = await control<{ data: Array<{ key: string }> }>('keys');
		expect(keys.body.data.map((entry) => entry.key)).toEqual(expect.arrayContaining([FAKE_KEYS.admin, 'sk-admin-e2e-usage-0101']));
	});

	it('resets everything', async () => {
		await control('keys', 'POST', { key: 'sk-proj-temp-0200' });
		await control('faults', 'POST', { kind: 'status', status: 500, times: 5 });
		await control('config', 'POST', { rateLimit: { rpm: 1 } });
		expect((await control('reset', 'POST')).status).toBe(200);
		expect((await models('sk-proj-temp-0200')).status).toBe(401);
		expect((await models()).status).toBe(200);
		expect((await models()).status).toBe(200);
	});

	it('answers bad control requests with 400/404', async () => {
		expect((await control('nope')).status).toBe(404);
		expect((await call(fake.origin, '/_fake/config', { method: 'POST', body: '{nope' })).status).toBe(400);
		expect((await control('config', 'POST', { latencyMs: -5 })).status).toBe(400);
		expect((await control('faults', 'POST', { kind: 'explode' })).status).toBe(400);
		expect((await control('keys', 'POST', { key: 'sk-admin-x-0300', kind: 'admin' })).status).toBe(400);
	});
});

describe('main.ts arguments', () => {
	it('has defaults', () => {
		expect(parseMainArgs([])).toEqual({ port: 8787, latencyMs: 0, rateLimit: null, help: false });
	});

	it('parses --port, --latency (number or range), --rpm and --tpm', () => {
		expect(parseMainArgs(['--port', '0', '--latency', '50', '--rpm', '600', '--tpm=30000'])).toEqual({
			port: 0,
			latencyMs: 50,
			rateLimit: { rpm: 600, tpm: 30000 },
			help: false,
		});
		expect(parseMainArgs(['--latency=20-80']).latencyMs).toEqual({ min: 20, max: 80 });
		expect(parseMainArgs(['--tpm', '1000']).rateLimit).toEqual({ rpm: undefined, tpm: 1000 });
		expect(parseMainArgs(['-h']).help).toBe(true);
	});

	it.each([
		[['--port', 'abc'], /--port expects a whole number/],
		[['--port', '70000'], /--port must be between 0 and 65535/],
		[['--latency', '80-20'], /min <= max/],
		[['--rpm', '0'], /--rpm must be between 1/],
		[['--bogus'], /Unknown option/],
		[['extra'], /Unexpected argument/],
	])('rejects %j', (argv, message) => {
		expect(() => parseMainArgs(argv)).toThrow(message);
	});
});

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const getModel = (requestOptions: Record<string, unknown> = {}) => ({
	resource: 'model',
	operation: 'get',
	modelId: { __rl: true, mode: 'id', value: 'gpt-4o' },
	requestOptions,
});
const credentials = (extra: Record<string, unknown> = {}) => ({
	openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url, ...extra },
});

describe('allowed domains', () => {
	it('refuses a Base URL outside the credential allowed domains before any traffic', async () => {
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), {
			credentials: credentials({ allowedHttpRequestDomains: 'domains', allowedDomains: 'api.openai.com' }),
		});
		expect(run.status).toBe('error');
		expect(run.nodeError('OpenAI')?.message).toMatch(/^Domain not allowed: .*127\.0\.0\.1/);
		expect(fake.requests).toHaveLength(0);
	});

	it('lets a Base URL inside the list through, and passes the list on to n8n for every request', async () => {
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), {
			credentials: credentials({ allowedHttpRequestDomains: 'domains', allowedDomains: '127.0.0.1' }),
		});
		expect(run.status).toBe('success');
		expect(fake.requests).toHaveLength(1);
	});
});

describe('one network path', () => {
	it("the SDK never uses the global fetch: every request goes through n8n's helper", async () => {
		const globalFetch = jest.spyOn(globalThis, 'fetch');
		try {
			const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials() });
			expect(run.status).toBe('success');
			expect(globalFetch).not.toHaveBeenCalled();
			expect(run.httpRequests).toHaveLength(1);
			expect(run.httpRequests[0]).toMatchObject({ credentialType: 'openAiPlatformApi', method: 'GET' });
			expect(run.httpRequests[0].headers.Authorization).toBe(`Bearer ${FAKE_KEYS.project}`);
		} finally {
			globalFetch.mockRestore();
		}
	});
});

describe('Stop', () => {
	it('aborts a request in flight promptly', async () => {
		fake.injectFault({ kind: 'stall', match: { path: '/v1/models/gpt-4o' } });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), {
			credentials: credentials(),
			cancelAfterMs: 300,
		});
		expect(run.status).toBe('canceled');
		expect(run.cancellation?.settled).toBe(true);
		expect(run.durationMs).toBeLessThan(1500);
		// one request, not retried as if the connection had failed
		expect(fake.requests.filter((r) => r.path === '/v1/models/gpt-4o')).toHaveLength(1);
	});

	it('ends a retry that is waiting out a long Retry-After', async () => {
		fake.injectFault({ kind: 'rateLimit', retryAfterMs: 30_000, times: 5 });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel({ maxRetries: 3 }) }] }), {
			credentials: credentials(),
			cancelAfterMs: 300,
		});
		expect(run.status).toBe('canceled');
		expect(run.durationMs).toBeLessThan(1500);
		expect(fake.requests).toHaveLength(1);
	});
});

describe('retries, timeout and errors through the whole path', () => {
	it('retries a 500 and a dropped connection, then succeeds', async () => {
		fake.injectFault({ kind: 'status', status: 500, times: 1 });
		fake.injectFault({ kind: 'reset', times: 1 });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel({ maxRetries: 2 }) }] }), {
			credentials: credentials(),
		});
		expect(run.status).toBe('success');
		expect(run.output('OpenAI')[0].json.id).toBe('gpt-4o');
		expect(fake.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
	});

	it('honours retry-after-ms on a 429', async () => {
		fake.injectFault({ kind: 'rateLimit', retryAfterMs: 200, times: 1 });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials() });
		expect(run.status).toBe('success');
		const [first, second] = fake.requests;
		expect(second.startedAt - first.startedAt).toBeGreaterThanOrEqual(190);
	});

	it('gives up after Max Retries with a rate-limit hint', async () => {
		fake.injectFault({ kind: 'rateLimit', retryAfterMs: 10, times: 10 });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel({ maxRetries: 1 }) }] }), {
			credentials: credentials(),
		});
		expect(run.status).toBe('error');
		expect(fake.requests).toHaveLength(2);
		expect(run.nodeError('OpenAI')?.description).toMatch(/Rate limited.*retried 1 time\b/);
	});

	it('a quota error is not retried (unlike a rate limit)', async () => {
		fake.injectFault({
			kind: 'status',
			status: 429,
			times: 5,
			body: {
				error: {
					message: 'You exceeded your current quota, please check your plan and billing details.',
					type: 'insufficient_quota',
					param: null,
					code: 'insufficient_quota',
				},
			},
		});
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel({ maxRetries: 3 }) }] }), {
			credentials: credentials(),
		});
		expect(run.status).toBe('error');
		expect(run.nodeError('OpenAI')?.description).toMatch(/Quota exhausted/);
		expect(fake.requests).toHaveLength(1);
	});

	it('applies the Timeout option per request', async () => {
		fake.injectFault({ kind: 'stall', times: 5 });
		const run = await runWorkflow(
			workflow({ nodes: [{ parameters: getModel({ timeoutMs: 1000, maxRetries: 0 }) }] }),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('error');
		expect(run.nodeError('OpenAI')?.message).toMatch(/did not answer in time after 1000 ms/);
		expect(run.durationMs).toBeLessThan(3000);
	});

	it('an admin key in the platform credential gets a hint that names both credentials', async () => {
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), {
			credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.admin, url: fake.url } },
		});
		const error = run.nodeError('OpenAI');
		expect(error?.description).toMatch(/Admin keys only work for the Admin API/);
	});
});

describe('keys never leak', () => {
	const key = 'sk-proj-THIS-KEY-MUST-NEVER-LEAK-0123456789';

	it('not in the error, the run data, or the logs of a failed run (the API echoes a masked key)', async () => {
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), {
			credentials: { openAiPlatformApi: { apiKey: key, url: fake.url } },
		});
		expect(run.status).toBe('error');
		const everything = JSON.stringify({ run: run.run, logs: run.logs, error: run.error });
		expect(everything).not.toContain(key);
		expect(everything).not.toContain(key.slice(0, 12));
		expect(everything).not.toContain(key.slice(-8));
		expect(everything).not.toMatch(/sk-proj-\*/);
		// yet the key did reach the API, through the credential
		expect(fake.requests[0].authKey).toBe(key);
	});

	it('not in the output items, errors items under Continue On Fail, or logs of a good run', async () => {
		fake.keys.addApiKey(key);
		const run = await runWorkflow(
			workflow({
				items: [{ id: 'gpt-4o' }, { id: 'nope' }],
				nodes: [
					{
						onError: 'continueRegularOutput',
						parameters: { ...getModel(), modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
					},
				],
			}),
			{ credentials: { openAiPlatformApi: { apiKey: key, url: fake.url } } },
		);
		expect(run.status).toBe('success');
		expect(JSON.stringify({ run: run.run, logs: run.logs })).not.toContain(key);
	});
});

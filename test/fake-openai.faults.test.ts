import { request as httpRequest } from 'node:http';

import { FAKE_KEYS, startFakeOpenAi, type AreaFactory, type FakeOpenAi, type OpenAiErrorBody } from './fake-openai';
import { call, waitUntil } from './fake-openai/testClient';

/** A POST route that charges `tokens` from the body against the TPM bucket, and reports `actual` after. */
const tokenArea: AreaFactory = () => ({
	name: 'test/tokens',
	routes: [
		{
			method: 'POST',
			path: '/v1/test/tokens',
			auth: { kind: 'api' },
			estimateTokens: ({ body }) => (body as { tokens: number }).tokens,
			handle: (request) => {
				const { actual } = request.body as { actual?: number };
				if (actual !== undefined) request.reportTokens(actual);
				return { body: { ok: true } };
			},
		},
	],
});

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
let fake: FakeOpenAi;

beforeAll(async () => {
	fake = await startFakeOpenAi({ areas: [tokenArea] });
});

afterAll(async () => {
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
});

const models = (options: Parameters<typeof call>[2] = {}) => call<OpenAiErrorBody>(fake.url, '/models', { key: FAKE_KEYS.project, ...options });

/** A raw node:http GET, to see socket-level failures exactly. */
function rawGet(url: string): Promise<{ status: number }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` }, agent: false }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('latency', () => {
	it('delays responses by the configured ms', async () => {
		fake.setLatency(150);
		const started = performance.now();
		const result = await models();
		const elapsed = performance.now() - started;
		expect(result.status).toBe(200);
		expect(elapsed).toBeGreaterThanOrEqual(145);
		expect(elapsed).toBeLessThan(1000);
		expect(Number(result.headers.get('openai-processing-ms'))).toBeGreaterThanOrEqual(145);
	});

	it('overlaps concurrent delayed requests (timers, not busy waits)', async () => {
		fake.setLatency(100);
		const started = performance.now();
		const results = await Promise.all(Array.from({ length: 50 }, () => models()));
		expect(results.every((result) => result.status === 200)).toBe(true);
		expect(performance.now() - started).toBeLessThan(800);
	});

	it('draws a range from a seeded PRNG, within bounds', async () => {
		fake.setLatency({ min: 20, max: 60 });
		for (let i = 0; i < 5; i++) {
			const started = performance.now();
			await models();
			const elapsed = performance.now() - started;
			expect(elapsed).toBeGreaterThanOrEqual(19);
			expect(elapsed).toBeLessThan(600);
		}
		expect(() => fake.setLatency({ min: 10, max: 5 })).toThrow(TypeError);
		expect(() => fake.setLatency(-1)).toThrow(TypeError);
	});

	it('releases the held response when the client aborts', async () => {
		fake.setLatency(10_000);
		await expect(models({ signal: AbortSignal.timeout(50) })).rejects.toThrow();
		await waitUntil(() => fake.diagnostics().heldResponses === 0);
	});
});

describe('rate limits', () => {
	it('sends x-ratelimit-* headers and 429s when the RPM bucket is spent, refilling with the clock', async () => {
		fake.setRateLimit({ rpm: 3 });
		const remaining: Array<string | null> = [];
		for (let i = 0; i < 3; i++) {
			const result = await models();
			expect(result.status).toBe(200);
			expect(result.headers.get('x-ratelimit-limit-requests')).toBe('3');
			remaining.push(result.headers.get('x-ratelimit-remaining-requests'));
		}
		expect(remaining).toEqual(['2', '1', '0']);

		const limited = await models();
		expect(limited.status).toBe(429);
		expect(limited.body.error).toEqual({
			message:
				'Rate limit reached for requests per min (RPM) in organization org-fake: Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.',
			type: 'requests',
			param: null,
			code: 'rate_limit_exceeded',
		});
		expect(limited.headers.get('retry-after')).toBe('20');
		expect(limited.headers.get('retry-after-ms')).toBe('20000');
		expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
		expect(limited.headers.get('x-ratelimit-reset-requests')).toBe('1m0s');

		fake.clock.advance(19_900);
		const almost = await models();
		expect(almost.status).toBe(429);
		expect(almost.headers.get('retry-after-ms')).toBe('100');
		expect(almost.headers.get('retry-after')).toBe('1');
		expect(almost.body.error.message).toContain('Please try again in 100ms.');

		fake.clock.advance(100);
		const refilled = await models();
		expect(refilled.status).toBe(200);
		expect(refilled.headers.get('x-ratelimit-remaining-requests')).toBe('0');
	});

	it('keeps separate buckets per key, and no headers when disabled', async () => {
		expect((await models()).headers.get('x-ratelimit-limit-requests')).toBeNull();
		fake.setRateLimit({ rpm: 1 });
		expect((await models()).status).toBe(200);
		expect((await models()).status).toBe(429);
		expect((await models({ key: FAKE_KEYS.user })).status).toBe(200);
		fake.setRateLimit(null);
		const result = await models();
		expect(result.status).toBe(200);
		expect(result.headers.get('x-ratelimit-limit-requests')).toBeNull();
	});

	it('charges estimated tokens against TPM, adjusts by reported tokens, and rejects oversize requests', async () => {
		fake.setRateLimit({ rpm: 1000, tpm: 600 });
		const tokens = (body: object) => call<OpenAiErrorBody>(fake.url, '/test/tokens', { key: FAKE_KEYS.project, body });

		const first = await tokens({ tokens: 400 });
		expect(first.status).toBe(200);
		expect(first.headers.get('x-ratelimit-limit-tokens')).toBe('600');
		expect(first.headers.get('x-ratelimit-remaining-tokens')).toBe('200');
		expect(first.headers.get('x-ratelimit-reset-tokens')).toBe('40s');

		const limited = await tokens({ tokens: 300 });
		expect(limited.status).toBe(429);
		expect(limited.body.error).toMatchObject({ type: 'tokens', code: 'rate_limit_exceeded' });
		expect(limited.body.error.message).toBe(
			'Rate limit reached for tokens per min (TPM) in organization org-fake: Limit 600, Used 400, Requested 300. Please try again in 10s. Visit https://platform.openai.com/account/rate-limits to learn more.',
		);
		expect(limited.headers.get('retry-after-ms')).toBe('10000');

		const refund = await tokens({ tokens: 100, actual: 0 });
		expect(refund.headers.get('x-ratelimit-remaining-tokens')).toBe('100');
		expect((await tokens({ tokens: 1 })).headers.get('x-ratelimit-remaining-tokens')).toBe('199');

		const tooLarge = await tokens({ tokens: 601 });
		expect(tooLarge.status).toBe(429);
		expect(tooLarge.body.error.message).toMatch(/^Request too large for tokens per min \(TPM\): Limit 600, Requested 601\./);
		expect(tooLarge.headers.get('retry-after')).toBeNull();
	});

	it('rejects invalid configurations', () => {
		expect(() => fake.setRateLimit({ rpm: 0 })).toThrow(TypeError);
		expect(() => fake.setRateLimit({ tpm: Number.NaN })).toThrow(TypeError);
	});
});

describe('faults', () => {
	it('status: sends OpenAI-style 500/503 JSON and Cloudflare-style 502 HTML, then recovers', async () => {
		fake.injectFault({ kind: 'status', status: 500 });
		const serverError = await models();
		expect(serverError.status).toBe(500);
		expect(serverError.body.error).toMatchObject({ type: 'server_error', message: expect.stringContaining('The server had an error') });
		expect(serverError.headers.get('x-request-id')).toMatch(/^req_/);

		fake.injectFault({ kind: 'status', status: 502 });
		const badGateway = await models();
		expect(badGateway.status).toBe(502);
		expect(badGateway.headers.get('content-type')).toBe('text/html');
		expect(badGateway.text).toContain('502 Bad Gateway');

		fake.injectFault({ kind: 'status', status: 503, body: { error: { message: 'custom', type: 'server_error', param: null, code: null } } });
		const custom = await models();
		expect(custom.status).toBe(503);
		expect(custom.body.error.message).toBe('custom');

		expect((await models()).status).toBe(200);
	});

	it('status: honours times and match (exact path, RegExp, method); faults apply before auth', async () => {
		fake.injectFault({ kind: 'status', status: 500, times: 2, match: { path: '/v1/models/gpt-4o' } });
		fake.injectFault({ kind: 'status', status: 503, match: { method: 'DELETE', path: /^\/v1\/models\// } });
		expect((await models()).status).toBe(200);
		const get = (path: string) => call(fake.url, path, { key: FAKE_KEYS.project });
		expect((await get('/models/gpt-4o')).status).toBe(500);
		expect((await call(fake.url, '/models/gpt-4o')).status).toBe(500);
		expect((await get('/models/gpt-4o')).status).toBe(200);
		expect((await get('/models/o3')).status).toBe(200);
		expect((await call(fake.url, '/models/o3', { key: FAKE_KEYS.project, method: 'DELETE' })).status).toBe(503);
		expect(fake.pendingFaults()).toEqual([]);
	});

	it('rateLimit: a 429 like the real one with retry-after headers', async () => {
		fake.injectFault({ kind: 'rateLimit', retryAfterMs: 1500 });
		const result = await models();
		expect(result.status).toBe(429);
		expect(result.body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
		expect(result.body.error.message).toContain('Please try again in 1.5s.');
		expect(result.headers.get('retry-after')).toBe('2');
		expect(result.headers.get('retry-after-ms')).toBe('1500');
		expect((await models()).status).toBe(200);
	});

	it('reset: destroys the socket without a response', async () => {
		fake.injectFault({ kind: 'reset' });
		await expect(rawGet(`${fake.url}/models`)).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect((await rawGet(`${fake.url}/models`)).status).toBe(200);
		expect(fake.requests[0]).toMatchObject({ fault: 'reset', status: null, durationMs: null });
	});

	it('reset: fetch fails too', async () => {
		fake.injectFault({ kind: 'reset' });
		await expect(models()).rejects.toThrow('fetch failed');
	});

	it('stall with ms: holds the response, then answers normally', async () => {
		fake.injectFault({ kind: 'stall', ms: 120 });
		const started = performance.now();
		const result = await models();
		expect(result.status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(115);
	});

	it('stall forever: the client times out and the server does not leak the socket', async () => {
		fake.injectFault({ kind: 'stall' });
		await expect(models({ signal: AbortSignal.timeout(100) })).rejects.toThrow();
		await waitUntil(() => fake.diagnostics().heldResponses === 0);
		expect(fake.requests[0]).toMatchObject({ fault: 'stall', status: null });

		// with a non-pooling client on a fresh fake, the socket count must drop back to zero as well
		const other = await startFakeOpenAi();
		other.injectFault({ kind: 'stall' });
		const req = httpRequest(`${other.url}/models`, { agent: false, timeout: 100 });
		const failed = new Promise((resolve) => req.on('error', resolve));
		req.on('timeout', () => req.destroy(new Error('client timeout')));
		req.end();
		expect(await failed).toMatchObject({ message: 'client timeout' });
		await waitUntil(() => other.diagnostics().openSockets === 0 && other.diagnostics().heldResponses === 0);
		expect(other.requests[0]).toMatchObject({ fault: 'stall', status: null });
		await other.stop();
	});

	it('rejects invalid faults', () => {
		expect(() => fake.injectFault({ kind: 'status', status: 42 })).toThrow(TypeError);
		expect(() => fake.injectFault({ kind: 'reset', times: 0 })).toThrow(TypeError);
		expect(() => fake.injectFault({ kind: 'nope' } as never)).toThrow(TypeError);
	});

	it('clearFaults and reset drop pending faults', async () => {
		fake.injectFault({ kind: 'status', status: 500, times: Infinity });
		fake.clearFaults();
		expect((await models()).status).toBe(200);
		fake.injectFault({ kind: 'status', status: 500, times: Infinity });
		fake.reset();
		expect((await models()).status).toBe(200);
	});
});

describe('stop', () => {
	it('is prompt with a stalled and a delayed request in flight', async () => {
		const other = await startFakeOpenAi({ latencyMs: 30_000 });
		other.injectFault({ kind: 'stall' });
		const settle = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: Error) => error.message);
		const stalled = settle(call(other.url, '/models', { key: FAKE_KEYS.project }));
		const delayed = settle(call(other.url, '/models', { key: FAKE_KEYS.project }));
		await waitUntil(() => other.requests.length === 2);
		const started = performance.now();
		await other.stop();
		expect(performance.now() - started).toBeLessThan(500);
		expect(await stalled).toBe('fetch failed');
		expect(await delayed).toBe('fetch failed');
		await waitUntil(() => other.diagnostics().openSockets === 0);
		expect(other.diagnostics()).toEqual({ openSockets: 0, heldResponses: 0 });
		await other.stop(); // idempotent
	});
});

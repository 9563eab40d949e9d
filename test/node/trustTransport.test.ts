import type { FakeOpenAi } from '../fake-openai';
import { startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import type { HarnessRun } from '../harness';
import { workflow } from './workflows';

/**
 * What the transport does with what a server sends back (issue 10, classes 1, 6 and 7): keys never
 * leave through any error field, error messages and stored bodies are bounded, a non-JSON answer is
 * named as such, an API error names its item. The whole matrix is in test/hostile.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

/** A gateway-issued key without the sk- prefix: only redaction by value can catch it. */
const GATEWAY_KEY = 'gw-live-7f3a9c2e5b1d4a6f8e0c';
const getModel = (requestOptions: Record<string, unknown> = { maxRetries: 0 }) => ({
	resource: 'model',
	operation: 'get',
	modelId: { __rl: true, mode: 'id', value: 'gpt-4o' },
	requestOptions,
});
const credentials = (extra: Record<string, unknown> = {}) => ({
	openAiPlatformApi: { apiKey: GATEWAY_KEY, url: fake.url, ...extra },
});

/** Every string reachable from a value: own properties (also non-enumerable), arrays, causes. */
function allStrings(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') out.push(value);
	if (typeof value !== 'object' || value === null || seen.has(value)) return out;
	seen.add(value);
	for (const name of Object.getOwnPropertyNames(value)) {
		allStrings((value as Record<string, unknown>)[name], out, seen);
	}
	return out;
}

function expectNoSecret(run: HarnessRun, secrets: string[]): void {
	const places = [
		...allStrings(run.error),
		...allStrings(run.run.data.resultData.runData),
		...run.logs,
	].join('\n');
	for (const secret of secrets) expect(places).not.toContain(secret);
}

describe('keys never leave through an error field', () => {
	it('a 400 that echoes the key into param, code, type, message and x-request-id shows none of it', async () => {
		fake.injectFault({
			kind: 'status',
			status: 400,
			headers: { 'x-request-id': `req_${GATEWAY_KEY}` },
			body: {
				error: { message: `Invalid request for ${GATEWAY_KEY}.`, param: GATEWAY_KEY, code: GATEWAY_KEY, type: `Bearer ${GATEWAY_KEY}` },
			},
		});
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials() });
		expect(run.status).toBe('error');
		const error = run.nodeError('OpenAI') as { message: string; description?: string };
		expect(error.message).toBe('OpenAI: Invalid request for [redacted]. [item 0]');
		expect(error.description).toMatch(/rejected the value of '\[redacted\]'/);
		expectNoSecret(run, [GATEWAY_KEY]);
	});

	it("a password in the Base URL's userinfo is never shown", async () => {
		const url = fake.url.replace('http://', 'http://deploy:s3cr3t-pa55@');
		fake.injectFault({ kind: 'reset', times: Infinity });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials({ url }) });
		expect(run.status).toBe('error');
		const error = run.nodeError('OpenAI') as { message: string };
		expect(error.message).toMatch(/^Could not connect to http:\/\/127\.0\.0\.1:\d+\/v1/);
		expectNoSecret(run, ['s3cr3t-pa55', GATEWAY_KEY]);
	});

	it('a full stop after a redacted key stays', async () => {
		fake.injectFault({
			kind: 'status',
			status: 401,
			body: { error: { message: 'Incorrect API key provided: sk-proj-abc***wxyz. You can find your API key at https://platform.openai.com/account/api-keys.' } },
		});
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials() });
		expect(run.nodeError('OpenAI')?.message).toBe(
			'OpenAI: Incorrect API key provided: sk-…[redacted]. You can find your API key at https://platform.openai.com/account/api-keys. [item 0]',
		);
	});
});

describe('bounded error messages', () => {
	it("a proxy's 7 kB HTML 502 page becomes its title, not the page", async () => {
		const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${'<p>upstream error</p>'.repeat(350)}</body></html>`;
		expect(page.length).toBeGreaterThan(7000);
		fake.injectFault({ kind: 'status', status: 502, body: page, times: Infinity });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials() });
		const error = run.nodeError('OpenAI') as { message: string; httpCode?: string };
		expect(error.message).toBe('OpenAI: an HTML page titled "502 Bad Gateway" instead of an API error [item 0]');
		expect(error.httpCode).toBe('502');
		expect(JSON.stringify(run.error).length).toBeLessThan(8 * 1024);
	});

	it('a huge plain-text 500 body is cut to 500 characters', async () => {
		fake.injectFault({ kind: 'status', status: 500, body: 'x'.repeat(200_000), times: Infinity });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials() });
		const error = run.nodeError('OpenAI') as { message: string };
		expect(error.message.length).toBeLessThanOrEqual(500);
		expect(error.message).toMatch(/…/);
		expect(JSON.stringify(run.error).length).toBeLessThan(8 * 1024);
	});
});

describe('answers that are not JSON', () => {
	it('a 200 that says JSON but is not is named as such, with its first characters, and the Base URL hint', async () => {
		fake.injectFault({ kind: 'status', status: 200, body: 'OK', headers: { 'content-type': 'application/json' } });
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials() });
		expect(run.status).toBe('error');
		const error = run.nodeError('OpenAI') as { message: string; description?: string };
		expect(error.message).toMatch(/^The server's answer is not .+ \[item 0\]$/);
		expect(error.description).toMatch(/OK/);
		expect(error.description).toMatch(/Base URL/);
	});
});

describe('Request Options are checked', () => {
	it.each([
		[{ timeoutMs: -5 }, /"Timeout \(Ms\)" must be a number of milliseconds above 0 \(it is -5\)/],
		[{ maxRetries: -1 }, /"Max Retries" must be a whole number from 0 to 10 \(it is -1\)/],
		[{ maxRetries: 99 }, /"Max Retries" must be a whole number from 0 to 10 \(it is 99\)/],
		[{ concurrency: 0 }, /"Concurrency" must be a whole number from 1 to 500 \(it is 0\)/],
	])('%j is refused before any request, naming the option', async (options, message) => {
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel(options) }] }), { credentials: credentials() });
		expect(run.status).toBe('error');
		expect(run.nodeError('OpenAI')?.message).toMatch(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('a Base URL that is not a URL names the credential field', async () => {
		const run = await runWorkflow(workflow({ nodes: [{ parameters: getModel() }] }), { credentials: credentials({ url: 'api.openai.com v1' }) });
		expect(run.nodeError('OpenAI')?.message).toMatch(/The credential's Base URL "api\.openai\.com v1" is not a URL/);
	});
});

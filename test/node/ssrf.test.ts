/**
 * n8n's SSRF protection applies to this package exactly as to n8n's built-in nodes, because every
 * request goes through n8n's HTTP helper. With it on, loopback (where the fake runs) is refused
 * before any traffic, and the refusal is not retried like a flaky connection.
 */
import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { workflow } from './workflows';

let fake: FakeOpenAi;
let runWorkflow: typeof import('../harness').runWorkflow;
const previous = process.env.N8N_SSRF_PROTECTION_ENABLED;

beforeAll(async () => {
	// n8n reads its config when its services are first created: set it before loading n8n.
	process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
	({ runWorkflow } = await import('../harness'));
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
	if (previous === undefined) delete process.env.N8N_SSRF_PROTECTION_ENABLED;
	else process.env.N8N_SSRF_PROTECTION_ENABLED = previous;
});

it('refuses a loopback Base URL under SSRF protection, promptly and without retries', async () => {
	const run = await runWorkflow(
		workflow({
			nodes: [
				{
					parameters: {
						resource: 'model',
						operation: 'get',
						modelId: { __rl: true, mode: 'id', value: 'gpt-4o' },
						requestOptions: { maxRetries: 5 },
					},
				},
			],
		}),
		{ credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } } },
	);
	expect(run.status).toBe('error');
	const error = run.nodeError('OpenAI');
	expect(error?.message).toMatch(/blocked because it resolves to a restricted IP address/);
	expect(error?.description).toMatch(/SSRF protection blocked/);
	expect(fake.requests).toHaveLength(0);
	expect(run.durationMs).toBeLessThan(2000); // 5 retries with back-off would take over 10 s
});

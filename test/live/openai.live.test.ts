/**
 * Opt-in proof against the real OpenAI API. Skipped unless the keys are set:
 *   OPENAI_API_KEY=sk-proj-… OPENAI_ADMIN_KEY=sk-admin-… npx jest test/live
 * (OPENAI_BASE_URL overrides the endpoint.) Nothing here writes or deletes anything.
 */
import { runWorkflow, testCredential } from '../harness';
import { workflow } from '../node/workflows';

const apiKey = process.env.OPENAI_API_KEY?.trim();
const adminKey = process.env.OPENAI_ADMIN_KEY?.trim();
const url = process.env.OPENAI_BASE_URL?.trim() || 'https://api.openai.com/v1';
jest.setTimeout(60_000);

(apiKey ? describe : describe.skip)('live: OpenAI Platform API', () => {
	const credentials = () => ({ openAiPlatformApi: { apiKey: apiKey as string, url } });

	it('the credential test passes', async () => {
		expect(await testCredential('openAiPlatformApi', { apiKey: apiKey as string, url })).toMatchObject({ status: 'OK' });
	});

	it('lists models and gets one', async () => {
		const run = await runWorkflow(
			workflow({
				nodes: [
					{ parameters: { resource: 'model', operation: 'getAll', limit: 3, filters: { search: 'gpt' } } },
					{ parameters: { resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } } },
				],
			}),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('success');
		const listed = run.output('OpenAI').map((i) => i.json.id);
		expect(listed.length).toBeGreaterThan(0);
		expect(run.output('OpenAI 2').map((i) => i.json.id)).toEqual(listed);
		expect(JSON.stringify(run.run)).not.toContain(apiKey);
	});

	it('a wrong key is a 401 with a hint, and nothing of the key shows', async () => {
		const wrong = 'sk-proj-live-test-this-key-does-not-exist-000000';
		const run = await runWorkflow(
			workflow({ nodes: [{ parameters: { resource: 'model', operation: 'getAll', limit: 1 } }] }),
			{ credentials: { openAiPlatformApi: { apiKey: wrong, url } } },
		);
		expect(run.status).toBe('error');
		expect((run.nodeError('OpenAI') as { httpCode?: string }).httpCode).toBe('401');
		const everything = JSON.stringify({ run: run.run, logs: run.logs });
		expect(everything).not.toContain(wrong);
		expect(everything).not.toContain('sk-proj-live'); // OpenAI echoes the key's first characters
	});
});

(adminKey ? describe : describe.skip)('live: OpenAI Admin API', () => {
	it('the admin credential test proves usage can be read', async () => {
		expect(await testCredential('openAiAdminApi', { apiKey: adminKey as string, url })).toMatchObject({ status: 'OK' });
	});

	(apiKey ? it : it.skip)('a project key fails the admin credential test with a message naming the key type', async () => {
		const result = await testCredential('openAiAdminApi', { apiKey: apiKey as string, url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Admin key/);
	});
});

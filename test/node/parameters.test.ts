/**
 * The engine's parameter shortcuts give exactly what n8n gives: the same request bodies for the same
 * items whether an expression is a plain field (read by the engine) or needs n8n's engine.
 */
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

const items = [
	{ q: 'first question', row: { 'the text': 'spaced key' }, list: ['a', 'b'], temp: 0.3 },
	{ q: 'second question', row: { 'the text': 'another' }, list: ['c', 'd'], temp: 1.1 },
];

async function bodies(content: string, temperature: unknown) {
	fake.clearRequests();
	const run = await runWorkflow(
		workflow({
			items,
			nodes: [
				{
					parameters: {
						resource: 'chat',
						operation: 'message',
						modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
						messages: { values: [{ role: 'user', content }] },
						options: { temperature },
					},
				},
			],
		}),
		{ credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } } },
	);
	expect(run.status).toBe('success');
	return fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body);
}

it.each([
	['={{ $json.q }}', '={{ $json.q.trim() }}'],
	['={{ $json.row["the text"] }}', '={{ $json.row["the text"] + "" }}'],
	['={{ $json.list[1] }}', '={{ [$json.list[1]][0] }}'],
])('%s gives what n8n gives for %s', async (shortcut, viaN8n) => {
	const fast = await bodies(shortcut, '={{ $json.temp }}');
	const slow = await bodies(viaN8n, '={{ $json.temp * 1 }}');
	expect(fast).toEqual(slow);
	expect(fast).toHaveLength(2);
});

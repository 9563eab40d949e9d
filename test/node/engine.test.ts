/**
 * The item engine and transport under load: pacing by rate-limit headers, and the packing of items
 * into requests. (Order, pairing, Continue On Fail, retries, timeout and Stop: model.test.ts and
 * transport.test.ts.)
 */
import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import { watchStalls } from './stalls';
import { workflow } from './workflows';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const credentials = () => ({ openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } });
const getModels = (count: number, requestOptions: Record<string, unknown>) =>
	workflow({
		items: Array.from({ length: count }, () => ({ id: 'gpt-4o-mini' })),
		nodes: [
			{
				parameters: {
					resource: 'model',
					operation: 'get',
					modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					requestOptions,
				},
			},
		],
	});

describe('rate-limit pacing', () => {
	it('slows down to the granted rate instead of running into 429s', async () => {
		// 1,200 requests a minute = 20 a second, from an empty budget
		fake.setRateLimit({ rpm: 1200, initialFill: 0 });
		const count = 30;
		const stalls = watchStalls();
		const run = await runWorkflow(getModels(count, { concurrency: 16, maxRetries: 2 }), { credentials: credentials() }).finally(
			stalls.stop,
		);
		expect(run.status).toBe('success');
		expect(run.output('OpenAI')).toHaveLength(count);
		const rejected = fake.requests.filter((r) => r.status === 429).length;
		// only the very first request can meet the empty budget unannounced
		expect(rejected).toBeLessThanOrEqual(1);
		// the pace the API saw: accepted requests per second since the first request met the empty budget
		const accepted = fake.requests.filter((r) => r.status === 200).map((r) => r.startedAt);
		const [from, to] = [fake.requests[0].startedAt, accepted[accepted.length - 1]];
		expect((accepted.length * 1000) / (to - from)).toBeLessThanOrEqual(20 * 1.05);
		// not much slower either, leaving out the time a busy machine did not let this process run
		// (loose: speed is measured by `npm run bench`)
		expect((accepted.length * 1000) / (to - from - stalls.stalledBetween(from, to))).toBeGreaterThan(20 * 0.75);
	});

	it('without the pacing the same run would have met 429s (the fake really limits)', async () => {
		fake.setRateLimit({ rpm: 1200, initialFill: 0 });
		const statuses = await Promise.all(
			Array.from({ length: 10 }, () =>
				fetch(`${fake.url}/models/gpt-4o`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } }).then((r) => r.status),
			),
		);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(5);
	});
});

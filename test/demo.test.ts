/**
 * The parts `npm run demo` is made of (scripts/demo/), on fewer items: what it measures and checks
 * must be what happened, so the demo cannot quietly show something else.
 */
import { inInputOrder, runChatPass, tickets, tokenTotals, type ChatTarget } from '../scripts/demo/chatItems';
import { checkExactlyOnce, runUsagePolls } from '../scripts/demo/usagePolls';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';

let fake: FakeOpenAi;
let target: ChatTarget;
beforeAll(async () => {
	fake = await startFakeOpenAi({ latencyMs: 20 });
	target = { credential: { apiKey: FAKE_KEYS.project, url: fake.url }, model: 'gpt-4o-mini', fake };
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

describe('demo part 1: many chat items', () => {
	it('concurrency 1 sends one request at a time; the default sends many at once; both answer every item in order', async () => {
		const inputs = tickets(40);
		const oneByOne = await runChatPass(target, inputs, 1);
		expect(oneByOne.maxInFlight).toBe(1);
		const ours = await runChatPass(target, inputs, 'default');
		expect(ours.maxInFlight).toBeGreaterThan(10);
		expect(fake.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2 * 40); // one request per item and pass
		expect(inInputOrder(oneByOne, 40)).toBe(true);
		expect(inInputOrder(ours, 40)).toBe(true);
		expect(ours.items.map((item) => item.json.content)).toEqual(inputs.map((input) => expect.stringContaining(String(input.text))));
		expect(oneByOne.nodeMs).toBeGreaterThan(40 * 20);
		expect(ours.nodeMs).toBeLessThan(oneByOne.nodeMs);
		const totals = tokenTotals(ours.items);
		expect(totals.total).toBe(totals.input + totals.output);
		expect(totals.input).toBeGreaterThan(40);
	});

	it('a failing item fails the pass instead of being counted as answered', async () => {
		fake.injectFault({ kind: 'status', status: 400, match: { path: '/v1/chat/completions' }, times: 1 });
		await expect(runChatPass(target, tickets(3), 1)).rejects.toThrow(/status error/);
	});

	it('tells an output in another order, or with an item missing', async () => {
		const pass = await runChatPass(target, tickets(3), 'default');
		expect(inInputOrder(pass, 3)).toBe(true);
		expect(inInputOrder({ ...pass, items: [...pass.items].reverse() }, 3)).toBe(false);
		expect(inInputOrder({ ...pass, items: pass.items.slice(1) }, 3)).toBe(false);
	});
});

describe('demo part 2: the usage trigger', () => {
	it('activation emits nothing, the first poll new rows only, the next revisions only, then nothing', async () => {
		const story = await runUsagePolls(fake);
		expect(story.activation.rows).toEqual([]);
		const [first, second, third] = story.polls;
		expect(first.rows.length).toBeGreaterThan(2);
		expect(first.rows.every((row) => row.changeType === 'new')).toBe(true);
		expect(second.rows.length).toBeGreaterThan(0);
		expect(second.rows.every((row) => row.changeType === 'revision')).toBe(true);
		expect(third.rows).toEqual([]);
		expect(checkExactlyOnce(story)).toEqual({ newRows: first.rows.length, revisions: second.rows.length, repeatedNew: [], orphanRevisions: [] });
	});

	it('the check reports a row emitted twice as new and a revision of a row never emitted', () => {
		const row = (rowKey: string, changeType: string) => ({ rowKey, changeType });
		const story = {
			activation: { at: 0, rows: [] },
			polls: [
				{ at: 1, rows: [row('a', 'new'), row('b', 'revision')] },
				{ at: 2, rows: [row('a', 'new'), row('a', 'revision')] },
			],
		};
		expect(checkExactlyOnce(story)).toEqual({ newRows: 2, revisions: 2, repeatedNew: ['a'], orphanRevisions: ['b'] });
	});
});

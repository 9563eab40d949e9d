import { estimateTokens, parseDuration, RateLimitGovernor } from '../../nodes/shared/transport/rateLimitGovernor';
import { RateLimiter } from '../fake-openai/rateLimit';

const headers = (values: Record<string, string | number>) =>
	new Headers(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));

describe('RateLimitGovernor', () => {
	it('sends one request until the first answer, then as many as the budget allows', async () => {
		const governor = new RateLimitGovernor();
		await governor.acquire(100);
		let second = false;
		const pending = governor.acquire(100).then(() => (second = true));
		await new Promise((r) => setImmediate(r));
		expect(second).toBe(false);
		governor.observe(new Headers()); // an answer without rate-limit headers: no budget to respect
		await pending;
		const started = Date.now();
		for (let i = 0; i < 50; i++) await governor.acquire(100);
		expect(Date.now() - started).toBeLessThan(50);
		expect(governor.waitedMs).toBe(0);
	});

	it('spends what is left, then paces at the refill rate', async () => {
		const governor = new RateLimitGovernor();
		await governor.acquire(0);
		// 6,000 requests a minute = one every 10 ms; 3 left now
		governor.observe(headers({ 'x-ratelimit-limit-requests': 6000, 'x-ratelimit-remaining-requests': 3 }));
		const started = Date.now();
		for (let i = 0; i < 3; i++) await governor.acquire(0);
		expect(Date.now() - started).toBeLessThan(25); // paced, the three would take 30 ms
		for (let i = 0; i < 5; i++) await governor.acquire(0);
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(40);
		expect(elapsed).toBeLessThan(1000);
	});

	it('counts requests still in flight when a report comes in', async () => {
		const governor = new RateLimitGovernor();
		await governor.acquire(0);
		governor.observe(new Headers());
		for (let i = 0; i < 4; i++) await governor.acquire(0); // 4 in flight
		// the first answers: 2 left, but 3 others are in flight and may not be counted yet
		governor.observe(headers({ 'x-ratelimit-limit-requests': 60, 'x-ratelimit-remaining-requests': 2 }));
		const aborted = AbortSignal.timeout(30);
		await expect(governor.acquire(0, aborted)).rejects.toBeDefined();
	});

	it('paces by tokens too', async () => {
		const governor = new RateLimitGovernor();
		await governor.acquire(0);
		governor.observe(
			headers({
				'x-ratelimit-limit-requests': 10000,
				'x-ratelimit-remaining-requests': 9999,
				'x-ratelimit-limit-tokens': 60000, // 1 token per ms
				'x-ratelimit-remaining-tokens': 100,
			}),
		);
		const started = Date.now();
		await governor.acquire(100);
		await governor.acquire(30); // must wait ~30 ms for the refill
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
	});

	it('stops waiting when aborted', async () => {
		const governor = new RateLimitGovernor();
		await governor.acquire(0);
		governor.observe(headers({ 'x-ratelimit-limit-requests': 1, 'x-ratelimit-remaining-requests': 0 }));
		const controller = new AbortController();
		const pending = governor.acquire(0, controller.signal);
		controller.abort(new Error('stop'));
		await expect(pending).rejects.toThrow('stop');
	});
});

describe('estimateTokens', () => {
	it('counts about 4 characters a token plus the output cap', () => {
		expect(estimateTokens('x'.repeat(400))).toBe(100);
		expect(estimateTokens('{"max_completion_tokens": 50, "q":"abcd"}')).toBe(Math.ceil(41 / 4) + 50);
		expect(estimateTokens(undefined)).toBe(0);
	});
});

describe('parseDuration', () => {
	it.each([
		['20ms', 20],
		['1s', 1000],
		['1.5s', 1500],
		['6m0s', 360000],
		['1h2m3.5s', 3723500],
		['0s', 0],
	])('%s = %d ms', (text, expected) => {
		expect(parseDuration(text)).toBe(expected);
	});

	it('rejects what it does not understand', () => {
		expect(parseDuration('soon')).toBeUndefined();
		expect(parseDuration(null)).toBeUndefined();
		expect(parseDuration('5')).toBeUndefined();
	});
});

describe('RateLimitGovernor sharing one budget with others (other workers on the same key)', () => {
	const clock = { now: () => Date.now(), nowSeconds: () => Math.floor(Date.now() / 1000) };

	/** `senders` governors, each sending `perSender` requests one after another against one shared limiter. */
	async function share(senders: number, perSender: number, rpm: number) {
		const limiter = new RateLimiter(clock, 'org-test');
		limiter.configure({ rpm, initialFill: 0 });
		let accepted = 0;
		let rejected = 0;
		const started = Date.now();
		await Promise.all(
			Array.from({ length: senders }, async () => {
				const governor = new RateLimitGovernor();
				for (let sent = 0; sent < perSender; ) {
					await governor.acquire(0);
					const decision = limiter.check('sk-shared', 0);
					governor.observe(new Headers(decision.headers), decision.allowed ? undefined : 0);
					if (decision.allowed) {
						accepted++;
						sent++;
					} else {
						rejected++;
						await new Promise((resolve) => setTimeout(resolve, Number(decision.headers['retry-after-ms'])));
					}
				}
			}),
		);
		const seconds = (Date.now() - started) / 1000;
		return { rejectedShare: rejected / (accepted + rejected), rateShare: accepted / seconds / (rpm / 60) };
	}

	it('two governors on one key learn each other from the reports: few 429s, the refill still used', async () => {
		const { rejectedShare, rateShare } = await share(2, 250, 6_000); // 100 requests/s shared, 5 s
		expect(rejectedShare).toBeLessThan(0.15); // each spending the whole refill: about half are 429s
		expect(rateShare).toBeGreaterThan(0.7);
	});

	it('alone, the governor counts on the whole refill', async () => {
		const { rejectedShare, rateShare } = await share(1, 60, 3_000); // 50 requests/s, 1.2 s
		expect(rejectedShare).toBeLessThan(0.05);
		expect(rateShare).toBeGreaterThan(0.7);
	});
});

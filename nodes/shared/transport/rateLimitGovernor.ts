import { waitFor } from '../engine/wait';

/**
 * Paces requests by what OpenAI says is left of the rate limit, so a run slows down instead of
 * running into 429s. Every response carries `x-ratelimit-limit-/remaining-/reset-requests` and the
 * same for tokens; OpenAI's limits are per minute and refill continuously. Before each request the
 * governor estimates what is available now — the last reported remainder, plus the refill since, minus
 * the requests started since that report — and waits until one request (and its estimated tokens)
 * fits. The SDK's retry of a 429 (honouring retry-after-ms) stays as the safety net.
 *
 * One governor per client, i.e. per node execution. Runs in parallel — other executions, other n8n
 * workers, other programs on the same key — share OpenAI's budget without seeing each other; the
 * headers show what they take: when a report is lower than this governor's own spending explains,
 * the difference is the others' consumption. Its rate (smoothed over a few seconds) is taken off the
 * refill this governor counts on, so several of them settle on sharing the refill instead of each
 * spending all of it and meeting 429s (bench: sharedRateLimit).
 */
interface Budget {
	limit: number;
	remaining: number;
	/** When `remaining` was reported (ms). */
	at: number;
	/** Refill per ms (limit per minute). */
	refill: number;
}

/** How quickly the estimate of the others' rate follows a change (ms). */
const OTHERS_SMOOTHING_MS = 2_000;
/** The share of the refill always counted on, however much the others seem to take. */
const MIN_SHARE = 0.1;
/**
 * While others spend the same budget, this much of it (of the limit) is left unspent: two governors
 * that each count on the same last unit would otherwise both send and one would meet a 429. A budget
 * paced at its refill is never full, so the cushion costs no throughput.
 */
const SHARED_CUSHION = 0.01;

/** What the others spend of one budget (requests or tokens), per ms, learned from the reports. */
class OthersRate {
	rate = 0;
	/** Units this governor started since the last report. */
	private own = 0;
	private last?: Budget;

	started(units: number): void {
		this.own += units;
	}

	/** A request refused with a 429 was not charged: it is not ours to count. */
	refused(units: number): void {
		this.own = Math.max(0, this.own - units);
	}

	/** A new report: whatever fell below what the last one, the refill and our own spending explain. */
	report(budget: Budget): void {
		const last = this.last;
		this.last = budget;
		const own = this.own;
		this.own = 0;
		if (!last || last.limit !== budget.limit) return;
		const elapsed = budget.at - last.at;
		if (elapsed <= 0) return;
		const expected = Math.min(budget.limit, last.remaining + last.refill * elapsed) - own;
		// A full bucket hides what was taken; a report that high says the others took nothing.
		const taken = budget.remaining >= budget.limit ? 0 : Math.max(0, expected - budget.remaining);
		const weight = 1 - Math.exp(-elapsed / OTHERS_SMOOTHING_MS);
		this.rate += weight * (taken / elapsed - this.rate);
	}

	/** The refill this governor counts on. */
	refillFor(budget: Budget): number {
		return Math.max(budget.refill * MIN_SHARE, budget.refill - this.rate);
	}

	/** What to leave unspent: nothing when alone, a cushion while others spend (see SHARED_CUSHION). */
	cushionFor(budget: Budget): number {
		return this.rate > budget.refill * 0.05 ? Math.max(1, Math.ceil(budget.limit * SHARED_CUSHION)) : 0;
	}
}

export interface Clock {
	now(): number;
}

const MINUTE = 60_000;

export class RateLimitGovernor {
	private requests?: Budget;
	private tokens?: Budget;
	private readonly otherRequests = new OthersRate();
	private readonly otherTokens = new OthersRate();
	/** Requests and tokens started since the last report (or in flight when it came). */
	private startedRequests = 0;
	private startedTokens = 0;
	private inFlight = 0;
	private queue: Promise<void> = Promise.resolve();
	/** Until the first response, one request at a time: the budget is unknown, and may be spent. */
	private firstAnswer?: Promise<void>;
	private answered = false;
	private onFirstAnswer: () => void = () => {};
	/** Total time requests waited for the budget (for diagnostics and benchmarks). */
	waitedMs = 0;

	constructor(private readonly clock: Clock = Date) {}

	/** Waits until a request of `tokens` estimated tokens fits the budget, then counts it as started. */
	async acquire(tokens: number, signal?: AbortSignal): Promise<void> {
		// One waiter at a time keeps the order fair and the arithmetic simple.
		const turn = this.queue.then(async () => {
			if (!this.answered && this.inFlight > 0) await this.untilFirstAnswer(signal);
			await this.waitForRoom(tokens, signal);
		});
		this.queue = turn.catch(() => undefined);
		await turn;
		this.startedRequests += 1;
		this.startedTokens += tokens;
		this.otherRequests.started(1);
		this.otherTokens.started(tokens);
		this.inFlight += 1;
	}

	/**
	 * Reads the rate-limit headers of a response to a request that was acquired. `refusedTokens`: the
	 * response is a 429, so the request (of that many estimated tokens) was not charged.
	 */
	observe(headers: Headers, refusedTokens?: number): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.markAnswered();
		if (refusedTokens !== undefined) {
			this.otherRequests.refused(1);
			this.otherTokens.refused(refusedTokens);
		}
		const now = this.clock.now();
		const requests = readBudget(headers, 'requests', now);
		const tokens = readBudget(headers, 'tokens', now);
		if (requests) {
			this.requests = requests;
			this.otherRequests.report(requests);
		}
		if (tokens) {
			this.tokens = tokens;
			this.otherTokens.report(tokens);
		}
		if (requests || tokens) {
			// The report may not count requests still in flight: keep them as spent.
			this.startedRequests = this.inFlight;
			this.startedTokens = 0;
		}
	}

	/** A request that never got a response (aborted, connection error). */
	release(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.markAnswered();
	}

	private markAnswered(): void {
		if (this.answered) return;
		this.answered = true;
		this.onFirstAnswer();
	}

	private async untilFirstAnswer(signal?: AbortSignal): Promise<void> {
		this.firstAnswer ??= new Promise<void>((resolve) => (this.onFirstAnswer = resolve));
		if (!signal) return await this.firstAnswer;
		let onAbort: () => void = () => {};
		const aborted = new Promise<never>((_, reject) => {
			onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
			signal.addEventListener('abort', onAbort, { once: true });
		});
		try {
			await Promise.race([this.firstAnswer, aborted]);
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	}

	private async waitForRoom(tokens: number, signal?: AbortSignal): Promise<void> {
		for (;;) {
			const wait = Math.max(
				this.waitFor(this.requests, this.otherRequests, this.startedRequests, 1),
				this.waitFor(this.tokens, this.otherTokens, this.startedTokens, tokens),
			);
			if (wait <= 0) return;
			this.waitedMs += wait;
			await waitFor(Math.ceil(wait), signal);
		}
	}

	/** ms until `need` units fit in `budget`, given `started` units spent since its report. */
	private waitFor(budget: Budget | undefined, others: OthersRate, started: number, need: number): number {
		if (!budget || need <= 0) return 0;
		const needed = Math.min(need + others.cushionFor(budget), budget.limit);
		const now = this.clock.now();
		const refill = others.refillFor(budget);
		const available = Math.min(budget.limit, budget.remaining + refill * (now - budget.at)) - started;
		if (available >= needed) return 0;
		return (needed - available) / refill;
	}
}

function readBudget(headers: Headers, kind: 'requests' | 'tokens', now: number): Budget | undefined {
	const limit = Number(headers.get(`x-ratelimit-limit-${kind}`));
	const remaining = Number(headers.get(`x-ratelimit-remaining-${kind}`));
	if (!Number.isFinite(limit) || limit <= 0 || !Number.isFinite(remaining) || headers.get(`x-ratelimit-remaining-${kind}`) === null) {
		return undefined;
	}
	const refill = limit / MINUTE;
	// `remaining` is rounded down; the reset time ("time until the budget is full again") tells the
	// fraction, which matters when pacing one request at a time.
	const resetMs = parseDuration(headers.get(`x-ratelimit-reset-${kind}`));
	const exact = resetMs === undefined ? remaining : limit - resetMs * refill;
	const level = exact >= remaining && exact < remaining + 1 ? exact : remaining;
	return { limit, remaining: Math.max(0, level), at: now, refill };
}

/** OpenAI's durations: "20ms", "1s", "1.5s", "6m0s", "1h2m3.5s". */
export function parseDuration(value: string | null): number | undefined {
	if (!value) return undefined;
	const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
	const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
	let total = 0;
	let matched = '';
	for (const [whole, amount, unit] of value.trim().matchAll(pattern)) {
		total += Number(amount) * units[unit];
		matched += whole;
	}
	return matched === value.trim() && matched !== '' ? total : undefined;
}

/** A rough token estimate of a request body (about 4 characters a token), as OpenAI's limiter counts input. */
export function estimateTokens(body: unknown): number {
	if (typeof body !== 'string' || body.length === 0) return 0;
	let extra = 0;
	const max = /"max_(?:completion_|output_)?tokens"\s*:\s*(\d+)/.exec(body);
	if (max) extra = Number(max[1]);
	return Math.ceil(body.length / 4) + extra;
}

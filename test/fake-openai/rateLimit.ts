import type { Clock } from './clock';
import { formatDuration } from './duration';
import { ApiError } from './errors';

/** Per-key limits; each one is a token bucket refilled continuously (limit per 60 s). */
export interface RateLimitConfig {
	rpm?: number;
	tpm?: number;
	/**
	 * How full a key's buckets start, 0–1 (default 1, like OpenAI's: a full minute's budget).
	 * 0 makes the granted rate exactly limit/60 s from the first request: what a benchmark of
	 * sustained throughput needs.
	 */
	initialFill?: number;
}

export type RateLimitDecision =
	| { allowed: true; headers: Record<string, string> }
	| { allowed: false; headers: Record<string, string>; error: ApiError };

const RATE_LIMITS_URL = 'https://platform.openai.com/account/rate-limits';

class TokenBucket {
	private level: number;
	private updatedAt: number;

	constructor(
		readonly capacity: number,
		now: number,
		fill = 1,
	) {
		this.level = capacity * fill;
		this.updatedAt = now;
	}

	/** refill per millisecond */
	get rate(): number {
		return this.capacity / 60_000;
	}

	available(now: number): number {
		this.refill(now);
		return this.level;
	}

	take(amount: number, now: number): void {
		this.refill(now);
		this.level -= amount;
	}

	/** ms until `amount` is available */
	waitFor(amount: number, now: number): number {
		this.refill(now);
		return Math.max(0, (amount - this.level) / this.rate);
	}

	/** ms until the bucket is full again */
	resetIn(now: number): number {
		this.refill(now);
		return Math.max(0, (this.capacity - this.level) / this.rate);
	}

	private refill(now: number): void {
		const elapsed = now - this.updatedAt;
		if (elapsed > 0) this.level = Math.min(this.capacity, this.level + elapsed * this.rate);
		this.updatedAt = Math.max(this.updatedAt, now);
	}
}

interface KeyBuckets {
	requests?: TokenBucket;
	tokens?: TokenBucket;
}

export class RateLimiter {
	private config: RateLimitConfig | null = null;
	private readonly buckets = new Map<string, KeyBuckets>();

	constructor(
		private readonly clock: Clock,
		private readonly organizationId: string,
	) {}

	configure(config: RateLimitConfig | null): void {
		if (config !== null) {
			const { initialFill, ...limits } = config;
			for (const [name, value] of Object.entries(limits)) {
				if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
					throw new TypeError(`setRateLimit: ${name} must be a positive number`);
				}
			}
			if (initialFill !== undefined && !(initialFill >= 0 && initialFill <= 1)) {
				throw new TypeError('setRateLimit: initialFill must be between 0 and 1');
			}
		}
		const enabled = config !== null && (config.rpm !== undefined || config.tpm !== undefined);
		this.config = enabled ? { ...config } : null;
		this.buckets.clear();
	}

	get current(): RateLimitConfig | null {
		return this.config ? { ...this.config } : null;
	}

	get enabled(): boolean {
		return this.config !== null;
	}

	/** Admits (and charges) one request of `tokens` estimated tokens for `key`, or explains the 429. */
	check(key: string, tokens: number): RateLimitDecision {
		if (!this.config) return { allowed: true, headers: {} };
		const now = this.clock.now();
		const buckets = this.bucketsFor(key, now);
		const { requests, tokens: tokenBucket } = buckets;
		if (tokenBucket && tokens > tokenBucket.capacity) {
			return { allowed: false, headers: this.headers(buckets, now), error: requestTooLarge(tokenBucket.capacity, tokens) };
		}
		if (requests && requests.available(now) < 1) {
			return this.reject(buckets, requests, 'requests', 1, now);
		}
		if (tokenBucket && tokens > 0 && tokenBucket.available(now) < tokens) {
			return this.reject(buckets, tokenBucket, 'tokens', tokens, now);
		}
		requests?.take(1, now);
		if (tokens > 0) tokenBucket?.take(tokens, now);
		return { allowed: true, headers: this.headers(buckets, now) };
	}

	/** Charges (or refunds, if negative) tokens after the fact, e.g. actual completion tokens. */
	adjustTokens(key: string, delta: number): void {
		if (!this.config || delta === 0) return;
		const now = this.clock.now();
		this.bucketsFor(key, now).tokens?.take(delta, now);
	}

	/** The x-ratelimit-* headers for `key` right now (empty when disabled). */
	headersFor(key: string): Record<string, string> {
		if (!this.config) return {};
		const now = this.clock.now();
		return this.headers(this.bucketsFor(key, now), now);
	}

	private reject(
		buckets: KeyBuckets,
		bucket: TokenBucket,
		kind: 'requests' | 'tokens',
		requested: number,
		now: number,
	): RateLimitDecision {
		// (the epsilon keeps float noise like 100.0000000001 from rounding up to 101)
		const waitMs = Math.max(1, Math.ceil(bucket.waitFor(requested, now) - 1e-6));
		const used = bucket.capacity - Math.max(0, Math.floor(bucket.available(now)));
		const unit = kind === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
		const retryHeaders = {
			'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
			'retry-after-ms': String(waitMs),
		};
		const error = new ApiError(
			429,
			kind,
			`Rate limit reached for ${unit} in organization ${this.organizationId}: Limit ${bucket.capacity}, Used ${used}, Requested ${requested}. Please try again in ${formatDuration(waitMs)}. Visit ${RATE_LIMITS_URL} to learn more.`,
			null,
			'rate_limit_exceeded',
			retryHeaders,
		);
		return { allowed: false, headers: { ...this.headers(buckets, now), ...retryHeaders }, error };
	}

	private bucketsFor(key: string, now: number): KeyBuckets {
		let buckets = this.buckets.get(key);
		if (!buckets) {
			buckets = {
				requests:
					this.config?.rpm !== undefined ? new TokenBucket(this.config.rpm, now, this.config.initialFill) : undefined,
				tokens:
					this.config?.tpm !== undefined ? new TokenBucket(this.config.tpm, now, this.config.initialFill) : undefined,
			};
			this.buckets.set(key, buckets);
		}
		return buckets;
	}

	private headers(buckets: KeyBuckets, now: number): Record<string, string> {
		const headers: Record<string, string> = {};
		if (buckets.requests) Object.assign(headers, bucketHeaders('requests', buckets.requests, now));
		if (buckets.tokens) Object.assign(headers, bucketHeaders('tokens', buckets.tokens, now));
		return headers;
	}
}

function bucketHeaders(kind: 'requests' | 'tokens', bucket: TokenBucket, now: number): Record<string, string> {
	return {
		[`x-ratelimit-limit-${kind}`]: String(bucket.capacity),
		[`x-ratelimit-remaining-${kind}`]: String(Math.max(0, Math.floor(bucket.available(now)))),
		[`x-ratelimit-reset-${kind}`]: formatDuration(bucket.resetIn(now)),
	};
}

function requestTooLarge(limit: number, requested: number): ApiError {
	return new ApiError(
		429,
		'tokens',
		`Request too large for tokens per min (TPM): Limit ${limit}, Requested ${requested}. The input or output tokens must be reduced in order to run successfully. Visit ${RATE_LIMITS_URL} to learn more.`,
		null,
		'rate_limit_exceeded',
	);
}

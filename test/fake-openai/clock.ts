/**
 * Injectable clock. Defaults to real time; tests (and later the usage simulation)
 * freeze it with `set()` and move it with `advance()`.
 * Only simulated time (timestamps, rate-limit refills, usage data) follows this clock;
 * latency and stalls use real timers.
 */
export interface Clock {
	/** Current time in milliseconds since the epoch. */
	now(): number;
	/** Current time in whole Unix seconds. */
	nowSeconds(): number;
}

export class FakeClock implements Clock {
	private frozenAt: number | null = null;
	private offsetMs = 0;

	now(): number {
		return this.frozenAt ?? Date.now() + this.offsetMs;
	}

	nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}

	/** Freezes the clock at `ms` (epoch milliseconds). */
	set(ms: number): void {
		assertFiniteNumber(ms, 'clock.set');
		this.frozenAt = ms;
	}

	/** Moves the clock forward (frozen or not). */
	advance(ms: number): void {
		assertFiniteNumber(ms, 'clock.advance');
		if (this.frozenAt === null) this.offsetMs += ms;
		else this.frozenAt += ms;
	}

	/** Freezes the clock at the current time. */
	freeze(): void {
		this.frozenAt = this.now();
	}

	/** Back to real time, without offset. */
	useRealTime(): void {
		this.frozenAt = null;
		this.offsetMs = 0;
	}

	get isFrozen(): boolean {
		return this.frozenAt !== null;
	}
}

function assertFiniteNumber(value: number, what: string): void {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new TypeError(`${what}: expected a finite number of milliseconds, got ${String(value)}`);
	}
}

import { createPrng } from './deterministic';

/** A fixed delay, or a range drawn from a seeded PRNG (so runs are reproducible). */
export type LatencySetting = number | { min: number; max: number };

export class Latency {
	private setting: LatencySetting = 0;
	private random: () => number;

	constructor(private readonly seed: number) {
		this.random = createPrng(seed);
	}

	set(setting: LatencySetting): void {
		this.setting = validateLatency(setting);
	}

	get current(): LatencySetting {
		return typeof this.setting === 'number' ? this.setting : { ...this.setting };
	}

	/** milliseconds to wait before the next response */
	next(): number {
		if (typeof this.setting === 'number') return this.setting;
		const { min, max } = this.setting;
		return min + Math.round(this.random() * (max - min));
	}

	reset(setting: LatencySetting): void {
		this.setting = validateLatency(setting);
		this.random = createPrng(this.seed);
	}
}

function validateLatency(setting: LatencySetting): LatencySetting {
	if (typeof setting === 'number') {
		if (!(Number.isFinite(setting) && setting >= 0)) throw new TypeError('setLatency: ms must be a non-negative number');
		return setting;
	}
	if (
		!setting ||
		!(Number.isFinite(setting.min) && Number.isFinite(setting.max)) ||
		setting.min < 0 ||
		setting.max < setting.min
	) {
		throw new TypeError('setLatency: expected { min, max } with 0 <= min <= max');
	}
	return { min: setting.min, max: setting.max };
}

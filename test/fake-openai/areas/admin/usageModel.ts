import { hash32 } from '../../deterministic';

/**
 * Synthetic usage of the fake organization, one model behind every usage endpoint and the costs
 * endpoint, so that all of them agree with each other.
 *
 * - A *stream* is one API key using one product variant (model, batch, size, context level, ...).
 *   Its metrics are linear in its request count (integer coefficients), so sums over any grouping
 *   or time range are exact. Its costs are too: each line item has an integer micro-USD price per
 *   request.
 * - Requests per stream and UTC hour come from a seeded hash (quiet days without any usage, lower
 *   weekends, a daily rhythm, inactive hours), and are split over the hour's minutes by a per-hour
 *   weight profile shared by all streams (so some minutes are empty everywhere).
 * - Late reporting: a seeded share of each minute's requests becomes visible only some minutes after
 *   the minute ended (up to `REVISION_DELAY_SECONDS` by default; `setRevisionDelay()` makes buckets
 *   settle later, e.g. after 5 hours). Buckets therefore keep growing for a while after they close:
 *   the revisions a collector has to handle, driven by the fake's clock.
 * - Vector store storage is a level (bytes per project and day), not a flow.
 */
export const MINUTE = 60;
export const HOUR = 3_600;
export const DAY = 86_400;
/** How long after a minute ends its last requests can still appear (the default). */
export const REVISION_DELAY_SECONDS = 15 * MINUTE;

export type UsageEndpointName =
	| 'completions'
	| 'embeddings'
	| 'moderations'
	| 'images'
	| 'audio_speeches'
	| 'audio_transcriptions'
	| 'vector_stores'
	| 'code_interpreter_sessions'
	| 'file_search_calls'
	| 'web_search_calls';

export type CostQuantityUnit =
	| 'tokens'
	| '1000_tokens'
	| 'duration_seconds'
	| 'duration_minutes'
	| 'duration_hours'
	| 'gibibyte_hours'
	| 'images'
	| 'characters';

export interface StreamLineItem {
	name: string;
	quantityUnit: CostQuantityUnit | null;
	quantityPerRequest: number;
	microsPerRequest: number;
}

/** Dimension values of a stream's usage results (API names). */
export type StreamDimensions = Partial<Record<'model' | 'batch' | 'service_tier' | 'size' | 'source' | 'context_level' | 'vector_store_id', string | boolean>>;

export interface UsageStream {
	index: number;
	/** null: a cost-only stream (vector store storage). */
	endpoint: UsageEndpointName | null;
	projectId: string;
	apiKeyId: string;
	userId: string | null;
	dims: StreamDimensions;
	/** Metric per request (API names). */
	perRequest: Readonly<Record<string, number>>;
	lineItems: readonly StreamLineItem[];
	/** Mean requests per active hour. */
	hourlyRate: number;
	/** Share of hours with any activity. */
	activity: number;
	/** Not active before (Unix s). */
	activeFrom: number;
	/** Spread evenly over the minutes (storage) instead of the shared minute profile. */
	uniform?: boolean;
	/** For storage streams: GiB of the project on a day. */
	level?: (day: number) => number;
}

/**
 * 32-bit multiply without Math.imul: under jest, builtins of the outer realm are called without
 * inlining and Math.imul is ~100× slower there; this is plain arithmetic (exact below 2^53).
 */
function imul(a: number, b: number): number {
	return ((a & 0xffff) * b + ((((a >>> 16) * b) & 0xffff) << 16)) | 0;
}

/** A seeded murmur3-style hash of 32-bit integers (the hot paths hash numbers only). */
export function mixInts(seed: number, ...values: number[]): number {
	let h = seed | 0;
	for (const value of values) {
		let k = imul(value | 0, 0xcc9e2d51);
		k = (k << 15) | (k >>> 17);
		k = imul(k, 0x1b873593);
		h ^= k;
		h = (h << 13) | (h >>> 19);
		h = (imul(h, 5) + 0xe6546b64) | 0;
	}
	h ^= values.length;
	h ^= h >>> 16;
	h = imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

const DIURNAL = [0.3, 0.25, 0.2, 0.2, 0.25, 0.35, 0.5, 0.7, 0.9, 1, 1, 1, 0.95, 1, 1, 1, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.35];

export class UsageModel {
	private readonly hourCache = new Map<number, Int32Array>();
	private readonly profileCache = new Map<number, Int32Array>();
	private readonly tags: Readonly<Record<'quiet' | 'active' | 'volume' | 'late' | 'minute', number>>;
	private revisionDelay = REVISION_DELAY_SECONDS;
	private busyFrom = Infinity;

	constructor(
		seed: string,
		readonly streams: readonly UsageStream[],
	) {
		this.tags = {
			quiet: hash32(seed, 'quiet-days'),
			active: hash32(seed, 'hour-active'),
			volume: hash32(seed, 'hour-volume'),
			late: hash32(seed, 'late'),
			minute: hash32(seed, 'minute-weight'),
		};
	}

	/** How long after a minute ends its last requests can still appear (seconds, at least 1). */
	get revisionDelaySeconds(): number {
		return this.revisionDelay;
	}

	/** Makes buckets settle later (or sooner); `reset()` of the usage area restores the default. */
	setRevisionDelay(seconds: number = REVISION_DELAY_SECONDS): void {
		if (!(Number.isInteger(seconds) && seconds >= 1)) throw new RangeError('setRevisionDelay: a whole number of seconds ≥ 1');
		this.revisionDelay = seconds;
	}

	/**
	 * From the hour that holds `second` on, every stream is active (no quiet day, no inactive hour, at
	 * least 60 requests an hour) and every minute weighs the same: for a run against the real clock
	 * that needs new usage every minute (a quiet hour would leave it waiting). Earlier hours keep their
	 * usage. No argument: off.
	 */
	setBusyFrom(second: number = Infinity): void {
		this.busyFrom = Math.floor(second / HOUR) * HOUR;
		this.hourCache.clear();
		this.profileCache.clear();
	}

	private isBusy(hour: number): boolean {
		return hour * HOUR >= this.busyFrom;
	}

	/** About 12% of the days have no usage at all (no cost either). */
	isQuietDay(day: number): boolean {
		return mixInts(this.tags.quiet, day) / 0x1_0000_0000 < 0.12;
	}

	/** Requests of a stream in UTC hour `hour` (hour index = Unix s / 3600), all reported. */
	hourRequests(stream: UsageStream, hour: number): number {
		return this.hourVector(hour)[stream.index];
	}

	/**
	 * Requests of a stream in [from, to) as visible at `now`: minutes that ended, minus what is still
	 * being reported late.
	 */
	requests(stream: UsageStream, from: number, to: number, now: number): number {
		let total = 0;
		const end = Math.min(to, Math.floor(now / MINUTE) * MINUTE);
		for (let hourStart = Math.floor(from / HOUR) * HOUR; hourStart < end; hourStart += HOUR) {
			const hour = hourStart / HOUR;
			const hourEnd = hourStart + HOUR;
			const perHour = this.hourRequests(stream, hour);
			if (perHour === 0) continue;
			const whole = hourStart >= from && hourEnd <= end;
			if (whole && hourEnd + this.revisionDelay <= now) {
				total += perHour;
				continue;
			}
			const first = Math.max(from, hourStart);
			const last = Math.min(end, hourEnd);
			for (let minuteStart = Math.ceil(first / MINUTE) * MINUTE; minuteStart < last; minuteStart += MINUTE) {
				const minute = (minuteStart - hourStart) / MINUTE;
				const quantity = this.minuteShare(stream, hour, perHour, minute);
				if (quantity > 0) total += this.visible(stream, minuteStart, quantity, now);
			}
		}
		return total;
	}

	private minuteShare(stream: UsageStream, hour: number, perHour: number, minute: number): number {
		if (stream.uniform) return Math.floor((perHour * (minute + 1)) / 60) - Math.floor((perHour * minute) / 60);
		const profile = this.profile(hour);
		const total = profile[60];
		return Math.floor((perHour * profile[minute + 1]) / total) - Math.floor((perHour * profile[minute]) / total);
	}

	/** What of a minute's requests is visible at `now`: all once its reporting delay passed. */
	private visible(stream: UsageStream, minuteStart: number, quantity: number, now: number): number {
		const age = now - (minuteStart + MINUTE);
		if (age < 0) return 0;
		if (age >= this.revisionDelay) return quantity;
		const late = mixInts(this.tags.late, stream.index, minuteStart);
		if (late % 5 >= 2) return quantity; // 60% of minutes report at once
		const delay = 1 + (late % this.revisionDelay);
		const lateShare = Math.ceil(quantity * (0.3 + ((late >>> 8) % 50) / 100));
		return age >= delay ? quantity : quantity - lateShare;
	}

	private hourVector(hour: number): Int32Array {
		let vector = this.hourCache.get(hour);
		if (vector) return vector;
		if (this.hourCache.size > 60_000) this.hourCache.clear();
		vector = new Int32Array(this.streams.length);
		const hourStart = hour * HOUR;
		const day = Math.floor(hourStart / DAY);
		const busy = this.isBusy(hour);
		const quiet = this.isQuietDay(day);
		if (busy || !quiet) {
			const weekday = new Date(day * DAY * 1000).getUTCDay();
			const weekFactor = weekday === 0 || weekday === 6 ? 0.4 : 1;
			const rhythm = DIURNAL[(hourStart % DAY) / HOUR];
			for (const stream of this.streams) {
				if (hourStart < stream.activeFrom) continue;
				if (stream.level) {
					if (!quiet) vector[stream.index] = stream.level(day); // storage, as storageBytes() reports it
					continue;
				}
				if (!busy && mixInts(this.tags.active, hour, stream.index) / 0x1_0000_0000 >= stream.activity) continue;
				const noise = 0.5 + mixInts(this.tags.volume, hour, stream.index) / 0x1_0000_0000;
				const requests = Math.round(stream.hourlyRate * weekFactor * rhythm * noise);
				vector[stream.index] = busy ? Math.max(60, requests) : requests; // busy: at least one a minute
			}
		}
		this.hourCache.set(hour, vector);
		return vector;
	}

	/** Prefix sums of the hour's minute weights (61 entries); about a third of the minutes weigh 0. */
	private profile(hour: number): Int32Array {
		let profile = this.profileCache.get(hour);
		if (profile) return profile;
		if (this.profileCache.size > 60_000) this.profileCache.clear();
		profile = new Int32Array(61);
		const busy = this.isBusy(hour);
		for (let minute = 0; minute < 60; minute++) {
			if (busy) {
				profile[minute + 1] = minute + 1;
				continue;
			}
			const draw = mixInts(this.tags.minute, hour, minute);
			const weight = draw % 100 < 35 ? 0 : 1 + (draw % 9);
			profile[minute + 1] = profile[minute] + weight;
		}
		if (profile[60] === 0) for (let minute = 0; minute <= 60; minute++) profile[minute] = minute;
		this.profileCache.set(hour, profile);
		return profile;
	}
}

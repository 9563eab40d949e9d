import type { BucketWidth, EndpointName } from './endpoints';
import { WIDTH_SECONDS } from './endpoints';

/**
 * Time windows in UTC Unix seconds. Buckets are aligned to multiples of their width (UTC midnight for
 * days), so asking for aligned start/end times returns whole buckets only (no partial edge buckets).
 */
export function floorTo(seconds: number, width: BucketWidth): number {
	const w = WIDTH_SECONDS[width];
	return Math.floor(seconds / w) * w;
}

export function ceilTo(seconds: number, width: BucketWidth): number {
	const w = WIDTH_SECONDS[width];
	return Math.ceil(seconds / w) * w;
}

/** The end of the last closed bucket = the start of the bucket that is still open. */
export function closedEnd(nowSec: number, width: BucketWidth): number {
	return floorTo(nowSec, width);
}

export function isOpenBucket(bucketEndSec: number, nowSec: number): boolean {
	return bucketEndSec > nowSec;
}

/** 2024-11-01T00:00:00Z */
export function toIso(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * How far back every poll re-reads because OpenAI still revises recently closed buckets. OpenAI does
 * not publish when a bucket is final, so the defaults are as long as they can be without costing a
 * request more: the window is re-read in the same request as the newly closed buckets, and one page
 * holds 1,440 minutes, 168 hours, 31 days (costs: 180). So 24 h of 1h buckets (24 of 168), 3 days of
 * 1d buckets and costs (3 of 31), and 2 h of 1m buckets (120 of 1,440: longer would make every poll
 * re-read and store far more rows, and a day would not fit beside the new minutes). What changes
 * later is caught by the late check (poll.ts) and reported. Always a whole number of buckets.
 */
export const DEFAULT_REVISION_WINDOW_SECONDS: Readonly<Record<BucketWidth, number>> = {
	'1m': 2 * 3_600,
	'1h': 24 * 3_600,
	'1d': 3 * 86_400,
};

export function revisionWindowSeconds(
	endpoint: EndpointName,
	width: BucketWidth,
	overrideMinutes?: number,
): number {
	const wanted =
		overrideMinutes && overrideMinutes > 0
			? overrideMinutes * 60
			: endpoint === 'costs'
				? DEFAULT_REVISION_WINDOW_SECONDS['1d']
				: DEFAULT_REVISION_WINDOW_SECONDS[width];
	return ceilTo(wanted, width);
}

export interface WindowPlanInput {
	nowSec: number;
	width: BucketWidth;
	/** The aligned start of collection (first bucket ever emitted). */
	anchorSec: number;
	/** Exclusive, aligned end of collection, or null. */
	endSec: number | null;
	/** Every bucket before this was read at a time when it was already final. */
	settledSec: number;
	revisionSeconds: number;
	/** Also read the bucket that is still open (today's costs, marked provisional). */
	includeOpenBucket: boolean;
}

export interface WindowPlan {
	/** Aligned, inclusive. */
	from: number;
	/** Aligned, exclusive. */
	to: number;
	/** Buckets before this are final now: once read, never again (and forgotten by the ledger). */
	settledBefore: number;
}

/**
 * What one poll reads for one endpoint: everything from the first bucket that has not yet been read
 * while final (a backfill when the start lies in the past), up to the last closed bucket (or through
 * the open one). A bucket counts as final once it ended `revisionSeconds` ago; so each bucket is read
 * at least once after that, however long the gaps between polls are. Null: nothing to read yet.
 */
export function planWindow(input: WindowPlanInput): WindowPlan | null {
	const { nowSec, width, anchorSec, endSec, settledSec, revisionSeconds } = input;
	const closed = closedEnd(nowSec, width);
	let to = input.includeOpenBucket ? Math.max(closed, ceilTo(nowSec, width)) : closed;
	if (endSec !== null) to = Math.min(to, endSec);
	const from = Math.max(anchorSec, settledSec);
	if (to <= from) return null;
	return { from, to, settledBefore: closed - revisionSeconds };
}

/** Where "read while final" stands after [from, readTo) was read at the time of `plan`. */
export function settledAfterRead(settledSec: number, readTo: number, plan: WindowPlan): number {
	return Math.max(settledSec, Math.min(readTo, plan.settledBefore));
}

/** Splits [from, to) into chunks of at most `maxBuckets` buckets: one request each. */
export function chunkWindow(
	from: number,
	to: number,
	width: BucketWidth,
	maxBuckets: number,
): Array<{ start: number; end: number; buckets: number }> {
	const size = WIDTH_SECONDS[width] * maxBuckets;
	const chunks: Array<{ start: number; end: number; buckets: number }> = [];
	for (let start = from; start < to; start += size) {
		const end = Math.min(to, start + size);
		chunks.push({ start, end, buckets: Math.ceil((end - start) / WIDTH_SECONDS[width]) });
	}
	return chunks;
}

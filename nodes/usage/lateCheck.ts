import type { FetchPage, UsageBucket } from './collect';
import { readPages } from './collect';
import { WIDTH_SECONDS } from './endpoints';
import type { Ledger, RowChange, StoredRow } from './ledger';
import { reconcile } from './ledger';
import { zeroFill } from './rows';
import type { EndpointQuery } from './validate';

/**
 * The late check: does OpenAI still change buckets the trigger has stopped re-reading? Each endpoint
 * keeps one bucket it has left behind (the newest one that left the revision window, with the rows
 * emitted for it) and re-reads it once, one revision window later (at least an hour later): at most
 * one extra request per endpoint per hour, and per revision window. A difference is emitted as a
 * revision (so totals become right for that bucket) with a `warning` saying that the revision window
 * is too short; then the next bucket that leaves the window is kept. Nothing is re-read beyond that.
 */
export interface LateProbe {
	/** Bucket start (Unix s). */
	slot: number;
	/** The rows emitted for it, as the ledger held them when it left the window. */
	rows: Record<string, StoredRow>;
	/** When to re-read it (Unix s). */
	due: number;
}

export const MIN_LATE_CHECK_INTERVAL_SECONDS = 3_600;

export function lateCheckDelay(revisionSeconds: number): number {
	return Math.max(revisionSeconds, MIN_LATE_CHECK_INTERVAL_SECONDS);
}

/**
 * The bucket to keep once the ledger forgets everything before `settled`: the newest one that leaves
 * (with rows). Undefined when no bucket with rows leaves.
 */
export function pickProbe(ledger: Ledger, settled: number, nowSec: number, revisionSeconds: number): LateProbe | undefined {
	let slot: number | undefined;
	for (const key of Object.keys(ledger)) {
		const start = Number(key);
		if (start < settled && (slot === undefined || start > slot)) slot = start;
	}
	if (slot === undefined) return undefined;
	return { slot, rows: ledger[String(slot)], due: nowSec + lateCheckDelay(revisionSeconds) };
}

export function isLateProbe(value: unknown): value is LateProbe {
	const probe = value as Partial<LateProbe> | undefined;
	return (
		typeof probe === 'object' &&
		probe !== null &&
		typeof probe.slot === 'number' &&
		typeof probe.due === 'number' &&
		typeof probe.rows === 'object' &&
		probe.rows !== null
	);
}

export interface LateCheckResult {
	/** The bucket as read now (zero-filled when asked), or undefined when OpenAI returned none. */
	bucket?: UsageBucket;
	/** Revisions of rows emitted before, each with a warning. */
	changes: RowChange[];
}

/** Re-reads the probe's bucket (one request) and compares it with what was emitted for it. */
export async function runLateCheck(
	query: EndpointQuery,
	probe: LateProbe,
	fetchPage: FetchPage,
	options: { nowSec: number; revisionSeconds: number; emptyBuckets: 'skip' | 'zero' },
): Promise<LateCheckResult> {
	const width = WIDTH_SECONDS[query.width];
	let read: UsageBucket[] = [];
	await readPages(query, { start: probe.slot, end: probe.slot + width }, fetchPage, (buckets) => {
		read = read.concat(buckets);
		return true;
	});
	const buckets = options.emptyBuckets === 'zero' ? zeroFill(query.endpoint, read) : read;
	const bucket = buckets.find((candidate) => candidate.start_time === probe.slot);
	if (!bucket) return { changes: [] };
	const { changes } = reconcile({ [String(probe.slot)]: probe.rows }, query.endpoint, query.width, [bucket]);
	const warning = lateWarning(options.nowSec - (probe.slot + width), options.revisionSeconds);
	return { bucket, changes: changes.map((change) => ({ ...change, warning })) };
}

export function lateWarning(closedAgoSec: number, revisionSeconds: number): string {
	return (
		`OpenAI changed this bucket ${duration(closedAgoSec)} after it closed, after the trigger had stopped re-reading it ` +
		`(revision window ${duration(revisionSeconds)}); emitted now as a revision. Other buckets of that time may have changed ` +
		'too and are not re-read: raise Options → Revision Window (Minutes).'
	);
}

function duration(seconds: number): string {
	if (seconds >= 2 * 86_400 && seconds % 86_400 === 0) return `${seconds / 86_400} days`;
	if (seconds >= 3_600) return `${Math.round((seconds / 3_600) * 10) / 10} h`;
	return `${Math.max(1, Math.round(seconds / 60))} min`;
}

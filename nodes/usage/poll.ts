import type { EndpointCollection, FetchPage, UsageBucket } from './collect';
import { collect, readPages } from './collect';
import type { EndpointName } from './endpoints';
import { WIDTH_SECONDS } from './endpoints';
import type { LateProbe } from './lateCheck';
import { isLateProbe, pickProbe, runLateCheck } from './lateCheck';
import type { Ledger, RowChange } from './ledger';
import { ledgerRowCount, pruneLedger, reconcile } from './ledger';
import { zeroFill, zeroResult } from './rows';
import type { EndpointQuery, UsageQuery } from './validate';
import { ceilTo, closedEnd, floorTo, planWindow, revisionWindowSeconds, settledAfterRead } from './window';

/**
 * One poll of the usage trigger, as plain code: plan each endpoint's window, read it, compare with
 * the ledger, and return the rows to emit together with the state that must be stored when (and only
 * when) they are emitted. See docs/usage.md, "How exactly-once works".
 */
export interface EndpointState {
	/** Every bucket before this (aligned, Unix s) was read while already final: never read again. */
	settled: number;
	ledger: Ledger;
	/** One bucket left behind, re-read once later by the late check (lateCheck.ts). */
	late?: LateProbe;
}

export interface TriggerState {
	version: 1;
	/** The query the state belongs to; another query starts over. */
	signature: string;
	/** Start of collection (Unix s, not aligned): the Start Time, or when collection began. */
	anchorSec: number;
	endpoints: Partial<Record<EndpointName, EndpointState>>;
	/** How many polls of this collection emitted (set by the trigger; tells a stale stored position). */
	emits?: number;
}

export interface PollSettings {
	/** Override of the revision window (minutes); 0/undefined: per bucket width. */
	revisionWindowMinutes?: number;
	emptyBuckets: 'skip' | 'zero';
	/** Read today's (still open) cost bucket and emit it as provisional. */
	includeOpenCosts: boolean;
	/** Requests in flight at once. */
	concurrency?: number;
	/** Bound of remembered rows per endpoint; oldest buckets are forgotten beyond it. */
	maxLedgerRows?: number;
}

export interface PollInput {
	query: UsageQuery;
	/** What the static data holds (anything; an unknown shape starts over). */
	state: unknown;
	nowSec: number;
	settings: PollSettings;
	fetchPage: FetchPage;
	budgetMs: number;
	elapsedMs: () => number;
	/** Aborted when the budget is over; the requests follow it too (collect.ts). */
	deadline?: AbortSignal;
	/**
	 * Where a new state starts when the query has no Start Time (Unix s): `nowSec` by default. The
	 * trigger moves it back by one poll interval on n8n's durable scheduler, which keeps nothing
	 * from the activation poll (docs/usage.md).
	 */
	freshAnchorSec?: number;
}

export interface EndpointProgress {
	endpoint: EndpointName;
	from: number;
	readTo: number;
	complete: boolean;
	pages: number;
	trimmedRows: number;
}

export interface LateCheckReport {
	endpoint: EndpointName;
	/** Start of the bucket re-read (Unix s). */
	bucketStart: number;
	/** Rows that had changed (emitted as revisions with a warning). */
	changedRows: number;
	/** The read failed: the bucket is kept and re-read next poll. */
	error?: unknown;
}

export interface PollOutcome {
	state: TriggerState;
	/** New rows and revisions, including the late check's (those carry a `warning`). */
	changes: RowChange[];
	/** Buckets read, per endpoint (zero-filled when asked), for "one item per bucket". */
	buckets: Partial<Record<EndpointName, UsageBucket[]>>;
	/**
	 * Endpoints whose read failed (after the retries, or on an invalid page). What they read before
	 * the failure is in `changes` and the state; the rest is read again next poll.
	 */
	failures: Array<{ endpoint: EndpointName; error: unknown }>;
	progress: EndpointProgress[];
	/** Late checks run by this poll. */
	lateChecks: LateCheckReport[];
	/** True when the state was (re)started for this query. */
	started: boolean;
}

export const DEFAULT_MAX_LEDGER_ROWS = 20_000;

export function isTriggerState(value: unknown): value is TriggerState {
	const state = value as Partial<TriggerState> | undefined;
	return (
		typeof state === 'object' &&
		state !== null &&
		state.version === 1 &&
		typeof state.signature === 'string' &&
		typeof state.anchorSec === 'number' &&
		typeof state.endpoints === 'object' &&
		state.endpoints !== null
	);
}

export async function runUsagePoll(input: PollInput): Promise<PollOutcome> {
	const { query, nowSec, settings } = input;
	const previous = isTriggerState(input.state) && input.state.signature === query.signature ? input.state : undefined;
	const state: TriggerState = previous ?? {
		version: 1,
		signature: query.signature,
		anchorSec: query.startSec ?? Math.min(nowSec, input.freshAnchorSec ?? nowSec),
		endpoints: {},
	};

	const plans = query.endpoints.flatMap((endpointQuery) => {
		const name = endpointQuery.endpoint.name;
		const anchor = floorTo(state.anchorSec, endpointQuery.width);
		const current = state.endpoints[name] ?? { settled: anchor, ledger: {} };
		const window = planWindow({
			nowSec,
			width: endpointQuery.width,
			anchorSec: anchor,
			endSec: query.endSec === null ? null : ceilTo(query.endSec, endpointQuery.width),
			settledSec: current.settled,
			revisionSeconds: revisionWindowSeconds(name, endpointQuery.width, settings.revisionWindowMinutes),
			includeOpenBucket: settings.includeOpenCosts && name === 'costs',
		});
		return window ? [{ query: endpointQuery, current, window }] : [];
	});

	const collections = await collect(
		plans.map(({ query: endpointQuery, window }) => ({ query: endpointQuery, from: window.from, to: window.to })),
		{
			fetchPage: input.fetchPage,
			concurrency: settings.concurrency,
			budgetMs: input.budgetMs,
			elapsedMs: input.elapsedMs,
			deadline: input.deadline,
		},
	);

	const nextState: TriggerState = { ...state, endpoints: { ...state.endpoints } };
	for (const endpointQuery of query.endpoints) {
		const name = endpointQuery.endpoint.name;
		nextState.endpoints[name] ??= { settled: floorTo(state.anchorSec, endpointQuery.width), ledger: {} };
	}
	const outcome: PollOutcome = {
		state: nextState,
		changes: [],
		buckets: {},
		failures: [],
		progress: [],
		lateChecks: [],
		started: !previous,
	};
	collections.forEach((collection, index) => {
		const { current, window } = plans[index];
		const name = collection.query.endpoint.name;
		if (collection.error !== undefined) {
			outcome.failures.push({ endpoint: name, error: collection.error });
			if (collection.readTo === collection.from) {
				outcome.progress.push(progressOf(collection, 0));
				return; // nothing read: the position stays
			}
		}
		// What was read (all of the window, or the part before the budget ran out or a chunk failed).
		const buckets = settings.emptyBuckets === 'zero' ? zeroFill(collection.query.endpoint, collection.buckets) : collection.buckets;
		const { ledger, changes } = reconcile(current.ledger, collection.query.endpoint, collection.query.width, buckets);
		const settled = settledAfterRead(current.settled, collection.readTo, window);
		const late = isLateProbe(current.late)
			? current.late
			: pickProbe(ledger, settled, nowSec, revisionSeconds(collection.query, settings));
		const pruned = pruneLedger(ledger, settled);
		const { ledger: bounded, trimmed } = boundLedger(pruned, settings.maxLedgerRows ?? DEFAULT_MAX_LEDGER_ROWS);
		nextState.endpoints[name] = late ? { settled, ledger: bounded, late } : { settled, ledger: bounded };
		for (const change of changes) outcome.changes.push(change); // a backfill can hold more than spread allows
		outcome.buckets[name] = buckets;
		outcome.progress.push(progressOf(collection, trimmed));
	});
	await checkLateBuckets(input, nextState, outcome);
	return outcome;
}

function revisionSeconds(query: EndpointQuery, settings: PollSettings): number {
	return revisionWindowSeconds(query.endpoint.name, query.width, settings.revisionWindowMinutes);
}

/**
 * The late checks that are due, at most one request per endpoint, while the budget allows (half of
 * it: they are the least urgent reads). A check that ran clears its probe, and the next bucket to
 * leave the window becomes the probe; a failed one keeps it for the next poll.
 */
async function checkLateBuckets(input: PollInput, state: TriggerState, outcome: PollOutcome): Promise<void> {
	const { query, nowSec, settings } = input;
	const due = query.endpoints.filter((endpointQuery) => {
		const probe = state.endpoints[endpointQuery.endpoint.name]?.late;
		return isLateProbe(probe) && probe.due <= nowSec;
	});
	const concurrency = Math.max(1, Math.floor(settings.concurrency ?? 4));
	for (let first = 0; first < due.length; first += concurrency) {
		if (input.elapsedMs() > input.budgetMs / 2 || input.deadline?.aborted) return;
		await Promise.all(
			due.slice(first, first + concurrency).map(async (endpointQuery) => {
				const name = endpointQuery.endpoint.name;
				const endpointState = state.endpoints[name] as EndpointState;
				const probe = endpointState.late as LateProbe;
				const report: LateCheckReport = { endpoint: name, bucketStart: probe.slot, changedRows: 0 };
				outcome.lateChecks.push(report);
				try {
					const window = revisionSeconds(endpointQuery, settings);
					const checked = await runLateCheck(endpointQuery, probe, input.fetchPage, {
						nowSec,
						revisionSeconds: window,
						emptyBuckets: settings.emptyBuckets,
					});
					report.changedRows = checked.changes.length;
					for (const change of checked.changes) outcome.changes.push(change);
					if (checked.bucket) outcome.buckets[name] = [checked.bucket, ...(outcome.buckets[name] ?? [])];
					// Checked: the next bucket to leave the window becomes the probe.
					state.endpoints[name] = { settled: endpointState.settled, ledger: endpointState.ledger };
				} catch (error) {
					report.error = error;
				}
			}),
		);
	}
}

function progressOf(collection: EndpointCollection, trimmedRows: number): EndpointProgress {
	return {
		endpoint: collection.query.endpoint.name,
		from: collection.from,
		readTo: collection.readTo,
		complete: collection.complete,
		pages: collection.pages,
		trimmedRows,
	};
}

/** Keeps at most `maxRows` rows, forgetting the oldest buckets first. */
function boundLedger(ledger: Ledger, maxRows: number): { ledger: Ledger; trimmed: number } {
	let count = ledgerRowCount(ledger);
	if (count <= maxRows) return { ledger, trimmed: 0 };
	const next: Ledger = { ...ledger };
	let trimmed = 0;
	for (const slot of Object.keys(next).sort((a, b) => Number(a) - Number(b))) {
		if (count <= maxRows) break;
		const size = Object.keys(next[slot]).length;
		delete next[slot];
		count -= size;
		trimmed += size;
	}
	return { ledger: next, trimmed };
}

/** Buckets per endpoint that a manual sample looks back over. */
const SAMPLE_BUCKETS: Readonly<Record<string, number>> = { '1m': 60, '1h': 24, '1d': 7 };

export interface SampleRow {
	query: EndpointQuery;
	bucket: UsageBucket;
	result: Record<string, unknown>;
}

/**
 * "Fetch test event": the rows of the most recent closed bucket with data, per endpoint (at most
 * `perEndpoint` rows each); one zero row when there is no recent usage at all. One request per
 * endpoint; no state is read or written.
 */
export async function sampleUsage(
	query: UsageQuery,
	nowSec: number,
	fetchPage: FetchPage,
	options: { includeOpenCosts: boolean; perEndpoint?: number },
): Promise<SampleRow[]> {
	const perEndpoint = options.perEndpoint ?? 10;
	const rows: SampleRow[] = [];
	let lastEmpty: { query: EndpointQuery; bucket: UsageBucket } | undefined;
	for (const endpointQuery of query.endpoints) {
		const { width } = endpointQuery;
		const end =
			options.includeOpenCosts && endpointQuery.endpoint.name === 'costs' ? ceilTo(nowSec, width) : closedEnd(nowSec, width);
		const start = end - SAMPLE_BUCKETS[width] * WIDTH_SECONDS[width];
		let buckets: UsageBucket[] = [];
		await readPages(endpointQuery, { start, end }, fetchPage, (page) => {
			buckets = buckets.concat(page);
			return false;
		});
		const latest = [...buckets].reverse().find((bucket) => bucket.results.length > 0);
		if (latest) {
			for (const result of latest.results.slice(0, perEndpoint)) rows.push({ query: endpointQuery, bucket: latest, result });
		} else if (!lastEmpty && buckets.length > 0) {
			lastEmpty = { query: endpointQuery, bucket: buckets[buckets.length - 1] };
		}
	}
	if (rows.length === 0 && lastEmpty) {
		rows.push({ ...lastEmpty, result: zeroResult(lastEmpty.query.endpoint) });
	}
	return rows;
}

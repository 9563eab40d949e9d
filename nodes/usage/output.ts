import type { UsageBucket } from './collect';
import type { EndpointName } from './endpoints';
import type { RowChange } from './ledger';
import { dimensionKey } from './ledger';
import type { PollOutcome, SampleRow } from './poll';
import type { FlatRow } from './rows';
import { sumDeltas, toBucketItem, toRow } from './rows';

/**
 * What a poll emits: one flat row per new or revised result, or (per-bucket mode) one item per
 * bucket that has any new or revised row, holding all its current rows.
 */
export type OutputMode = 'rows' | 'buckets';

export function pollItems(outcome: PollOutcome, mode: OutputMode, nowSec: number): FlatRow[] {
	if (mode === 'rows') return outcome.changes.map((change) => changeRow(change, nowSec));
	const byBucket = new Map<string, RowChange[]>();
	for (const change of outcome.changes) {
		const key = `${change.endpoint.name}|${change.bucket.start_time}`;
		byBucket.set(key, [...(byBucket.get(key) ?? []), change]);
	}
	const items: FlatRow[] = [];
	for (const changes of byBucket.values()) {
		const { endpoint, width, bucket } = changes[0];
		const changed = new Map(changes.map((change) => [dimensionKey(endpoint, change.result), change]));
		const current = bucketOf(outcome, endpoint.name, bucket.start_time)?.results ?? [];
		const rows = current.map((result) => {
			const change = changed.get(dimensionKey(endpoint, result));
			return change ? changeRow(change, nowSec) : toRow(endpoint, width, bucket, result, nowSec);
		});
		for (const change of changes) if (change.removed) rows.push(changeRow(change, nowSec));
		const isNew = changes.every((change) => change.changeType === 'new') && changes.length === rows.length;
		const changedRows = rows.filter((row) => row.changeType !== undefined);
		items.push(
			toBucketItem(endpoint, width, bucket, nowSec, rows, {
				changeType: isNew ? 'new' : 'revision',
				changedRows: changedRows.length,
				delta: isNew ? undefined : sumDeltas(endpoint, changedRows),
				warning: changes.find((change) => change.warning)?.warning,
			}),
		);
	}
	return items;
}

function bucketOf(outcome: PollOutcome, endpoint: EndpointName, start: number): UsageBucket | undefined {
	return outcome.buckets[endpoint]?.find((bucket) => bucket.start_time === start);
}

function changeRow(change: RowChange, nowSec: number): FlatRow {
	return toRow(change.endpoint, change.width, change.bucket, change.result, nowSec, {
		changeType: change.changeType,
		revision: change.revision,
		delta: change.delta,
		removed: change.removed,
		warning: change.warning,
	});
}

/** The manual sample as output items (rows marked new). */
export function sampleItems(sample: SampleRow[], mode: OutputMode, nowSec: number): FlatRow[] {
	const rows = sample.map(({ query, bucket, result }) =>
		toRow(query.endpoint, query.width, bucket, result, nowSec, { changeType: 'new', revision: 0 }),
	);
	if (mode === 'rows') return rows;
	const items: FlatRow[] = [];
	const seen = new Set<string>();
	sample.forEach(({ query, bucket }) => {
		const key = `${query.endpoint.name}|${bucket.start_time}`;
		if (seen.has(key)) return;
		seen.add(key);
		const ofBucket = rows.filter((row) => row.queryType === query.endpoint.name && row.bucketStart === bucket.start_time);
		items.push(toBucketItem(query.endpoint, query.width, bucket, nowSec, ofBucket, { changeType: 'new', changedRows: ofBucket.length }));
	});
	return items;
}

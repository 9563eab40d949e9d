import type { FetchPage, UsageBucket } from './collect';
import { readPages } from './collect';
import type { EndpointName } from './endpoints';
import type { FlatRow } from './rows';
import { toBucketItem, toRow, zeroFill } from './rows';
import type { UsageQuery } from './validate';
import { ceilTo, floorTo, toIso } from './window';

/**
 * The Usage node's read: a range (start floored, end rounded up to whole buckets), every page
 * following `next_page`, endpoint after endpoint, cut at `limit` items. A cut says where it stopped,
 * so the next query can go on from there: a long range is never an error.
 */
export interface QueryOptions {
	/** Most items to return (Infinity: Return All). */
	limit: number;
	emptyBuckets: 'skip' | 'zero';
	outputMode: 'rows' | 'buckets';
	nowSec: number;
}

export interface QueryStop {
	reason: 'limit';
	/** The endpoint whose rows were cut, and the ones not read at all. */
	queryType: EndpointName;
	notRead: EndpointName[];
	/** Where to start the next query: the bucket of the first row left out. */
	resumeFrom: number;
	resumeFromIso: string;
	/** Some rows of that bucket were returned already. */
	partialBucket: boolean;
	limit: number;
}

export interface QueryResult {
	items: FlatRow[];
	stopped?: QueryStop;
	pages: number;
}

export async function queryUsage(query: UsageQuery, fetchPage: FetchPage, options: QueryOptions): Promise<QueryResult> {
	if (query.startSec === null || query.endSec === null) throw new RangeError('queryUsage needs a start and an end');
	const items: FlatRow[] = [];
	let pages = 0;
	let stopped: QueryStop | undefined;
	for (const [index, endpointQuery] of query.endpoints.entries()) {
		const { endpoint, width } = endpointQuery;
		const range = { start: floorTo(query.startSec, width), end: ceilTo(query.endSec, width) };
		const stopAt = (bucket: UsageBucket, partialBucket: boolean) => {
			stopped = {
				reason: 'limit',
				queryType: endpoint.name,
				notRead: query.endpoints.slice(index + 1).map((q) => q.endpoint.name),
				resumeFrom: bucket.start_time,
				resumeFromIso: toIso(bucket.start_time),
				partialBucket,
				limit: options.limit,
			};
		};
		const read = await readPages(endpointQuery, range, fetchPage, (page) => {
			const buckets = options.emptyBuckets === 'zero' ? zeroFill(endpoint, page) : page;
			for (const bucket of buckets) {
				const rows = bucket.results.map((result) => toRow(endpoint, width, bucket, result, options.nowSec));
				if (options.outputMode === 'buckets') {
					if (rows.length === 0) continue;
					if (items.length >= options.limit) {
						stopAt(bucket, false);
						return false;
					}
					items.push(toBucketItem(endpoint, width, bucket, options.nowSec, rows));
					continue;
				}
				for (const [position, row] of rows.entries()) {
					if (items.length >= options.limit) {
						stopAt(bucket, position > 0);
						return false;
					}
					items.push(row);
				}
			}
			return true;
		});
		pages += read.pages;
		if (stopped) break;
	}
	if (stopped && items.length > 0) {
		items[items.length - 1] = { ...items[items.length - 1], stoppedAtLimit: stopped };
	}
	return { items, stopped, pages };
}

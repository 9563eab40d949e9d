import { hash32 } from '../../deterministic';

/**
 * Time buckets as the usage and costs endpoints return them: aligned to UTC multiples of the
 * width, except that the first bucket starts at the requested start (floored to the minute) and
 * the last one ends at the requested end (or "now" when end_time is omitted).
 */
export interface TimeBucket {
	start: number;
	end: number;
}

export const BUCKET_WIDTH_SECONDS = { '1m': 60, '1h': 3_600, '1d': 86_400 } as const;
export type BucketWidth = keyof typeof BUCKET_WIDTH_SECONDS;

/** The start of the effective range: start_time floored to the minute. */
export function rangeStart(startTime: number): number {
	return Math.floor(startTime / 60) * 60;
}

/** Up to `count` buckets of [from, end), `from` being the range start or a bucket boundary. */
export function bucketsFrom(from: number, end: number, widthSeconds: number, count: number): TimeBucket[] {
	const buckets: TimeBucket[] = [];
	let start = from;
	while (start < end && buckets.length < count) {
		const boundary = (Math.floor(start / widthSeconds) + 1) * widthSeconds;
		const bucketEnd = Math.min(boundary, end);
		buckets.push({ start, end: bucketEnd });
		start = bucketEnd;
	}
	return buckets;
}

/** Whether `start` is where a bucket of this range can begin. */
export function isBucketStart(start: number, rangeFrom: number, end: number, widthSeconds: number): boolean {
	return start >= rangeFrom && start < end && (start === rangeFrom || start % widthSeconds === 0);
}

/**
 * Opaque page cursor like the real "page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=": base64 of the next bucket's
 * start and a fingerprint of the query it belongs to.
 */
export function encodePageCursor(nextStart: number, fingerprint: number): string {
	const buffer = Buffer.alloc(16);
	buffer.writeUInt32BE(Math.floor(nextStart / 0x1_0000_0000), 0);
	buffer.writeUInt32BE(nextStart >>> 0, 4);
	buffer.writeUInt32BE(fingerprint >>> 0, 8);
	buffer.writeUInt32BE(hash32('cursor', nextStart, fingerprint), 12);
	return `page_${buffer.toString('base64')}`;
}

export function decodePageCursor(cursor: string): { nextStart: number; fingerprint: number } | null {
	if (!cursor.startsWith('page_')) return null;
	const buffer = Buffer.from(cursor.slice(5), 'base64');
	if (buffer.length !== 16) return null;
	const nextStart = buffer.readUInt32BE(0) * 0x1_0000_0000 + buffer.readUInt32BE(4);
	const fingerprint = buffer.readUInt32BE(8);
	if (buffer.readUInt32BE(12) !== hash32('cursor', nextStart, fingerprint)) return null;
	return { nextStart, fingerprint };
}

/** What one page request asks for, as read from the query. */
export interface PageRequest {
	/** e.g. 'costs' or 'usage/completions': part of the cursor fingerprint */
	scope: string;
	startTime: number;
	endTime: number | undefined;
	width: BucketWidth;
	limit: number;
	page: string | undefined;
	now: number;
}

export type PageError = { param: string; message: string };

/**
 * The buckets of one page and the cursor of the next one (null on the last page), or the
 * parameter problem to answer with a 400.
 */
export function pageOfBuckets(request: PageRequest): { buckets: TimeBucket[]; nextPage: string | null } | PageError {
	const widthSeconds = BUCKET_WIDTH_SECONDS[request.width];
	const from = rangeStart(request.startTime);
	const end = request.endTime ?? request.now;
	if (request.endTime !== undefined && request.endTime <= request.startTime) {
		return { param: 'end_time', message: `'end_time' (${request.endTime}) must be greater than 'start_time' (${request.startTime}).` };
	}
	const fingerprint = hash32(request.scope, request.startTime, request.endTime ?? 'now', request.width);
	let pageStart = from;
	if (request.page !== undefined) {
		const cursor = decodePageCursor(request.page);
		if (!cursor || cursor.fingerprint !== fingerprint || !isBucketStart(cursor.nextStart, from, end, widthSeconds)) {
			return { param: 'page', message: 'the page cursor is invalid or does not belong to this query.' };
		}
		pageStart = cursor.nextStart;
	}
	const buckets = bucketsFrom(pageStart, end, widthSeconds, request.limit + 1);
	const next = buckets[request.limit];
	return {
		buckets: buckets.slice(0, request.limit),
		nextPage: next ? encodePageCursor(next.start, fingerprint) : null,
	};
}

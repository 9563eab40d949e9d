import { PagingError } from './transport/unexpectedResponse';

/**
 * The one guard of every paging loop in the package (SDK lists, the usage engine, the Usage node):
 * a cursor that repeats, or a "more" answer without a cursor, is an error at once, and no loop
 * reads more than `maxPages` pages in one run. Plain TypeScript: the usage engine uses it too.
 */
export const MAX_PAGES_PER_RUN = 5_000;

export class PageGuard {
	private readonly seen = new Set<string>();
	private read = 0;

	/** `what` names the list in errors, e.g. "GET /files". */
	constructor(
		private readonly what: string,
		private readonly maxPages = MAX_PAGES_PER_RUN,
	) {}

	/** Pages read so far. */
	get pages(): number {
		return this.read;
	}

	/** Count one page read; throws once more than `maxPages` pages would be read. */
	page(): void {
		this.read++;
		if (this.read > this.maxPages) {
			throw new PagingError(
				`Stopped reading ${this.what} after ${this.maxPages} pages, the most one run reads (the server kept saying there is more)`,
			);
		}
	}

	/** Before following `cursor` to the next page: it must exist and never have been followed before. */
	follow(cursor: string | null | undefined): void {
		if (cursor === undefined || cursor === null || cursor === '') {
			throw new PagingError(`The server said ${this.what} has more pages but gave no cursor to the next one`);
		}
		if (this.seen.has(cursor)) {
			throw new PagingError(
				`The server returned the same page cursor twice for ${this.what} ("${cursor.slice(0, 80)}"): the list does not advance, so reading stopped`,
			);
		}
		this.seen.add(cursor);
	}
}

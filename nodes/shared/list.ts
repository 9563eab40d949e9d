import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { PageGuard } from './paging';
import type { Shape } from './shape';
import { checkShape, factsOf, shape } from './shape';
import { UnexpectedResponseError } from './transport/unexpectedResponse';

/** "Return All" / "Limit" of the list operations, and reading an SDK list up to the limit. */
export function listProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** Infinity for Return All. */
export function readLimit(n8n: IExecuteFunctions, itemIndex: number): number {
	if (n8n.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	return Math.max(1, Math.floor(n8n.getNodeParameter('limit', itemIndex, 50) as number));
}

/** Page size for a limit: as large as the list allows (`max`, 100 for the admin lists), no larger than needed. */
export function pageSize(limit: number, max = 100): number {
	return Number.isFinite(limit) ? Math.min(max, limit) : max;
}

/** What `take` needs of an SDK page (`AbstractPage`): its items and the way to the next one. */
interface SdkPage<T> {
	getPaginatedItems(): T[];
	hasNextPage(): boolean;
	nextPageRequestOptions(): { query?: unknown; body?: unknown } | null;
	getNextPage(): Promise<SdkPage<T>>;
}

/** A list page: `data` a list of objects; `has_more`, when the endpoint pages, true or false. */
const listPage = (paged: boolean, entry: Shape = shape.object()): Shape =>
	shape.object({
		data: shape.array(entry),
		...(paged ? { has_more: shape.boolean } : {}),
	});

/**
 * The first `limit` entries of an SDK list (a PagePromise), page by page: each page's shape is
 * checked (a `{}` or an HTML page is an error, never an empty last page), and the shared PageGuard
 * stops a cursor that does not advance and caps the pages one run reads. `what` names the list in
 * errors ("GET /files"); `paged: false` for lists that come in one page (models); `entry`: the
 * shape every entry must have (an object by default), checked with the page's status and content type.
 */
export async function take<T>(
	list: PromiseLike<SdkPage<T>>,
	limit: number,
	what = 'the list',
	options: { paged?: boolean; maxPages?: number; entry?: Shape } = {},
): Promise<T[]> {
	const out: T[] = [];
	if (limit <= 0) return out;
	const guard = new PageGuard(what, options.maxPages);
	const wanted = listPage(options.paged ?? true, options.entry);
	let page = await readPage(list, what);
	for (;;) {
		guard.page();
		const { body, response } = page as unknown as { body: unknown; response?: Response };
		checkShape(body, wanted, `a page of ${what}`, factsOf(response, body));
		for (const entry of page.getPaginatedItems()) {
			out.push(entry);
			if (out.length >= limit) return out;
		}
		if (!page.hasNextPage()) {
			// the SDK stops quietly when a page says `has_more` but names no cursor (e.g. `last_id: null`):
			// that is a list cut short, not its end
			if (options.paged !== false && (body as { has_more?: unknown }).has_more === true) guard.follow(null);
			return out;
		}
		guard.follow(cursorOf(page));
		page = await readPage(page.getNextPage(), what);
	}
}

/** The SDK builds a page from whatever came back; a `null` body (204) makes it throw a TypeError. */
async function readPage<T>(pending: PromiseLike<SdkPage<T>>, what: string): Promise<SdkPage<T>> {
	try {
		return await pending;
	} catch (error) {
		// thrown on to the engine, whose toNodeError makes the NodeApiError the user sees
		if (error instanceof TypeError) {
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw new UnexpectedResponseError(`a page of ${what}`, 'the answer had no body', {});
		}
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw error;
	}
}

function cursorOf<T>(page: SdkPage<T>): string {
	const next = page.nextPageRequestOptions();
	return JSON.stringify(next?.query ?? next?.body ?? null);
}

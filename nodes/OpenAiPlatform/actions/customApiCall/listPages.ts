import type { IDataObject } from 'n8n-workflow';

import { PageGuard } from '../../../shared/paging';
import { checkShape, factsOf } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { type ListPage, listPageShape } from './answer';

/**
 * Return All of a Custom API Call: every entry of an OpenAI list, page by page. OpenAI pages two
 * ways: `has_more` with a cursor (`last_id`, else the last entry's `id`) sent back as `after`, or a
 * `next_page` token sent back as `page` (the usage and cost lists). Each page's shape is checked;
 * the shared PageGuard stops a cursor that repeats or is missing, and caps the pages of one run.
 */
export async function readAllPages(
	transport: OpenAiTransport,
	path: string,
	query: Record<string, string | string[]>,
	headers: Record<string, string>,
): Promise<IDataObject[]> {
	const what = `GET ${path}`;
	const guard = new PageGuard(what);
	const entries: IDataObject[] = [];
	let pageQuery: Record<string, string | string[]> = { ...query };
	for (;;) {
		guard.page();
		const { data, response } = await transport.client.request<unknown>({ method: 'get', path, query: pageQuery, headers }).withResponse();
		const page = checkShape(data, listPageShape, `a page of ${what} (Return All reads lists)`, factsOf(response, data)) as ListPage;
		for (const entry of page.data) entries.push(typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as IDataObject) : { value: entry as IDataObject[keyof IDataObject] });
		const next = nextPage(page);
		if (!next) return entries;
		guard.follow(next.cursor);
		pageQuery = { ...query, [next.parameter]: next.cursor as string };
	}
}

/** Where the list goes on, or undefined at its end; a cursor that is missing is left for the guard to report. */
export function nextPage(page: ListPage): { parameter: 'after' | 'page'; cursor: string | undefined } | undefined {
	if (page.has_more === false) return undefined;
	if (typeof page.next_page === 'string' && page.next_page !== '') return { parameter: 'page', cursor: page.next_page };
	if (page.has_more !== true) return undefined;
	const last = page.data[page.data.length - 1] as { id?: unknown } | undefined;
	const cursor = page.last_id || (typeof last?.id === 'string' ? last.id : undefined);
	return { parameter: 'after', cursor: cursor || undefined };
}

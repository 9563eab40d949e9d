import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { checkShape, factsOf, shape } from '../shape';
import { createTransport } from '../transport/client';
import { PLATFORM_CREDENTIAL } from '../transport/credentialTypes';

const PAGE = 100;
const storePage = shape.object({
	data: shape.array(shape.object({ id: shape.nonEmptyString, name: shape.nullable(shape.string) })),
	has_more: shape.boolean,
});

/**
 * The vector store picker (`searchVectorStores`): one page of GET /vector_stores per call, newest
 * first, filtered by the search text (name or ID, case-insensitive); n8n asks for the next page
 * with the returned token (the last ID). A page that names no new cursor ends the list.
 */
export async function searchVectorStores(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const transport = await createTransport(this, { credentialType: PLATFORM_CREDENTIAL, timeoutMs: 30_000, maxRetries: 1 });
	const needle = (filter ?? '').trim().toLowerCase();
	try {
		const list = await transport.client.vectorStores.list({ limit: PAGE, ...(paginationToken ? { after: paginationToken } : {}) });
		const { body, response } = list as unknown as { body: unknown; response?: Response };
		const page = checkShape(body, storePage, 'a page of GET /vector_stores', factsOf(response, body)) as {
			data: Array<{ id: string; name: string | null; file_counts?: { total?: number } }>;
			has_more: boolean;
		};
		const results: INodeListSearchItems[] = page.data
			.filter((store) => !needle || store.id.toLowerCase().includes(needle) || (store.name ?? '').toLowerCase().includes(needle))
			.map((store) => ({
				name: store.name ? `${store.name} (${store.id})` : store.id,
				value: store.id,
				...(typeof store.file_counts?.total === 'number' ? { description: `${store.file_counts.total} files` } : {}),
			}));
		const last = page.data[page.data.length - 1]?.id;
		const next = page.has_more && last && last !== paginationToken ? last : undefined;
		return { results, ...(next ? { paginationToken: next } : {}) };
	} catch (error) {
		throw transport.toNodeError(error);
	}
}

import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { createTransport } from '../transport/client';
import { PLATFORM_CREDENTIAL } from '../transport/credentialTypes';

/** Which models a picker offers; later operations add their own (chat, embedding, audio …). */
export type ModelFilter = (id: string, ownedBy: string) => boolean;

export const isFineTuned: ModelFilter = (id) => id.startsWith('ft:');

const DOCS = 'https://platform.openai.com/docs/models/';

/**
 * A `listSearch` method over GET /models: the whole list, filtered by the picker's search text
 * (case-insensitive) and by what the operation can use, sorted by ID. The endpoint is not
 * paginated, so there is no pagination token.
 */
export function modelSearch(accept: ModelFilter = () => true) {
	return async function searchModels(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const transport = await createTransport(this, {
			credentialType: PLATFORM_CREDENTIAL,
			timeoutMs: 30_000,
			maxRetries: 1,
		});
		const needle = (filter ?? '').trim().toLowerCase();
		const results: INodeListSearchItems[] = [];
		try {
			for await (const model of transport.client.models.list()) {
				if (!accept(model.id, model.owned_by)) continue;
				if (needle && !model.id.toLowerCase().includes(needle)) continue;
				results.push({
					name: model.id,
					value: model.id,
					description: `Owned by ${model.owned_by}`,
					...(isFineTuned(model.id, model.owned_by) ? {} : { url: DOCS + encodeURIComponent(model.id) }),
				});
			}
		} catch (error) {
			throw transport.toNodeError(error);
		}
		results.sort((a, b) => a.name.localeCompare(b.name));
		return { results };
	};
}

export const modelSearchMethods = {
	searchModels: modelSearch(),
	searchFineTunedModels: modelSearch(isFineTuned),
};

import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { createTransport } from '../transport/client';
import { PLATFORM_CREDENTIAL } from '../transport/credentialTypes';

/** Which models a picker offers; later operations add their own (chat, embedding, audio …). */
export type ModelFilter = (id: string, ownedBy: string) => boolean;

export const isFineTuned: ModelFilter = (id) => id.startsWith('ft:');

/** Families by ID pattern; OpenAI-compatible endpoints may name models differently, so the "ID" mode always accepts anything. */
const NOT_CHAT = /(embedding|whisper|tts|transcribe|dall-e|gpt-image|moderation|davinci|babbage|-instruct|realtime|search-preview|computer-use|sora|codex-mini)/;
export const isChatModel: ModelFilter = (id) => !NOT_CHAT.test(id.replace(/^ft:/, ''));
export const isCompletionModel: ModelFilter = (id) => /(-instruct|davinci|babbage)/.test(id);
export const isEmbeddingModel: ModelFilter = (id) => id.includes('embedding');
export const isModerationModel: ModelFilter = (id) => id.includes('moderation');
export const isImageModel: ModelFilter = (id) => /^(dall-e|gpt-image)/.test(id);
export const isSpeechModel: ModelFilter = (id) => /(^tts-|-tts)/.test(id);
export const isTranscriptionModel: ModelFilter = (id) => /(whisper|transcribe)/.test(id);

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

/** Every model picker of the package, registered on the node as `methods.listSearch`. */
export const modelSearchMethods = {
	searchModels: modelSearch(),
	searchFineTunedModels: modelSearch(isFineTuned),
	searchChatModels: modelSearch(isChatModel),
	searchCompletionModels: modelSearch(isCompletionModel),
	searchEmbeddingModels: modelSearch(isEmbeddingModel),
	searchModerationModels: modelSearch(isModerationModel),
	searchImageModels: modelSearch(isImageModel),
	searchSpeechModels: modelSearch(isSpeechModel),
	searchTranscriptionModels: modelSearch(isTranscriptionModel),
};

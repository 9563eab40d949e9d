import type { AreaContext, FakeRequest } from '../../area';
import { ApiError } from '../../errors';
import { perServer } from '../media/serverState';
import { isObject, type JsonObject } from './fields';

/**
 * Stored chat completions (`store: true`) of one fake server, per project: the completion with its
 * metadata, the model asked for, and the request's messages as GET …/messages lists them
 * (`<completion id>-<index>`, role, content text, `content_parts` for part lists, as live).
 */
export interface StoredCompletion {
	projectId: string | null;
	/** the model as requested (the completion carries the dated snapshot) */
	requestedModel: string;
	completion: JsonObject;
	metadata: Record<string, string>;
	messages: JsonObject[];
}

export interface ChatStore {
	readonly completions: Map<string, StoredCompletion>;
	save(request: Pick<FakeRequest, 'key'>, completion: JsonObject, requestedModel: string, messages: unknown[], metadata: Record<string, string> | null): void;
	find(id: string, request: Pick<FakeRequest, 'key'>): StoredCompletion;
	/** the completion as GET answers it (with its metadata) */
	body(entry: StoredCompletion): JsonObject;
	reset(): void;
}

export function chatStore(context: Pick<AreaContext, 'clock'>): ChatStore {
	return perServer(context, 'chatStore', () => createStore());
}

function createStore(): ChatStore {
	const completions = new Map<string, StoredCompletion>();
	return {
		completions,
		save(request, completion, requestedModel, messages, metadata) {
			const id = String(completion.id);
			completions.set(id, {
				projectId: request.key.projectId,
				requestedModel,
				completion,
				metadata: metadata ?? {},
				messages: messages.map((message, index) => storedMessage(id, index, message)),
			});
		},
		find(id, request) {
			const entry = completions.get(id);
			if (!entry || entry.projectId !== request.key.projectId) {
				throw new ApiError(404, 'invalid_request_error', `Chat completion with id '${id}' not found.`, null, null);
			}
			return entry;
		},
		body: (entry) => ({ ...entry.completion, metadata: { ...entry.metadata } }),
		reset: () => completions.clear(),
	};
}

function storedMessage(completionId: string, index: number, raw: unknown): JsonObject {
	const message = isObject(raw) ? raw : {};
	const parts = Array.isArray(message.content) ? message.content.filter(isObject) : null;
	const content = typeof message.content === 'string'
		? message.content
		: parts
			? parts.filter((part) => part.type === 'text').map((part) => String(part.text ?? '')).join('\n') || null
			: null;
	return {
		id: `${completionId}-${index}`,
		role: message.role,
		content,
		name: typeof message.name === 'string' ? message.name : null,
		content_parts: parts,
	};
}

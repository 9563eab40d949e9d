import type { AreaContext, FakeRequest } from '../../area';
import { ApiError } from '../../errors';
import { perServer } from '../media/serverState';
import type { JsonObject } from './fields';
import type { Turn } from './responseInput';

/**
 * The conversations of one fake server (per project), shared by the Conversations routes and the
 * Responses API (`conversation` on create and on input token counts): each item is kept with the
 * turn it adds, so a response in a conversation sees (and is billed for) every earlier item, and
 * its input and output items are appended to the conversation.
 */
export interface ConversationEntry {
	item: JsonObject;
	turn: Turn | null;
}

export interface StoredConversation {
	id: string;
	projectId: string | null;
	createdAt: number;
	metadata: Record<string, string>;
	entries: ConversationEntry[];
}

export interface ConversationStore {
	readonly conversations: Map<string, StoredConversation>;
	/** the conversation of this project, or a 404 naming it */
	find(id: string, request: Pick<FakeRequest, 'key'>): StoredConversation;
	/** what the API answers for a conversation */
	body(conversation: StoredConversation): JsonObject;
	/** every turn of the conversation, oldest first */
	turns(conversation: StoredConversation): Turn[];
	reset(): void;
}

export function conversationStore(context: Pick<AreaContext, 'clock'>): ConversationStore {
	return perServer(context, 'conversationStore', () => createStore());
}

export function conversationNotFound(id: string): ApiError {
	return new ApiError(404, 'invalid_request_error', `Conversation with id '${id}' not found.`, null, null);
}

function createStore(): ConversationStore {
	const conversations = new Map<string, StoredConversation>();
	return {
		conversations,
		find(id, request) {
			const conversation = conversations.get(id);
			if (!conversation || conversation.projectId !== request.key.projectId) throw conversationNotFound(id);
			return conversation;
		},
		body: (conversation) => ({
			id: conversation.id,
			object: 'conversation',
			created_at: conversation.createdAt,
			metadata: { ...conversation.metadata },
		}),
		turns: (conversation) => conversation.entries.flatMap((entry) => (entry.turn ? [entry.turn] : [])),
		reset: () => conversations.clear(),
	};
}

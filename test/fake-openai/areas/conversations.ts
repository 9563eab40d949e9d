import type { AreaFactory, FakeRequest } from '../area';
import { ApiError, missingParameter } from '../errors';
import { readQueryParams } from '../params';
import { conversationStore, type StoredConversation } from './text/conversationStore';
import { bodyObject, rejectUnknownFields, type JsonObject } from './text/fields';
import { readMetadata } from './text/metadata';
import { badRequest } from './text/requestErrors';
import { INCLUDABLE } from './text/includable';
import { readInputItems } from './text/responseInput';

/**
 * The Conversations API: POST /v1/conversations (metadata, up to 20 initial items), GET, POST
 * (update metadata) and DELETE /v1/conversations/{id}; POST (add up to 20 items) and GET (list:
 * limit, order — desc by default —, after, include) /v1/conversations/{id}/items; GET and DELETE
 * /v1/conversations/{id}/items/{item_id} (deleting an item answers the conversation). Items are
 * Responses input items (messages, function calls and outputs, MCP approvals) with IDs; a response
 * created with `conversation` sees every item and appends its own (see responses.ts).
 * Conversations live per project; another project's is a 404.
 */
const MAX_ITEMS_PER_REQUEST = 20;

export const conversationsArea: AreaFactory = ({ clock, ids }) => {
	const store = conversationStore({ clock });
	const newId = (prefix: string) => ids.next(prefix, 48);

	const readItems = (value: unknown) => readInputItems(value, 'items', newId, MAX_ITEMS_PER_REQUEST).entries;

	const find = (request: FakeRequest) => store.find(request.params.conversation_id, request);

	const findItem = (conversation: StoredConversation, itemId: string) => {
		const index = conversation.entries.findIndex((entry) => entry.item.id === itemId);
		if (index < 0) throw new ApiError(404, 'invalid_request_error', `Item with id '${itemId}' not found.`, null, null);
		return index;
	};

	const list = (data: JsonObject[], hasMore: boolean) => ({
		object: 'list',
		data,
		first_id: (data[0]?.id as string | undefined) ?? '',
		last_id: (data[data.length - 1]?.id as string | undefined) ?? '',
		has_more: hasMore,
	});

	return {
		name: 'conversations',
		reset: () => store.reset(),
		routes: [
			{
				method: 'POST',
				path: '/v1/conversations',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['metadata', 'items']), 'modern');
					const metadata = readMetadata(body.metadata) ?? {};
					const entries = body.items === undefined || body.items === null ? [] : readItems(body.items);
					const conversation: StoredConversation = {
						id: ids.next('conv_', 48),
						projectId: request.key.projectId,
						createdAt: clock.nowSeconds(),
						metadata,
						entries,
					};
					store.conversations.set(conversation.id, conversation);
					return { body: store.body(conversation) };
				},
			},
			{
				method: 'GET',
				path: '/v1/conversations/{conversation_id}',
				auth: { kind: 'api' },
				handle: (request) => ({ body: store.body(find(request)) }),
			},
			{
				method: 'POST',
				path: '/v1/conversations/{conversation_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['metadata']), 'modern');
					if (!('metadata' in body)) throw missingParameter('metadata');
					const conversation = find(request);
					conversation.metadata = readMetadata(body.metadata) ?? {};
					return { body: store.body(conversation) };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/conversations/{conversation_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const conversation = find(request);
					store.conversations.delete(conversation.id);
					return { body: { id: conversation.id, object: 'conversation.deleted', deleted: true } };
				},
			},
			{
				method: 'POST',
				path: '/v1/conversations/{conversation_id}/items',
				auth: { kind: 'api' },
				handle: (request) => {
					readQueryParams(request.query, { include: { type: 'array', enum: INCLUDABLE } });
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['items']), 'modern');
					if (body.items === undefined || body.items === null) throw missingParameter('items');
					const conversation = find(request);
					const entries = readItems(body.items);
					conversation.entries.push(...entries);
					return { body: list(entries.map((entry) => entry.item), false) };
				},
			},
			{
				method: 'GET',
				path: '/v1/conversations/{conversation_id}/items',
				auth: { kind: 'api' },
				handle: (request) => {
					const query = readQueryParams(request.query, {
						limit: { type: 'integer', min: 1, max: 100, default: 20 },
						order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
						after: { type: 'string' },
						include: { type: 'array', enum: INCLUDABLE },
					});
					const items = find(request).entries.map((entry) => entry.item);
					const ordered = query.order === 'desc' ? [...items].reverse() : items;
					const start = query.after === undefined ? 0 : ordered.findIndex((item) => item.id === query.after) + 1;
					if (query.after !== undefined && start === 0) {
						throw badRequest(`Invalid 'after': no item with id '${query.after}' in this conversation.`, 'after', 'invalid_value');
					}
					const page = ordered.slice(start, start + query.limit);
					return { body: list(page, start + page.length < ordered.length) };
				},
			},
			{
				method: 'GET',
				path: '/v1/conversations/{conversation_id}/items/{item_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					readQueryParams(request.query, { include: { type: 'array', enum: INCLUDABLE } });
					const conversation = find(request);
					return { body: conversation.entries[findItem(conversation, request.params.item_id)].item };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/conversations/{conversation_id}/items/{item_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const conversation = find(request);
					conversation.entries.splice(findItem(conversation, request.params.item_id), 1);
					return { body: store.body(conversation) };
				},
			},
		],
	};
};

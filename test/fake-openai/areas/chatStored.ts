import type { AreaFactory, FakeRequest } from '../area';
import { missingParameter } from '../errors';
import { readQueryParams } from '../params';
import type { ParsedQuery } from '../query';
import { chatStore } from './text/chatStore';
import { bodyObject, rejectUnknownFields, type JsonObject } from './text/fields';
import { readMetadata } from './text/metadata';
import { badRequest } from './text/requestErrors';

/**
 * Stored Chat Completions (created with `store: true`, see chat.ts): GET /v1/chat/completions (list:
 * model, metadata[key]=value, after, limit, order — asc by default, as live), GET, POST (update the
 * metadata) and DELETE /v1/chat/completions/{id}, GET /v1/chat/completions/{id}/messages (the
 * request's messages: after, limit, order). Per project; another project's completion is a 404.
 */
export const chatStoredArea: AreaFactory = ({ clock }) => {
	const store = chatStore({ clock });

	const page = <T extends JsonObject>(all: T[], query: { order: string; after?: string; limit: number }, what: string) => {
		const ordered = query.order === 'desc' ? [...all].reverse() : all;
		const start = query.after === undefined ? 0 : ordered.findIndex((entry) => entry.id === query.after) + 1;
		if (query.after !== undefined && start === 0) throw badRequest(`Invalid 'after': no ${what} with id '${query.after}'.`, 'after', 'invalid_value');
		const data = ordered.slice(start, start + query.limit);
		return {
			object: 'list',
			data,
			first_id: (data[0]?.id as string | undefined) ?? '',
			last_id: (data[data.length - 1]?.id as string | undefined) ?? '',
			has_more: start + data.length < ordered.length,
		};
	};
	const listQuery = {
		after: { type: 'string' },
		limit: { type: 'integer', min: 1, max: 100, default: 20 },
		order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
	} as const;

	const find = (request: FakeRequest) => store.find(request.params.completion_id, request);

	return {
		name: 'chatStored',
		reset: () => store.reset(),
		routes: [
			{
				method: 'GET',
				path: '/v1/chat/completions',
				auth: { kind: 'api' },
				handle: (request) => {
					const { metadata, rest } = splitMetadataFilter(request.query);
					const query = readQueryParams(rest, { ...listQuery, model: { type: 'string' } });
					const matching = [...store.completions.values()]
						.filter((entry) => entry.projectId === request.key.projectId)
						.filter((entry) => query.model === undefined || entry.requestedModel === query.model || entry.completion.model === query.model)
						.filter((entry) => Object.entries(metadata).every(([key, value]) => entry.metadata[key] === value))
						.map((entry) => store.body(entry));
					return { body: page(matching, query, 'chat completion') };
				},
			},
			{
				method: 'GET',
				path: '/v1/chat/completions/{completion_id}',
				auth: { kind: 'api' },
				handle: (request) => ({ body: store.body(find(request)) }),
			},
			{
				method: 'POST',
				path: '/v1/chat/completions/{completion_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['metadata']), 'legacy');
					if (!('metadata' in body)) throw missingParameter('metadata');
					const entry = find(request);
					entry.metadata = readMetadata(body.metadata) ?? {};
					return { body: store.body(entry) };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/chat/completions/{completion_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const entry = find(request);
					store.completions.delete(String(entry.completion.id));
					return { body: { object: 'chat.completion.deleted', id: entry.completion.id, deleted: true } };
				},
			},
			{
				method: 'GET',
				path: '/v1/chat/completions/{completion_id}/messages',
				auth: { kind: 'api' },
				handle: (request) => {
					const query = readQueryParams(request.query, listQuery);
					return { body: page(find(request).messages, query, 'message') };
				},
			},
		],
	};
};

/** `metadata[key]=value` pairs (how the SDK sends an object in a query) apart from the other parameters. */
function splitMetadataFilter(query: ParsedQuery): { metadata: Record<string, string>; rest: ParsedQuery } {
	const metadata: Record<string, string> = {};
	const rest: ParsedQuery = {};
	for (const [key, value] of Object.entries(query)) {
		const match = /^metadata\[(.+)\]$/.exec(key);
		if (!match) {
			rest[key] = value;
			continue;
		}
		if (Array.isArray(value)) throw badRequest(`Invalid 'metadata[${match[1]}]': expected one value.`, 'metadata', 'invalid_value');
		metadata[match[1]] = value;
	}
	return { metadata, rest };
}

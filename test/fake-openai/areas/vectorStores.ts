import type { AreaContext, AreaFactory, FakeRequest } from '../area';
import { ApiError, invalidEnumValue, missingParameter } from '../errors';
import { readQueryParams } from '../params';
import { fileStoreFor } from './media/fileStore';
import { perServer } from './media/serverState';
import { asArray, asInteger, asObject, asString, bodyObject, isObject, optional, rejectUnknownFields, type JsonObject } from './text/fields';
import { readMetadata } from './text/metadata';
import { badRequest } from './text/requestErrors';

/**
 * /v1/vector_stores: stores (create, get, list, update, delete), their files (add, list with a status
 * filter, get, update attributes, delete, parsed content), file batches (create, get, cancel, list
 * files) and search. A file is `in_progress` for `vectorStoreSettings(...).processingMs` of simulated
 * time after it is added, then `completed` (an empty file `failed`); the store is `in_progress` while
 * any of its files is. Search scores each completed file's paragraphs by the query words they contain.
 */
export const DEFAULT_PROCESSING_MS = 2_000;

interface StoreFile {
	id: string;
	createdAt: number;
	readyAt: number;
	attributes: JsonObject | null;
	chunking: JsonObject;
	batchId: string | null;
	cancelled: boolean;
	empty: boolean;
	bytes: number;
	sequence: number;
}

interface StoreBatch {
	id: string;
	createdAt: number;
	fileIds: string[];
	cancelled: boolean;
}

interface Store {
	id: string;
	projectId: string | null;
	name: string;
	createdAt: number;
	lastActiveAt: number;
	metadata: Record<string, string>;
	expiresAfter: { anchor: 'last_active_at'; days: number } | null;
	files: Map<string, StoreFile>;
	batches: Map<string, StoreBatch>;
	sequence: number;
}

export function vectorStoreSettings(anchor: Pick<AreaContext, 'clock'>): { processingMs: number } {
	return perServer(anchor, 'vectorStoreSettings', () => ({ processingMs: DEFAULT_PROCESSING_MS }));
}

const FILE_STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'] as const;
const RANKERS = ['none', 'auto', 'default-2024-11-15'] as const;
const DEFAULT_CHUNKING = { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };

export const vectorStoresArea: AreaFactory = (context) => {
	const { clock, ids } = context;
	const settings = vectorStoreSettings(context);
	const files = fileStoreFor(context);
	const stores = new Map<string, Store>();
	let sequence = 0;

	const nowMs = () => clock.now();
	const find = (request: FakeRequest): Store => {
		const store = stores.get(request.params.vector_store_id);
		if (!store || store.projectId !== request.key.projectId) {
			throw new ApiError(404, 'invalid_request_error', `No vector store found with id '${request.params.vector_store_id}'.`, null, null);
		}
		store.lastActiveAt = clock.nowSeconds();
		return store;
	};
	const findFile = (store: Store, id: string): StoreFile => {
		const file = store.files.get(id);
		if (!file) throw new ApiError(404, 'invalid_request_error', `No file found with id '${id}' in vector store '${store.id}'.`, null, null);
		return file;
	};
	const findBatch = (store: Store, id: string): StoreBatch => {
		const batch = store.batches.get(id);
		if (!batch) throw new ApiError(404, 'invalid_request_error', `No file batch found with id '${id}' in vector store '${store.id}'.`, null, null);
		return batch;
	};

	const fileStatus = (file: StoreFile): (typeof FILE_STATUSES)[number] => {
		if (file.cancelled) return 'cancelled';
		if (nowMs() < file.readyAt) return 'in_progress';
		return file.empty ? 'failed' : 'completed';
	};
	const counts = (list: StoreFile[]) => {
		const out = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: list.length };
		for (const file of list) out[fileStatus(file)] += 1;
		return out;
	};
	const fileView = (store: Store, file: StoreFile) => {
		const status = fileStatus(file);
		return {
			id: file.id,
			object: 'vector_store.file',
			usage_bytes: status === 'completed' ? file.bytes : 0,
			created_at: file.createdAt,
			vector_store_id: store.id,
			status,
			last_error: status === 'failed' ? { code: 'invalid_file', message: 'The file is empty.' } : null,
			chunking_strategy: file.chunking,
			attributes: file.attributes,
		};
	};
	const storeView = (store: Store) => {
		const list = [...store.files.values()];
		const fileCounts = counts(list);
		return {
			id: store.id,
			object: 'vector_store',
			created_at: store.createdAt,
			name: store.name,
			usage_bytes: list.filter((file) => fileStatus(file) === 'completed').reduce((sum, file) => sum + file.bytes, 0),
			file_counts: fileCounts,
			status: fileCounts.in_progress > 0 ? 'in_progress' : 'completed',
			...(store.expiresAfter ? { expires_after: store.expiresAfter } : {}),
			expires_at: store.expiresAfter ? store.lastActiveAt + store.expiresAfter.days * 86_400 : null,
			last_active_at: store.lastActiveAt,
			metadata: store.metadata,
		};
	};
	const batchView = (store: Store, batch: StoreBatch) => {
		const list = batch.fileIds.map((id) => store.files.get(id)).filter((file): file is StoreFile => file !== undefined);
		const fileCounts = counts(list);
		const status = batch.cancelled ? 'cancelled' : fileCounts.in_progress > 0 ? 'in_progress' : fileCounts.failed > 0 && fileCounts.completed === 0 ? 'failed' : 'completed';
		return { id: batch.id, object: 'vector_store.files_batch', created_at: batch.createdAt, vector_store_id: store.id, status, file_counts: fileCounts };
	};

	const addFile = (store: Store, fileId: string, attributes: JsonObject | null, chunking: JsonObject, batchId: string | null): StoreFile => {
		const stored = files.get(fileId);
		if (!stored) throw badRequest(`File '${fileId}' not found.`, 'file_id', 'file_not_found');
		const file: StoreFile = {
			id: fileId,
			createdAt: clock.nowSeconds(),
			readyAt: nowMs() + settings.processingMs,
			attributes,
			chunking,
			batchId,
			cancelled: false,
			empty: stored.content.length === 0 || stored.content.toString('utf8').trim() === '',
			bytes: stored.content.length,
			sequence: sequence++,
		};
		store.files.set(fileId, file);
		return file;
	};

	const listBody = (data: Array<{ id: string }>, hasMore: boolean) => ({
		object: 'list',
		data,
		first_id: data[0]?.id ?? '',
		last_id: data[data.length - 1]?.id ?? '',
		has_more: hasMore,
	});
	const readPaging = (query: FakeRequest['query']) =>
		readQueryParams(query, {
			limit: { type: 'integer', min: 1, max: 100, default: 20 },
			order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
			after: { type: 'string' },
			before: { type: 'string' },
			filter: { type: 'string', enum: FILE_STATUSES },
		});
	const pageOf = <T extends { id: string }>(all: T[], params: ReturnType<typeof readPaging>) => {
		let list = params.order === 'asc' ? [...all].reverse() : all;
		if (params.after) {
			const index = list.findIndex((entry) => entry.id === params.after);
			list = index === -1 ? [] : list.slice(index + 1);
		}
		const data = list.slice(0, params.limit);
		return listBody(data, list.length > data.length);
	};
	const newestFirst = (store: Store, only?: (file: StoreFile) => boolean) =>
		[...store.files.values()].filter((file) => only?.(file) ?? true).sort((a, b) => b.sequence - a.sequence);

	return {
		name: 'vectorStores',
		reset: () => {
			stores.clear();
			sequence = 0;
			settings.processingMs = DEFAULT_PROCESSING_MS;
		},
		routes: [
			{
				method: 'POST',
				path: '/v1/vector_stores',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['name', 'file_ids', 'chunking_strategy', 'expires_after', 'metadata', 'description']), 'modern');
					const chunking = readChunking(optional(body, 'chunking_strategy'));
					const fileIds = readFileIds(optional(body, 'file_ids'), 'file_ids');
					const store: Store = {
						id: ids.next('vs_', 32),
						projectId: request.key.projectId,
						name: body.name === undefined || body.name === null ? '' : asString(body.name, 'name'),
						createdAt: clock.nowSeconds(),
						lastActiveAt: clock.nowSeconds(),
						metadata: readMetadata(optional(body, 'metadata')) ?? {},
						expiresAfter: readExpiresAfter(optional(body, 'expires_after')),
						files: new Map(),
						batches: new Map(),
						sequence: sequence++,
					};
					for (const id of fileIds) addFile(store, id, null, chunking, null);
					stores.set(store.id, store);
					return { body: storeView(store) };
				},
			},
			{
				method: 'GET',
				path: '/v1/vector_stores',
				auth: { kind: 'api' },
				handle: (request) => {
					const all = [...stores.values()].filter((store) => store.projectId === request.key.projectId).sort((a, b) => b.sequence - a.sequence);
					const params = readPaging(request.query);
					if (params.filter !== undefined) throw badRequest("Unknown parameter: 'filter'.", 'filter', 'unknown_parameter');
					return { body: pageOf(all.map(storeView), params) };
				},
			},
			{ method: 'GET', path: '/v1/vector_stores/{vector_store_id}', auth: { kind: 'api' }, handle: (request) => ({ body: storeView(find(request)) }) },
			{
				method: 'POST',
				path: '/v1/vector_stores/{vector_store_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['name', 'expires_after', 'metadata']), 'modern');
					const store = find(request);
					if (typeof body.name === 'string') store.name = body.name;
					else if (body.name !== undefined && body.name !== null) asString(body.name, 'name');
					if ('expires_after' in body) store.expiresAfter = readExpiresAfter(body.expires_after);
					if ('metadata' in body) store.metadata = readMetadata(body.metadata) ?? {};
					return { body: storeView(store) };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/vector_stores/{vector_store_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const store = find(request);
					stores.delete(store.id);
					return { body: { id: store.id, object: 'vector_store.deleted', deleted: true } };
				},
			},
			{
				method: 'POST',
				path: '/v1/vector_stores/{vector_store_id}/files',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['file_id', 'attributes', 'chunking_strategy']), 'modern');
					if (body.file_id === undefined || body.file_id === null) throw missingParameter('file_id');
					const store = find(request);
					const file = addFile(store, asString(body.file_id, 'file_id', { nonEmpty: true }), readAttributes(optional(body, 'attributes')), readChunking(optional(body, 'chunking_strategy')), null);
					return { body: fileView(store, file) };
				},
			},
			{
				method: 'GET',
				path: '/v1/vector_stores/{vector_store_id}/files',
				auth: { kind: 'api' },
				handle: (request) => {
					const store = find(request);
					const params = readPaging(request.query);
					const list = newestFirst(store, (file) => !params.filter || fileStatus(file) === params.filter);
					return { body: pageOf(list.map((file) => fileView(store, file)), params) };
				},
			},
			{
				method: 'GET',
				path: '/v1/vector_stores/{vector_store_id}/files/{file_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const store = find(request);
					return { body: fileView(store, findFile(store, request.params.file_id)) };
				},
			},
			{
				method: 'POST',
				path: '/v1/vector_stores/{vector_store_id}/files/{file_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['attributes']), 'modern');
					if (!('attributes' in body)) throw missingParameter('attributes');
					const store = find(request);
					const file = findFile(store, request.params.file_id);
					file.attributes = readAttributes(body.attributes);
					return { body: fileView(store, file) };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/vector_stores/{vector_store_id}/files/{file_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const store = find(request);
					const file = findFile(store, request.params.file_id);
					store.files.delete(file.id);
					return { body: { id: file.id, object: 'vector_store.file.deleted', deleted: true } };
				},
			},
			{
				method: 'GET',
				path: '/v1/vector_stores/{vector_store_id}/files/{file_id}/content',
				auth: { kind: 'api' },
				handle: (request) => {
					const store = find(request);
					const file = findFile(store, request.params.file_id);
					const data = fileStatus(file) === 'completed' ? paragraphs(files.get(file.id)?.content).map((text) => ({ type: 'text', text })) : [];
					return { body: { object: 'vector_store.file_content.page', data, has_more: false, next_page: null } };
				},
			},
			{
				method: 'POST',
				path: '/v1/vector_stores/{vector_store_id}/file_batches',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['file_ids', 'files', 'attributes', 'chunking_strategy']), 'modern');
					const store = find(request);
					const attributes = readAttributes(optional(body, 'attributes'));
					const chunking = readChunking(optional(body, 'chunking_strategy'));
					const entries: Array<{ id: string; attributes: JsonObject | null; chunking: JsonObject }> = [];
					if (body.file_ids !== undefined && body.files !== undefined) throw badRequest("Provide either 'file_ids' or 'files', not both.", 'files');
					if (body.files !== undefined) {
						for (const [index, entry] of asArray(body.files, 'files', { nonEmpty: true, max: 2000 }).entries()) {
							const file = asObject(entry, `files[${index}]`);
							entries.push({
								id: asString(file.file_id, `files[${index}].file_id`, { nonEmpty: true }),
								attributes: readAttributes(optional(file, 'attributes')) ?? attributes,
								chunking: file.chunking_strategy === undefined ? chunking : readChunking(file.chunking_strategy),
							});
						}
					} else {
						if (body.file_ids === undefined) throw missingParameter('file_ids');
						const fileIds = readFileIds(body.file_ids, 'file_ids');
						if (fileIds.length === 0) throw badRequest("Invalid 'file_ids': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'file_ids', 'empty_array');
						for (const id of fileIds) entries.push({ id, attributes, chunking });
					}
					for (const entry of entries) if (!files.get(entry.id)) throw badRequest(`File '${entry.id}' not found.`, 'file_ids', 'file_not_found');
					const batch: StoreBatch = { id: ids.next('vsfb_', 32), createdAt: clock.nowSeconds(), fileIds: entries.map((entry) => entry.id), cancelled: false };
					for (const entry of entries) addFile(store, entry.id, entry.attributes, entry.chunking, batch.id);
					store.batches.set(batch.id, batch);
					return { body: batchView(store, batch) };
				},
			},
			{
				method: 'GET',
				path: '/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const store = find(request);
					return { body: batchView(store, findBatch(store, request.params.batch_id)) };
				},
			},
			{
				method: 'POST',
				path: '/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel',
				auth: { kind: 'api' },
				handle: (request) => {
					const store = find(request);
					const batch = findBatch(store, request.params.batch_id);
					const view = batchView(store, batch);
					if (view.status !== 'in_progress') throw badRequest(`Cannot cancel a file batch that is ${view.status}.`, null, 'invalid_state');
					batch.cancelled = true;
					for (const id of batch.fileIds) {
						const file = store.files.get(id);
						if (file && fileStatus(file) === 'in_progress') file.cancelled = true;
					}
					return { body: batchView(store, batch) };
				},
			},
			{
				method: 'GET',
				path: '/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/files',
				auth: { kind: 'api' },
				handle: (request) => {
					const store = find(request);
					const batch = findBatch(store, request.params.batch_id);
					const params = readPaging(request.query);
					const list = newestFirst(store, (file) => file.batchId === batch.id && (!params.filter || fileStatus(file) === params.filter));
					return { body: pageOf(list.map((file) => fileView(store, file)), params) };
				},
			},
			{
				method: 'POST',
				path: '/v1/vector_stores/{vector_store_id}/search',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['query', 'filters', 'max_num_results', 'ranking_options', 'rewrite_query']), 'modern');
					if (body.query === undefined || body.query === null) throw missingParameter('query');
					const queries = typeof body.query === 'string' ? [body.query] : asArray(body.query, 'query', { nonEmpty: true }).map((entry, index) => asString(entry, `query[${index}]`));
					const max = body.max_num_results === undefined ? 10 : asInteger(body.max_num_results, 'max_num_results', { min: 1, max: 50 });
					const ranking = body.ranking_options === undefined ? {} : asObject(body.ranking_options, 'ranking_options');
					if (ranking.ranker !== undefined && !(RANKERS as readonly unknown[]).includes(ranking.ranker)) throw invalidEnumValue('ranking_options.ranker', String(ranking.ranker), RANKERS);
					const threshold = typeof ranking.score_threshold === 'number' ? ranking.score_threshold : 0;
					const filter = body.filters === undefined || body.filters === null ? undefined : readFilter(body.filters, 'filters');
					const store = find(request);
					const words = queries.join(' ').toLowerCase().split(/\W+/).filter((word) => word.length > 2);
					const hits = newestFirst(store, (file) => fileStatus(file) === 'completed' && (!filter || filter(file.attributes ?? {})))
						.map((file) => {
							const stored = files.get(file.id);
							const chunks = paragraphs(stored?.content)
								.map((text) => ({ text, score: words.length === 0 ? 0 : words.filter((word) => text.toLowerCase().includes(word)).length / words.length }))
								.filter((chunk) => chunk.score > 0);
							const score = Math.max(0, ...chunks.map((chunk) => chunk.score));
							return { file_id: file.id, filename: stored?.object.filename ?? '', score: Math.round(score * 1000) / 1000, attributes: file.attributes, content: chunks.map((chunk) => ({ type: 'text', text: chunk.text })) };
						})
						.filter((hit) => hit.score > 0 && hit.score >= threshold)
						.sort((a, b) => b.score - a.score)
						.slice(0, max);
					return { body: { object: 'vector_store.search_results.page', search_query: queries, data: hits, has_more: false, next_page: null } };
				},
			},
		],
	};
};

function paragraphs(content: Buffer | undefined): string[] {
	if (!content) return [];
	return content
		.toString('utf8')
		.split(/\n\s*\n/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

function readFileIds(value: unknown, param: string): string[] {
	if (value === undefined) return [];
	return asArray(value, param, { max: 500 }).map((entry, index) => asString(entry, `${param}[${index}]`, { nonEmpty: true }));
}

function readExpiresAfter(value: unknown): Store['expiresAfter'] {
	if (value === undefined || value === null) return null;
	const object = asObject(value, 'expires_after');
	if (object.anchor !== 'last_active_at') throw invalidEnumValue('expires_after.anchor', String(object.anchor), ['last_active_at']);
	return { anchor: 'last_active_at', days: asInteger(object.days, 'expires_after.days', { min: 1, max: 365 }) };
}

function readChunking(value: unknown): JsonObject {
	if (value === undefined || value === null) return DEFAULT_CHUNKING;
	const object = asObject(value, 'chunking_strategy');
	if (object.type === 'auto') return DEFAULT_CHUNKING;
	if (object.type !== 'static') throw invalidEnumValue('chunking_strategy.type', String(object.type), ['auto', 'static']);
	const settings = asObject(object.static, 'chunking_strategy.static');
	const size = asInteger(settings.max_chunk_size_tokens, 'chunking_strategy.static.max_chunk_size_tokens', { min: 100, max: 4096 });
	const overlap = asInteger(settings.chunk_overlap_tokens, 'chunking_strategy.static.chunk_overlap_tokens', { min: 0 });
	if (overlap > size / 2) throw badRequest("Invalid 'chunking_strategy.static.chunk_overlap_tokens': must not exceed half of max_chunk_size_tokens.", 'chunking_strategy.static.chunk_overlap_tokens', 'invalid_value');
	return { type: 'static', static: { max_chunk_size_tokens: size, chunk_overlap_tokens: overlap } };
}

function readAttributes(value: unknown): JsonObject | null {
	if (value === undefined || value === null) return null;
	const object = asObject(value, 'attributes');
	const keys = Object.keys(object);
	if (keys.length > 16) throw badRequest(`Invalid 'attributes': too many properties. Expected at most 16, got ${keys.length}.`, 'attributes', 'object_above_max_properties');
	for (const key of keys) {
		const entry = object[key];
		if (key.length > 64) throw badRequest("Invalid 'attributes': key too long (at most 64 characters).", 'attributes', 'invalid_value');
		if (!['string', 'number', 'boolean'].includes(typeof entry)) throw badRequest(`Invalid type for 'attributes.${key}': expected a string, number or boolean.`, `attributes.${key}`, 'invalid_type');
		if (typeof entry === 'string' && entry.length > 512) throw badRequest(`Invalid 'attributes.${key}': string too long (at most 512 characters).`, `attributes.${key}`, 'string_above_max_length');
	}
	return object;
}

type Filter = (attributes: JsonObject) => boolean;
const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'] as const;

/** The spec's ComparisonFilter / CompoundFilter, as a predicate on a file's attributes. */
function readFilter(value: unknown, param: string): Filter {
	if (!isObject(value)) throw badRequest(`Invalid type for '${param}': expected an object.`, param, 'invalid_type');
	if (value.type === 'and' || value.type === 'or') {
		const parts = asArray(value.filters, `${param}.filters`, { nonEmpty: true }).map((entry, index) => readFilter(entry, `${param}.filters[${index}]`));
		return value.type === 'and' ? (a) => parts.every((part) => part(a)) : (a) => parts.some((part) => part(a));
	}
	if (!(COMPARISONS as readonly unknown[]).includes(value.type)) throw invalidEnumValue(`${param}.type`, String(value.type), [...COMPARISONS, 'and', 'or']);
	const key = asString(value.key, `${param}.key`, { nonEmpty: true });
	const target = value.value;
	if (target === undefined) throw missingParameter(`${param}.value`);
	return (attributes) => {
		const actual = attributes[key];
		switch (value.type) {
			case 'eq':
				return actual === target;
			case 'ne':
				return actual !== target;
			case 'in':
				return Array.isArray(target) && target.includes(actual);
			case 'nin':
				return Array.isArray(target) && !target.includes(actual);
			default: {
				if (typeof actual !== 'number' || typeof target !== 'number') return false;
				if (value.type === 'gt') return actual > target;
				if (value.type === 'gte') return actual >= target;
				if (value.type === 'lt') return actual < target;
				return actual <= target;
			}
		}
	};
}

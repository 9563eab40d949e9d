import type { AreaFactory, FakeRequest } from '../area';
import { ApiError, invalidEnumValue, invalidValue, missingParameter } from '../errors';
import { readQueryParams } from '../params';
import { fileStoreFor, type StoredFile } from './media/fileStore';
import { mediaInspector, recordUpload } from './media/inspect';
import { field, readMultipart } from './media/multipart';

/**
 * /v1/files: upload (multipart), list (purpose filter, order, cursor pagination with `after`),
 * retrieve, download content, delete. Files live in memory with real-looking ids.
 */
export const UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_BATCH_FILE_BYTES = 200 * 1024 * 1024;
const NOT_DOWNLOADABLE = new Set(['assistants']);

export const filesArea: AreaFactory = (context) => {
	const store = fileStoreFor(context);
	const find = (id: string): StoredFile => {
		const file = store.get(id);
		if (!file) throw new ApiError(404, 'invalid_request_error', `No such File object: ${id}`, 'id');
		return file;
	};

	return {
		name: 'files',
		reset: () => {
			store.clear();
			mediaInspector(context).uploads.length = 0;
		},
		routes: [
			{
				method: 'POST',
				path: '/v1/files',
				auth: { kind: 'api' },
				body: 'raw',
				handle: (request) => {
					const form = readMultipart(request);
					recordUpload(context, request.path, form);
					const purpose = field(form, 'purpose');
					if (purpose === undefined) throw missingParameter('purpose');
					if (!(UPLOAD_PURPOSES as readonly string[]).includes(purpose)) {
						throw invalidEnumValue('purpose', purpose, UPLOAD_PURPOSES);
					}
					const file = form.files.file?.[0];
					if (!file) throw missingParameter('file');
					checkUpload(purpose, file.filename, file.data.length);
					const expiresAfter = readExpiresAfter(form.fields);
					const object = store.add(file.filename, purpose, file.data, file.contentType, expiresAfter);
					return { body: object };
				},
			},
			{
				method: 'GET',
				path: '/v1/files',
				auth: { kind: 'api' },
				handle: ({ query }) => {
					const params = readQueryParams(query, {
						purpose: { type: 'string' },
						limit: { type: 'integer', min: 1, max: 10_000, default: 10_000 },
						order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
						after: { type: 'string' },
					});
					let files = store.list().map((file) => file.object);
					if (params.purpose) files = files.filter((file) => file.purpose === params.purpose);
					if (params.order === 'asc') files.reverse();
					if (params.after) {
						const index = files.findIndex((file) => file.id === params.after);
						files = index === -1 ? [] : files.slice(index + 1);
					}
					const data = files.slice(0, params.limit);
					return {
						body: {
							object: 'list',
							data,
							first_id: data[0]?.id ?? '',
							last_id: data[data.length - 1]?.id ?? '',
							has_more: files.length > data.length,
						},
					};
				},
			},
			{
				method: 'GET',
				path: '/v1/files/{file_id}',
				auth: { kind: 'api' },
				handle: ({ params }) => ({ body: find(params.file_id).object }),
			},
			{
				method: 'DELETE',
				path: '/v1/files/{file_id}',
				auth: { kind: 'api' },
				handle: ({ params }) => {
					const file = find(params.file_id);
					store.delete(file.object.id);
					return { body: { id: file.object.id, object: 'file', deleted: true } };
				},
			},
			{
				method: 'GET',
				path: '/v1/files/{file_id}/content',
				auth: { kind: 'api' },
				handle: ({ params }: FakeRequest) => {
					const file = find(params.file_id);
					if (NOT_DOWNLOADABLE.has(file.object.purpose)) {
						throw new ApiError(400, 'invalid_request_error', `Not allowed to download files of purpose: ${file.object.purpose}`);
					}
					return { raw: file.content, contentType: 'application/octet-stream' };
				},
			},
		],
	};
};

function checkUpload(purpose: string, filename: string, bytes: number): void {
	if (bytes > MAX_FILE_BYTES) {
		throw new ApiError(413, 'invalid_request_error', `File is too large: ${bytes} bytes. The maximum file size is 512 MB.`, 'file');
	}
	if (bytes === 0) throw invalidValue('file', 'the file is empty.');
	const jsonl = /\.jsonl$/i.test(filename);
	if (purpose === 'batch') {
		if (!jsonl) throw new ApiError(400, 'invalid_request_error', 'Invalid file format for Batch API. Must be .jsonl', 'file');
		if (bytes > MAX_BATCH_FILE_BYTES) {
			throw new ApiError(400, 'invalid_request_error', 'Batch input files can be at most 200 MB.', 'file');
		}
	}
	if (purpose === 'fine-tune' && !jsonl) {
		throw new ApiError(400, 'invalid_request_error', 'Invalid file format for Fine-Tuning API. Must be .jsonl', 'file');
	}
}

function readExpiresAfter(fields: Record<string, string | string[]>): number | undefined {
	const anchor = fields['expires_after[anchor]'];
	const seconds = fields['expires_after[seconds]'];
	if (anchor === undefined && seconds === undefined) return undefined;
	if (anchor !== 'created_at') throw invalidEnumValue('expires_after.anchor', String(anchor), ['created_at']);
	const value = Number(seconds);
	if (!Number.isInteger(value) || value < 3600 || value > 2_592_000) {
		throw invalidValue('expires_after.seconds', `expected an integer between 3600 and 2592000, got ${String(seconds)}.`);
	}
	return value;
}

import { createHash } from 'node:crypto';

import type { AreaFactory, FakeRequest } from '../area';
import { ApiError, invalidEnumValue, missingParameter } from '../errors';
import { fileStoreFor } from './media/fileStore';
import { readMultipart } from './media/multipart';
import { asArray, asInteger, asObject, asString, bodyObject, optional, rejectUnknownFields } from './text/fields';
import { badRequest } from './text/requestErrors';

/**
 * /v1/uploads: a file sent in parts. Create (filename, purpose, bytes, mime_type, expires_after),
 * add parts (multipart `data`, up to 64 MB each), complete (the part IDs in file order, optional
 * md5; the parts must add up to the declared bytes) — the file then exists in /v1/files — or cancel.
 * An upload expires an hour after it was created.
 */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;
export const MAX_PART_BYTES = 64 * 1024 * 1024;
const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision'] as const;

interface Upload {
	id: string;
	projectId: string | null;
	createdAt: number;
	filename: string;
	purpose: string;
	bytes: number;
	mimeType: string;
	status: 'pending' | 'completed' | 'cancelled';
	parts: Map<string, Buffer>;
	fileId: string | null;
	fileExpiresAfter?: number;
}

export const uploadsArea: AreaFactory = (context) => {
	const { clock, ids } = context;
	const files = fileStoreFor(context);
	const uploads = new Map<string, Upload>();

	const statusOf = (upload: Upload) => (upload.status === 'pending' && clock.nowSeconds() >= upload.createdAt + 3600 ? 'expired' : upload.status);
	const view = (upload: Upload) => ({
		id: upload.id,
		object: 'upload',
		bytes: upload.bytes,
		created_at: upload.createdAt,
		filename: upload.filename,
		purpose: upload.purpose,
		status: statusOf(upload),
		expires_at: upload.createdAt + 3600,
		file: upload.fileId ? (files.get(upload.fileId)?.object ?? null) : null,
	});
	const find = (request: FakeRequest, pendingOnly: boolean): Upload => {
		const upload = uploads.get(request.params.upload_id);
		if (!upload || upload.projectId !== request.key.projectId) throw new ApiError(404, 'invalid_request_error', `Upload with id '${request.params.upload_id}' not found.`, null, null);
		if (pendingOnly && statusOf(upload) !== 'pending') throw badRequest(`Upload ${upload.id} is ${statusOf(upload)}; only a pending upload can take this request.`, null, 'invalid_state');
		return upload;
	};

	return {
		name: 'uploads',
		reset: () => uploads.clear(),
		routes: [
			{
				method: 'POST',
				path: '/v1/uploads',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['filename', 'purpose', 'bytes', 'mime_type', 'expires_after']), 'modern');
					for (const name of ['filename', 'purpose', 'bytes', 'mime_type']) if (body[name] === undefined) throw missingParameter(name);
					const purpose = asString(body.purpose, 'purpose');
					if (!(PURPOSES as readonly string[]).includes(purpose)) throw invalidEnumValue('purpose', purpose, PURPOSES);
					const bytes = asInteger(body.bytes, 'bytes', { min: 1 });
					if (bytes > MAX_UPLOAD_BYTES) throw badRequest(`The upload is too large: ${bytes} bytes. The maximum is 8 GB.`, 'bytes', 'invalid_value');
					const filename = asString(body.filename, 'filename', { nonEmpty: true });
					if ((purpose === 'batch' || purpose === 'fine-tune') && !/\.jsonl$/i.test(filename)) throw badRequest(`Invalid file format for purpose ${purpose}. Must be .jsonl`, 'filename', 'invalid_file_format');
					const expires = optional(body, 'expires_after');
					let fileExpiresAfter: number | undefined;
					if (expires !== undefined) {
						const object = asObject(expires, 'expires_after');
						if (object.anchor !== 'created_at') throw invalidEnumValue('expires_after.anchor', String(object.anchor), ['created_at']);
						fileExpiresAfter = asInteger(object.seconds, 'expires_after.seconds', { min: 3600, max: 2_592_000 });
					}
					const upload: Upload = {
						id: ids.next('upload_', 24),
						projectId: request.key.projectId,
						createdAt: clock.nowSeconds(),
						filename,
						purpose,
						bytes,
						mimeType: asString(body.mime_type, 'mime_type', { nonEmpty: true }),
						status: 'pending',
						parts: new Map(),
						fileId: null,
						fileExpiresAfter,
					};
					uploads.set(upload.id, upload);
					return { body: view(upload) };
				},
			},
			{
				method: 'POST',
				path: '/v1/uploads/{upload_id}/parts',
				auth: { kind: 'api' },
				body: 'raw',
				handle: (request) => {
					const upload = find(request, true);
					const data = readMultipart(request).files.data?.[0];
					if (!data) throw missingParameter('data');
					if (data.data.length > MAX_PART_BYTES) throw badRequest(`A part can be at most 64 MB; this one is ${data.data.length} bytes.`, 'data', 'invalid_value');
					const id = ids.next('part_', 24);
					upload.parts.set(id, data.data);
					return { body: { id, object: 'upload.part', created_at: clock.nowSeconds(), upload_id: upload.id } };
				},
			},
			{
				method: 'POST',
				path: '/v1/uploads/{upload_id}/complete',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['part_ids', 'md5']), 'modern');
					if (body.part_ids === undefined) throw missingParameter('part_ids');
					const upload = find(request, true);
					const partIds = asArray(body.part_ids, 'part_ids', { nonEmpty: true }).map((entry, index) => asString(entry, `part_ids[${index}]`));
					const parts = partIds.map((id) => {
						const part = upload.parts.get(id);
						if (!part) throw badRequest(`Part '${id}' does not belong to upload ${upload.id}.`, 'part_ids', 'invalid_value');
						return part;
					});
					const content = Buffer.concat(parts);
					if (content.length !== upload.bytes) {
						throw badRequest(`The parts add up to ${content.length} bytes, but the upload was created with ${upload.bytes} bytes.`, 'part_ids', 'invalid_value');
					}
					if (body.md5 !== undefined) {
						const md5 = createHash('md5').update(content).digest('hex');
						if (asString(body.md5, 'md5') !== md5) throw badRequest(`The md5 ${String(body.md5)} does not match the parts (${md5}).`, 'md5', 'invalid_value');
					}
					const file = files.add(upload.filename, upload.purpose, content, upload.mimeType, upload.fileExpiresAfter);
					upload.fileId = file.id;
					upload.status = 'completed';
					upload.parts.clear();
					return { body: view(upload) };
				},
			},
			{
				method: 'POST',
				path: '/v1/uploads/{upload_id}/cancel',
				auth: { kind: 'api' },
				handle: (request) => {
					const upload = find(request, true);
					upload.status = 'cancelled';
					upload.parts.clear();
					return { body: view(upload) };
				},
			},
		],
	};
};

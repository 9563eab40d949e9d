import type { AreaFactory, FakeRequest } from '../area';
import { ApiError, invalidEnumValue, invalidJsonBody, invalidType, invalidValue, missingParameter, unknownParameter } from '../errors';
import { readQueryParams } from '../params';
import { recordUpload } from './media/inspect';
import { readMultipart, type UploadedFile } from './media/multipart';
import { readMp4Info } from './media/videoCodecs';
import {
	completedSource,
	EXTENSION_SECONDS,
	readCreate,
	readPrompt,
	type ReferenceInput,
	type VideoRecord,
	type VideoVariant,
	VIDEO_SIZES,
	VIDEO_VARIANTS,
	resetVideoSettings,
	videoSettings,
	videoStoreFor,
} from './media/videoStore';

/**
 * /v1/videos (Sora): create (multipart with an optional reference image, or JSON), remix, edit,
 * extend, retrieve, list (cursor pages), delete, and the content of a completed video (MP4,
 * thumbnail, spritesheet). Jobs move over simulated time; see media/videoStore.ts.
 * Edit and extend take a completed video by ID (`video[id]` / `{"video": {"id": …}}`) or an
 * uploaded MP4.
 */
export const videosArea: AreaFactory = (context) => {
	const store = videoStoreFor(context);
	const settings = videoSettings(context);

	const created = (video: VideoRecord) => ({ body: store.view(video) });

	return {
		name: 'videos',
		reset: () => {
			store.clear();
			resetVideoSettings(context);
		},
		routes: [
			{
				method: 'POST',
				path: '/v1/videos',
				auth: { kind: 'api' },
				billable: true,
				body: 'raw',
				handle: (request) => {
					const { fields, files } = readBody(request, context);
					const upload = files.input_reference?.[0];
					const reference: ReferenceInput = upload ? { file: upload } : objectField(fields, 'input_reference');
					const { input_reference: _reference, ...rest } = fields;
					const create = readCreate(rest, reference);
					return created(store.add({ ...create, remixedFrom: null }));
				},
			},
			{
				method: 'GET',
				path: '/v1/videos',
				auth: { kind: 'api' },
				handle: ({ query }) => {
					const params = readQueryParams(query, {
						after: { type: 'string' },
						limit: { type: 'integer', min: 0, max: 100, default: 20 },
						order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
					});
					let list = store.list();
					if (params.order === 'asc') list.reverse();
					if (params.after) {
						const index = list.findIndex((video) => video.id === params.after);
						list = index === -1 ? [] : list.slice(index + 1);
					}
					const data = list.slice(0, params.limit).map((video) => store.view(video));
					return {
						body: {
							object: 'list',
							data,
							first_id: data.length ? data[0].id : null,
							last_id: data.length ? data[data.length - 1].id : null,
							has_more: list.length > data.length,
						},
					};
				},
			},
			{
				method: 'GET',
				path: '/v1/videos/{video_id}',
				auth: { kind: 'api' },
				handle: ({ params }) => {
					const video = store.find(params.video_id);
					const view = store.view(video);
					const unfinished = view.status === 'queued' || view.status === 'in_progress';
					const retryAfter = settings.pollRetryAfterSeconds;
					return { body: view, ...(unfinished && retryAfter !== undefined ? { headers: { 'retry-after': String(retryAfter) } } : {}) };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/videos/{video_id}',
				auth: { kind: 'api' },
				handle: ({ params }) => {
					const video = store.find(params.video_id);
					const { status } = store.state(video);
					if (status !== 'completed' && status !== 'failed') {
						throw new ApiError(400, 'invalid_request_error', `Video '${video.id}' is ${status}; only completed or failed videos can be deleted.`, null, 'video_not_deletable');
					}
					store.delete(video.id);
					return { body: { id: video.id, object: 'video.deleted', deleted: true } };
				},
			},
			{
				method: 'GET',
				path: '/v1/videos/{video_id}/content',
				auth: { kind: 'api' },
				handle: ({ params, query }) => {
					const { variant } = readQueryParams(query, { variant: { type: 'string', enum: VIDEO_VARIANTS, default: 'video' } });
					const video = store.find(params.video_id);
					const { status } = store.state(video);
					if (status !== 'completed') {
						throw new ApiError(400, 'invalid_request_error', `Video '${video.id}' is ${status}; its content is available once it is completed.`, null, 'video_not_ready');
					}
					const asset = store.content(video, variant as VideoVariant);
					return { raw: asset.data, contentType: asset.contentType };
				},
			},
			{
				method: 'POST',
				path: '/v1/videos/{video_id}/remix',
				auth: { kind: 'api' },
				billable: true,
				body: 'raw',
				handle: (request) => {
					const { fields } = readBody(request, context);
					for (const key of Object.keys(fields)) if (key !== 'prompt') throw unknownParameter(key);
					const prompt = readPrompt(fields);
					const source = completedSource(store, request.params.video_id);
					return created(store.add({ prompt, model: source.model, size: source.size, seconds: source.seconds, remixedFrom: source.id }));
				},
			},
			{
				method: 'POST',
				path: '/v1/videos/edits',
				auth: { kind: 'api' },
				billable: true,
				body: 'raw',
				handle: (request) => {
					const { fields, files } = readBody(request, context);
					for (const key of Object.keys(fields)) if (key !== 'prompt' && key !== 'video') throw unknownParameter(key);
					const prompt = readPrompt(fields);
					const source = sourceVideo(fields, files.video?.[0]);
					return created(store.add({ prompt, model: source.model, size: source.size, seconds: source.seconds, remixedFrom: null }));
				},
			},
			{
				method: 'POST',
				path: '/v1/videos/extensions',
				auth: { kind: 'api' },
				billable: true,
				body: 'raw',
				handle: (request) => {
					const { fields, files } = readBody(request, context);
					for (const key of Object.keys(fields)) if (!['prompt', 'video', 'seconds'].includes(key)) throw unknownParameter(key);
					const prompt = readPrompt(fields);
					const seconds = fields.seconds;
					if (seconds === undefined) throw missingParameter('seconds');
					if (typeof seconds !== 'string') throw invalidType('seconds', 'a string', typeof seconds);
					if (!(EXTENSION_SECONDS as readonly string[]).includes(seconds)) throw invalidEnumValue('seconds', seconds, EXTENSION_SECONDS);
					const source = sourceVideo(fields, files.video?.[0]);
					return created(store.add({ prompt, model: source.model, size: source.size, seconds: source.seconds + Number(seconds), remixedFrom: null }));
				},
			},
		],
	};

	/** The video an edit or extension starts from: a completed job by ID, or an uploaded MP4. */
	function sourceVideo(fields: Record<string, unknown>, upload: UploadedFile | undefined): Pick<VideoRecord, 'model' | 'size' | 'seconds'> {
		if (upload) {
			const info = readMp4Info(upload.data);
			if (!info) {
				throw new ApiError(400, 'invalid_request_error', `Invalid file 'video': unsupported mimetype ('${upload.contentType}'). Supported file formats are 'video/mp4'.`, 'video', 'unsupported_file_mimetype');
			}
			const size = `${info.width}x${info.height}`;
			return { model: 'sora-2', size: (VIDEO_SIZES as readonly string[]).includes(size) ? size : '720x1280', seconds: Math.max(1, Math.round(info.durationSeconds)) };
		}
		const reference = objectField(fields, 'video');
		if (!reference) throw missingParameter('video');
		const { id, ...rest } = reference.object;
		for (const key of Object.keys(rest)) throw unknownParameter(`video.${key}`);
		if (typeof id !== 'string' || id === '') throw missingParameter('video.id');
		return completedSource(store, id);
	}
};

/**
 * The fields and files of a raw body: JSON, or multipart whose bracketed names (`video[id]`) are
 * folded into objects, as the SDK writes nested values.
 */
function readBody(request: FakeRequest, context: Parameters<AreaFactory>[0]): { fields: Record<string, unknown>; files: Record<string, UploadedFile[]> } {
	const contentType = String(request.headers['content-type'] ?? '');
	if (/^application\/json/i.test(contentType)) {
		let body: unknown;
		try {
			body = JSON.parse(request.rawBody.toString('utf8') || '{}');
		} catch {
			throw invalidJsonBody();
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidType('body', 'an object', Array.isArray(body) ? 'an array' : typeof body);
		return { fields: body as Record<string, unknown>, files: {} };
	}
	const form = readMultipart(request);
	recordUpload(context, request.path, form);
	const fields: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(form.fields)) {
		const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
		const text = Array.isArray(value) ? value[value.length - 1] : value;
		if (nested) {
			const parent = (fields[nested[1]] ??= {}) as Record<string, unknown>;
			if (typeof parent !== 'object') throw invalidValue(nested[1], 'expected an object.');
			parent[nested[2]] = text;
		} else {
			fields[name] = text;
		}
	}
	return { fields, files: form.files };
}

/** An object-valued field (`{"video": {"id": …}}`), or undefined when absent. */
function objectField(fields: Record<string, unknown>, name: string): { object: Record<string, unknown> } | undefined {
	const value = fields[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidType(name, 'an object', Array.isArray(value) ? 'an array' : typeof value);
	return { object: value as Record<string, unknown> };
}

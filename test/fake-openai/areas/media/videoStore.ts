import type { AreaContext } from '../../area';
import { ApiError, invalidEnumValue, invalidType, invalidValue, missingParameter, unknownParameter } from '../../errors';
import { encodeWebp, readImageInfo } from './imageCodecs';
import { perServer } from './serverState';
import { encodeMp4 } from './videoCodecs';

/**
 * The fake's Sora videos, shared by /v1/videos and the batch worker (batch lines on /v1/videos
 * start real video jobs). A job moves queued → in_progress (progress rising) → completed over
 * simulated time: its age on the fake clock times `speed` (see `videoSettings`). A prompt that
 * contains "moderation-test" fails half way, like a job blocked by moderation. A completed video
 * has a real MP4 (see videoCodecs.ts), a thumbnail and a spritesheet (WebP).
 */
export interface VideoSettings {
	/** simulated seconds per second of a job's age (default 1) */
	speed: number;
	queuedSeconds: number;
	renderSeconds: number;
	/** seconds the downloadable assets stay available after completion */
	assetsSeconds: number;
	/** when set, GET /videos/{id} of an unfinished job answers with this `retry-after` (seconds) */
	pollRetryAfterSeconds?: number;
}

const DEFAULT_SETTINGS: VideoSettings = { speed: 1, queuedSeconds: 5, renderSeconds: 60, assetsSeconds: 3600 };

export function videoSettings(anchor: Pick<AreaContext, 'clock'>): VideoSettings {
	return perServer(anchor, 'videoSettings', () => ({ ...DEFAULT_SETTINGS }));
}

export function resetVideoSettings(anchor: Pick<AreaContext, 'clock'>): void {
	const settings = videoSettings(anchor);
	delete settings.pollRetryAfterSeconds;
	Object.assign(settings, DEFAULT_SETTINGS);
}

export const VIDEO_MODELS = ['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-pro-2025-10-06', 'sora-2-2025-12-08'] as const;
export const VIDEO_SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'] as const;
/** the sizes only the pro models render */
const PRO_SIZES = new Set(['1024x1792', '1792x1024']);
export const VIDEO_SECONDS = ['4', '8', '12'] as const;
export const EXTENSION_SECONDS = ['4', '8', '12', '16', '20'] as const;
export const VIDEO_VARIANTS = ['video', 'thumbnail', 'spritesheet'] as const;
export type VideoVariant = (typeof VIDEO_VARIANTS)[number];
const MAX_PROMPT = 32_000;
export const MODERATION_MARKER = 'moderation-test';

export interface VideoRecord {
	id: string;
	model: string;
	prompt: string;
	size: string;
	/** total seconds of the clip (for extensions: the stitched total) */
	seconds: number;
	/** clock ms */
	createdAt: number;
	remixedFrom: string | null;
	/** set when the job fails half way */
	failure?: { code: string; message: string };
	/** the order of creation, for stable sorting */
	sequence: number;
}

export interface VideoAssets {
	data: Buffer;
	contentType: string;
}

export class VideoStore {
	private videos = new Map<string, VideoRecord>();
	private assets = new Map<string, VideoAssets>();
	private sequence = 0;

	constructor(private readonly context: AreaContext) {}

	private get settings(): VideoSettings {
		return videoSettings(this.context);
	}

	add(fields: Omit<VideoRecord, 'id' | 'createdAt' | 'sequence' | 'failure'>): VideoRecord {
		const record: VideoRecord = {
			...fields,
			id: this.context.ids.next('video_', 32, fields.prompt, fields.model),
			createdAt: this.context.clock.now(),
			sequence: this.sequence++,
			...(fields.prompt.includes(MODERATION_MARKER)
				? { failure: { code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.' } }
				: {}),
		};
		this.videos.set(record.id, record);
		return record;
	}

	find(id: string): VideoRecord {
		const video = this.videos.get(id);
		if (!video) throw new ApiError(404, 'invalid_request_error', `Video with id '${id}' not found.`, null, 'video_not_found');
		return video;
	}

	delete(id: string): void {
		this.videos.delete(id);
		for (const variant of VIDEO_VARIANTS) this.assets.delete(`${id}:${variant}`);
	}

	/** Newest first. */
	list(): VideoRecord[] {
		return [...this.videos.values()].sort((a, b) => b.createdAt - a.createdAt || b.sequence - a.sequence);
	}

	clear(): void {
		this.videos.clear();
		this.assets.clear();
		this.sequence = 0;
	}

	/** The job as the API shows it now. */
	view(video: VideoRecord): Record<string, unknown> {
		const state = this.state(video);
		const completedAt = state.status === 'completed' ? Math.floor(state.endedAt / 1000) : null;
		return {
			id: video.id,
			object: 'video',
			model: video.model,
			status: state.status,
			progress: state.progress,
			created_at: Math.floor(video.createdAt / 1000),
			completed_at: completedAt,
			expires_at: completedAt === null ? null : completedAt + this.settings.assetsSeconds,
			prompt: video.prompt,
			size: video.size,
			seconds: String(video.seconds),
			remixed_from_video_id: video.remixedFrom,
			error: state.status === 'failed' ? video.failure ?? null : null,
		};
	}

	state(video: VideoRecord): { status: 'queued' | 'in_progress' | 'completed' | 'failed'; progress: number; endedAt: number } {
		const { speed, queuedSeconds, renderSeconds } = this.settings;
		const age = Math.max(0, this.context.clock.now() - video.createdAt) * speed;
		const queued = queuedSeconds * 1000;
		const render = renderSeconds * 1000;
		const realMs = (ageMs: number) => video.createdAt + ageMs / speed;
		if (video.failure && age >= queued + render / 2) return { status: 'failed', progress: 50, endedAt: realMs(queued + render / 2) };
		if (age < queued) return { status: 'queued', progress: 0, endedAt: 0 };
		if (age < queued + render) return { status: 'in_progress', progress: Math.min(99, Math.floor((100 * (age - queued)) / render)), endedAt: 0 };
		return { status: 'completed', progress: 100, endedAt: realMs(queued + render) };
	}

	/** A completed video's MP4, thumbnail or spritesheet (made once, on first download). */
	content(video: VideoRecord, variant: VideoVariant): VideoAssets {
		const key = `${video.id}:${variant}`;
		let asset = this.assets.get(key);
		if (!asset) {
			const [width, height] = video.size.split('x').map(Number);
			const hash = this.context.hash(video.id);
			const colour = { r: hash & 0xff, g: (hash >> 8) & 0xff, b: (hash >> 16) & 0xff, a: 255 };
			if (variant === 'video') asset = { data: encodeMp4({ width, height, seconds: video.seconds }), contentType: 'video/mp4' };
			else if (variant === 'thumbnail') asset = { data: encodeWebp(width, height, colour), contentType: 'image/webp' };
			else asset = { data: encodeWebp(Math.round((width * 3) / 8), Math.round((height * 3) / 8), colour), contentType: 'image/webp' };
			this.assets.set(key, asset);
		}
		return asset;
	}
}

export function videoStoreFor(context: AreaContext): VideoStore {
	return perServer(context, 'videos', () => new VideoStore(context));
}

/** A text field of a create request (JSON or multipart), checked like the real API. */
function optionalText(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidType(name, 'a string', typeof value);
	return value;
}

export function readPrompt(body: Record<string, unknown>): string {
	const prompt = optionalText(body, 'prompt');
	if (prompt === undefined) throw missingParameter('prompt');
	if (prompt.trim() === '') throw invalidValue('prompt', 'the prompt must not be empty.');
	if (prompt.length > MAX_PROMPT) {
		throw new ApiError(400, 'invalid_request_error', `Invalid 'prompt': string too long. Expected a string with maximum length ${MAX_PROMPT}, but got a string with length ${prompt.length} instead.`, 'prompt', 'string_above_max_length');
	}
	return prompt;
}

export interface CreateRequest {
	prompt: string;
	model: string;
	size: string;
	seconds: number;
}

/** The reference image of a create request: an upload (checked: an image of the video's size) or a URL / file ID object. */
export type ReferenceInput = { file: { data: Buffer; contentType: string } } | { object: Record<string, unknown> } | undefined;

const CREATE_FIELDS = new Set(['prompt', 'model', 'seconds', 'size', 'input_reference']);

/** Reads and checks POST /videos (also a batch line's body). */
export function readCreate(body: Record<string, unknown>, reference: ReferenceInput): CreateRequest {
	for (const key of Object.keys(body)) if (!CREATE_FIELDS.has(key)) throw unknownParameter(key);
	const prompt = readPrompt(body);
	const model = optionalText(body, 'model') ?? 'sora-2';
	if (!(VIDEO_MODELS as readonly string[]).includes(model)) throw invalidEnumValue('model', model, VIDEO_MODELS);
	const size = optionalText(body, 'size') ?? '720x1280';
	if (!(VIDEO_SIZES as readonly string[]).includes(size)) throw invalidEnumValue('size', size, VIDEO_SIZES);
	if (PRO_SIZES.has(size) && !model.startsWith('sora-2-pro')) {
		throw invalidValue('size', `the size '${size}' is only supported by sora-2-pro, not ${model}.`);
	}
	const seconds = optionalText(body, 'seconds') ?? '4';
	if (!(VIDEO_SECONDS as readonly string[]).includes(seconds)) throw invalidEnumValue('seconds', seconds, VIDEO_SECONDS);
	checkReference(reference, size);
	return { prompt, model, size, seconds: Number(seconds) };
}

function checkReference(reference: ReferenceInput, size: string): void {
	if (!reference) return;
	if ('object' in reference) {
		const { image_url: url, file_id: fileId, ...rest } = reference.object;
		for (const key of Object.keys(rest)) throw unknownParameter(`input_reference.${key}`);
		if ((url === undefined) === (fileId === undefined)) throw invalidValue('input_reference', 'provide exactly one of image_url or file_id.');
		return;
	}
	const info = readImageInfo(reference.file.data);
	if (!info || info.format === 'gif') {
		throw new ApiError(400, 'invalid_request_error', `Invalid file 'input_reference': unsupported mimetype ('${reference.file.contentType}'). Supported file formats are 'image/jpeg', 'image/png' and 'image/webp'.`, 'input_reference', 'unsupported_file_mimetype');
	}
	if (`${info.width}x${info.height}` !== size) {
		throw invalidValue('input_reference', `the reference image is ${info.width}x${info.height}, but it must match the requested size ${size}.`);
	}
}

/** A completed video as the source of a remix, edit or extension. */
export function completedSource(store: VideoStore, id: string): VideoRecord {
	const video = store.find(id);
	const { status } = store.state(video);
	if (status !== 'completed') throw new ApiError(400, 'invalid_request_error', `Video '${id}' is ${status}; only completed videos can be used here.`, 'video', 'video_not_ready');
	return video;
}

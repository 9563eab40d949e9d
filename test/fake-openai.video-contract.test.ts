import { expectMatchesSpec, loadOpenApiSpec, validateSchema } from './contract/openApiValidator';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { batchSettings } from './fake-openai/areas/batches';
import { encodePng, readImageInfo } from './fake-openai/areas/media/imageCodecs';
import { mediaInspector } from './fake-openai/areas/media/inspect';
import { encodeMp4, readMp4Info } from './fake-openai/areas/media/videoCodecs';
import { videoSettings } from './fake-openai/areas/media/videoStore';
import { call } from './fake-openai/testClient';

/**
 * The videos area (Sora) against OpenAI's spec: every JSON answer, success and error, matches its
 * operation's schema; a job moves queued → in_progress → completed with rising progress; its content
 * is a real MP4 of the requested size and duration, a thumbnail and a spritesheet, each with a
 * content type the spec declares; batch lines on /v1/videos are video jobs.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
let fake: FakeOpenAi;

beforeAll(async () => {
	loadOpenApiSpec();
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
	fake.clock.set(NOW);
});

interface Video {
	id: string;
	status: string;
	progress: number;
	seconds: string;
	size: string;
	model: string;
	completed_at: number | null;
	expires_at: number | null;
	remixed_from_video_id: string | null;
	error: { code: string; message: string } | null;
}

const auth = { authorization: `Bearer ${FAKE_KEYS.project}` };
const json = { key: FAKE_KEYS.project };

/** POSTs multipart form data the way the SDK does (nested values as `name[key]`). */
async function postForm(path: string, fields: Record<string, string>, files: Array<{ field: string; data: Buffer; name: string; type: string }> = []) {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	for (const file of files) form.append(file.field, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
	const response = await fetch(`${fake.url}${path}`, { method: 'POST', body: form, headers: auth });
	return { status: response.status, body: (await response.json()) as Video & { error: unknown } };
}

async function create(fields: Record<string, string> = { prompt: 'A calico cat playing a piano on stage' }): Promise<Video> {
	const result = await postForm('/videos', fields);
	expect(result.status).toBe(200);
	expectMatchesSpec('POST', '/videos', 200, result.body);
	return result.body;
}

async function get(id: string): Promise<Video> {
	const result = await call<Video>(fake.url, `/videos/${id}`, json);
	expect(result.status).toBe(200);
	expectMatchesSpec('GET', '/videos/{video_id}', 200, result.body);
	return result.body;
}

/** Moves the fake clock past the default lifecycle (5 s queued, 60 s rendering). */
const finish = () => fake.clock.advance(70_000);

async function content(id: string, variant?: string) {
	const response = await fetch(`${fake.url}/videos/${id}/content${variant ? `?variant=${variant}` : ''}`, { headers: auth });
	return { status: response.status, contentType: response.headers.get('content-type') ?? '', data: Buffer.from(await response.arrayBuffer()) };
}

describe('video jobs', () => {
	it('move queued → in_progress (progress rising) → completed; every state matches the spec', async () => {
		const video = await create({ prompt: 'A lighthouse at dawn', model: 'sora-2-pro', seconds: '8', size: '1792x1024' });
		expect(video).toMatchObject({ object: 'video', status: 'queued', progress: 0, model: 'sora-2-pro', seconds: '8', size: '1792x1024', completed_at: null, expires_at: null, error: null, remixed_from_video_id: null });
		const seen: Array<[string, number]> = [];
		for (const step of [1_000, 10_000, 20_000, 40_000, 66_000]) {
			fake.clock.set(NOW + step);
			const now = await get(video.id);
			seen.push([now.status, now.progress]);
		}
		expect(seen.map(([status]) => status)).toEqual(['queued', 'in_progress', 'in_progress', 'in_progress', 'completed']);
		const progress = seen.slice(1, 4).map(([, value]) => value);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		expect(progress[0]).toBeGreaterThan(0);
		const done = await get(video.id);
		expect(done).toMatchObject({ progress: 100, completed_at: Math.floor(NOW / 1000) + 65, expires_at: Math.floor(NOW / 1000) + 65 + 3600 });
	});

	it('a prompt the moderation blocks fails half way, with an error the spec describes', async () => {
		const video = await create({ prompt: 'moderation-test: something not allowed' });
		finish();
		const failed = await get(video.id);
		expect(failed).toMatchObject({ status: 'failed', progress: 50, error: { code: 'moderation_blocked', message: expect.any(String) } });
		expect((await content(video.id)).status).toBe(400);
	});

	it('speed and an optional retry-after on unfinished jobs are test knobs', async () => {
		Object.assign(videoSettings(fake), { speed: 100, pollRetryAfterSeconds: 2 });
		const video = await create();
		const unfinished = await call(fake.url, `/videos/${video.id}`, json);
		expect(unfinished.headers.get('retry-after')).toBe('2');
		fake.clock.advance(700);
		const done = await call<Video>(fake.url, `/videos/${video.id}`, json);
		expect(done.body.status).toBe('completed');
		expect(done.headers.get('retry-after')).toBeNull();
	});
});

describe('create', () => {
	it('takes a reference image of the video size (multipart) and records the upload', async () => {
		const image = encodePng(720, 1280, { r: 9, g: 9, b: 9, a: 255 });
		const result = await postForm('/videos', { prompt: 'Bring this still to life', seconds: '4' }, [{ field: 'input_reference', data: image, name: 'still.png', type: 'image/png' }]);
		expect(result.status).toBe(200);
		expectMatchesSpec('POST', '/videos', 200, result.body);
		expect(mediaInspector(fake).uploads[0].files).toEqual([expect.objectContaining({ field: 'input_reference', filename: 'still.png', contentType: 'image/png', bytes: image.length })]);
	});

	it('takes a JSON body with a reference by URL', async () => {
		const result = await call<Video>(fake.url, '/videos', { ...json, body: { prompt: 'x', input_reference: { image_url: 'https://example.com/a.png' } } });
		expect(result.status).toBe(200);
		expectMatchesSpec('POST', '/videos', 200, result.body);
	});

	it.each([
		['no prompt', { seconds: '4' }, [], /Missing required parameter: 'prompt'/],
		['an unknown model', { prompt: 'x', model: 'sora-9' }, [], /Invalid value for 'model'/],
		['6 seconds', { prompt: 'x', seconds: '6' }, [], /Invalid value for 'seconds'/],
		['a pro size with sora-2', { prompt: 'x', size: '1024x1792' }, [], /only supported by sora-2-pro/],
		['an unknown parameter', { prompt: 'x', quality: 'hd' }, [], /Unknown parameter: 'quality'/],
		['a reference image of another size', { prompt: 'x' }, [{ field: 'input_reference', data: encodePng(64, 64, { r: 0, g: 0, b: 0, a: 255 }), name: 'a.png', type: 'image/png' }], /must match the requested size 720x1280/],
		['a reference that is not an image', { prompt: 'x' }, [{ field: 'input_reference', data: Buffer.from('%PDF-1.4'), name: 'a.pdf', type: 'application/pdf' }], /unsupported mimetype/],
	])('with %s is a spec error response', async (_name, fields, files, message) => {
		const result = await postForm('/videos', fields as Record<string, string>, files);
		expect(result.status).toBe(400);
		expectMatchesSpec('POST', '/videos', 400, result.body);
		expect((result.body.error as { message: string }).message).toMatch(message);
	});

	it('without a key is a 401', async () => {
		const result = await call(fake.url, '/videos', { body: { prompt: 'x' } });
		expect(result.status).toBe(401);
		expectMatchesSpec('POST', '/videos', 401, result.body);
	});
});

describe('content', () => {
	it('is a real MP4 of the requested size and duration, a thumbnail and a spritesheet, in content types the spec declares', async () => {
		const declared = Object.keys(
			(loadOpenApiSpec().paths['/videos/{video_id}/content'].get.responses?.['200'] as { content: Record<string, unknown> }).content,
		);
		const video = await create({ prompt: 'x', model: 'sora-2', size: '1280x720', seconds: '12' });
		finish();
		const mp4 = await content(video.id);
		expect(mp4.status).toBe(200);
		expect(mp4.contentType).toBe('video/mp4');
		expect(readMp4Info(mp4.data)).toEqual({ boxes: ['ftyp', 'moov', 'mdat'], width: 1280, height: 720, durationSeconds: 12, frames: 288, codec: 'avc1', samplesInMdat: true });
		expect((await content(video.id, 'video')).data.equals(mp4.data)).toBe(true);
		const thumbnail = await content(video.id, 'thumbnail');
		expect(readImageInfo(thumbnail.data)).toMatchObject({ format: 'webp', width: 1280, height: 720 });
		const spritesheet = await content(video.id, 'spritesheet');
		expect(readImageInfo(spritesheet.data)).toMatchObject({ format: 'webp' });
		for (const answer of [mp4, thumbnail, spritesheet]) expect(declared).toContain(answer.contentType);
	});

	it('of an unfinished video, an unknown variant or an unknown video is a spec error response', async () => {
		const video = await create();
		for (const [path, status] of [[`/videos/${video.id}/content`, 400], [`/videos/${video.id}/content?variant=gif`, 400], ['/videos/video_nope/content', 404]] as const) {
			const result = await call(fake.url, path, json);
			expect(result.status).toBe(status);
			expectMatchesSpec('GET', '/videos/{video_id}/content', status, result.body);
		}
	});
});

describe('remix, edit, extend', () => {
	it('remix (JSON) keeps the source size, model and length and names its source', async () => {
		const source = await create({ prompt: 'x', model: 'sora-2', size: '1280x720', seconds: '8' });
		const early = await call(fake.url, `/videos/${source.id}/remix`, { ...json, body: { prompt: 'y' } });
		expect(early.status).toBe(400);
		expectMatchesSpec('POST', '/videos/{video_id}/remix', 400, early.body);
		finish();
		const remix = await call<Video>(fake.url, `/videos/${source.id}/remix`, { ...json, body: { prompt: 'Now at night' } });
		expect(remix.status).toBe(200);
		expectMatchesSpec('POST', '/videos/{video_id}/remix', 200, remix.body);
		expect(remix.body).toMatchObject({ status: 'queued', remixed_from_video_id: source.id, size: '1280x720', seconds: '8', model: 'sora-2' });
	});

	it('edit takes a video by ID (multipart `video[id]` or JSON) or an uploaded MP4', async () => {
		const source = await create({ prompt: 'x', seconds: '4' });
		finish();
		const byForm = await postForm('/videos/edits', { prompt: 'Add rain', 'video[id]': source.id });
		expect(byForm.status).toBe(200);
		expectMatchesSpec('POST', '/videos/edits', 200, byForm.body);
		const byJson = await call<Video>(fake.url, '/videos/edits', { ...json, body: { prompt: 'Add snow', video: { id: source.id } } });
		expectMatchesSpec('POST', '/videos/edits', 200, byJson.body);
		const upload = encodeMp4({ width: 1280, height: 720, seconds: 8 });
		const byUpload = await postForm('/videos/edits', { prompt: 'Add fog' }, [{ field: 'video', data: upload, name: 'clip.mp4', type: 'video/mp4' }]);
		expect(byUpload.body).toMatchObject({ size: '1280x720', seconds: '8' });
		const notVideo = await postForm('/videos/edits', { prompt: 'x' }, [{ field: 'video', data: Buffer.from('nope'), name: 'a.mp4', type: 'video/mp4' }]);
		expect(notVideo.status).toBe(400);
		expectMatchesSpec('POST', '/videos/edits', 400, notVideo.body);
	});

	it('extend adds seconds to the stitched total; an unknown length is a 400', async () => {
		const source = await create({ prompt: 'x', seconds: '8' });
		finish();
		const extended = await postForm('/videos/extensions', { prompt: 'Keep going', seconds: '20', 'video[id]': source.id });
		expect(extended.status).toBe(200);
		expectMatchesSpec('POST', '/videos/extensions', 200, extended.body);
		expect(extended.body.seconds).toBe('28');
		const bad = await postForm('/videos/extensions', { prompt: 'x', seconds: '7', 'video[id]': source.id });
		expect(bad.status).toBe(400);
		expectMatchesSpec('POST', '/videos/extensions', 400, bad.body);
		const missing = await call(fake.url, '/videos/extensions', { ...json, body: { prompt: 'x', seconds: '4', video: { id: 'video_nope' } } });
		expect(missing.status).toBe(404);
		expectMatchesSpec('POST', '/videos/extensions', 404, missing.body);
	});
});

describe('list and delete', () => {
	it('lists newest first in pages with `after`, or oldest first', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) {
			ids.push((await create({ prompt: `clip ${i}` })).id);
			fake.clock.advance(1000);
		}
		const first = await call<{ data: Video[]; has_more: boolean; last_id: string }>(fake.url, '/videos?limit=2', json);
		expectMatchesSpec('GET', '/videos', 200, first.body);
		expect(first.body.data.map((video) => video.id)).toEqual([ids[4], ids[3]]);
		expect(first.body.has_more).toBe(true);
		const next = await call<{ data: Video[]; has_more: boolean }>(fake.url, `/videos?limit=10&after=${first.body.last_id}`, json);
		expect(next.body.data.map((video) => video.id)).toEqual([ids[2], ids[1], ids[0]]);
		expect(next.body.has_more).toBe(false);
		const ascending = await call<{ data: Video[] }>(fake.url, '/videos?order=asc&limit=1', json);
		expect(ascending.body.data[0].id).toBe(ids[0]);
		const empty = await call(fake.url, '/videos?after=video_gone', json);
		expectMatchesSpec('GET', '/videos', 200, empty.body);
		const bad = await call(fake.url, '/videos?limit=500', json);
		expect(bad.status).toBe(400);
		expectMatchesSpec('GET', '/videos', 400, bad.body);
	});

	it('deletes a completed video (then it is gone); an unfinished one is a 400', async () => {
		const video = await create();
		const early = await call(fake.url, `/videos/${video.id}`, { ...json, method: 'DELETE' });
		expect(early.status).toBe(400);
		expectMatchesSpec('DELETE', '/videos/{video_id}', 400, early.body);
		finish();
		const deleted = await call(fake.url, `/videos/${video.id}`, { ...json, method: 'DELETE' });
		expectMatchesSpec('DELETE', '/videos/{video_id}', 200, deleted.body);
		expect(deleted.body).toEqual({ id: video.id, object: 'video.deleted', deleted: true });
		const gone = await call(fake.url, `/videos/${video.id}`, json);
		expect(gone.status).toBe(404);
		expectMatchesSpec('GET', '/videos/{video_id}', 404, gone.body);
	});
});

describe('batch lines on /v1/videos', () => {
	it('start video jobs; the result lines are video objects whose content can be downloaded', async () => {
		Object.assign(batchSettings(fake), { speed: 1000 });
		const lines = [
			{ custom_id: 'a', method: 'POST', url: '/v1/videos', body: { model: 'sora-2', prompt: 'one', seconds: '4' } },
			{ custom_id: 'b', method: 'POST', url: '/v1/videos', body: { model: 'sora-2', prompt: 'two', size: '1024x1792' } },
		];
		const upload = new FormData();
		upload.append('purpose', 'batch');
		upload.append('file', new Blob([lines.map((line) => JSON.stringify(line)).join('\n')]), 'videos.jsonl');
		const file = (await (await fetch(`${fake.url}/files`, { method: 'POST', body: upload, headers: auth })).json()) as { id: string };
		const batch = await call<{ id: string }>(fake.url, '/batches', { ...json, body: { input_file_id: file.id, endpoint: '/v1/videos', completion_window: '24h' } });
		expect(batch.status).toBe(200);
		fake.clock.advance(1000);
		const done = await call<{ status: string; output_file_id: string; error_file_id: string }>(fake.url, `/batches/${batch.body.id}`, json);
		expect(done.body.status).toBe('completed');
		const read = async (id: string) => (await (await fetch(`${fake.url}/files/${id}/content`, { headers: auth })).text()).trim().split('\n').map((line) => JSON.parse(line) as { custom_id: string; response: { status_code: number; body: Video } });
		const [ok] = await read(done.body.output_file_id);
		expect(ok.custom_id).toBe('a');
		expect(validateSchema('VideoResource', ok.response.body).errors).toEqual([]);
		const [failed] = await read(done.body.error_file_id);
		expect(failed).toMatchObject({ custom_id: 'b', response: { status_code: 400 } });
		expect(validateSchema('ErrorResponse', failed.response.body).errors).toEqual([]);
		finish();
		expect((await content(ok.response.body.id)).contentType).toBe('video/mp4');
	});
});

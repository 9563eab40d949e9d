import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { batchSettings } from '../fake-openai/areas/batches';
import { encodePng, readImageInfo } from '../fake-openai/areas/media/imageCodecs';
import { mediaInspector } from '../fake-openai/areas/media/inspect';
import { encodeMp4, readMp4Info } from '../fake-openai/areas/media/videoCodecs';
import { videoSettings } from '../fake-openai/areas/media/videoStore';
import { runWorkflow } from '../harness';
import { binaryBytes, binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';

/**
 * Video (Sora) through the harness against the fake: every operation, the waiting loop (back-off,
 * retry-after, Stop, the maximum wait, failed jobs), downloads into binary properties, bad input
 * named with its parameter and item, and batch lines on /v1/videos.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const run = async (spec: Parameters<typeof workflow>[0], extra: Parameters<typeof runWorkflow>[1] = {}) =>
	await runWorkflow(workflow(spec), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes, ...extra });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const auth = { authorization: `Bearer ${FAKE_KEYS.project}` };

/** A whole job (5 s queued + 60 s rendering) in about `ms` real milliseconds. */
const renderIn = (ms: number) => Object.assign(videoSettings(fake), { speed: 65_000 / ms });
const create = (extra: IDataObject = {}, options: IDataObject = {}) => ({ resource: 'video', operation: 'create', prompt: '={{ $json.prompt }}', ...extra, options });
const wait = (extra: IDataObject = {}) => ({ waitForCompletion: true, pollIntervalSeconds: 0.1, ...extra });
const videoRequests = (method: string, path: RegExp) => fake.requests.filter((request) => request.method === method && path.test(request.path));

/** A video created straight at the fake (not through the node), finished when `finished`. */
async function seedVideo(fields: Record<string, string> = { prompt: 'a seed clip' }, finished = true): Promise<string> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	const video = (await (await fetch(`${fake.url}/videos`, { method: 'POST', body: form, headers: auth })).json()) as { id: string };
	if (finished) fake.clock.advance(66_000);
	fake.clearRequests();
	mediaInspector(fake).uploads.length = 0;
	return video.id;
}

describe('Video → Create', () => {
	it('returns each job at once, so the items render in parallel', async () => {
		fake.setLatency(400);
		const prompts = ['a fox', 'a hare', 'an owl', 'a lynx'];
		const result = await run({ items: prompts.map((prompt) => ({ prompt })), nodes: [{ parameters: create({ model: 'sora-2-pro', seconds: '8', size: '1792x1024' }) }] });
		expect(result.status).toBe('success');
		const items = result.output('OpenAI');
		expect(items.map((item) => [item.json.status, item.json.prompt, item.json.size, item.json.seconds, item.json.model])).toEqual(prompts.map((prompt) => ['queued', prompt, '1792x1024', '8', 'sora-2-pro']));
		expect(items.map((item) => item.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		// after the first answer (the rate-limit budget is unknown until then) the others are in flight together
		const creates = videoRequests('POST', /^\/v1\/videos$/).slice(1).map((request) => request.startedAt);
		expect(Math.max(...creates) - Math.min(...creates)).toBeLessThan(400);
		expect(videoRequests('GET', /^\/v1\/videos\//)).toHaveLength(0);
		expect(mediaInspector(fake).uploads[0].fields).toEqual({ model: 'sora-2-pro', prompt: 'a fox', seconds: '8', size: '1792x1024' });
	});

	it('sends a reference image of the video size, byte for byte', async () => {
		const still = encodePng(720, 1280, { r: 200, g: 10, b: 10, a: 255 });
		const result = await run({ items: [{ prompt: 'bring it to life', $binary: { still: binarySpec(still, 'still.png', 'image/png') } }], nodes: [{ parameters: create({}, { referenceImage: 'still' }) }] });
		expect(result.status).toBe('success');
		expect(mediaInspector(fake).uploads[0].files).toEqual([{ field: 'input_reference', filename: 'still.png', contentType: 'image/png', bytes: still.length, sha256: sha256(still) }]);
	});

	it('waits, then downloads the MP4 and the previews into the item', async () => {
		renderIn(600);
		const result = await run({ items: [{ prompt: 'a lighthouse' }], nodes: [{ parameters: create({ size: '1280x720', seconds: '12' }, wait({ download: ['video', 'thumbnail', 'spritesheet'], binaryPropertyOutput: 'clip' })) }] });
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		const id = String(item.json.id);
		expect(item.json).toMatchObject({ status: 'completed', progress: 100, size: '1280x720', seconds: '12' });
		expect(item.binary?.clip).toMatchObject({ mimeType: 'video/mp4', fileName: `${id}.mp4` });
		expect(readMp4Info(await binaryBytes(item, 'clip'))).toMatchObject({ width: 1280, height: 720, durationSeconds: 12, codec: 'avc1', samplesInMdat: true });
		expect(item.binary?.thumbnail).toMatchObject({ mimeType: 'image/webp', fileName: `${id}_thumbnail.webp` });
		expect(readImageInfo(await binaryBytes(item, 'thumbnail'))).toMatchObject({ format: 'webp', width: 1280, height: 720 });
		expect(item.binary?.spritesheet).toMatchObject({ mimeType: 'image/webp' });
		expect(videoRequests('POST', /^\/v1\/videos$/)).toHaveLength(1);
		const polls = videoRequests('GET', /^\/v1\/videos\/video_\w+$/);
		expect(polls.length).toBeGreaterThanOrEqual(3);
		// back-off: the n-th pause between polls is at least 100 ms × 1.5^n (a poll is sent after the last answer came)
		const gaps = polls.slice(1).map((poll, index) => poll.startedAt - polls[index].startedAt);
		gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(Math.floor(100 * 1.5 ** (index + 1))));
		expect(videoRequests('GET', /\/content$/).map((request) => request.query.variant)).toEqual(['video', 'thumbnail', 'spritesheet']);
	});

	it("never polls sooner than the server's retry-after", async () => {
		renderIn(1200);
		videoSettings(fake).pollRetryAfterSeconds = 0.5;
		const result = await run({ items: [{ prompt: 'slow' }], nodes: [{ parameters: create({}, wait()) }] });
		expect(result.status).toBe('success');
		const polls = videoRequests('GET', /^\/v1\/videos\/video_\w+$/);
		const gaps = polls.slice(1).map((poll, index) => poll.startedAt - polls[index].startedAt);
		expect(gaps.length).toBeGreaterThanOrEqual(1);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(480);
	});

	it('a rate-limited poll is retried after its retry-after, and the wait goes on', async () => {
		renderIn(400);
		fake.injectFault({ kind: 'rateLimit', retryAfterMs: 300, match: { method: 'GET', path: /^\/v1\/videos\/video_\w+$/ } });
		const result = await run({ items: [{ prompt: 'busy' }], nodes: [{ parameters: create({}, wait()) }] });
		expect(result.status).toBe('success');
		expect(result.output('OpenAI')[0].json.status).toBe('completed');
		const polls = videoRequests('GET', /^\/v1\/videos\/video_\w+$/);
		expect(polls[0].status).toBe(429);
		expect(polls[1].startedAt - polls[0].startedAt).toBeGreaterThanOrEqual(290);
	});

	it('a job that fails is an error naming the video and the reason', async () => {
		renderIn(300);
		const result = await run({ items: [{ prompt: 'moderation-test please' }], nodes: [{ parameters: create({}, wait()) }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toMatch(/^Video video_\w+ failed: Your request was blocked by our moderation system\. \(moderation_blocked\) \[item 0\]$/);
		expect(videoRequests('GET', /\/content$/)).toHaveLength(0);
	});

	it('with Continue On Fail, a failed job is an error item in its place and the others are downloaded', async () => {
		renderIn(300);
		const result = await run({ items: [{ prompt: 'fine' }, { prompt: 'moderation-test' }, { prompt: 'also fine' }], nodes: [{ parameters: create({}, wait()), onError: 'continueRegularOutput' }] });
		const items = result.output('OpenAI');
		expect(items.map((item) => (item.json.error ? 'error' : item.json.status))).toEqual(['completed', 'error', 'completed']);
		expect(items[0].binary?.data?.mimeType).toBe('video/mp4');
		expect(items[1].json.error).toMatch(/failed: .* \[item 1\]$/);
	});

	it('running out of time is an error naming the video, which keeps rendering', async () => {
		const result = await run({ items: [{ prompt: 'long' }], nodes: [{ parameters: create({}, wait({ maxWaitMinutes: 0.01 })) }] });
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI');
		expect(error?.message).toMatch(/^Video video_\w+ is still queued after waiting 0\.01 minutes, 0% done \[item 0\]$/);
		expect(error?.description).toMatch(/Video → Download/);
	});

	it('Stop ends the wait at once', async () => {
		const result = await run({ items: [{ prompt: 'x' }], nodes: [{ parameters: create({}, wait({ pollIntervalSeconds: 5 })) }] }, { cancelAfterMs: 400 });
		expect(result.status).toBe('canceled');
		expect(result.cancellation?.settled).toBe(true);
		expect(result.durationMs).toBeLessThan(2000);
	});

	it("another item's failure ends the wait of the others at once", async () => {
		const result = await run({ items: [{ prompt: 'waits' }, { prompt: '' }], nodes: [{ parameters: create({}, wait({ pollIntervalSeconds: 5 })) }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toBe('The "Prompt" parameter is empty [item 1]');
		expect(result.durationMs).toBeLessThan(3000);
	});

	it('a download that fails after the video was made names the video and never creates it again', async () => {
		renderIn(200);
		fake.injectFault({ kind: 'reset', times: Infinity, match: { path: /\/content$/ } });
		const result = await run({ items: [{ prompt: 'x' }], nodes: [{ parameters: { ...create({}, wait()), requestOptions: { maxRetries: 1 } } }] });
		fake.clearFaults();
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.description).toMatch(/^Video video_\w+ is complete at OpenAI, but downloading its files failed; download them with Video → Download/);
		expect(videoRequests('POST', /^\/v1\/videos$/)).toHaveLength(1);
		expect(videoRequests('GET', /\/content$/)).toHaveLength(2); // the SDK's retry, nothing more
	});

	it.each([
		['an empty prompt', { prompt: '={{ "" }}' }, {}, 'The "Prompt" parameter is empty [item 0]'],
		['a prompt over 32,000 characters', { prompt: 'x'.repeat(32_001) }, {}, 'The "Prompt" parameter has 32001 characters; OpenAI accepts at most 32000 [item 0]'],
		['a pro size with Sora 2', { prompt: 'x', size: '1024x1792' }, {}, 'The "Size" 1024x1792 needs Sora 2 Pro; the "Model" is sora-2 [item 0]'],
		['6 seconds from an expression', { prompt: 'x', seconds: '={{ "6" }}' }, {}, 'The "Seconds" parameter is "6", which OpenAI does not accept here [item 0]'],
		['an empty model', { prompt: 'x', model: '={{ "" }}' }, {}, 'The "Model" parameter is empty [item 0]'],
		['a max wait of 0', { prompt: 'x' }, wait({ maxWaitMinutes: 0 }), 'The "Max Wait (Minutes)" option must be between 0.01 and 1440, not 0 [item 0]'],
		['no file to download', { prompt: 'x' }, wait({ download: [] }), 'The "Download" option is empty [item 0]'],
		['the video put where the thumbnail goes', { prompt: 'x' }, wait({ download: ['video', 'thumbnail'], binaryPropertyOutput: 'thumbnail' }), '"Put Video in Field" is "thumbnail", where the thumbnail goes too [item 0]'],
	])('refuses %s before any request', async (_name, parameters, options, message) => {
		const result = await run({ items: [{}], nodes: [{ parameters: { resource: 'video', operation: 'create', ...parameters, options } }] });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it.each([
		['of another size', binarySpec(encodePng(64, 64, { r: 1, g: 1, b: 1, a: 255 }), 'small.png', 'image/png'), 'The image in "Reference Image" ("small.png") is 64x64; it must be the video\'s size, 720x1280 [item 0]'],
		['that is not an image', binarySpec(Buffer.from('%PDF-1.4'), 'doc.pdf', 'application/pdf'), 'The file in "Reference Image" ("doc.pdf", application/pdf) is not one of the image files (PNG, JPEG, WebP) this operation accepts [item 0]'],
		['whose bytes are not an image', binarySpec(Buffer.from('not a png at all'), 'fake.png', 'image/png'), 'The file in "Reference Image" ("fake.png") is not a PNG, JPEG or WebP image [item 0]'],
	])('refuses a reference image %s before any request', async (_name, file, message) => {
		const result = await run({ items: [{ prompt: 'x', $binary: { data: file } }], nodes: [{ parameters: create({}, { referenceImage: 'data' }) }] });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('a missing reference image names its parameter', async () => {
		const result = await run({ items: [{ prompt: 'x' }], nodes: [{ parameters: create({}, { referenceImage: 'still' }) }] });
		expect(result.nodeError('OpenAI')?.message).toBe('No binary property "still" for the "Reference Image" parameter [item 0]');
	});

	it("OpenAI's own refusals reach the user with their message and item", async () => {
		const result = await run({ items: [{ prompt: 'x' }], nodes: [{ parameters: create({ model: 'sora-9' }) }] });
		expect(result.nodeError('OpenAI')?.message).toMatch(/^OpenAI: Invalid value for 'model': 'sora-9'\. .* \[item 0\]$/);
	});
});

describe('Video → Remix, Edit, Extend', () => {
	it('remixes a completed video and waits for the remix', async () => {
		const source = await seedVideo({ prompt: 'day', size: '1280x720', seconds: '8' });
		renderIn(300);
		const result = await run({ items: [{ id: source }], nodes: [{ parameters: { resource: 'video', operation: 'remix', videoId: '={{ $json.id }}', prompt: 'night', options: wait() } }] });
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ status: 'completed', remixed_from_video_id: source, prompt: 'night', size: '1280x720', seconds: '8' });
		expect(readMp4Info(await binaryBytes(item))).toMatchObject({ width: 1280, height: 720, durationSeconds: 8 });
		expect(videoRequests('POST', /\/remix$/)[0].body).toEqual({ prompt: 'night' });
	});

	it('edits a video by ID', async () => {
		const source = await seedVideo();
		const result = await run({ items: [{}], nodes: [{ parameters: { resource: 'video', operation: 'edit', source: 'videoId', videoId: source, prompt: 'add rain' } }] });
		expect(result.output('OpenAI')[0].json).toMatchObject({ status: 'queued', prompt: 'add rain' });
		expect(mediaInspector(fake).uploads[0]).toMatchObject({ path: '/v1/videos/edits', fields: { prompt: 'add rain', 'video[id]': source }, files: [] });
	});

	it('edits an MP4 from the item, uploaded byte for byte', async () => {
		const mp4 = encodeMp4({ width: 720, height: 1280, seconds: 4 });
		const result = await run({ items: [{ $binary: { data: binarySpec(mp4, 'clip.mp4', 'video/mp4') } }], nodes: [{ parameters: { resource: 'video', operation: 'edit', source: 'binary', prompt: 'add fog' } }] });
		expect(result.output('OpenAI')[0].json).toMatchObject({ status: 'queued', size: '720x1280', seconds: '4' });
		expect(mediaInspector(fake).uploads[0].files).toEqual([{ field: 'video', filename: 'clip.mp4', contentType: 'video/mp4', bytes: mp4.length, sha256: sha256(mp4) }]);
	});

	it('extends a video by 20 seconds, to the stitched total', async () => {
		const source = await seedVideo({ prompt: 'start', seconds: '8' });
		const result = await run({ items: [{}], nodes: [{ parameters: { resource: 'video', operation: 'extend', videoId: source, prompt: 'and then', seconds: '20' } }] });
		expect(result.output('OpenAI')[0].json).toMatchObject({ status: 'queued', seconds: '28' });
		expect(mediaInspector(fake).uploads[0].fields).toEqual({ prompt: 'and then', seconds: '20', 'video[id]': source });
	});

	it.each([
		['an edit of a file that is not an MP4', { operation: 'edit', source: 'binary', prompt: 'x' }, 'The file in "Input Data Field Name" ("notes.txt", text/plain) is not one of the MP4 videos this operation accepts [item 0]'],
		['an edit without a video ID', { operation: 'edit', source: 'videoId', videoId: ' ', prompt: 'x' }, 'The "Video ID" parameter is empty [item 0]'],
		['a remix of a file ID', { operation: 'remix', videoId: 'file-abc', prompt: 'x' }, 'The "Video ID" parameter holds another kind of ID ("file-abc"), not a video ID [item 0]'],
		['an extension of 7 seconds', { operation: 'extend', videoId: 'video_1', prompt: 'x', seconds: '={{ 7 }}' }, 'The "Seconds" parameter is 7, which OpenAI does not accept here [item 0]'],
		['an unknown source', { operation: 'extend', source: '={{ "url" }}', videoId: 'video_1', prompt: 'x', seconds: '4' }, 'The "Source" parameter is "url" [item 0]'],
	])('refuses %s before any request', async (_name, parameters, message) => {
		const result = await run({ items: [{ $binary: { data: binarySpec(Buffer.from('hello'), 'notes.txt', 'text/plain') } }], nodes: [{ parameters: { resource: 'video', ...parameters } }] });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it("remixing a video that is not finished is OpenAI's 400, with its message", async () => {
		const source = await seedVideo({ prompt: 'x' }, false);
		const result = await run({ items: [{}], nodes: [{ parameters: { resource: 'video', operation: 'remix', videoId: source, prompt: 'y' } }] });
		expect(result.nodeError('OpenAI')?.message).toBe(`OpenAI: Video '${source}' is queued; only completed videos can be used here. [item 0]`);
	});
});

describe('Video → Get, Get Many, Download, Delete', () => {
	it('gets a video with its progress', async () => {
		const id = await seedVideo({ prompt: 'x' }, false);
		fake.clock.advance(20_000);
		const result = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'video', operation: 'get', videoId: '={{ $json.id }}' } }] });
		expect(result.output('OpenAI')[0].json).toMatchObject({ id, status: 'in_progress', progress: 25 });
	});

	it('lists up to the limit, oldest first, or all of them following the pages', async () => {
		const ids: string[] = [];
		for (let index = 0; index < 105; index++) {
			ids.push(await seedVideo({ prompt: `clip ${index}` }, false));
			fake.clock.advance(1000);
		}
		const limited = await run({ nodes: [{ parameters: { resource: 'video', operation: 'getAll', limit: 3, filters: { order: 'asc' } } }] });
		expect(limited.output('OpenAI').map((item) => item.json.id)).toEqual(ids.slice(0, 3));
		expect(fake.requests[0].query).toEqual({ limit: '3', order: 'asc' });
		fake.clearRequests();
		const all = await run({ nodes: [{ parameters: { resource: 'video', operation: 'getAll', returnAll: true } }] });
		expect(all.output('OpenAI').map((item) => item.json.id)).toEqual([...ids].reverse());
		const pages = fake.requests.filter((request) => request.path === '/v1/videos');
		expect(pages.map((page) => page.query)).toEqual([{ limit: '100' }, { limit: '100', after: ids[5] }]);
	});

	it('a page that says there is more but names no cursor is an error, not a silently short list', async () => {
		fake.injectFault({ kind: 'status', status: 200, body: { object: 'list', data: [{ id: 'video_1', object: 'video', status: 'completed' }], first_id: 'video_1', last_id: null, has_more: true }, match: { path: '/v1/videos' } });
		const result = await run({ nodes: [{ parameters: { resource: 'video', operation: 'getAll', returnAll: true } }] });
		expect(result.nodeError('OpenAI')?.message).toBe('The server said GET /videos has more pages but gave no cursor to the next one [item 0]');
	});

	it('downloads a completed video, or only its thumbnail, into the field asked for', async () => {
		const id = await seedVideo({ prompt: 'x', size: '720x1280', seconds: '4' });
		const result = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'video', operation: 'download', videoId: '={{ $json.id }}', options: { binaryPropertyOutput: 'movie' } } }] });
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ id, status: 'completed' });
		expect(item.binary?.movie).toMatchObject({ mimeType: 'video/mp4', fileName: `${id}.mp4`, fileExtension: 'mp4' });
		const bytes = await binaryBytes(item, 'movie');
		const direct = Buffer.from(await (await fetch(`${fake.url}/videos/${id}/content`, { headers: auth })).arrayBuffer());
		expect(sha256(bytes)).toBe(sha256(direct));
		const thumbnail = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'video', operation: 'download', videoId: '={{ $json.id }}', download: ['thumbnail'] } }] });
		expect(Object.keys(thumbnail.output('OpenAI')[0].binary ?? {})).toEqual(['thumbnail']);
	});

	it('downloading a video that is still rendering, or failed, says so', async () => {
		const rendering = await seedVideo({ prompt: 'x' }, false);
		fake.clock.advance(35_000);
		const early = await run({ items: [{}], nodes: [{ parameters: { resource: 'video', operation: 'download', videoId: rendering } }] });
		expect(early.nodeError('OpenAI')?.message).toBe(`Video ${rendering} is still in_progress (50%); its files are not ready yet [item 0]`);
		const failed = await seedVideo({ prompt: 'moderation-test' });
		const result = await run({ items: [{}], nodes: [{ parameters: { resource: 'video', operation: 'download', videoId: failed } }] });
		expect(result.nodeError('OpenAI')?.message).toBe(`Video ${failed} failed: Your request was blocked by our moderation system. (moderation_blocked) [item 0]`);
	});

	it('deletes a video; then it is gone', async () => {
		const id = await seedVideo();
		const deleted = await run({ items: [{}], nodes: [{ parameters: { resource: 'video', operation: 'delete', videoId: id } }] });
		expect(deleted.output('OpenAI')[0].json).toEqual({ id, object: 'video.deleted', deleted: true });
		const again = await run({ items: [{}], nodes: [{ parameters: { resource: 'video', operation: 'get', videoId: id } }] });
		const error = again.nodeError('OpenAI') as { message?: string; httpCode?: string } | undefined;
		expect(error?.message).toBe(`OpenAI: Video with id '${id}' not found. [item 0]`);
		expect(error?.httpCode).toBe('404');
	});
});

describe('Batch → Create From Items on /v1/videos', () => {
	it('each item is one Video → Create line; the results are jobs that Video → Download fetches', async () => {
		Object.assign(batchSettings(fake), { speed: 400 });
		const result = await run({
			items: [{ prompt: 'a red kite' }, { prompt: 'a blue kite' }],
			nodes: [
				{
					parameters: {
						resource: 'batch',
						operation: 'createFromItems',
						endpoint: '/v1/videos',
						model: 'sora-2',
						prompt: '={{ $json.prompt }}',
						seconds: '8',
						size: '1280x720',
						batchOptions: { waitForCompletion: true, pollIntervalSeconds: 0.1 },
					},
				},
			],
		});
		expect(result.status).toBe('success');
		const lines = result.output('OpenAI');
		expect(lines.map((line) => [line.json.status, (line.json.response as IDataObject).object, (line.json.response as IDataObject).prompt])).toEqual([
			['succeeded', 'video', 'a red kite'],
			['succeeded', 'video', 'a blue kite'],
		]);
		const upload = mediaInspector(fake).uploads.find((entry) => entry.path === '/v1/files');
		expect(upload?.files[0].filename).toBe('n8n-batch-2-requests.jsonl');
		const input = fake.requests.find((request) => request.method === 'POST' && request.path === '/v1/batches');
		expect(input?.body).toMatchObject({ endpoint: '/v1/videos' });

		fake.clock.advance(66_000);
		const id = (lines[0].json.response as IDataObject).id;
		const download = await run({ items: [{ id }], nodes: [{ parameters: { resource: 'video', operation: 'download', videoId: '={{ $json.id }}' } }] });
		expect(readMp4Info(await binaryBytes(download.output('OpenAI')[0]))).toMatchObject({ width: 1280, height: 720, durationSeconds: 8 });
	});

	it('checks each video line like Video → Create does', async () => {
		const result = await run({
			items: [{ prompt: 'ok' }, { prompt: 'too big' }],
			nodes: [{ parameters: { resource: 'batch', operation: 'createFromItems', endpoint: '/v1/videos', prompt: '={{ $json.prompt }}', size: '={{ $itemIndex ? "1792x1024" : "720x1280" }}' } }],
		});
		expect(result.nodeError('OpenAI')?.message).toBe('The "Size" 1792x1024 needs Sora 2 Pro; the "Model" is sora-2 [item 1]');
		expect(fake.requests).toHaveLength(0);
	});
});

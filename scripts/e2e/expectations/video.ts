import assert from 'node:assert/strict';

import type { AreaContext, FakeOpenAi } from '../../../test/fake-openai';
import { fileStoreFor } from '../../../test/fake-openai/areas/media/fileStore';
import { readImageInfo } from '../../../test/fake-openai/areas/media/imageCodecs';
import { readMp4Info } from '../../../test/fake-openai/areas/media/videoCodecs';
import { videoSettings } from '../../../test/fake-openai/areas/media/videoStore';
import { countCalls, type Expectation } from './context';

/** Video (Sora) and Custom API Call examples. */
export const videoExpectations: Record<string, Expectation> = {
	'video-parallel-download': ({ run, requests, bytes }) => {
		const prompts = run.json('Prompts');
		const videos = run.items('Render the videos in parallel');
		assert.equal(videos.length, prompts.length, 'one video per prompt');
		videos.forEach((video, index) => {
			assert.deepEqual(video.pairedItem, { item: index });
			assert.equal(video.json.status, 'completed');
			assert.equal(video.json.prompt, prompts[index].prompt, `video ${index} is the prompt of its item`);
			const file = video.binary?.data;
			assert.equal(file?.mimeType, 'video/mp4', `video ${index} is an MP4 in binary "data"`);
			const mp4 = readMp4Info(bytes(file));
			assert.deepEqual(mp4 && [mp4.width, mp4.height, mp4.durationSeconds, mp4.codec, mp4.samplesInMdat], [1280, 720, 4, 'avc1', true], `video ${index} is a real 4-second 1280x720 H.264 MP4`);
		});
		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos');
		const polls = requests.filter((r) => r.method === 'GET' && /^\/v1\/videos\/video_\w+$/.test(r.path));
		assert.equal(creates.length, prompts.length);
		assert.ok(polls.length >= prompts.length, 'each video was polled');
		assert.ok(Math.max(...creates.map((r) => r.startedAt)) < Math.min(...polls.map((r) => r.startedAt)), 'all videos started before the first status check: they rendered in parallel');
		const thumbnails = run.items('Download the thumbnails');
		assert.equal(thumbnails.length, prompts.length);
		for (const item of thumbnails) {
			assert.equal(item.binary?.thumbnail?.mimeType, 'image/webp');
			assert.equal(readImageInfo(bytes(item.binary?.thumbnail))?.width, 1280, 'the thumbnail has the size of the video');
		}
		assert.equal(countCalls(requests, 'GET', /^\/v1\/videos\/video_\w+\/content$/), 2 * prompts.length, 'one MP4 and one thumbnail download per video');
	},

	'custom-api-call-pages': ({ run, requests }) => {
		const files = run.items('List every file, page by page');
		assert.equal(files.length, 150, 'one item per file, across pages');
		assert.equal(new Set(files.map((item) => item.json.id)).size, 150, 'no file twice');
		assert.deepEqual(run.json('Total size')[0].files, 150);
		const pages = requests.filter((r) => r.method === 'GET' && r.path === '/v1/files');
		assert.equal(pages.length, 2, 'two pages of 100');
		assert.deepEqual(pages[0].query, { purpose: 'user_data', limit: '100' });
		assert.equal(pages[1].query.after, files[99].json.id, 'the second page starts after the last file of the first');
	},
};

/** Prepares the fake for an example after it was reset. */
export const videoFakeSetup: Record<string, (fake: FakeOpenAi) => void> = {
	'video-parallel-download': (fake) => {
		videoSettings({ clock: fake.clock }).speed = 65; // a 65-second render in one second
	},
	'custom-api-call-pages': (fake) => {
		const store = fileStoreFor({ clock: fake.clock } as unknown as AreaContext);
		for (let index = 0; index < 150; index++) store.add(`notes-${String(index).padStart(3, '0')}.txt`, 'user_data', Buffer.from(`note ${index}`), 'text/plain');
	},
};

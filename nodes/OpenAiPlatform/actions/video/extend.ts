import type { IDataObject } from 'n8n-workflow';
import type { VideoExtendParams } from 'openai/resources/videos';

import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VIDEO, videoShape } from './answer';
import { readSourceVideo, sourceProperties } from './videoInputs';
import { finishJob, jobOptionsProperty, readJobOptions } from './videoJob';
import { EXTENSION_SECONDS, promptProperty, readChoice, readVideoPrompt } from './videoParameters';

export const extendVideo: ItemOperation = {
	value: 'extend',
	name: 'Extend',
	action: 'Extend a video',
	description: 'Make a longer video: a completed video or an MP4 continued for more seconds',
	properties: [
		...sourceProperties('extend'),
		promptProperty('What happens next, e.g. "The cat takes a bow as the curtain falls"'),
		{
			displayName: 'Seconds',
			name: 'seconds',
			type: 'options',
			default: '4',
			options: EXTENSION_SECONDS.map((value) => ({ name: `${value} Seconds`, value })),
			description: 'Length of the new part; the result is the whole video, this much longer',
		},
		jobOptionsProperty(),
	],
	async execute(ctx) {
		const { n8n, transport, itemIndex } = ctx;
		const prompt = readVideoPrompt(n8n, itemIndex);
		const seconds = readChoice(n8n, itemIndex, 'seconds', 'Seconds', EXTENSION_SECONDS, '4');
		const job = readJobOptions(n8n, itemIndex, n8n.getNodeParameter('options', itemIndex, {}) as IDataObject);
		const video = await readSourceVideo(n8n, itemIndex);
		// 16 and 20 are extension lengths the API documents; the SDK's type lists only the clip lengths
		const body = { prompt, video, seconds } as unknown as VideoExtendParams;
		const created = await checkedCall(transport.client.videos.extend(body), videoShape, VIDEO);
		return await finishJob(ctx, created, job);
	},
};
